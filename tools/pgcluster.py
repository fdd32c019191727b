"""Run a command against a throwaway PostgreSQL cluster.

    python tools/pgcluster.py -- pytest -q

starts a fresh cluster in a temporary directory (fsync off, listening on 127.0.0.1 on a free
port), exports DATABASE_URL for the command, and removes the cluster afterwards, whatever the
command's outcome. The tests and ``make bench`` use it.

Why not pytest-postgresql: its executor runs ``initdb``/``pg_ctl`` as the current user, and both
refuse to run as root, which is what CI machines are. This script starts them as the ``postgres``
system user when it runs as root, and is small enough to read in one go.

When no PostgreSQL binaries are found it prints why and exits 0, or 1 when ``CI`` is set: in CI
nothing may be skipped for lack of a component.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

SEARCH_DIRS = [Path("/usr/lib/postgresql") / v / "bin" for v in ("17", "16", "15")]


def find_bin_dir() -> Path | None:
    configured = os.environ.get("PG_BIN_DIR")
    candidates = [Path(configured)] if configured else []
    candidates += SEARCH_DIRS
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(Path(found).resolve().parent)
    for candidate in candidates:
        if (candidate / "pg_ctl").exists() and (candidate / "initdb").exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_as(user: str | None, args: list[str]) -> None:
    command = ["runuser", "-u", user, "--", *args] if user else args
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


@contextlib.contextmanager
def throwaway_cluster(extra_settings: dict[str, str] | None = None) -> Iterator[str]:
    """Yield a DATABASE_URL for a fresh cluster; stop and delete it on exit."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL binaries (pg_ctl, initdb) not found")
    run_user = None
    if os.geteuid() == 0:
        run_user = "postgres"
        try:
            pwd.getpwnam(run_user)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", run_user], check=True)
    base = Path(tempfile.mkdtemp(prefix="terugkeer-pg-"))
    data_dir = base / "data"
    if run_user:
        shutil.chown(base, user=run_user)
    port = _free_port()
    settings = {
        "listen_addresses": "127.0.0.1",
        "port": str(port),
        "unix_socket_directories": str(base),
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "200",
        "shared_buffers": "256MB",
    }
    settings.update(extra_settings or {})
    options = " ".join(f"-c {key}={value}" for key, value in settings.items())
    try:
        _run_as(
            run_user,
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data_dir),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
        )
        _run_as(
            run_user,
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data_dir),
                "-o",
                options,
                "-l",
                str(base / "server.log"),
                "-w",
                "start",
            ],
        )
        yield f"postgres://postgres@127.0.0.1:{port}/terugkeer"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            _run_as(
                run_user, [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "stop"]
            )
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print("usage: pgcluster.py -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    if find_bin_dir() is None:
        print("SKIPPED: PostgreSQL pass – pg_ctl/initdb not found (apt-get install postgresql)")
        return 1 if os.environ.get("CI") else 0
    with throwaway_cluster() as url:
        # The database itself is created by whoever needs it (Django's test runner creates its own).
        subprocess.run(
            [
                str(find_bin_dir() / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                url.rsplit(":", 1)[1].split("/")[0],
                "-U",
                "postgres",
                "terugkeer",
            ],
            check=True,
        )
        print(f"PostgreSQL throwaway cluster at {url}", flush=True)
        env = {**os.environ, "DATABASE_URL": url}
        return subprocess.run(command, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
