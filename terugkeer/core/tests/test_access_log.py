import pytest
from django.db import transaction
from django.test import RequestFactory

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.core.access_log import (
    AccessLogInTransactionError,
    record_access,
    record_list_access,
)
from terugkeer.core.models import AccessLogEntry


def _request(membership):
    request = RequestFactory().get("/dossier/1/")
    request.user = membership.user
    request.organisation = membership.organisation
    return request


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_access_log_row_survives_a_rollback_of_later_work():
    membership = MembershipFactory()
    subject = OrganisationFactory(name="Een gegeven")
    request = _request(membership)

    record_access(request, subject, page="test:dossier", purpose="controle")
    with pytest.raises(RuntimeError), transaction.atomic():
        OrganisationFactory(name="Wordt teruggedraaid")
        raise RuntimeError("the view's work fails")

    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.organisation, entry.subject_id) == (
        membership.user,
        membership.organisation,
        str(subject.pk),
    )
    assert (entry.page, entry.path, entry.purpose) == ("test:dossier", "/dossier/1/", "controle")
    assert not type(subject).objects.filter(name="Wordt teruggedraaid").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_recording_inside_a_transaction_is_refused():
    membership = MembershipFactory()
    with pytest.raises(AccessLogInTransactionError), transaction.atomic():
        record_access(_request(membership), membership.organisation)
    assert AccessLogEntry.objects.count() == 0


@pytest.mark.django_db
def test_a_list_writes_one_row_per_object_once_in_order_and_nothing_when_empty():
    membership = MembershipFactory()
    first, second = OrganisationFactory(name="Eerste"), OrganisationFactory(name="Tweede")
    request = _request(membership)

    assert record_list_access(request, [], page="test:lijst") == []
    record_list_access(request, [second, first, second], page="test:lijst", purpose="lijst")

    assert list(AccessLogEntry.objects.order_by("id").values_list("subject_label", "page")) == [
        ("Tweede", "test:lijst"),
        ("Eerste", "test:lijst"),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_recording_a_list_inside_a_transaction_is_refused():
    membership = MembershipFactory()
    with pytest.raises(AccessLogInTransactionError), transaction.atomic():
        record_list_access(_request(membership), [membership.organisation])
    assert AccessLogEntry.objects.count() == 0
