from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "terugkeer.mentoring"
    label = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        from terugkeer.mentoring import access, extensions

        access.register()
        extensions.register()
        from terugkeer.mentoring import personal_data

        personal_data.register_all()
        # Register this app's signals with core (core never imports upward).
        from terugkeer.mentoring import signal_providers  # noqa: F401
