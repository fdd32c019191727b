"""The detention's own writes: what a melding changes, and the legal title it names."""

import datetime

import pytest

from terugkeer.detention.choices import LegalTitle, NotificationKind
from terugkeer.detention.services import detention_apply, legal_title_from
from terugkeer.detention.tests.factories import DetentionFactory, PenitentiaryInstitutionFactory

pytestmark = pytest.mark.django_db


def test_an_end_melding_records_the_release():
    detention = DetentionFactory()
    release = detention.start_date + datetime.timedelta(days=40)
    detention_apply(detention, kind=NotificationKind.END, release_date=release)
    detention.refresh_from_db()
    assert (detention.actual_end, detention.version) == (release, 2)


def test_a_transfer_moves_to_a_known_pi_and_keeps_the_pi_when_unknown():
    detention = DetentionFactory(institution__name="PI Zwaag")
    PenitentiaryInstitutionFactory(name="PI Vught")
    detention_apply(detention, kind=NotificationKind.TRANSFER, institution_name=" pi vught ")
    detention.refresh_from_db()
    assert (detention.institution.name, detention.version) == ("PI Vught", 2)

    detention_apply(detention, kind=NotificationKind.TRANSFER, institution_name="PI Onbekend")
    detention.refresh_from_db()
    assert (detention.institution.name, detention.version) == ("PI Vught", 3)


def test_leave_changes_nothing():
    detention = DetentionFactory()
    detention_apply(detention, kind=NotificationKind.LEAVE)
    detention.refresh_from_db()
    assert (detention.actual_end, detention.version) == (None, 1)


@pytest.mark.parametrize(
    ("named", "expected"),
    [
        ("gevangenisstraf", LegalTitle.PRISON_SENTENCE),
        ("Preventieve hechtenis", LegalTitle.PRE_TRIAL),
        ("ISD-maatregel", LegalTitle.ISD),
        ("iets anders", LegalTitle.OTHER),
    ],
)
def test_the_legal_title_by_code_label_or_isd(named, expected):
    assert legal_title_from(named) == expected
