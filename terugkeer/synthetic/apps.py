from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyntheticConfig(AppConfig):
    """Synthetic datasets at national scale for benchmarks and load runs (never real persons)."""

    name = "terugkeer.synthetic"
    label = "synthetic"
    verbose_name = _("Synthetische gegevens")
