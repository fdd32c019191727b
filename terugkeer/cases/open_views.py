"""Opening a trajectory by hand: a re-integratie participant, a self-referral, a referral."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from terugkeer.cases import services
from terugkeer.cases.choices import Programme, Source
from terugkeer.cases.dossier import refuse_casework_change
from terugkeer.cases.dossier_forms import DATE_INPUT, caseworkers
from terugkeer.cases.models import ProgrammeDefinition
from terugkeer.clients.choices import Sex
from terugkeer.clients.models import Client
from terugkeer.clients.services import client_create
from terugkeer.core.access import get_visible_or_404, require_stated_reason
from terugkeer.core.access_log import record_access
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.forms import OneTimeFormMixin
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.validators import validate_bsn
from terugkeer.core.views import ScopedViewMixin

CLIENT_FIELDS = ["bsn", "surname", "prefix", "first_names", "birth_date", "sex", "municipality"]


class OpenTrajectoryForm(OneTimeFormMixin, forms.Form):
    programme = forms.ChoiceField(label=gettext_lazy("Programma"))
    source = forms.ChoiceField(
        label=gettext_lazy("Binnengekomen via"),
        choices=[c for c in Source.choices if c[0] != Source.NOTIFICATION],
    )
    source_note = forms.CharField(
        label=gettext_lazy("Toelichting herkomst"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Bijvoorbeeld de verwijzende ketenpartner."),
    )
    opened_on = forms.DateField(
        label=gettext_lazy("Datum aanmelding"), initial=timezone.localdate, widget=DATE_INPUT
    )
    coordinator = forms.ModelChoiceField(
        label=gettext_lazy("Coördinator / casemanager"), queryset=None, required=False
    )
    bsn = forms.CharField(label=gettext_lazy("BSN"), max_length=11, validators=[validate_bsn])
    surname = forms.CharField(label=gettext_lazy("Achternaam"), max_length=200)
    prefix = forms.CharField(label=gettext_lazy("Tussenvoegsel"), max_length=20, required=False)
    first_names = forms.CharField(label=gettext_lazy("Voornamen"), max_length=200, required=False)
    birth_date = forms.DateField(label=gettext_lazy("Geboortedatum"), widget=DATE_INPUT)
    sex = forms.ChoiceField(
        label=gettext_lazy("Geslacht"), choices=[("", "—"), *Sex.choices], required=False
    )
    municipality = forms.ModelChoiceField(label=gettext_lazy("Gemeente"), queryset=None)

    def __init__(self, *args, organisation, client=None, **kwargs):
        super().__init__(*args, **kwargs)
        enabled = ProgrammeDefinition.objects.filter(organisations=organisation)
        self.fields["programme"].choices = [(p.code, p.name) for p in enabled]
        self.fields["coordinator"].queryset = caseworkers(organisation)
        self.fields["municipality"].queryset = organisation.municipalities.order_by("name")
        if client is not None:
            for name in CLIENT_FIELDS:
                del self.fields[name]


class OpenTrajectoryView(ScopedViewMixin, FormView):
    allowed_roles = CASEWORK_ROLES
    template_name = "cases/intake/open_trajectory.html"
    form_class = OpenTrajectoryForm

    def dispatch(self, request, *args, **kwargs):
        # Opening a trajectory (and registering its client) is the coordinator's.
        refuse_casework_change(request)
        return super().dispatch(request, *args, **kwargs)

    def get_client(self):
        if "client_pk" not in self.kwargs:
            return None
        client = get_visible_or_404(
            Client.objects.visible_to(self.request.scope), pk=self.kwargs["client_pk"]
        )
        return require_stated_reason(self.request.scope, client)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisation": self.request.scope.organisation,
            "client": self.get_client(),
        }

    def get_context_data(self, **kwargs):
        client = self.get_client()
        if client is not None:  # the form shows the client's name and BSN
            record_access(self.request, client, purpose=_("traject openen"))
        return {**super().get_context_data(**kwargs), "client": client}

    def form_valid(self, form):
        data = form.cleaned_data
        organisation = self.request.scope.organisation
        try:
            # One-time token: a double click registers neither the client nor the trajectory twice.
            with once_per_token(form, user=self.request.user):
                client = self.get_client() or client_create(
                    organisation=organisation,
                    **{name: data[name] for name in CLIENT_FIELDS},
                )
                trajectory = services.trajectory_open(
                    organisation=organisation,
                    client=client,
                    programme=data["programme"],
                    source=data["source"],
                    source_note=data["source_note"],
                    coordinator=data["coordinator"],
                    opened_on=data["opened_on"],
                    user=self.request.user,
                )
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect("core:home")
        except ValidationError as refused:
            if hasattr(refused, "error_dict"):
                for field, errors in refused.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, refused.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Het traject %(programme)s is geopend.")
            % {"programme": Programme(trajectory.programme).label},
        )
        return redirect("dossier:overview", trajectory.pk)
