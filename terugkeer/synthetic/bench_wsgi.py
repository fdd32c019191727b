"""The WSGI application for ``make bench`` and ``make load``: Django plus a measuring wrapper.

With ``TERUGKEER_BENCH=1`` every response carries a ``Server-Timing`` header with the time spent
in Django and in the database, and ``X-Query-Count`` with the number of queries, counted with
``connection.execute_wrapper``. Without it this module is the plain application. Production
serves ``terugkeer.config.wsgi`` and never loads this module; settings stay untouched.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable

from django.core.wsgi import get_wsgi_application
from django.db import connections

django_application = get_wsgi_application()


class QueryCounter:
    """An execute wrapper counting queries and the time they take."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started


def measured_application(environ: dict, start_response: Callable) -> Iterable[bytes]:
    """Run Django, adding the measured server time and query count to the response headers."""
    counter = QueryCounter()
    started = time.perf_counter()

    def start_with_timing(status, headers, exc_info=None):
        # Django calls start_response once the response is built, so all queries are counted.
        app_ms = (time.perf_counter() - started) * 1000
        db_ms = counter.seconds * 1000
        headers = [
            *headers,
            ("Server-Timing", f'app;dur={app_ms:.1f}, db;dur={db_ms:.1f};desc="{counter.count}"'),
            ("X-Query-Count", str(counter.count)),
        ]
        return start_response(status, headers, exc_info)

    with contextlib.ExitStack() as stack:
        for alias in connections:
            stack.enter_context(connections[alias].execute_wrapper(counter))
        return django_application(environ, start_with_timing)


application = (
    measured_application if os.environ.get("TERUGKEER_BENCH") == "1" else django_application
)
