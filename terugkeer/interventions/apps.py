from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterventionsConfig(AppConfig):
    name = "terugkeer.interventions"
    label = "interventions"
    verbose_name = _("Interventies en Noodfonds")

    def ready(self) -> None:
        from terugkeer.interventions import access, extensions, reports

        access.register()
        extensions.register()
        reports.register()
        from terugkeer.interventions import personal_data

        personal_data.register_all()
        # Register this app's signals with core (core never imports upward).
        from terugkeer.interventions import signal_providers  # noqa: F401
