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
        from terugkeer.core.page_titles import register_page_title

        # How the access log names the client's pages (for the privacy officer, the inzage).
        register_page_title("clients:detail", _("Cliëntpagina"))
        register_page_title("clients:edit", _("Cliëntgegevens wijzigen"))
