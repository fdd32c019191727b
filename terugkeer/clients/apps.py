from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "terugkeer.clients"
    label = "clients"
    verbose_name = _("Cliënten")

    def ready(self) -> None:
        from terugkeer.clients import access

        access.register()
        from terugkeer.clients import personal_data

        personal_data.register_all()
