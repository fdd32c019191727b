from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "terugkeer.housing"
    label = "housing"
    verbose_name = _("Wonen")

    def ready(self) -> None:
        from terugkeer.housing import access, extensions, reports

        access.register()
        extensions.register()
        reports.register()
        from terugkeer.housing import personal_data

        personal_data.register_all()
        # Register this app's signals with core (core never imports upward).
        from terugkeer.housing import signal_providers  # noqa: F401
