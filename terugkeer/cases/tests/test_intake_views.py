"""Intake through the web: manual registration, file import (preview, confirm), review."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases.models import Trajectory
from terugkeer.clients.models import Client
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.detention.choices import ImportStatus, NotificationStatus
from terugkeer.detention.models import Detention, DetentionNotification, ImportBatch

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[2] / "detention" / "sample" / "meldingen-voorbeeld.csv"
HEADER = (
    "Soort melding;BSN;Achternaam;Voornamen;Geboortedatum;Geslacht;Inrichting;Datum insluiting;"
    "Verwachte ontslagdatum;Gemeente\n"
)


def csv_file(*lines: str, name: str = "meldingen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + "\n".join(lines) + "\n").encode("utf-8"))


ROW_A = (
    "begin detentie;111222333;Jansen;Piet;17-05-1990;M;PI Nieuwegein;24-12-2026;01-03-2027;Katwijk"
)
ROW_B = "begin detentie;123456782;Bakker;Anna;02-02-1985;V;PI Zwaag;10-11-2026;10-01-2027;GM0537"
ROW_BAD_BSN = "begin detentie;123456789;Smit;Kees;01-01-1980;M;PI Zwaag;10-11-2026;;Katwijk"
ROW_OTHER_TOWN = "begin detentie;111222333;Jansen;Piet;17-05-1990;M;PI Zwaag;10-11-2026;;Haarlem"


@pytest.fixture
def coordinator(verified_client):
    katwijk = MunicipalityFactory(name="Katwijk", cbs_code="GM0537")
    MunicipalityFactory(name="Haarlem", cbs_code="GM0392")
    organisation = OrganisationFactory(name="Stichting Test", municipalities=[katwijk])
    membership = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    client = verified_client(membership.user, organisation)
    client.organisation = organisation
    client.user = membership.user
    return client


def upload(client, file):
    response = client.post(reverse("intake:import_upload"), {"file": file})
    return response


def test_upload_shows_a_preview_and_writes_nothing_until_confirmed(coordinator):
    response = upload(coordinator, csv_file(ROW_A, ROW_B))
    batch = ImportBatch.objects.get()
    assert response.url == reverse("intake:import_preview", args=[batch.pk])
    preview = coordinator.get(response.url)
    content = preview.content.decode()
    assert content.count("nieuwe cliënt") >= 2
    assert (Client.objects.count(), DetentionNotification.objects.count()) == (0, 0)

    confirm = coordinator.post(reverse("intake:import_confirm", args=[batch.pk]))
    assert confirm.url == reverse("cases:new")
    assert Client.objects.count() == 2
    trajectory = Trajectory.objects.get(client__bsn="111222333")
    assert trajectory.first_contact_due == datetime.date(2027, 1, 4)
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, batch.rejected_count) == (
        ImportStatus.CONFIRMED,
        2,
        0,
    )


def test_errors_block_the_whole_import_unless_valid_only_is_chosen(coordinator):
    upload(coordinator, csv_file(ROW_A, ROW_BAD_BSN, ROW_B))
    batch = ImportBatch.objects.get()
    preview = coordinator.get(reverse("intake:import_preview", args=[batch.pk])).content.decode()
    assert "Regel 3: BSN" in preview
    assert "Alleen de geldige regels importeren" in preview

    refused = coordinator.post(reverse("intake:import_confirm", args=[batch.pk]), follow=True)
    assert "Er is niets geïmporteerd" in refused.content.decode()
    assert DetentionNotification.objects.count() == 0

    coordinator.post(reverse("intake:import_confirm", args=[batch.pk]), {"valid_only": "1"})
    assert sorted(Client.objects.values_list("bsn", flat=True)) == ["111222333", "123456782"]
    batch.refresh_from_db()
    assert (batch.created_count, batch.rejected_count, batch.valid_only) == (2, 1, True)


def test_rejected_rows_download_names_the_reason(coordinator):
    upload(coordinator, csv_file(ROW_A, ROW_BAD_BSN, ROW_OTHER_TOWN))
    batch = ImportBatch.objects.get()
    response = coordinator.get(reverse("intake:import_rejected", args=[batch.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].endswith("Reden afwijzing")
    assert len(lines) == 3  # header + two rejected rows
    assert "elfproef" in lines[1]
    assert "Gemeente 'Haarlem' wordt niet door uw organisatie bediend." in lines[2]


def test_a_hostile_upload_name_cannot_rename_the_rejected_rows_download(coordinator):
    # Issue 11: the name was pasted into the header, so this saved the file as rapport.html.
    # (A raw HTTP client sends the name as is; the test client would mangle the quotes, so the
    # stored name is set as such a client leaves it.)
    upload(coordinator, csv_file(ROW_A, ROW_BAD_BSN))
    batch = ImportBatch.objects.get()
    batch.filename = "meldingen\";filename*=UTF-8''rapport.html;x=\".csv"
    batch.save()

    response = coordinator.get(reverse("intake:import_rejected", args=[batch.pk]))

    # The quotes, semicolons, '*' and '=' are dropped: one filename parameter, ending in .csv.
    assert response["Content-Disposition"] == (
        'attachment; filename="meldingenfilenameUTF-8rapport.htmlx-afgewezen.csv"'
    )
    assert "no-store" in response["Cache-Control"]


def test_reimporting_the_same_file_creates_nothing_new(coordinator):
    upload(coordinator, csv_file(ROW_A, ROW_B))
    coordinator.post(reverse("intake:import_confirm", args=[ImportBatch.objects.get().pk]))
    upload(coordinator, csv_file(ROW_A, ROW_B))
    second = ImportBatch.objects.order_by("-pk").first()
    preview = coordinator.get(reverse("intake:import_preview", args=[second.pk])).content.decode()
    assert preview.count("al eerder ontvangen") >= 2
    coordinator.post(reverse("intake:import_confirm", args=[second.pk]))
    second.refresh_from_db()
    assert (second.created_count, second.skipped_count) == (0, 2)
    assert (Client.objects.count(), Detention.objects.count(), Trajectory.objects.count()) == (
        2,
        2,
        2,
    )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "leeg.csv", "leeg"),
        (b"%PDF-1.4 ...", "meldingen.pdf", "Dit bestandstype wordt niet ondersteund"),
        (HEADER.encode(), "kop.csv", "alleen een kopregel"),
        (b"Naam;Adres\nJan;Straat 1\n", "kolommen.csv", "BSN"),
    ],
)
def test_unusable_files_get_a_clear_dutch_error_and_nothing_is_kept(
    coordinator, content, name, message
):
    response = upload(coordinator, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_windows_1252_file_is_read(coordinator):
    line = "begin detentie;111222333;Jansen;Chloë;17-05-1990;V;PI Nieuwegein;24-12-2026;;Katwijk"
    data = (HEADER + line + "\n").encode("cp1252")
    upload(coordinator, SimpleUploadedFile("ansi.csv", data))
    coordinator.post(reverse("intake:import_confirm", args=[ImportBatch.objects.get().pk]))
    assert Client.objects.get().first_names == "Chloë"


def test_manual_registration_opens_a_trajectory_and_shows_the_client(coordinator):
    from terugkeer.detention.models import PenitentiaryInstitution

    institution = PenitentiaryInstitution.objects.get(name="PI Nieuwegein")
    municipality = coordinator.organisation.municipalities.get()
    response = coordinator.post(
        reverse("intake:register"),
        {
            "kind": "begin",
            "received_on": "2026-12-24",
            "bsn": "11122233",  # leading zero dropped: 011122233 is not valid, so use a valid one
            "surname": "Jansen",
            "birth_date": "1990-05-17",
            "municipality": municipality.pk,
            "institution": institution.pk,
            "detention_start": "2026-12-23",
        },
    )
    assert response.status_code == 200  # 011122233 fails the elfproef
    assert "elfproef" in response.content.decode()
    response = coordinator.post(
        reverse("intake:register"),
        {
            "kind": "begin",
            "received_on": "2026-12-24",
            "bsn": "111222333",
            "surname": "Jansen",
            "birth_date": "1990-05-17",
            "municipality": municipality.pk,
            "institution": institution.pk,
            "detention_start": "2026-12-23",
        },
    )
    assert Client.objects.count() == 1
    trajectory = Trajectory.objects.get()
    # Issue 12: registering by hand lands on the new trajectory, where the next work is.
    assert response.url == reverse("dossier:overview", args=[trajectory.pk])
    assert (trajectory.opened_on, trajectory.first_contact_due) == (
        datetime.date(2026, 12, 24),
        datetime.date(2027, 1, 4),
    )


def test_manual_begin_without_start_date_names_the_field(coordinator):
    response = coordinator.post(
        reverse("intake:register"),
        {"kind": "begin", "received_on": "2026-12-24", "bsn": "111222333", "surname": "J"},
    )
    form = response.context["form"]
    assert "Vul de datum van insluiting in." in form.errors["detention_start"]
    assert "birth_date" in form.errors
    assert DetentionNotification.objects.count() == 0


def test_held_notification_can_be_corrected_and_reprocessed(coordinator):
    upload(coordinator, csv_file(ROW_A))
    coordinator.post(reverse("intake:import_confirm", args=[ImportBatch.objects.get().pk]))
    mismatch = ROW_A.replace("Jansen", "Janssen").replace("24-12-2026", "05-01-2027")
    upload(coordinator, csv_file(mismatch))
    coordinator.post(
        reverse("intake:import_confirm", args=[ImportBatch.objects.order_by("pk").last().pk])
    )
    held = DetentionNotification.objects.get(status=NotificationStatus.REVIEW)
    review = coordinator.get(reverse("intake:review")).content.decode()
    assert "Janssen" in review

    page = coordinator.get(reverse("intake:notification", args=[held.pk]))
    assert page.status_code == 200
    # One row for the review list that showed it, one for its own page.
    rows = AccessLogEntry.objects.filter(
        subject_id=str(held.pk), subject_type__model="detentionnotification"
    )
    assert sorted(rows.values_list("page", flat=True)) == ["intake:notification", "intake:review"]
    # Reprocessing unchanged is refused: the name still differs.
    coordinator.post(reverse("intake:notification", args=[held.pk]), {"action": "reprocess"})
    held.refresh_from_db()
    assert held.status == NotificationStatus.REVIEW
    # Correct the typo, then reprocess: linked to the known client as a repeat detention.
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(surname="Jansen", action="save", municipality=held.municipality_id)
    for key in ["received_on", "birth_date", "detention_start", "expected_release"]:
        if data.get(key):
            data[key] = data[key].isoformat()
    data.pop("release_date", None)
    saved = coordinator.post(reverse("intake:notification", args=[held.pk]), data)
    assert saved.status_code == 302, saved.context["form"].errors
    coordinator.post(reverse("intake:notification", args=[held.pk]), {"action": "reprocess"})
    held.refresh_from_db()
    assert held.status == NotificationStatus.PROCESSED
    assert Client.objects.count() == 1
    assert Detention.objects.count() == 2
    assert held.history.filter(surname="Janssen").exists()  # the correction is versioned


def test_management_command_imports_and_reports(coordinator, tmp_path):
    path = tmp_path / "drop.csv"
    path.write_text(HEADER + ROW_A + "\n" + ROW_B + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_notifications", str(path), organisation=coordinator.organisation.name, stdout=out
    )
    assert "2 nieuw" in out.getvalue()
    assert Client.objects.count() == 2
    # The same file again: nothing new, exit 0.
    out = io.StringIO()
    call_command(
        "import_notifications", str(path), organisation=coordinator.organisation.name, stdout=out
    )
    assert "0 nieuw, 2 al eerder ontvangen" in out.getvalue()


def test_management_command_refuses_a_file_with_errors(coordinator, tmp_path):
    path = tmp_path / "drop.csv"
    path.write_text(HEADER + ROW_A + "\n" + ROW_BAD_BSN + "\n", encoding="utf-8")
    rejected = tmp_path / "afgewezen.csv"
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_notifications",
            str(path),
            organisation=coordinator.organisation.name,
            rejected_path=str(rejected),
            stderr=err,
        )
    assert "Er is niets geïmporteerd" in str(error.value)
    assert "Regel 3" in err.getvalue()
    assert "elfproef" in rejected.read_text(encoding="utf-8-sig")
    assert Client.objects.count() == 0


def test_sample_file_is_accepted_by_the_parser():
    from terugkeer.detention.importing import parse_notification_file

    parsed = parse_notification_file(SAMPLE.read_bytes(), SAMPLE.name)
    assert len(parsed.rows) >= 10
    assert parsed.invalid_rows == []


def test_another_organisations_batch_is_not_found(coordinator):
    other = OrganisationFactory(municipalities=[coordinator.organisation.municipalities.get()])
    batch = ImportBatch.objects.create(
        organisation=other, filename="m.csv", file_sha256="x", content=(HEADER + ROW_A).encode()
    )
    for name in ["intake:import_confirm", "intake:import_cancel"]:
        assert coordinator.post(reverse(name, args=[batch.pk])).status_code == 404
    assert coordinator.get(reverse("intake:import_preview", args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW
    assert DetentionNotification.objects.count() == 0


def test_a_melding_typed_in_twice_is_refused_as_a_duplicate_the_second_time(coordinator):
    # Issue 11: the repeat used to add a second notification and detention to the same client.
    from terugkeer.detention.models import PenitentiaryInstitution

    data = {
        "kind": "begin",
        "received_on": "2026-03-09",
        "bsn": "111222333",
        "surname": "Jansen",
        "birth_date": "1990-05-17",
        "municipality": coordinator.organisation.municipalities.get().pk,
        "institution": PenitentiaryInstitution.objects.get(name="PI Nieuwegein").pk,
        "detention_start": "2026-03-02",
    }
    assert coordinator.post(reverse("intake:register"), data).status_code == 302
    response = coordinator.post(reverse("intake:register"), data)
    assert response.status_code == 200
    assert "Deze melding is al eerder ontvangen en wordt overgeslagen." in response.content.decode()
    assert (DetentionNotification.objects.count(), Detention.objects.count()) == (1, 1)
    assert (Client.objects.count(), Trajectory.objects.count()) == (1, 1)


def test_a_batch_confirmed_twice_says_so_the_second_time(coordinator):
    upload(coordinator, csv_file(ROW_A, ROW_B))
    confirm = reverse("intake:import_confirm", args=[ImportBatch.objects.get().pk])
    coordinator.post(confirm)
    response = coordinator.post(confirm, follow=True)
    assert "Dit bestand is al verwerkt of geannuleerd." in response.content.decode()
    assert DetentionNotification.objects.count() == 2


# --- the preview says what confirming will do (issue 12) ----------------------------------------

IN_ORDER_HEADER = (
    "Soort melding;BSN;Achternaam;Voornamen;Geboortedatum;Geslacht;Inrichting;Datum insluiting;"
    "Verwachte ontslagdatum;Datum ontslag;Gemeente\n"
)
BEGIN_NEW = (
    "begin detentie;111222333;Jansen;Piet;17-05-1990;M;PI Zwaag;05-01-2026;01-03-2026;;Katwijk"
)
END_OF_IT = (
    "einde detentie;111222333;Jansen;Piet;17-05-1990;M;PI Zwaag;05-01-2026;;02-03-2026;Katwijk"
)


def test_the_preview_simulates_the_file_in_order_and_keeps_nothing(coordinator):
    """An *einde* whose *begin* is a line above is not "ter beoordeling" in the preview: the
    preview runs the confirm in file order and rolls it back, so both say the same."""
    content = (IN_ORDER_HEADER + BEGIN_NEW + "\n" + END_OF_IT + "\n").encode("utf-8")
    upload(coordinator, SimpleUploadedFile("meldingen.csv", content))
    batch = ImportBatch.objects.get()

    from terugkeer.cases import file_import

    preview = file_import.import_preview(
        organisation=batch.organisation, parsed=file_import.batch_parsed(batch)
    )
    # By hand: line 2 creates Piet Jansen, line 3 ends the detention line 2 began.
    assert [(r.row.line, r.classification.outcome) for r in preview.rows] == [
        (2, "nieuwe_client"),
        (3, "bekende_client"),
    ]
    page = coordinator.get(reverse("intake:import_preview", args=[batch.pk])).content.decode()
    assert "<strong>0</strong> wordt vastgehouden ter beoordeling" in page
    assert "<strong>1</strong> bekende cliënt" in page
    assert (Client.objects.count(), DetentionNotification.objects.count()) == (0, 0)
    assert Detention.objects.count() == 0

    coordinator.post(reverse("intake:import_confirm", args=[batch.pk]))

    statuses = list(
        DetentionNotification.objects.order_by("import_line").values_list("import_line", "status")
    )
    assert statuses == [(2, NotificationStatus.PROCESSED), (3, NotificationStatus.PROCESSED)]
    detention = Detention.objects.get()
    assert detention.actual_end == datetime.date(2026, 3, 2)
    batch.refresh_from_db()
    assert (batch.created_count, batch.skipped_count, batch.rejected_count) == (2, 0, 0)


def test_a_release_before_the_detention_began_is_a_row_error_not_a_500(coordinator):
    """The intake's own refusal (a release dated before the insluiting two lines up) becomes
    the row's reason in the preview and refuses the confirm; nothing answers 500."""
    early_end = "einde detentie;111222333;Jansen;Piet;17-05-1990;M;PI Zwaag;;;01-01-2026;Katwijk"
    content = (IN_ORDER_HEADER + BEGIN_NEW + "\n" + early_end + "\n").encode("utf-8")
    upload(coordinator, SimpleUploadedFile("meldingen.csv", content))
    batch = ImportBatch.objects.get()

    page = coordinator.get(reverse("intake:import_preview", args=[batch.pk]))
    confirm = coordinator.post(reverse("intake:import_confirm", args=[batch.pk]))

    assert page.status_code == 200
    assert "De datum van vrijlating ligt vóór de datum van insluiting." in page.content.decode()
    assert confirm.status_code in (200, 302)
    assert (Client.objects.count(), DetentionNotification.objects.count()) == (0, 0)
