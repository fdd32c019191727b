"""Shared plumbing of ``tools/bench.py`` and ``tools/load.py``.

A throwaway PostgreSQL cluster with a generated dataset, gunicorn on 127.0.0.1 in production-like
mode (DEBUG off, a real secret, no demo shortcut), and a small HTTP client that logs in like a
person does: e-mail and password, then the TOTP code of the user's device.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

PROJECT_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = PROJECT_DIR / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
sys.path.insert(0, str(PROJECT_DIR / "tools"))
sys.path.insert(0, str(PROJECT_DIR))

from pgcluster import find_bin_dir, throwaway_cluster  # noqa: E402


def production_like_env(database_url: str, var_dir: str) -> dict[str, str]:
    """The environment of every subprocess: production settings, relaxed only for plain HTTP."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "terugkeer.config.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "TERUGKEER_DEBUG": "0",
        "TERUGKEER_TWO_FACTOR_DEMO": "0",
        "TERUGKEER_SSL_REDIRECT": "0",
        "TERUGKEER_SECURE_COOKIES": "0",
        "TERUGKEER_HSTS_SECONDS": "0",
        "TERUGKEER_STATIC_MANIFEST": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TERUGKEER_VAR_DIR": var_dir,
        "TERUGKEER_LOG_LEVEL": "WARNING",
        "TERUGKEER_BENCH": "1",
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Environment:
    database_url: str
    env: dict[str, str]
    generation_seconds: float = 0.0
    generation_output: str = ""


@contextlib.contextmanager
def dataset_environment(*, scale: str, seed: int) -> Iterator[Environment]:
    """A throwaway cluster, migrated and loaded with ``scale``; removed afterwards."""
    if find_bin_dir() is None:
        raise SystemExit(
            "PostgreSQL binaries (pg_ctl, initdb) not found: apt-get install postgresql"
        )
    extra = {"shared_buffers": "512MB", "work_mem": "32MB", "max_connections": "300"}
    with throwaway_cluster(extra) as url, tempfile.TemporaryDirectory() as var_dir:
        port = url.rsplit(":", 1)[1].split("/")[0]
        subprocess.run(
            [
                str(find_bin_dir() / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                port,
                "-U",
                "postgres",
                "terugkeer",
            ],
            check=True,
        )
        env = production_like_env(url, var_dir)
        manage = [PYTHON, str(PROJECT_DIR / "manage.py")]
        print(f"== PostgreSQL at {url}; migrating", flush=True)
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
        print(f"== generate_dataset --scale {scale} --seed {seed}", flush=True)
        started = time.perf_counter()
        generated = subprocess.run(
            [*manage, "generate_dataset", "--scale", scale, "--seed", str(seed)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        print(generated.stdout, flush=True)
        os.environ.update(env)  # this process reads the database too (keys, ids, names)
        import django

        django.setup()
        yield Environment(url, env, seconds, generated.stdout)


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log_path: Path

    def worker_pids(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    pids.append(int(stat.parent.name))
        return pids

    def peak_rss_mb(self) -> dict[str, float]:
        """VmHWM (peak resident set) of the master and of the largest worker, in MB."""

        def hwm(pid: int) -> float:
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
            return 0.0

        workers = [hwm(pid) for pid in self.worker_pids()]
        return {
            "master": round(hwm(self.process.pid), 1),
            "worker_max": round(max(workers, default=0.0), 1),
            "workers": len(workers),
        }


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int, threads: int = 1) -> Iterator[Server]:
    """gunicorn on 127.0.0.1 serving the measuring WSGI app; stopped on exit."""
    port = _free_port()
    log_path = Path(env["TERUGKEER_VAR_DIR"]) / "gunicorn.log"
    command = [
        str(VENV_BIN / "gunicorn"),
        "-c",
        "python:terugkeer.config.gunicorn_conf",  # production settings; the options below win
        "terugkeer.synthetic.bench_wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        "900",
        "--backlog",
        "512",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, env=env, cwd=PROJECT_DIR, stdout=log, stderr=log)
    server = Server(port, process, log_path)
    try:
        deadline = time.time() + 60
        while True:
            try:
                status, _h, _b, _t = Browser(port).get("/health/")
                if status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.time() > deadline:
                raise SystemExit(f"gunicorn did not start; see {log_path}:\n{log_path.read_text()}")
            time.sleep(0.3)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    wall_ms: float

    @property
    def app_ms(self) -> float | None:
        match = re.search(r"app;dur=([\d.]+)", self.headers.get("server-timing", ""))
        return float(match.group(1)) if match else None

    @property
    def queries(self) -> int | None:
        value = self.headers.get("x-query-count")
        return int(value) if value else None


@dataclass
class Browser:
    """One user agent: a keep-alive connection and a cookie jar."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 900

    def __post_init__(self) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST" and "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                raw = self.connection.getresponse()
                data = raw.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # gunicorn closed an idle keep-alive connection; reconnect once.
                self.connection.close()
                if attempt == 2:
                    raise
        wall_ms = (time.perf_counter() - started) * 1000
        response_headers = {k.lower(): v for k, v in raw.getheaders()}
        for key, value in raw.getheaders():
            if key.lower() == "set-cookie":
                cookie = SimpleCookie()
                cookie.load(value)
                for name, morsel in cookie.items():
                    self.cookies[name] = morsel.value
        return Response(raw.status, response_headers, data, wall_ms)

    def get(self, path: str) -> tuple[int, dict, bytes, float]:
        response = self.request("GET", path)
        return response.status, response.headers, response.body, response.wall_ms

    def post_form(self, path: str, data: dict[str, str]) -> Response:
        return self.request(
            "POST",
            path,
            body=urlencode(data).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def post_file(self, path: str, field_name: str, filename: str, content: bytes) -> Response:
        boundary = "----terugkeer" + uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; '
                f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            "POST",
            path,
            body=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def totp_code(email: str) -> str:
    """The code the user's authenticator shows now (for the next unused time step)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    step = max(totp.t(), device.last_t + 1)
    from django_otp.oath import hotp

    return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"


def login(browser: Browser, email: str, password: str) -> None:
    """Password, then second factor, through the real forms. Raises when it does not work."""
    browser.request("GET", "/account/inloggen/")
    response = browser.post_form("/account/inloggen/", {"username": email, "password": password})
    if response.status != 302:
        raise RuntimeError(f"login of {email} refused ({response.status})")
    browser.request("GET", "/account/tweestapsverificatie/")
    response = browser.post_form("/account/tweestapsverificatie/", {"token": totp_code(email)})
    if response.status != 302:
        raise RuntimeError(f"second factor of {email} refused ({response.status})")


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {"median": 0.0, "p95": 0.0, "max": 0.0}
    p95_index = max(0, min(len(ordered) - 1, round(0.95 * len(ordered) + 0.5) - 1))
    return {
        "median": round(statistics.median(ordered), 1),
        "p95": round(ordered[p95_index], 1),
        "max": round(ordered[-1], 1),
    }


def machine_info() -> dict[str, str]:
    import platform

    import django

    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GB"
    postgres = subprocess.run(
        [str(find_bin_dir() / "postgres"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgres,
    }


def dump_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
