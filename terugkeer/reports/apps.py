from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "terugkeer.reports"
    label = "reports"
    verbose_name = _("Monitor en rapportages")

    def ready(self) -> None:
        # The dashboard on the home page (core never imports upward).
        from terugkeer.core import home_panels
        from terugkeer.reports.dashboard import dashboard_panel

        home_panels.register(dashboard_panel)
        from terugkeer.reports import navigation

        navigation.register()
