"""Removing a document: the coordinator gives a reason, the file leaves the storage, the row
stays as a trace (who, when, why) without a download, and a second click removes nothing more."""

import os

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
from terugkeer.partners.models import Document
from terugkeer.partners.tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def _stored_files() -> set[str]:
    root = settings.TERUGKEER_DOCUMENTS_ROOT
    return {os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files}


@pytest.fixture
def uploaded(verified_client):
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    user = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user
    client = verified_client(user, trajectory.organisation)
    url = reverse("partners:documents", args=[trajectory.pk])
    token = client.get(url).context["form"].initial["form_token"]
    before = _stored_files()
    client.post(
        url,
        {
            "doc_type": "reclasseringsadvies",
            "title": "Advies verkeerd dossier",
            "received_on": timezone.localdate().isoformat(),
            "form_token": token,
            "file": SimpleUploadedFile("advies.pdf", PDF_BYTES, content_type="application/pdf"),
        },
    )
    (stored,) = _stored_files() - before
    return trajectory, user, client, Document.objects.get(), stored


def _remove(client, document, reason):
    return client.post(reverse("partners:document_remove", args=[document.pk]), {"reason": reason})


def test_removing_deletes_the_file_and_keeps_a_trace(uploaded, django_capture_on_commit_callbacks):
    trajectory, user, client, document, stored = uploaded
    page = client.get(reverse("partners:document_remove", args=[document.pk]))
    assert page.status_code == 200 and "Advies verkeerd dossier" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = _remove(client, document, "Hoort bij een andere cliënt")

    assert response.status_code == 302
    assert not os.path.exists(stored)
    document.refresh_from_db()
    assert (document.file.name, document.removed_by, document.removal_reason) == (
        "",
        user,
        "Hoort bij een andere cliënt",
    )
    assert document.removed_at is not None
    tab = client.get(reverse("partners:documents", args=[trajectory.pk])).content.decode()
    assert "Verwijderd op" in tab and "Hoort bij een andere cliënt" in tab
    assert reverse("partners:document_download", args=[document.pk]) not in tab
    assert client.get(reverse("partners:document_download", args=[document.pk])).status_code == 404
    journey = client.get(reverse("dossier:timeline", args=[trajectory.pk])).content.decode()
    assert "Document: Reclasseringsadvies" not in journey
    assert AccessLogEntry.objects.filter(
        page="partners:document_remove", purpose="document verwijderen: Advies verkeerd dossier"
    ).exists()


def test_a_second_click_changes_nothing_more(uploaded, django_capture_on_commit_callbacks):
    _trajectory, _user, client, document, _stored = uploaded
    with django_capture_on_commit_callbacks(execute=True):
        _remove(client, document, "Verkeerd bestand")
    first = Document.objects.values("removed_at", "removal_reason").get()

    again = _remove(client, document, "Nog een keer")

    assert again.status_code == 404  # a removed document is no longer there to remove
    assert Document.objects.values("removed_at", "removal_reason").get() == first


def test_without_a_reason_nothing_is_removed(uploaded):
    _trajectory, _user, client, document, stored = uploaded
    response = _remove(client, document, "   ")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["reason"]
    response = _remove(client, document, "fout")
    assert "Geef een reden (ten minste 5 tekens)." in response.content.decode()
    document.refresh_from_db()
    assert document.removed_at is None and os.path.exists(stored)


def test_the_team_chair_and_a_closed_trajectory_may_not_remove(uploaded, verified_client):
    trajectory, _user, client, document, stored = uploaded
    chair = MembershipFactory(organisation=trajectory.organisation, role=Role.TEAM_CHAIR).user
    assert (
        _remove(verified_client(chair, trajectory.organisation), document, "Mag niet").status_code
        == 403
    )
    trajectory.status = TrajectoryStatus.CLOSED
    trajectory.closed_on = timezone.localdate()
    trajectory.save()
    assert _remove(client, document, "Te laat verwijderd").status_code == 403
    document.refresh_from_db()
    assert document.removed_at is None and os.path.exists(stored)
