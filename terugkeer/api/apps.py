from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "terugkeer.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from terugkeer.api import schema  # noqa: F401  (OpenAPI extensions register on import)
