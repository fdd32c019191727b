"""What assessments adds to the dossier through ``cases.registry`` (cases never imports us).

A dossier tab (ZRM en vragenlijsten), a section of the dossier PDF (ZRM progress) and klantreis
events (each ZRM measurement). This is the worked example of "how to add a programme app" in
``docs/architecture.md``.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.cases import registry
from terugkeer.cases.timeline import LANE_OWN, Event


def measurement_events(scope, trajectory_ids, lanes) -> list[Event]:
    """One klantreis event per ZRM measurement, with its total."""
    from terugkeer.assessments.models import Measurement

    measurements = (
        Measurement.objects.visible_to(scope)
        .filter(trajectory_id__in=trajectory_ids)
        .prefetch_related("scores")
        .order_by("measured_on", "pk")
    )
    events = []
    for measurement in measurements:
        scored = [s.score for s in measurement.scores.all() if s.score is not None]
        events.append(
            Event(
                date=measurement.measured_on,
                lane=lanes[LANE_OWN],
                kind="measurement",
                label=_("ZRM: %(kind)s") % {"kind": measurement.get_kind_display()},
                details=_("totaal %(total)s (%(n)s domeinen gescoord)")
                % {"total": sum(scored), "n": len(scored)},
            )
        )
    return events


def zrm_pdf_section(scope, trajectory) -> registry.PdfSection:
    from terugkeer.assessments.views import progress_context

    return registry.PdfSection(
        "assessments/_zrm_pdf_section.html", progress_context(scope=scope, trajectory=trajectory)
    )


def register() -> None:
    registry.register_tab("assessments:trajectory", gettext_lazy("ZRM en vragenlijsten"), order=60)
    registry.register_pdf_section(zrm_pdf_section)
    registry.register_event_source(measurement_events)
