"""Invitations replace adding existing users by id (issue 11), replayed over HTTP.

Nobody becomes a member until the invitee accepts through the mailed link; the link works once
and until it expires; a functional admin of B learns nothing about A's accounts from inviting.
"""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.invitations import invitation_path
from terugkeer.accounts.models import Invitation, Membership, User
from terugkeer.accounts.tests.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from terugkeer.core.roles import Role
from terugkeer.testing import login_verified, new_form_token

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Een-nieuw-wachtwoord-77"


@pytest.fixture
def tenants():
    a = OrganisationFactory(name="Organisatie A")
    b = OrganisationFactory(name="Organisatie B")
    victim = MembershipFactory(
        organisation=a, role=Role.COORDINATOR, user__email="anna@a.example"
    ).user
    admin = MembershipFactory(organisation=b, role=Role.FUNCTIONAL_ADMIN).user
    return {"a": a, "b": b, "victim": victim, "admin": admin}


def _memberships():
    return sorted(Membership.objects.values_list("user_id", "organisation_id", "role", "is_active"))


def _invite(client, email, role=Role.COORDINATOR, token=None):
    return client.post(
        reverse("accounts:invite"),
        {"email": email, "role": role, "form_token": token or new_form_token()},
    )


def _link(message) -> str:
    return re.search(r"(/\S*uitnodiging/\S+/)", message.body).group(1)


def test_creating_an_account_in_the_admin_is_for_platform_administrators_only(client, tenants):
    # Creating "Anna" by e-mail in B would tell B's admin that the address exists elsewhere.
    login_verified(client, tenants["admin"], tenants["b"])
    users_before = User.objects.count()
    before = _memberships()

    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "anna@a.example", "full_name": "Anna", "usable_password": "false"},
    )

    assert response.status_code == 403
    assert "anna@a.example" not in response.content.decode()
    assert (User.objects.count(), _memberships()) == (users_before, before)


def test_inviting_another_tenants_user_creates_no_membership_and_reveals_nothing(client, tenants):
    login_verified(client, tenants["admin"], tenants["b"])
    before = _memberships()

    existing = _invite(client, "Anna@A.example")
    new = _invite(client, "nieuw@b.example")

    assert existing.status_code == new.status_code == 302
    assert _memberships() == before
    # The same words for an address with an account elsewhere and one without.
    shown = [str(m) for m in existing.wsgi_request._messages]
    assert shown == ["De uitnodiging is verstuurd naar anna@a.example."]
    page = client.get(reverse("accounts:invite")).content.decode()
    assert "anna@a.example" in page and "nieuw@b.example" in page  # open invitations
    assert "Organisatie A" not in page
    assert [m.to for m in mail.outbox] == [["anna@a.example"], ["nieuw@b.example"]]


def test_an_existing_account_becomes_a_member_only_when_it_accepts(client, tenants):
    login_verified(client, tenants["admin"], tenants["b"])
    _invite(client, "anna@a.example", role=Role.TEAM_CHAIR)
    client.logout()
    link = _link(mail.outbox[0])

    anonymous = client.get(link).content.decode()
    assert "Inloggen om te aanvaarden" in anonymous
    assert f"{reverse('accounts:login')}?next={link}" in anonymous
    assert client.post(link).status_code == 302  # to the login, nothing accepted
    assert not Membership.objects.filter(organisation=tenants["b"], user=tenants["victim"])

    login_verified(client, tenants["victim"])
    assert "Uitnodiging aanvaarden" in client.get(link).content.decode()
    response = client.post(link)

    assert response.status_code == 302
    membership = Membership.objects.get(organisation=tenants["b"], user=tenants["victim"])
    assert (membership.role, membership.is_active) == (Role.TEAM_CHAIR, True)
    # A's membership is untouched; the link is spent.
    assert Membership.objects.get(organisation=tenants["a"], user=tenants["victim"]).role == (
        Role.COORDINATOR
    )
    again = client.post(link).content.decode()
    assert "Deze uitnodiging is al gebruikt en werkt maar één keer" in again


