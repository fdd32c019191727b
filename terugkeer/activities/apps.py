from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "terugkeer.activities"
    label = "activities"
    verbose_name = _("Activiteiten")

    def ready(self) -> None:
        from terugkeer.activities import access, extensions, reports

        access.register()
        extensions.register()
        reports.register()
        from terugkeer.activities import personal_data

        personal_data.register_all()
