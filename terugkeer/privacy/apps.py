from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "terugkeer.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from terugkeer.privacy import access, extensions

        access.register()
        extensions.register()
        from terugkeer.privacy import personal_data

        personal_data.register_all()
        from terugkeer.core.daily_jobs import register_daily_job
        from terugkeer.privacy.tasks import retention_enqueue

        register_daily_job("privacy.retention", retention_enqueue)
        # Register this app's signals with core (core never imports upward).
        from terugkeer.privacy import signal_providers  # noqa: F401
