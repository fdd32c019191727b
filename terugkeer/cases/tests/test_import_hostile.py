"""Hostile uploads are refused with nothing kept; a kept upload is parsed once, at upload."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from terugkeer.cases.tests.test_intake_views import (
    HEADER,
    ROW_A,
    ROW_BAD_BSN,
    csv_file,
    upload,
)
from terugkeer.cases.tests.test_intake_views import coordinator as coordinator  # a fixture
from terugkeer.clients.models import Client
from terugkeer.detention.models import DetentionNotification, ImportBatch
from terugkeer.detention.tests.test_hostile_files import SHEET_END, SHEET_START, with_sheet

pytestmark = pytest.mark.django_db


def test_an_xlsx_bomb_upload_is_refused_quickly_and_nothing_is_kept(coordinator):
    bomb = with_sheet([SHEET_START, *([b" " * (1024 * 1024)] * 100), SHEET_END])

    started = time.perf_counter()
    response = upload(coordinator, SimpleUploadedFile("meldingen.xlsx", bomb))
    seconds = time.perf_counter() - started

    assert response.status_code == 200
    assert "Het Excel-bestand is uitgepakt 100 MB groot; het maximum is 60 MB." in (
        response.content.decode()
    )
    assert seconds < 5
    assert (ImportBatch.objects.count(), DetentionNotification.objects.count()) == (0, 0)


def test_a_one_megabyte_name_cell_upload_names_the_cell_and_nothing_is_kept(coordinator):
    huge = ROW_A.replace("Jansen", "J" * 1024 * 1024)

    response = upload(coordinator, csv_file(ROW_A, huge))

    content = response.content.decode()
    assert "Regel 3, kolom C (Achternaam): de cel is langer dan 1.000 tekens" in content
    assert "aanhalingstekens" not in content
    assert (ImportBatch.objects.count(), Client.objects.count()) == (0, 0)


def test_the_preview_the_download_and_the_confirmation_use_the_rows_parsed_at_upload(
    coordinator,
):
    upload(coordinator, csv_file(ROW_A, ROW_BAD_BSN))
    batch = ImportBatch.objects.get()
    assert [row["line"] for row in batch.parsed["rows"]] == [2, 3]
    # Were the stored file parsed again, every page below would now fail: it is no CSV any more.
    ImportBatch.objects.filter(pk=batch.pk).update(content=b"PK\x03\x04 not a file at all")

    preview = coordinator.get(reverse("intake:import_preview", args=[batch.pk]))
    rejected = coordinator.get(reverse("intake:import_rejected", args=[batch.pk]))
    coordinator.post(reverse("intake:import_confirm", args=[batch.pk]), {"valid_only": "1"})

    assert "Regel 3: BSN 123456789 voldoet niet aan de elfproef." in preview.content.decode()
    assert "elfproef" in rejected.content.decode("utf-8-sig").splitlines()[1]
    assert list(Client.objects.values_list("bsn", flat=True)) == ["111222333"]


def test_a_batch_stored_before_parsed_rows_were_kept_is_parsed_again(coordinator):
    upload(coordinator, SimpleUploadedFile("oud.csv", (HEADER + ROW_A + "\n").encode()))
    ImportBatch.objects.update(parsed=None)
    batch = ImportBatch.objects.get()

    preview = coordinator.get(reverse("intake:import_preview", args=[batch.pk]))

    assert "nieuwe cliënt" in preview.content.decode()
