"""The operator commands of the accounts app, run as an operator would."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

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


def test_user_invite_mails_a_link_that_sets_a_password_once(client):
    import re

    from django.core import mail

    from terugkeer.accounts.models import Membership

    organisation = OrganisationFactory(name="Nazorg Aastad")
    out = run(
        "user_invite",
        "--organisation=Nazorg Aastad",
        "--email=Nieuw@Example.org",
        "--role=coordinator",
        "--name=Nina Nieuw",
    )
    assert "Nieuwe gebruiker nieuw@example.org" in out
    assert Membership.objects.get(user__email="nieuw@example.org").organisation == organisation
    (message,) = mail.outbox
    assert message.to == ["nieuw@example.org"]
    assert "Stel via deze link uw wachtwoord in" in message.body
    path = re.search(r"(/\S*wachtwoord-instellen/\S+)", message.body).group(1)

    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    new = "Een-nieuw-wachtwoord-77"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    response = client.post(
        reverse("accounts:login"), {"username": "nieuw@example.org", "password": new}, follow=True
    )
    assert "tweestapsverificatie" in response.redirect_chain[-1][0]
    client.logout()
    assert client.get(path, follow=True).context["validlink"] is False


def test_user_invite_adds_a_membership_for_an_existing_user_and_refuses_bad_input():
    from terugkeer.accounts.tests.factories import UserFactory

    UserFactory(email="bestaand@example.org", with_device=False)
    OrganisationFactory(name="Tweede team")
    out = run(
        "user_invite", "--organisation=Tweede team", "--email=bestaand@example.org", "--role=mentor"
    )
    assert "Bestaande gebruiker bestaand@example.org" in out
    with pytest.raises(CommandError, match="Onbekende organisatie: Niemand"):
        run("user_invite", "--organisation=Niemand", "--email=a@example.org", "--role=mentor")
    with pytest.raises(CommandError, match="Onbekende rol"):
        run("user_invite", "--organisation=Tweede team", "--email=a@example.org", "--role=baas")
    with pytest.raises(CommandError, match="--name"):
        run("user_invite", "--organisation=Tweede team", "--email=a@example.org", "--role=mentor")
