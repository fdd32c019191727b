"""The dossier tabs of a trajectory: overview (with the workflow), basisvoorwaarden, contacts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from terugkeer.cases import lifecycle_services, services, workflow
from terugkeer.cases.choices import SnapshotMoment, TrajectoryStatus
from terugkeer.cases.dossier import DossierTabMixin
from terugkeer.cases.dossier_forms import (
    CloseForm,
    ContactForm,
    ReleaseForm,
    ReopenForm,
    TrajectoryOverviewForm,
    TransitionForm,
    TriageForm,
)
from terugkeer.cases.models import Contact, DomainAssessment, DomainSnapshot, StatusChange
from terugkeer.cases.readiness import (
    confirmation,
    release_expected_on,
    release_plausible,
    release_readiness,
)
from terugkeer.core.access import Action
from terugkeer.core.form_tokens import DuplicateSubmission, submitted_once
from terugkeer.core.forms import FORM_TOKEN_FIELD
from terugkeer.core.locking import StaleObjectError


class OverviewView(DossierTabMixin, TemplateView):
    """Key facts, release readiness, the workflow steps and the status history.

    Release and closing are two-step: the first submit shows what is still open and changes
    nothing; the confirmed submit does it. A closed trajectory offers only reopening.
    """

    template_name = "cases/dossier/overview.html"
    tab_name = "dossier:overview"
    forms_by_action = {
        "edit": TrajectoryOverviewForm,
        "transition": TransitionForm,
        "release": ReleaseForm,
        "close": CloseForm,
        "reopen": ReopenForm,
    }

    def request_action(self) -> str:
        if self.request.method == "POST" and self.request.POST.get("action") == "reopen":
            return Action.REOPEN
        return super().request_action()

    def _form(self, action, data=None):
        trajectory = self.get_trajectory()
        initial = {"version": trajectory.version}
        if action == "edit":
            return TrajectoryOverviewForm(
                data, instance=trajectory, organisation=trajectory.organisation
            )
        if action == "transition":
            targets = [
                (s, TrajectoryStatus(s).label)
                for s in workflow.manual_targets(trajectory.programme, trajectory.status)
            ]
            return TransitionForm(data, initial=initial, targets=targets)
        if action == "release":
            expected = release_expected_on(trajectory)
            initial["release_date"] = expected or timezone.localdate()
        return self.forms_by_action[action](data, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trajectory = self.get_trajectory()
        today = timezone.localdate()
        forms = {
            action: kwargs.get(f"{action}_form") or self._form(action)
            for action in self.forms_by_action
        }
        is_open = trajectory.status != TrajectoryStatus.CLOSED
        can_release = (
            is_open and trajectory.programme == "nazorg" and trajectory.released_on is None
        )
        context.update(
            forms=forms,
            is_open=is_open,
            can_step=is_open and bool(forms["transition"].fields["to_status"].choices),
            can_release=can_release,
            release_plausible=can_release and release_plausible(trajectory, today),
            expected_release=release_expected_on(trajectory),
            can_reopen=not is_open and self.request.scope.can(Action.REOPEN, trajectory),
            confirm=kwargs.get("confirm"),
            readiness=release_readiness(trajectory=trajectory, today=today),
            history=StatusChange.objects.filter(trajectory=trajectory).select_related("changed_by"),
            detentions=trajectory.client.detentions.visible_to(self.request.scope)
            .select_related("institution")
            .order_by("-start_date"),
        )
        return context

    def post(self, request, *args, **kwargs):
        trajectory = self.get_trajectory()
        action = request.POST.get("action", "")
        if action not in self.forms_by_action:
            messages.error(request, _("Onbekende actie."))
            return redirect("dossier:overview", trajectory.pk)
        form = self._form(action, request.POST)
        if form.is_valid():
            try:
                if action in ("release", "close") and not form.cleaned_data["confirmed"]:
                    if form.cleaned_data["version"] != trajectory.version:
                        raise StaleObjectError(trajectory)  # say so before the second look
                    confirm = confirmation(action, trajectory, form)
                    context = self.get_context_data(confirm=confirm, **{f"{action}_form": form})
                    return self.render_to_response(context)
                self._apply(action, trajectory, form)
            except StaleObjectError as stale:
                form.add_error(None, stale.message)
            except ValidationError as refused:
                form.add_error(None, refused.messages[0])
            else:
                return redirect("dossier:overview", trajectory.pk)
        context = self.get_context_data(**{f"{action}_form": form})
        return self.render_to_response(context, status=200)

    def _apply(self, action, trajectory, form):
        data, user = form.cleaned_data, self.request.user
        if action == "edit":
            # Only what the form showed (re-integratie has no casusregie or reclassering).
            changes = {name: data[name] for name in services.EDITABLE_FIELDS if name in form.fields}
            services.trajectory_update(
                trajectory=trajectory, expected_version=data["version"], changes=changes
            )
            messages.success(self.request, _("Het traject is bijgewerkt."))
        elif action == "transition":
            services.trajectory_transition(
                trajectory=trajectory,
                to_status=data["to_status"],
                user=user,
                expected_version=data["version"],
                note=data["note"],
            )
            messages.success(self.request, _("De status is gewijzigd."))
        elif action == "release":
            lifecycle_services.trajectory_register_release(
                trajectory=trajectory,
                release_date=data["release_date"],
                user=user,
                expected_version=data["version"],
            )
            messages.success(self.request, _("De vrijlating is geregistreerd; de nazorg loopt."))
        elif action == "reopen":
            lifecycle_services.trajectory_reopen(
                trajectory=trajectory,
                reason=data["reason"],
                user=user,
                expected_version=data["version"],
            )
            messages.success(self.request, _("Het traject is heropend."))
        else:
            lifecycle_services.trajectory_close(
                trajectory=trajectory,
                reason=data["reason"],
                user=user,
                expected_version=data["version"],
                closed_on=data["closed_on"],
                note=data["note"],
            )
            messages.success(self.request, _("Het traject is afgesloten."))


ADVANCED_MESSAGE = gettext_lazy("Alle domeinen zijn getrieerd: de status is nu ‘intake’.")


class TriageView(DossierTabMixin, TemplateView):
    """Basisvoorwaarden / leefgebieden: triage per domain and the three monitor moments.

    Each domain is a card with its own form. With htmx a card is saved in place: the response
    is that card (and the readiness line), so unsaved edits in the other cards stay on the page.
    Without JavaScript the page is posted and shown again.
    """

    template_name = "cases/dossier/triage.html"
    card_template = "cases/dossier/_triage_card.html"
    readiness_template = "cases/dossier/_triage_readiness.html"
    tab_name = "dossier:triage"

    @staticmethod
    def _row(domain, assessment, form=None, saved=False) -> dict:
        if form is None:
            form = TriageForm(
                prefix=f"d{domain.pk}",
                initial={
                    "status": assessment.status if assessment else "onbekend",
                    "note": assessment.note if assessment else "",
                    "health_insurance": assessment.health_insurance if assessment else None,
                    "version": assessment.version if assessment else 0,
                },
            )
        if domain.code != "zorg":
            form.fields.pop("health_insurance", None)
        return {"domain": domain, "assessment": assessment, "form": form, "saved": saved}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trajectory = self.get_trajectory()
        assessments = {
            a.domain_id: a for a in DomainAssessment.objects.filter(trajectory=trajectory)
        }
        failed = kwargs.get("failed")  # (domain_id, bound form) after a refused save
        rows = [
            self._row(
                domain,
                assessments.get(domain.pk),
                failed[1] if failed and failed[0] == domain.pk else None,
            )
            for domain in services.domains_of(trajectory)
        ]
        snapshots = {}
        for snapshot in DomainSnapshot.objects.filter(trajectory=trajectory):
            snapshots.setdefault(snapshot.domain_id, {})[snapshot.moment] = snapshot
        context.update(
            rows=rows,
            moments=list(SnapshotMoment),
            snapshot_rows=[
                {
                    "domain": row["domain"],
                    "cells": [
                        snapshots.get(row["domain"].pk, {}).get(moment) for moment in SnapshotMoment
                    ],
                }
                for row in rows
            ],
            has_snapshots=bool(snapshots),
            readiness=release_readiness(trajectory=trajectory, today=timezone.localdate()),
        )
        return context

    def _card(self, trajectory, row) -> HttpResponse:
        """One card, and the readiness line out of band (htmx)."""
        context = {"trajectory": trajectory, "row": row, "can_change": True}
        readiness = release_readiness(trajectory=trajectory, today=timezone.localdate())
        html = render_to_string(self.card_template, context, request=self.request)
        html += render_to_string(
            self.readiness_template, {"readiness": readiness, "oob": True}, request=self.request
        )
        return HttpResponse(html)

    def post(self, request, *args, **kwargs):
        trajectory = self.get_trajectory()
        domains = {str(d.pk): d for d in services.domains_of(trajectory)}
        domain = domains.get(request.POST.get("domain", ""))
        if domain is None:
            messages.error(request, _("Onbekend domein."))
            return redirect("dossier:triage", trajectory.pk)
        form = TriageForm(request.POST, prefix=f"d{domain.pk}")
        if domain.code != "zorg":
            form.fields.pop("health_insurance", None)  # never written from a form not showing it
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment = services.domain_assessment_set(
                    trajectory=trajectory,
                    domain=domain,
                    status=data["status"],
                    note=data["note"],
                    health_insurance=data.get("health_insurance"),
                    expected_version=data["version"],
                )
            except StaleObjectError as stale:
                form.add_error(None, stale.message)
            except ValidationError as refused:
                form.add_error(None, refused.messages[0])
            else:
                advanced = services.trajectory_follow_triage(
                    trajectory=trajectory, user=request.user
                )
                if request.htmx:
                    row = self._row(domain, assessment, saved=True)
                    return self._card(trajectory, row | {"advanced": advanced})
                if advanced:
                    messages.success(request, ADVANCED_MESSAGE)
                messages.success(request, _("%(domain)s is bijgewerkt.") % {"domain": domain})
                return redirect("dossier:triage", trajectory.pk)
        if request.htmx:
            return self._card(trajectory, self._row(domain, None, form))
        return self.render_to_response(self.get_context_data(failed=(domain.pk, form)))


class ContactsView(DossierTabMixin, TemplateView):
    template_name = "cases/dossier/contacts.html"
    tab_name = "dossier:contacts"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contacts"] = Contact.objects.filter(
            trajectory=self.get_trajectory()
        ).select_related("registered_by")
        programme = self.get_trajectory().programme
        context["form"] = kwargs.get("form") or ContactForm(programme=programme)
        return context

    def post(self, request, *args, **kwargs):
        trajectory = self.get_trajectory()
        form = ContactForm(request.POST, programme=trajectory.programme)
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != FORM_TOKEN_FIELD}
            try:
                with submitted_once(form.cleaned_data[FORM_TOKEN_FIELD], user=request.user):
                    services.contact_register(trajectory=trajectory, user=request.user, **fields)
            except DuplicateSubmission as repeat:
                messages.info(request, repeat.message)
                return redirect("dossier:contacts", trajectory.pk)
            except ValidationError as refused:
                form.add_error(None, refused.messages[0])
            else:
                messages.success(request, _("Het contactmoment is vastgelegd."))
                return redirect("dossier:contacts", trajectory.pk)
        return self.render_to_response(self.get_context_data(form=form))
