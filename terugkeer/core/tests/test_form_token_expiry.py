"""One-time form tokens are signed with their moment: accepted for 30 days, then refused, and the
used ones older than that are purged by ``run_daily`` (issue 11: nothing purged them)."""

import datetime
from io import StringIO

import pytest
import time_machine
from django import forms
from django.core.management import call_command
from django.utils import timezone

from terugkeer.accounts.tests.factories import UserFactory
from terugkeer.core.forms import FORM_TOKEN_FIELD, OneTimeFormMixin, new_form_token
from terugkeer.core.models import UsedFormToken


class NoteForm(OneTimeFormMixin, forms.Form):
    note = forms.CharField()


def _issued_at(moment: datetime.datetime) -> str:
    with time_machine.travel(moment, tick=False):
        return new_form_token()


def test_a_token_of_29_days_is_accepted_and_one_of_31_days_refused_with_a_fresh_key():
    now = timezone.now()
    young = _issued_at(now - datetime.timedelta(days=29))
    old = _issued_at(now - datetime.timedelta(days=31))

    assert NoteForm({"note": "x", FORM_TOKEN_FIELD: young}).is_valid()
    refused = NoteForm({"note": "x", FORM_TOKEN_FIELD: old})
    assert not refused.is_valid()
    assert "langer dan 30 dagen" in str(refused.errors)
    # Shown again, the form carries a fresh key, so the corrected form can be sent.
    again = refused[FORM_TOKEN_FIELD].value()
    assert again != old
    assert NoteForm({"note": "x", FORM_TOKEN_FIELD: again}).is_valid()


def test_a_key_this_site_did_not_sign_is_refused():
    form = NoteForm({"note": "x", FORM_TOKEN_FIELD: "a" * 32})

    assert not form.is_valid()
    # Hidden fields' errors are shown on top of the form.
    assert "formuliersleutel (form_token) is ongeldig" in str(form.non_field_errors())


@pytest.mark.django_db
def test_run_daily_purges_the_used_tokens_older_than_31_days_and_keeps_the_30_day_old():
    user = UserFactory()
    now = timezone.now()
    for days, token in ((32, "oud-1" * 4), (30, "grens" * 4), (2, "nieuw" * 4)):
        row = UsedFormToken.objects.create(token=token, user=user)
        UsedFormToken.objects.filter(pk=row.pk).update(used_at=now - datetime.timedelta(days=days))

    out = StringIO()
    call_command("run_daily", stdout=out)

    # The cut-off is 30 days plus a day's margin: only the 32-day-old token goes.
    assert sorted(UsedFormToken.objects.values_list("token", flat=True)) == [
        "grens" * 4,
        "nieuw" * 4,
    ]
    assert "Verlopen formuliersleutels opgeruimd: 1" in out.getvalue()
