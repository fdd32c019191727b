from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "terugkeer.partners"
    label = "partners"
    verbose_name = _("Ketenpartners")

    def ready(self) -> None:
        from terugkeer.partners import access, agenda, extensions, reports

        access.register()
        extensions.register()
        agenda.register_providers()
        reports.register()
        from terugkeer.partners import personal_data

        personal_data.register_all()
        # Register this app's signals with core (core never imports upward).
        from terugkeer.partners import signal_providers  # noqa: F401
