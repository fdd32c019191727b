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


def test_user_invite_mails_a_link_that_creates_the_account_once(client):
    import re

    from django.core import mail

    from terugkeer.accounts.models import Membership

    organisation = OrganisationFactory(name="Nazorg Aastad")
    out = run(
        "user_invite",
        "--organisation=Nazorg Aastad",
        "--email=Nieuw@Example.org",
        "--role=coordinator",
    )
    assert "Uitnodiging verstuurd naar nieuw@example.org voor Nazorg Aastad" in out
    assert not Membership.objects.exists()  # not before the invitation is accepted
    (message,) = mail.outbox
    assert message.to == ["nieuw@example.org"]
    assert "Aanvaard de uitnodiging via deze link" in message.body
    path = re.search(r"(/\S*uitnodiging/\S+/)", message.body).group(1)

    new = "Een-nieuw-wachtwoord-77"
    form = {"full_name": "Nina Nieuw", "password1": new, "password2": new}
    response = client.post(path, form)
    assert response.status_code == 302
    assert Membership.objects.get(user__email="nieuw@example.org").organisation == organisation
    response = client.post(
        reverse("accounts:login"), {"username": "nieuw@example.org", "password": new}, follow=True
    )
    assert "tweestapsverificatie" in response.redirect_chain[-1][0]
    client.logout()
    assert "al gebruikt" in client.post(path, form).content.decode()


def test_user_invite_refuses_bad_input():
    OrganisationFactory(name="Tweede team")
    with pytest.raises(CommandError, match="Onbekende organisatie: Niemand"):
        run("user_invite", "--organisation=Niemand", "--email=a@example.org", "--role=mentor")
    with pytest.raises(CommandError, match="Onbekende rol"):
        run("user_invite", "--organisation=Tweede team", "--email=a@example.org", "--role=baas")
    with pytest.raises(CommandError, match="Ongeldig e-mailadres"):
        run("user_invite", "--organisation=Tweede team", "--email=geen-adres", "--role=mentor")
