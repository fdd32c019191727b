"""The committed OpenAPI schema is the one the code generates; rate limits per client."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from terugkeer.api.tests.factories import ApiClientFactory
from terugkeer.api.tests.helpers import bearer

ROOT = Path(__file__).resolve().parents[3]
COMMITTED = ROOT / "docs" / "api" / "openapi.yaml"


def test_the_committed_schema_is_current(tmp_path):
    generated = tmp_path / "openapi.yaml"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "spectacular",
            "--file",
            str(generated),
            "--validate",
            "--fail-on-warn",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert generated.read_text() == COMMITTED.read_text(), (
        "docs/api/openapi.yaml is stale: run `manage.py spectacular --file docs/api/openapi.yaml"
        " --validate`"
    )


def test_the_schema_names_the_client_credentials_flow():
    text = COMMITTED.read_text()
    assert "clientCredentials:" in text
    assert "tokenUrl: /api/v1/oauth/token/" in text


@pytest.mark.django_db
def test_schema_and_docs_are_served():
    http = Client()
    schema = http.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    docs = http.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert "cdn.jsdelivr.net" in docs["Content-Security-Policy"]
    # Only the documentation page allows the CDN.
    assert "cdn.jsdelivr.net" not in http.get("/account/inloggen/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_client_over_its_rate_gets_429_and_another_client_does_not():
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "api_client": "2/minute"}
    first, second = ApiClientFactory(), ApiClientFactory()
    http_first, http_second = bearer(first), bearer(second)
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates  # the class reads it once, at import
    try:
        cache.clear()
        statuses = [http_first.get("/api/v1/clients/").status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        limited = http_first.get("/api/v1/clients/")
        assert limited["Content-Type"] == "application/problem+json"
        assert limited.json()["title"] == "Te veel verzoeken"
        assert "Retry-After" in limited
        assert http_second.get("/api/v1/clients/").status_code == 200
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
