"""The klantreis tab (chart and table) and the whole dossier as a PDF (WeasyPrint)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from terugkeer.cases import registry
from terugkeer.cases.choices import SnapshotMoment
from terugkeer.cases.dossier import DossierTabMixin
from terugkeer.cases.models import Contact, DomainAssessment, DomainSnapshot
from terugkeer.cases.plan_views import plan_sections
from terugkeer.cases.services import domains_of
from terugkeer.cases.timeline import client_journey, journey_lanes, monthly_costs
from terugkeer.cases.timeline_chart import journey_summary, journey_svg
from terugkeer.core.access_log import record_access
from terugkeer.core.downloads import pdf_response


def journey_context(*, scope, trajectory, chart_id: str = "klantreis") -> dict:
    """Events, lanes, the chart and its text alternative (for the tab and the PDF)."""
    events = client_journey(scope=scope, trajectory=trajectory)
    lanes = journey_lanes(events, trajectory)
    title, description = journey_summary(events, lanes, trajectory.client.display_name)
    svg = ""
    if events:
        svg = journey_svg(
            events,
            lanes,
            title=title,
            description=description,
            chart_id=chart_id,
            today=timezone.localdate(),
        )
    costs = monthly_costs(events)
    return {
        "events": events,
        "lanes": lanes,
        "monthly_costs": costs,
        "total_cost": sum((c.total for c in costs), Decimal(0)),
        "journey_svg": svg,
        "journey_title": title,
        "journey_description": description,
    }


class TimelineView(DossierTabMixin, TemplateView):
    """Klantreis: what happened to the client, per organisation, over months."""

    template_name = "cases/dossier/timeline.html"
    tab_name = "dossier:timeline"
    purpose = gettext_lazy("klantreis bekijken")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(journey_context(scope=self.request.scope, trajectory=self.get_trajectory()))
        return context


def _triage_rows(trajectory) -> tuple[list[dict], bool]:
    assessments = {a.domain_id: a for a in DomainAssessment.objects.filter(trajectory=trajectory)}
    snapshots: dict[int, dict[str, DomainSnapshot]] = {}
    for snapshot in DomainSnapshot.objects.filter(trajectory=trajectory):
        snapshots.setdefault(snapshot.domain_id, {})[snapshot.moment] = snapshot
    rows = [
        {
            "domain": domain,
            "assessment": assessments.get(domain.pk),
            "cells": [snapshots.get(domain.pk, {}).get(moment) for moment in SnapshotMoment],
        }
        for domain in domains_of(trajectory)
    ]
    return rows, bool(snapshots)


class DossierPdfView(DossierTabMixin, View):
    """The dossier on paper: facts, basisvoorwaarden, plan, contacts, klantreis and ZRM."""

    tab_name = "dossier:timeline"
    purpose = gettext_lazy("dossier afdrukken")

    def get(self, request, *args, **kwargs):
        trajectory = self.get_trajectory()
        record_access(request, trajectory, purpose=str(self.purpose))
        scope = request.scope
        today = timezone.localdate()
        triage_rows, has_snapshots = _triage_rows(trajectory)
        context = {
            "trajectory": trajectory,
            "today": today,
            "triage_rows": triage_rows,
            "has_snapshots": has_snapshots,
            "moments": list(SnapshotMoment),
            "sections": [s for s in plan_sections(trajectory, today=today) if not s.is_empty],
            "contacts": Contact.objects.visible_to(scope)
            .filter(trajectory=trajectory)
            .order_by("date", "pk"),
            "detentions": trajectory.client.detentions.visible_to(scope)
            .select_related("institution")
            .order_by("start_date"),
            **journey_context(scope=scope, trajectory=trajectory, chart_id="klantreis-pdf"),
            "app_sections": registry.pdf_sections(scope=scope, trajectory=trajectory),
        }
        return pdf_response(
            request, "cases/dossier/pdf.html", context, filename=f"dossier-{trajectory.pk}.pdf"
        )