def test_another_account_cannot_accept_someone_elses_invitation(client, tenants):
    invitation = InvitationFactory(organisation=tenants["b"], email="anna@a.example")
    intruder = MembershipFactory(organisation=tenants["a"]).user
    login_verified(client, intruder)
    before = _memberships()

    page = client.get(invitation_path(invitation)).content.decode()
    response = client.post(invitation_path(invitation))

    assert "Deze uitnodiging is voor anna@a.example" in page
    assert "Deze uitnodiging is voor anna@a.example" in response.content.decode()
    assert _memberships() == before
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_new_address_creates_its_account_on_acceptance_then_sets_up_two_factor(client, tenants):
    login_verified(client, tenants["admin"], tenants["b"])
    _invite(client, "Nina@B.example", role=Role.MENTOR)
    client.logout()
    link = _link(mail.outbox[0])
    assert not User.objects.filter(email="nina@b.example").exists()

    mismatch = client.post(
        link, {"full_name": "Nina Nieuw", "password1": NEW_PASSWORD, "password2": "anders"}
    )
    assert "De twee wachtwoorden zijn niet gelijk." in mismatch.content.decode()
    assert not User.objects.filter(email="nina@b.example").exists()

    response = client.post(
        link, {"full_name": "Nina Nieuw", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    user = User.objects.get(email="nina@b.example")
    assert user.full_name == "Nina Nieuw"
    assert list(user.memberships.values_list("organisation__name", "role")) == [
        ("Organisatie B", Role.MENTOR)
    ]
    login = client.post(
        reverse("accounts:login"), {"username": "nina@b.example", "password": NEW_PASSWORD}
    )
    assert client.get(login["Location"], follow=True).redirect_chain[-1][0] == reverse(
        "accounts:two_factor_setup"
    )
    client.logout()
    again = client.post(
        link, {"full_name": "Iemand", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert "Deze uitnodiging is al gebruikt" in again.content.decode()
    assert User.objects.filter(email="nina@b.example").count() == 1


def test_an_expired_invitation_is_refused_with_its_date(client, tenants):
    expired = timezone.now() - datetime.timedelta(hours=1)
    invitation = InvitationFactory(organisation=tenants["b"], email="laat@b.example")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=expired)
    link = invitation_path(invitation)

    page = client.get(link).content.decode()
    response = client.post(
        link, {"full_name": "Laat", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    day = timezone.localtime(expired).day
    assert f"Deze uitnodiging is verlopen op {day} " in page
    assert "Vraag de functioneel beheerder om een nieuwe uitnodiging" in page
    assert "Deze uitnodiging is verlopen" in response.content.decode()
    assert not User.objects.filter(email="laat@b.example").exists()


def test_a_forged_or_damaged_link_is_refused(client, tenants):
    invitation = InvitationFactory(organisation=tenants["b"], email="nep@b.example")
    forged = invitation_path(invitation).replace(f"/{invitation.pk}:", f"/{invitation.pk + 1}:")

    for link in (forged, reverse("accounts:invitation_accept", args=["12"])):
        response = client.post(
            link, {"full_name": "Nep", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        assert "Deze uitnodigingslink is ongeldig" in response.content.decode()
    assert not User.objects.filter(email="nep@b.example").exists()


def test_a_newer_invitation_voids_the_older_link(client, tenants):
    login_verified(client, tenants["admin"], tenants["b"])
    _invite(client, "twee@b.example", role=Role.COORDINATOR)
    _invite(client, "twee@b.example", role=Role.POLICY_ADVISOR)
    client.logout()
    first, second = (_link(m) for m in mail.outbox)

    assert "verlopen" in client.get(first).content.decode()
    client.post(second, {"full_name": "Twee", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert Membership.objects.get(user__email="twee@b.example").role == Role.POLICY_ADVISOR


def test_a_double_submitted_invitation_is_recorded_and_mailed_once(client, tenants):
    login_verified(client, tenants["admin"], tenants["b"])
    token = new_form_token()

    _invite(client, "dubbel@b.example", token=token)
    repeat = _invite(client, "dubbel@b.example", token=token)

    assert repeat.status_code == 302
    assert Invitation.objects.filter(email="dubbel@b.example").count() == 1
    assert len(mail.outbox) == 1


def test_inviting_a_member_or_a_bad_address_is_refused_in_dutch(client, tenants):
    member = MembershipFactory(organisation=tenants["b"], user__email="lid@b.example").user
    login_verified(client, tenants["admin"], tenants["b"])

    member_response = _invite(client, member.email)
    bad_response = _invite(client, "geen-adres")

    assert "lid@b.example is al lid van Organisatie B." in member_response.content.decode()
    assert "Voer een geldig e-mailadres in." in bad_response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_only_the_functional_admin_invites(client, tenants):
    coordinator = MembershipFactory(organisation=tenants["b"], role=Role.COORDINATOR).user
    login_verified(client, coordinator, tenants["b"])

    assert _invite(client, "stiekem@b.example").status_code == 403
    assert not Invitation.objects.exists()


def test_the_operator_command_invites_without_making_a_member():
    from io import StringIO

    from django.core.management import call_command

    UserFactory(email="bestaand@example.org")
    OrganisationFactory(name="Tweede team")
    out = StringIO()
    call_command(
        "user_invite",
        "--organisation=Tweede team",
        "--email=bestaand@example.org",
        "--role=mentor",
        stdout=out,
    )

    assert "Uitnodiging verstuurd naar bestaand@example.org voor Tweede team" in out.getvalue()
    assert not Membership.objects.filter(user__email="bestaand@example.org").exists()
    assert Invitation.objects.get().role == Role.MENTOR
