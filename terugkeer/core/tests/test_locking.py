import pytest
from django.urls import reverse

from terugkeer.accounts.models import Organisation
from terugkeer.accounts.services import organisation_update_settings
from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db


def test_second_edit_from_the_same_version_is_refused_and_the_first_is_kept():
    # Given two colleagues who opened the same organisation at version 1
    organisation = OrganisationFactory(name="Team Oost", aftercare_months=3)
    assert organisation.version == 1
    # When the first saves
    organisation_update_settings(
        organisation=organisation, expected_version=1, name="Team Oost", aftercare_months=6
    )
    # Then the second, still at version 1, is refused
    with pytest.raises(StaleObjectError) as refused:
        organisation_update_settings(
            organisation=organisation, expected_version=1, name="Team West", aftercare_months=4
        )
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in refused.value.message
    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.name, stored.aftercare_months, stored.version) == ("Team Oost", 6, 2)
    # And the history holds both versions with the old and new value
    assert [h.aftercare_months for h in stored.history.order_by("history_date")] == [3, 6]


def test_stale_form_keeps_the_users_input(verified_client):
    organisation = OrganisationFactory(name="Team Noord", aftercare_months=3)
    admin = MembershipFactory(organisation=organisation, role=Role.FUNCTIONAL_ADMIN).user
    client = verified_client(admin, organisation)
    url = reverse("accounts:organisation_settings")
    # Both colleagues opened the form at version 1; the first one saves.
    first = client.post(url, {"name": "Team Noord", "aftercare_months": 6, "version": 1})
    assert first.status_code == 302
    second = client.post(url, {"name": "Team Zuid", "aftercare_months": 9, "version": 1})
    assert second.status_code == 200
    content = second.content.decode()
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in content
    assert 'value="Team Zuid"' in content  # the user's own input stays in the form
    organisation.refresh_from_db()
    assert (organisation.name, organisation.aftercare_months) == ("Team Noord", 6)


def test_invalid_value_is_refused_with_a_message_naming_the_field(verified_client):
    organisation = OrganisationFactory(aftercare_months=3)
    admin = MembershipFactory(organisation=organisation, role=Role.FUNCTIONAL_ADMIN).user
    client = verified_client(admin, organisation)
    response = client.post(
        reverse("accounts:organisation_settings"),
        {"name": organisation.name, "aftercare_months": 99, "version": 1},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["aftercare_months"]
    organisation.refresh_from_db()
    assert organisation.aftercare_months == 3
