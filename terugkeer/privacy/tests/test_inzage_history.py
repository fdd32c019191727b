"""The inzage export's history (what changed when, by whom), attachments and Dutch page names."""

import datetime

import pytest
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.partners.tests.factories import DocumentFactory
from terugkeer.privacy.inzage import client_inzage
from terugkeer.privacy.tests.factories import local, log_read
from terugkeer.privacy.tests.inzage_rows import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(db):
    from terugkeer.accounts.tests.factories import OrganisationFactory

    return OrganisationFactory(foundation=True)


@pytest.fixture
def scope(officer, organisation):
    return Scope(user=officer, organisation=organisation, role=Role.PRIVACY_OFFICER)


@pytest.fixture
def people(organisation):
    anna = ClientFactory(organisation=organisation, first_names="Anna", surname="Aalbersvelde")
    bram = ClientFactory(organisation=organisation, first_names="Bram", surname="Brinkvelde")
    return {
        "anna": anna,
        "bram": bram,
        "anna_rows": fill(anna, notes="Eerste verslag van Anna."),
        "bram_rows": fill(bram, notes="Verslag van Bram."),
    }


@pytest.fixture
def rita(organisation):
    user = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    user.full_name = "Rita Schrijver"
    user.save()
    return user


def test_the_export_says_what_changed_when_and_by_whom(scope, people, rita):
    # Given Anna's contact, created by the factory, then changed by Rita, and her goal deleted
    contact = people["anna_rows"]["cases.Contact"]
    contact._history_user = rita
    contact.notes = "Aangevuld verslag van Anna."
    contact.place = "PI Haaglanden"
    contact.save()
    goal = people["anna_rows"]["cases.Goal"]
    goal._history_user = rita
    goal.delete()
    # And Bram's contact changed too
    other = people["bram_rows"]["cases.Contact"]
    other.notes = "Gewijzigd verslag van Bram."
    other.save()

    changes = client_inzage(scope=scope, client=people["anna"]).changes

    of_contact = [c for c in changes if c.section == "Contactmomenten"]
    assert [(c.kind, c.object_id) for c in of_contact] == [
        ("Aangemaakt", contact.pk),
        ("Gewijzigd", contact.pk),
    ]
    created, changed = of_contact
    assert created.user == "(systeem)"  # the factory saved it outside a request
    assert created.changes == ()
    assert changed.user == "Rita Schrijver"
    assert changed.changes == (
        ("Plaats", "", "PI Haaglanden"),
        ("Gespreksverslag", "Eerste verslag van Anna.", "Aangevuld verslag van Anna."),
    )
    of_goal = [(c.kind, c.user) for c in changes if c.section == "Doelen (plan van aanpak)"]
    assert of_goal == [("Aangemaakt", "(systeem)"), ("Verwijderd", "Rita Schrijver")]
    # Nothing of Bram's history is in Anna's export
    text = client_inzage(scope=scope, client=people["anna"]).json_bytes().decode()
    assert "Gewijzigd verslag van Bram." not in text
    assert "Verslag van Bram." not in text
    assert '"veld": "Gespreksverslag"' in text
    assert '"oud": "Eerste verslag van Anna."' in text


def test_the_export_lists_the_attached_files_by_name_and_date(scope, people):
    # Given a second document on Anna's trajectory, and Bram's document
    trajectory = people["anna_rows"]["cases.Trajectory"]
    DocumentFactory(
        trajectory=trajectory, title="Brief woningcorporatie", original_name="brief.pdf"
    )

    files = client_inzage(scope=scope, client=people["anna"]).files

    today = timezone.localdate().strftime("%d-%m-%Y")
    assert [(f.section, f.title, f.name, f.date) for f in files] == [
        ("Documenten", "D&R-plan", "dr-plan.pdf", today),
        ("Documenten", "Brief woningcorporatie", "brief.pdf", today),
    ]
    text = client_inzage(scope=scope, client=people["anna"]).json_bytes().decode()
    assert '"bestandsnaam": "brief.pdf"' in text


def test_the_reads_name_pages_in_dutch(scope, organisation, people, rita):
    day = timezone.localdate() - datetime.timedelta(days=1)
    anna = people["anna"]
    for minute, page in enumerate(
        ["dossier:overview", "clients:detail", "cases:mine", "dossier:pdf", "onbekend:pagina"]
    ):
        entry = log_read(rita, organisation, anna, at=local(day, 9, minute))
        type(entry).objects.filter(pk=entry.pk).update(page=page)

    reads = client_inzage(scope=scope, client=anna).reads

    # Newest first; a page nobody named keeps its technical name
    assert [r.page for r in reads] == [
        "onbekend:pagina",
        "Dossier als PDF",
        "Mijn caseload",
        "Cliëntpagina",
        "Overzicht (dossier)",
    ]
    text = client_inzage(scope=scope, client=anna).json_bytes().decode()
    assert '"pagina": "Overzicht (dossier)"' in text
