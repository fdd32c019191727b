from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DetentionConfig(AppConfig):
    name = "terugkeer.detention"
    label = "detention"
    verbose_name = _("Detentie")

    def ready(self) -> None:
        from terugkeer.detention import access

        access.register()
        from terugkeer.detention import extensions

        extensions.register()
        from terugkeer.detention import personal_data

        personal_data.register_all()
