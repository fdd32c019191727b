"""The ``Server`` header of a real gunicorn with Terugkeer's config names no software (issue 11)."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "SECRET_KEY": "server-header-test",
        "TERUGKEER_VAR_DIR": str(tmp_path),
        "TERUGKEER_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "terugkeer.config.settings",
    }
    command = [
        str(GUNICORN),
        "-c",
        "python:terugkeer.config.gunicorn_conf",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "terugkeer.config.wsgi",
    ]
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=output, stderr=output)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get(port, "/health/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_server_header_names_no_software_or_version(server):
    # A page of the app and a 404 both go through gunicorn's response writer.
    for path in ("/health/", "/bestaat-niet/"):
        response = _get(server, path)

        assert response.getheader("Server") == "Terugkeer"
        assert "gunicorn" not in str(response.headers).lower()
