"""The CBS reference list (loaded by a migration) and ``manage.py municipalities_update``."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from terugkeer.accounts.models import Municipality
from terugkeer.accounts.municipality_reference import (
    REFERENCE_FILE,
    load_reference,
    reference_rows,
)
from terugkeer.accounts.tests.factories import OrganisationFactory


def test_the_reference_file_has_the_342_municipalities_of_2025():
    rows = reference_rows()
    assert len(rows) == 342
    assert len({r.code for r in rows}) == len({r.name for r in rows}) == 342
    by_code = {r.code: r.name for r in rows}
    assert by_code["GM0014"] == "Groningen"
    assert by_code["GM0363"] == "Amsterdam"
    assert by_code["GM0599"] == "Rotterdam"
    assert by_code["GM0518"] == "'s-Gravenhage"
    assert by_code["GM0344"] == "Utrecht"
    assert by_code["GM1916"] == "Leidschendam-Voorburg"
    assert by_code["GM1783"] == "Westland"
    assert by_code["GM0537"] == "Katwijk"
    assert by_code["GM0392"] == "Haarlem"
    assert by_code["GM0820"] == "Nuenen, Gerwen en Nederwetten"
    assert len({r.province for r in rows}) == 12


@pytest.mark.django_db
def test_the_migration_loaded_them_and_loading_again_changes_nothing():
    assert Municipality.objects.filter(is_active=True).count() == 342
    westland = Municipality.objects.get(cbs_code="GM1783")
    assert (westland.name, westland.province) == ("Westland", "Zuid-Holland")
    organisation = OrganisationFactory(municipalities=[westland])
    load_reference(Municipality)
    assert Municipality.objects.count() == 342
    assert list(organisation.municipalities.values_list("pk", flat=True)) == [westland.pk]


def merged_list(tmp_path):
    """The 2025 list where Heemskerk (GM0396) and Uitgeest (GM0450) merge into a new
    municipality, and Bergen (NH.) is renamed."""
    lines = REFERENCE_FILE.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(("GM0396,", "GM0450,"))]
    kept = [
        "GM0373,Bergen (N-H),Noord-Holland" if line.startswith("GM0373,") else line for line in kept
    ]
    kept.append("GM9990,Heemskerk-Uitgeest,Noord-Holland")
    path = tmp_path / "gemeenten_2026.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("municipalities_update", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_merger_adds_the_new_one_and_ends_the_old_ones_without_deleting(tmp_path):
    heemskerk = Municipality.objects.get(cbs_code="GM0396")
    organisation = OrganisationFactory(municipalities=[heemskerk])
    output = run(str(merged_list(tmp_path)))
    assert output.splitlines() == [
        "1 toegevoegd, 1 hernoemd, 2 opgeheven, 0 weer actief.",
        "  Toegevoegd: GM9990 Heemskerk-Uitgeest",
        "  Hernoemd: GM0373 Bergen (NH.) → Bergen (N-H)",
        "  Opgeheven (blijven bewaard, niet meer te kiezen): GM0396 Heemskerk",
        "  Opgeheven (blijven bewaard, niet meer te kiezen): GM0450 Uitgeest",
    ]
    assert Municipality.objects.count() == 343
    assert Municipality.objects.filter(is_active=True).count() == 341
    heemskerk.refresh_from_db()
    assert heemskerk.is_active is False
    assert list(organisation.municipalities.all()) == [heemskerk]
    assert Municipality.objects.get(cbs_code="GM0373").name == "Bergen (N-H)"
    # Running it again finds nothing to do.
    assert run(str(merged_list(tmp_path))) == "Geen wijzigingen: de 341 gemeenten kloppen al.\n"


@pytest.mark.django_db
def test_a_dry_run_reports_and_keeps_everything(tmp_path):
    output = run(str(merged_list(tmp_path)), "--dry-run")
    assert output.splitlines()[0] == (
        "Proefdraai, er is niets opgeslagen. 1 toegevoegd, 1 hernoemd, 2 opgeheven, 0 weer actief."
    )
    assert Municipality.objects.count() == 342
    assert Municipality.objects.filter(is_active=True).count() == 342
    assert Municipality.objects.get(cbs_code="GM0373").name == "Bergen (NH.)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("GM12,Kortstad", "Regel 3: “GM12” is geen CBS-gemeentecode (vorm GM0000)."),
        ("GM9991,", "Regel 3: de naam van gemeente GM9991 ontbreekt."),
        ("GM9990,Tweede", "Regel 3: code GM9990 staat al op regel 2."),
        ("GM9991,Nieuwstad", "Regel 3: naam “Nieuwstad” staat al op regel 2."),
        ("GM9991,A,B,C", "Regel 3: verwacht code,naam,provincie maar vond 4 kolommen."),
    ],
)
def test_a_bad_line_is_named_and_nothing_changes(tmp_path, line, message):
    path = tmp_path / "fout.csv"
    path.write_text(f"code,naam,provincie\nGM9990,Nieuwstad,Utrecht\n{line}\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(str(path))
    assert str(error.value) == f"{path}: {message} Er is niets gewijzigd."
    assert Municipality.objects.count() == 342
    assert Municipality.objects.filter(is_active=True).count() == 342


@pytest.mark.django_db
def test_an_ended_municipality_is_not_offered_to_a_new_organisation(tmp_path):
    run(str(merged_list(tmp_path)))
    with pytest.raises(CommandError) as error:
        call_command(
            "organisation_create", "--name=Nieuw", "--municipality=GM0396", stdout=io.StringIO()
        )
    assert str(error.value) == (
        "Opgeheven gemeente (niet meer te kiezen): GM0396 Heemskerk; "
        "zie manage.py municipalities_update."
    )
