"""The inzage export: every registered model's rows of one client, Dutch values, the reads."""

import datetime
import json
import shutil
import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import FileField
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.access import Scope
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.personal_data import specs
from terugkeer.core.roles import Role
from terugkeer.privacy.choices import RequestKind
from terugkeer.privacy.inzage import client_inzage
from terugkeer.privacy.selectors import client_type, trajectory_type
from terugkeer.privacy.tests.factories import SubjectRequestFactory, local, log_read
from terugkeer.privacy.tests.inzage_rows import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(db):
    # A foundation: it runs every programme app (mentoring, housing, activities).
    return OrganisationFactory(foundation=True)


@pytest.fixture
def scope(officer, organisation):
    return Scope(user=officer, organisation=organisation, role=Role.PRIVACY_OFFICER)


@pytest.fixture
def anna(organisation):
    return ClientFactory(organisation=organisation, first_names="Anna", surname="Aalbersvelde")


@pytest.fixture
def world(organisation, anna):
    """Anna and Bram in the own organisation, a full dossier each."""
    bram = ClientFactory(organisation=organisation, first_names="Bram", surname="Brinkvelde")
    return {
        "anna": fill(anna, notes="Gesprek over de woning van Anna."),
        "bram": fill(bram, notes="Vertrouwelijk verslag van Bram."),
        "bram_client": bram,
    }


@pytest.fixture
def cees(anna):
    """Another organisation's client with Anna's BSN, and a full dossier there."""
    person = ClientFactory(
        organisation=OrganisationFactory(foundation=True),
        bsn=anna.bsn,
        first_names="Cees",
        surname="Claassenvelde",
    )
    return fill(person, notes="Verslag bij een andere organisatie.")


def by_model(export):
    return {section.model: section for section in export.sections}


def test_the_export_holds_every_registered_model_of_the_client_and_nothing_of_others(
    scope, anna, world, cees
):
    export = client_inzage(scope=scope, client=anna)
    sections = by_model(export)

    # The helper creates a row of every registered model: a new registration needs a row there.
    assert set(world["anna"]) == {spec.model for spec in specs()}
    assert list(sections) == [spec.model_class()._meta.label for spec in specs()]
    for label, row in world["anna"].items():
        ids = [r.id for r in sections[label].rows]
        assert row.pk in ids, label
        assert world["bram"][label].pk not in ids, label
        assert cees[label].pk not in ids, label
    text = export.json_bytes().decode()
    bram = world["bram_client"]
    assert anna.bsn in text
    assert "Aalbersvelde" in text
    assert "Gesprek over de woning van Anna." in text
    for absent in (bram.bsn, "Brinkvelde", "Vertrouwelijk verslag", "Claassenvelde", "andere org"):
        assert absent not in text, absent


def test_values_are_shown_with_dutch_names_dates_and_choice_labels(scope, anna, world):
    sections = by_model(client_inzage(scope=scope, client=anna))
    contact = world["anna"]["cases.Contact"]
    (row,) = sections["cases.Contact"].rows
    values = dict(row.pairs(sections["cases.Contact"].fields))
    assert values["Soort contact"] == "PI-bezoek"
    assert values["Datum"] == contact.date.strftime("%d-%m-%Y")
    assert values["Gespreksverslag"] == "Gesprek over de woning van Anna."
    assert values["Plaats"] == ""
    # The link to the trajectory is not a field of its own; technical columns are left out.
    assert "Traject" not in values and "Id" not in values and "Version" not in values

    trajectory = dict(
        sections["cases.Trajectory"].rows[0].pairs(sections["cases.Trajectory"].fields)
    )
    assert trajectory["Status"] == "aangemeld"
    assert trajectory["Afgeschermd"] == "Nee"
    assert "Cliënt" not in trajectory  # the link itself

    (client_row,) = sections["clients.Client"].rows
    person = dict(client_row.pairs(sections["clients.Client"].fields))
    assert person["BSN"] == anna.bsn
    assert person["Geboortedatum"] == anna.birth_date.strftime("%d-%m-%Y")

    gift = dict(
        sections["interventions.EmergencyGift"]
        .rows[0]
        .pairs(sections["interventions.EmergencyGift"].fields)
    )
    assert gift["Bedrag (EUR)"] == "250,00"


