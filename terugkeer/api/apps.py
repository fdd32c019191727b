from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "terugkeer.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from terugkeer.api import schema  # noqa: F401  (OpenAPI extensions register on import)
        from terugkeer.api.idempotency import idempotency_records_daily
        from terugkeer.core.daily_jobs import register_daily_job

        register_daily_job("api.idempotency", idempotency_records_daily)
