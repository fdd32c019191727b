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


def pytest_collection_modifyitems(config, items):
    """A transactional test must restore the migrations' reference data after its flush."""
    for item in items:
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


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if os.environ.get("CI") and skipped:
        terminalreporter.write_line(
            f"CI: {len(skipped)} test(s) skipped; in CI every component must be present.",
            red=True,
        )


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI") and reporter and reporter.stats.get("skipped"):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def verified_client(client):
    """Returns a function that logs a user in with both factors: ``verified_client(user, org)``."""

    def _login(user, organisation=None):
        return login_verified(client, user, organisation)

    return _login


from terugkeer.e2e_support import browser, page  # noqa: E402,F401  (shared Playwright fixtures)
