from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "terugkeer.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from terugkeer.core import navigation, selectors

        navigation.register_tiles(selectors.privacy_tiles)