def test_the_export_lists_who_read_the_dossier_newest_first(scope, organisation, anna, world):
    day = timezone.localdate() - datetime.timedelta(days=2)
    reader = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    reader.full_name = "Rita Lezer"
    reader.save()
    trajectory = world["anna"]["cases.Trajectory"]
    log_read(reader, organisation, anna, at=local(day, 9, 30), purpose="dossier bekijken")
    log_read(reader, organisation, trajectory, at=local(day, 14, 5), purpose="contact vastleggen")
    # Bram's dossier and another organisation's reads are not Anna's.
    log_read(reader, organisation, world["bram_client"], at=local(day, 10, 0))
    elsewhere = ClientFactory(organisation=OrganisationFactory(), bsn=anna.bsn)
    log_read(reader, elsewhere.organisation, elsewhere, at=local(day, 11, 0))

    reads = client_inzage(scope=scope, client=anna).reads

    stamp = day.strftime("%d-%m-%Y")
    assert [(r.at, r.user, r.purpose, r.subject) for r in reads] == [
        (f"{stamp} 14:05", "Rita Lezer", "contact vastleggen", str(trajectory)),
        (f"{stamp} 09:30", "Rita Lezer", "dossier bekijken", "Anna Aalbersvelde"),
    ]


def test_the_export_costs_one_query_per_registered_model(
    scope, anna, world, django_assert_num_queries
):
    client_type(), trajectory_type()  # content types are cached once read
    versioned = [s for s in specs() if _is_versioned(s)]
    with_files = [
        s.model
        for s in specs()
        if any(isinstance(f, FileField) for f in s.model_class()._meta.concrete_fields)
    ]
    assert with_files == ["partners.Document"]
    # One query per model, one more per versioned model (its history) and per model with files,
    # and two for the access log (the trajectories, the rows); none per row.
    with django_assert_num_queries(len(specs()) + len(versioned) + len(with_files) + 2):
        client_inzage(scope=scope, client=anna)


def _is_versioned(spec) -> bool:
    return bool(getattr(spec.model_class()._meta, "simple_history_manager_attribute", None))


def test_only_the_privacy_officer_of_the_clients_organisation_makes_an_export(
    organisation, anna, officer
):
    coordinator = Scope(user=officer, organisation=organisation, role=Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        client_inzage(scope=coordinator, client=anna)
    elsewhere = Scope(user=officer, organisation=OrganisationFactory(), role=Role.PRIVACY_OFFICER)
    from django.http import Http404

    with pytest.raises(Http404):
        client_inzage(scope=elsewhere, client=anna)


def test_the_pdf_names_the_client_and_the_export_is_logged_and_recorded_on_the_request(
    as_officer, officer, anna, world
):
    request = world["anna"]["privacy.SubjectRequest"]
    url = reverse("privacy:inzage_pdf", args=[request.pk])

    response = as_officer.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run(
            [pdftotext, "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "Anna Aalbersvelde" in text
        assert "Contactmomenten" in text
        assert "Gesprek over de woning van Anna." in text
        assert "Brinkvelde" not in text
    entry = AccessLogEntry.objects.get(page="privacy:inzage_pdf")
    assert entry.user == officer
    assert entry.subject_type == ContentType.objects.get_for_model(anna)
    assert entry.subject_id == str(anna.pk)
    assert entry.path == url
    assert entry.purpose == f"inzage-export (PDF) bij verzoek {request.pk}"

    detail = as_officer.get(reverse("privacy:request_detail", args=[request.pk]))
    stamp = timezone.localtime(entry.created_at).strftime("%d-%m-%Y %H:%M")
    assert f"{stamp} – {officer} (PDF)" in detail.content.decode()


def test_the_json_download_is_machine_readable(as_officer, anna, world):
    request = world["anna"]["privacy.SubjectRequest"]

    response = as_officer.get(reverse("privacy:inzage_json", args=[request.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Cache-Control"].startswith("no-store")
    data = json.loads(response.content)
    assert data["client"] == {"id": anna.pk, "naam": "Anna Aalbersvelde"}
    assert data["verzoek"]["id"] == request.pk
    contacts = next(s for s in data["onderdelen"] if s["gegevens"] == "cases.Contact")
    assert contacts["titel"] == "Contactmomenten"
    assert {"naam": "notes", "omschrijving": "Gespreksverslag"} in contacts["velden"]
    (row,) = contacts["rijen"]
    assert row["id"] == world["anna"]["cases.Contact"].pk
    assert row["waarden"]["kind"] == "PI-bezoek"
    assert row["waarden"]["notes"] == "Gesprek over de woning van Anna."
    # The download itself was a read of the dossier, and the export lists it.
    assert data["toegangslogboek"][0]["pagina"] == "Inzage-export (JSON)"  # its Dutch title
    assert AccessLogEntry.objects.filter(page="privacy:inzage_json").count() == 1


def test_a_request_of_another_kind_has_no_export(as_officer, anna):
    request = SubjectRequestFactory(client=anna, kind=RequestKind.ERASURE)

    response = as_officer.get(reverse("privacy:inzage_json", args=[request.pk]))
    detail = as_officer.get(reverse("privacy:request_detail", args=[request.pk]))

    assert response.status_code == 403
    assert not AccessLogEntry.objects.filter(page="privacy:inzage_json").exists()
    assert "Inzage-export" not in detail.content.decode()
