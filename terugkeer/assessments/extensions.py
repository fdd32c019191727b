"""What assessments adds to the other apps' pages through their registries (none imports us).

A dossier tab (ZRM en vragenlijsten), a section of the dossier PDF (ZRM progress), klantreis
events (each ZRM measurement), a section of the client page (the client's ZRM measurements over
all trajectories) and a home tile (the C-toets results). Its signal (ZRM follow-up due) is in
``signal_providers``. This is the worked example of "how to add a programme app" in
``docs/architecture.md``.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.assessments.choices import C_TOETS_CODE
from terugkeer.cases import registry
from terugkeer.cases.timeline import LANE_OWN, Event
from terugkeer.clients.registry import ClientSection, register_section
from terugkeer.core.navigation import HomeTask, register_tiles
from terugkeer.core.roles import Role

SATISFACTION_ROLES = frozenset({Role.COORDINATOR, Role.TEAM_CHAIR, Role.POLICY_ADVISOR})


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


def client_measurements_section(scope, client) -> ClientSection | None:
    """The client's ZRM measurements over every trajectory the scope may see, newest first."""
    from terugkeer.assessments.models import Measurement
    from terugkeer.assessments.selectors import measurement_total

    measurements = (
        Measurement.objects.visible_to(scope)
        .filter(trajectory__client=client)
        .select_related("trajectory")
        .prefetch_related("scores")
        .order_by("-measured_on", "-pk")
    )
    rows = [
        {"measurement": m, "total": total, "scored": scored}
        for m in measurements
        for total, scored in [measurement_total(m)]
    ]
    if not rows:
        return None
    return ClientSection(
        "assessments/_client_measurements.html", order=30, context={"client": client, "rows": rows}
    )


def satisfaction_tiles(scope) -> list[HomeTask]:
    if scope.role not in SATISFACTION_ROLES:
        return []
    return [
        HomeTask(
            title=_("Cliënttevredenheid (C-toets)"),
            description=_(
                "Hoe cliënten de begeleiding beoordelen: per stelling en het rapportcijfer."
            ),
            url=reverse("assessments:satisfaction", args=[C_TOETS_CODE]),
            order=60,
        )
    ]


def register() -> None:
    registry.register_tab("assessments:trajectory", gettext_lazy("ZRM en vragenlijsten"), order=60)
    registry.register_pdf_section(zrm_pdf_section)
    registry.register_event_source(measurement_events)
    register_section(client_measurements_section)
    register_tiles(satisfaction_tiles)
