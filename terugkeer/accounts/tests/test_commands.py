"""The operator commands of the accounts app, run as an operator would."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from terugkeer.accounts.models import Organisation
from terugkeer.accounts.tests.factories import MunicipalityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_organisation_create_prints_what_it_made():
    MunicipalityFactory(name="Aastad", cbs_code="GM9801")
    MunicipalityFactory(name="Beedorp", cbs_code="GM9802")
    out = run(
        "organisation_create",
        "--name=Nazorg Aastad",
        "--kind=stichting",
        "--municipality=GM9801",
        "--municipality=gm9802",
        "--aftercare-months=6",
    )
    organisation = Organisation.objects.get(name="Nazorg Aastad")
    assert organisation.kind == "stichting"
    assert organisation.aftercare_months == 6
    assert sorted(organisation.municipalities.values_list("cbs_code", flat=True)) == [
        "GM9801",
        "GM9802",
    ]
    assert "Organisatie aangemaakt: Nazorg Aastad" in out
    assert "Aastad (GM9801), Beedorp (GM9802)" in out
    assert "6 maanden" in out


def test_organisation_create_refuses_a_duplicate_and_unknown_codes():
    OrganisationFactory(name="Nazorg Aastad")
    with pytest.raises(CommandError, match="Er bestaat al een organisatie met de naam"):
        run("organisation_create", "--name=nazorg aastad")
    with pytest.raises(CommandError, match="Onbekende CBS-gemeentecode: GM9899"):
        run("organisation_create", "--name=Nieuw", "--municipality=GM9899")
    with pytest.raises(CommandError, match="Onbekende soort"):
        run("organisation_create", "--name=Nieuw", "--kind=bedrijf")
    with pytest.raises(CommandError, match="24"):
        run("organisation_create", "--name=Nieuw", "--aftercare-months=30")
    assert Organisation.objects.count() == 1
