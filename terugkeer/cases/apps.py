from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "terugkeer.cases"
    label = "cases"
    verbose_name = _("Trajecten")

    def ready(self) -> None:
        from terugkeer.cases import access

        access.register()
        from terugkeer.cases import navigation

        navigation.register()
        from terugkeer.cases import client_page

        client_page.register()
        from terugkeer.cases import personal_data

        personal_data.register_all()
        # Register this app's signals with core (core never imports upward).
        from terugkeer.cases import signal_providers  # noqa: F401
