"""schemathesis against the live schema and the live WSGI app, with a seeded database.

Every operation of ``/api/v1/schema/`` gets generated requests, valid and invalid, sent with a
bearer token of a client that has every scope; each response must be no server error and conform
to the schema (status code, content type, headers, body), and invalid input must be refused. The
number of generated requests is printed in the terminal summary (the root ``conftest.py``).

schemathesis' own pytest loader (``from_fixture``) does not run on pytest 9.2 (it sets the node's
private ``_nodeid``), so the test drives its Hypothesis strategies itself, one operation at a time.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from terugkeer.api.tests.fuzz_world import seeded_world

# Examples per operation and mode: keeps the test near a minute on two cores.
MAX_EXAMPLES = 20
GENERATED_REQUESTS = "schemathesis_generated_requests"

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_world(request):
    """The seeded database; the WSGI handler must not close the test's connection (on
    PostgreSQL it would end the test's transaction). Seeded first: Django's test client (the
    token request) connects ``close_old_connections`` again when it is done."""
    world = seeded_world()
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    world["requests"] = 0
    yield world
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
    request.node.user_properties.append((GENERATED_REQUESTS, world["requests"]))


# Operations whose input has rules a schema cannot state (a melding's elfproef, its required
# fields per kind, the municipality's name): a request valid by the schema may be refused with
# 400, so "valid data is accepted" does not apply; every other check does.
BUSINESS_RULES = {"POST /api/v1/notifications/"}


def _fuzz(operation, mode, world, failures) -> None:
    headers = {"Authorization": f"Bearer {world['token']}"}
    excluded = [positive_data_acceptance] if operation.label in BUSINESS_RULES else []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
    )
    def run(case):
        world["requests"] += 1
        try:
            case.call_and_validate(headers=headers, excluded_checks=excluded)
        except (Exception, BaseExceptionGroup) as failure:  # gathered, reported together below
            failures.append(f"{mode} {operation.label}: {failure}"[:3000])

    try:
        run()
    except Unsatisfiable:
        # Nothing in the operation can be made invalid (no parameters, no body): no negative case.
        assert mode == GenerationMode.NEGATIVE, operation.label


def test_the_api_conforms_to_its_schema(api_world):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", WSGIHandler())
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, api_world, failures)
    assert operations >= 15
    assert not failures, f"{len(failures)} failure(s):\n\n" + "\n\n".join(failures[:15])
