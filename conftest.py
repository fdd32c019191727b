"""Project-wide pytest setup: shared fixtures and the CI rule that nothing may be skipped."""

import os

import pytest

from terugkeer.testing import login_verified


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return (
        f"terugkeer database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}"
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests hash with MD5 (Django's advice for test suites): every factory user and every login
    would otherwise cost a PBKDF2 of a million rounds, and so would every API client's secret.
    Production keeps Django's default hashers; nothing in the suite tests the hash itself."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The reason given to a ``postgresql`` test skipped on SQLite; the CI rule below lets exactly these
# skips pass, because the PostgreSQL pass of the same run executes them.
NEEDS_POSTGRESQL = "needs PostgreSQL: runs in the PostgreSQL pass (make test-postgres)"


def _on_postgresql() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_collection_modifyitems(config, items):
    """A transactional test must restore the migrations' reference data after its flush.

    Tests marked ``postgresql`` (real concurrent transactions) are skipped on SQLite.
    """
    on_postgresql = _on_postgresql()
    for item in items:
        if item.get_closest_marker("postgresql") and not on_postgresql:
            item.add_marker(pytest.mark.skip(reason=NEEDS_POSTGRESQL))
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True) so the "
                "reference data loaded by migrations survives the flush"
            )


# The database contents serialized when the test databases were created, per alias. Django keeps
# them on the connection object; once Playwright's event loop runs in the test thread, Django may
# hand out a fresh connection object without them, and a serialized_rollback test would then
# silently skip restoring the reference data a previous transactional test flushed.
_SERIALIZED_CONTENTS: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            _SERIALIZED_CONTENTS[connection.alias] = contents


def _restore_serialized_contents(item) -> None:
    """Put the serialized contents back on the connection objects of a serialized_rollback test.

    Both at setup (restore the data) and at teardown (the flush then leaves content types to the
    restore instead of recreating them with new keys).
    """
    marker = item.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("serialized_rollback") and _SERIALIZED_CONTENTS):
        return
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    for alias, contents in _SERIALIZED_CONTENTS.items():
        if getattr(connections[alias], "_test_serialized_contents", None) is None:
            connections[alias]._test_serialized_contents = contents
    # A flush may have given the content types new keys; the process-wide cache must not hand
    # out the old ones (an access-log row would then name a content type that no longer exists).
    ContentType.objects.clear_cache()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _restore_serialized_contents(item)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    _restore_serialized_contents(item)


def _unexpected_skips(reporter) -> list:
    """Skipped tests, except PostgreSQL-only tests on the SQLite pass."""
    return [
        report
        for report in reporter.stats.get("skipped", [])
        if NEEDS_POSTGRESQL not in str(getattr(report, "longrepr", ""))
    ]


def _generated_requests(reporter) -> list[tuple[str, int]]:
    """``(test, count)`` of the tests that sent generated requests (schemathesis, api app): the
    count is a user property of the test's teardown report, which xdist carries to this process."""
    found = {}
    for reports in reporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == "schemathesis_generated_requests":
                    found[report.nodeid] = value
    return sorted(found.items())


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for nodeid, count in _generated_requests(terminalreporter):
        terminalreporter.write_line(f"schemathesis: {count} generated requests ({nodeid})")
    skipped = _unexpected_skips(terminalreporter)
    if os.environ.get("CI") and skipped:
        terminalreporter.write_line(
            f"CI: {len(skipped)} test(s) skipped; in CI every component must be present.",
            red=True,
        )


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI") and reporter and _unexpected_skips(reporter):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def verified_client(client):
    """Returns a function that logs a user in with both factors: ``verified_client(user, org)``."""

    def _login(user, organisation=None):
        return login_verified(client, user, organisation)

    return _login


from terugkeer.e2e_support import browser, page  # noqa: E402,F401  (shared Playwright fixtures)
