from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "terugkeer.assessments"
    label = "assessments"
    verbose_name = _("Metingen en vragenlijsten")

    def ready(self) -> None:
        from terugkeer.assessments import access

        access.register()
        from terugkeer.assessments import extensions

        extensions.register()
        from terugkeer.assessments import personal_data

        personal_data.register_all()
        # Register this app's signals with core (core never imports upward).
        from terugkeer.assessments import signal_providers  # noqa: F401
