import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "terugkeer.config.settings",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "terugkeer.example.nl",
    "DATABASE_URL": "postgres://terugkeer:geheim@db.example.nl:5432/terugkeer",
    "PATH": "/usr/bin:/bin",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_security_headers_and_content_security_policy_are_sent():
    response = Client().get("/account/inloggen/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_are_dutch_by_default():
    content = Client().get("/account/inloggen/").content.decode()
    assert '<html lang="nl">' in content
    assert "E-mailadres" in content and "Wachtwoord" in content


def test_production_cookies_are_secure_and_same_site():
    # The language cookie too (issue 11): Secure and SameSite like the session cookie.
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE, s.SESSION_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=PRODUCTION_ENV,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.stdout.split() == ["True", "Lax", "True"], result.stderr


@pytest.mark.django_db
def test_no_language_switch_is_offered_without_a_complete_translation():
    """Issue 12: the footer offered "English" while no English catalogue existed."""
    from django.conf import settings

    html = Client().get("/account/inloggen/").content.decode()

    assert [code for code, _name in settings.LANGUAGES] == ["nl"]
    assert 'name="language"' not in html
    assert 'rel="icon"' in html
