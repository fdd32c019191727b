"""Run requests at the same moment, each in its own thread with its own database connection.

Used by the race tests (``pytest.mark.postgresql``): each thread stops at the first SQL statement
``collide_at`` accepts and waits on a :class:`threading.Barrier` until every thread got there, so
the statements really run concurrently instead of merely starting close together. A fix that
serialises the requests earlier (a row lock) lets the barrier time out, which is fine: the
threads then go on one after the other, and the test checks the outcome either way.
"""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection

BARRIER_SECONDS = 5


def statement(*fragments: str) -> Callable[[str], bool]:
    """A ``collide_at`` predicate: the SQL contains every fragment (e.g. an INSERT INTO a table)."""
    return lambda sql: all(fragment in sql for fragment in fragments)


def run_at_once(
    calls: list[Callable[[], Any]], *, collide_at: Callable[[str], bool]
) -> tuple[list[Any], bool]:
    """Run ``calls`` in parallel threads; returns their results (or exceptions) and whether all
    threads met at the barrier before the statement ``collide_at`` selects."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    met: list[bool] = []

    def run(index: int, call: Callable[[], Any]) -> None:
        waited = False

        def hold(execute, sql, params, many, context):
            nonlocal waited
            if not waited and collide_at(sql):
                waited = True
                try:
                    barrier.wait(timeout=BARRIER_SECONDS)
                    met.append(True)
                except threading.BrokenBarrierError:
                    pass
            return execute(sql, params, many, context)

        try:
            with connection.execute_wrapper(hold):
                results[index] = call()
        except BaseException as exc:  # reported to the test, never swallowed
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, len(met) == len(calls)
