"""``make run`` loads the demo with ``seed_demo``: it must load, and its figures must tell the
truth (issue 12: offers in every state, casusregie with partners, triage that changes, help
requests in re-integratie, a Westland organisation, nobody released before the first contact).

The demo is loaded at a fifth of its size here (40 notifications per organisation)."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F

from terugkeer.accounts.models import Organisation, User
from terugkeer.cases import demo as cases_demo
from terugkeer.cases.models import DomainAssessment, DomainSnapshot, Trajectory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_demo_loads_and_tells_the_truth(monkeypatch):
    monkeypatch.setattr(cases_demo, "NOTIFICATIONS_PER_ORGANISATION", 40)
    out = io.StringIO()

    call_command("seed_demo", "--if-empty", stdout=out)

    printed = out.getvalue()
    assert "Demogegevens geladen." in printed
    assert "coordinator@westland.demo.terugkeer.nl" in printed
    assert set(Organisation.objects.values_list("name", flat=True)) >= {
        "Gemeente Leidschendam-Voorburg – Lokale Kamer",
        "Stichting Kocon",
        "Regionaal Coördinatiepunt Nazorg Kennemerland",
        "Gemeente Westland",
    }
    westland = Organisation.objects.get(name="Gemeente Westland")
    assert (
        User.objects.filter(
            memberships__organisation=westland, memberships__role="coordinator"
        ).count()
        == 1
    )
    trajectories = Trajectory.objects.all()
    assert set(trajectories.values_list("offer_status", flat=True)) >= {
        "gedaan",
        "geaccepteerd",
        "afgewezen",
    }
    assert set(trajectories.values_list("lead", flat=True)) >= {"skt", "exodus", "reclassering"}
    assert not trajectories.filter(released_on__isnull=False, first_contact_on__isnull=True)
    assert not trajectories.filter(released_on__lt=F("first_contact_on"))
    assert DomainAssessment.objects.filter(
        trajectory__programme="reintegratie", status="hulpvraag"
    ).exists()
    # Some domain's status differs between two monitor moments of the same trajectory.
    moments: dict[tuple[int, int], set[str]] = {}
    for row in DomainSnapshot.objects.values("trajectory_id", "domain_id", "status"):
        moments.setdefault((row["trajectory_id"], row["domain_id"]), set()).add(row["status"])
    assert any(len(statuses) > 1 for statuses in moments.values())
