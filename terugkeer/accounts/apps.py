from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "terugkeer.accounts"
    label = "accounts"
    verbose_name = _("Organisaties en gebruikers")

    def ready(self) -> None:
        from terugkeer.accounts import navigation

        navigation.register()
