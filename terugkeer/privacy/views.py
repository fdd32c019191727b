"""The privacy officer's start page within the privacy app."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from terugkeer.core.access_log import record_reference_access
from terugkeer.core.forms import DateInput
from terugkeer.privacy import alerts, selectors
from terugkeer.privacy.views_log import BsnLookupForm, PrivacyOfficerMixin


class IndexView(PrivacyOfficerMixin, TemplateView):
    template_name = "privacy/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(lookup_form=BsnLookupForm(), **kwargs)


class AlertsView(PrivacyOfficerMixin, TemplateView):
    """Unusual access on one day (``?dag=jjjj-mm-dd``, today without it)."""

    template_name = "privacy/alerts.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        form = DayForm(self.request.GET or None, initial={"dag": today})
        day = form.cleaned_data["dag"] if form.is_valid() else today
        found = alerts.alerts_for_day(scope=self.request.scope, day=day)
        return super().get_context_data(
            form=form,
            day=day,
            alerts=found,
            previous_day=day - datetime.timedelta(days=1),
            next_day=day + datetime.timedelta(days=1),
            settings=selectors.settings_for(self.request.scope.organisation),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        # The alerts about shielded dossiers name the client.
        record_reference_access(
            request,
            [
                ("clients.client", a.client_id, a.client_label)
                for a in context["alerts"]
                if a.client_id
            ],
            purpose="meldingen ongebruikelijke inzage",
        )
        return self.render_to_response(context)


class DayForm(forms.Form):
    dag = forms.DateField(label=gettext_lazy("Dag"), widget=DateInput())
