"""What mentoring adds to other apps' pages through their registries (none imports us).

A dossier tab (Mentor), klantreis events (each mentor contact, without its text), the reports
flagged for the team meeting on its agenda (``core.agenda_registry``) and a home panel per
role: "Mijn deelnemers" and "Mijn verslagen" for the mentor; mentors, reports and meetings for
casework (and the mentors list for the functioneel beheerder).

``MENU`` and ``mentoring_tiles`` go to ``core.navigation``; the home panel adds the counts (the
mentor's participants and next meeting, casework's open reports).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.cases import registry
from terugkeer.cases.timeline import LANE_OWN, Event
from terugkeer.core import agenda_registry
from terugkeer.core.agenda_registry import AgendaItem
from terugkeer.core.home_panels import HomePanel
from terugkeer.core.home_panels import register as register_panel
from terugkeer.core.navigation import HomeTask, NavItem, register_nav_item, register_tiles
from terugkeer.core.roles import CASEWORK_ROLES, Role
from terugkeer.mentoring.access import MENTOR_MANAGERS

MENTOR_ONLY = frozenset({Role.MENTOR})

MENU = (
    NavItem(gettext_lazy("Mijn deelnemers"), "mentoring:my_participants", MENTOR_ONLY, order=10),
    NavItem(gettext_lazy("Mijn verslagen"), "mentoring:my_reports", MENTOR_ONLY, order=20),
    NavItem(gettext_lazy("Mentoren"), "mentoring:mentor_list", MENTOR_MANAGERS, order=70),
    NavItem(gettext_lazy("Mentorverslagen"), "mentoring:inbox", CASEWORK_ROLES, order=71),
    NavItem(
        gettext_lazy("Mentorenvergaderingen"), "mentoring:meeting_list", CASEWORK_ROLES, order=72
    ),
)


def mentor_contact_events(scope, trajectory_ids, lanes) -> list[Event]:
    """One klantreis event per mentor contact: date and kind only, never the report's text."""
    from terugkeer.mentoring.models import MentorReport

    reports = (
        MentorReport.objects.visible_to(scope)
        .filter(match__trajectory_id__in=trajectory_ids)
        .order_by("met_on", "pk")
    )
    return [
        Event(
            date=report.met_on,
            lane=lanes[LANE_OWN],
            kind="mentor_contact",
            label=_("Mentorcontact: %(kind)s") % {"kind": report.get_contact_kind_display()},
        )
        for report in reports
    ]


def flagged_reports_agenda(scope, since, until, today) -> list[AgendaItem]:
    """Team-meeting agenda: reports the casemanager flagged, of contacts since the last meeting."""
    from terugkeer.mentoring.models import MentorReport

    reports = (
        MentorReport.objects.visible_to(scope)
        .filter(for_team_meeting=True, met_on__gt=since, met_on__lte=until)
        .select_related("match__mentor", "match__trajectory__client")
        .order_by("met_on", "pk")
    )
    return [
        AgendaItem(
            section="mentorverslag",
            section_title=_("Mentorverslagen voor het teamoverleg"),
            section_order=50,
            title=_("Verslag van mentor %(mentor)s van %(date)s")
            % {"mentor": report.match.mentor.full_name, "date": f"{report.met_on:%d-%m-%Y}"},
            subject=report.match.trajectory.client.display_name,
            url=reverse("mentoring:report_detail", args=[report.pk]),
            date=report.met_on,
            trajectory_id=report.match.trajectory_id,
            client_id=report.match.trajectory.client_id,
        )
        for report in reports
    ]


def mentoring_tiles(scope) -> list[HomeTask]:
    if scope.role == Role.MENTOR:
        return [
            HomeTask(
                title=_("Mijn deelnemers"),
                description=_("Wie u begeleidt, hun doelen en de reacties op uw verslagen."),
                url=reverse("mentoring:my_participants"),
                order=10,
            )
        ]
    if scope.role in CASEWORK_ROLES:
        return [
            HomeTask(
                title=_("Mentorverslagen"),
                description=_("Gespreksverslagen van mentoren lezen en erop reageren."),
                url=reverse("mentoring:inbox"),
                order=70,
            )
        ]
    return []


def mentoring_panel(scope, today) -> HomePanel | None:
    """Links to the mentoring pages of the scope's role, with counts (no personal data)."""
    from terugkeer.mentoring import selectors

    if scope.role == Role.MENTOR:
        return HomePanel(
            "mentoring/_home_mentor.html",
            {
                "participant_count": selectors.mentor_participant_count(scope=scope),
                "next_meeting": selectors.next_meeting(scope=scope, today=today),
            },
        )
    if scope.role in CASEWORK_ROLES:
        return HomePanel(
            "mentoring/_home_casework.html",
            {"open_reports": selectors.reports_inbox(scope=scope, only_open=True).count()},
        )
    if scope.role in MENTOR_MANAGERS:
        return HomePanel("mentoring/_home_casework.html", {"managers_only": True})
    return None


def register_navigation() -> None:
    register_tiles(mentoring_tiles)
    for item in MENU:
        register_nav_item(item)


def register() -> None:
    registry.register_tab("mentoring:trajectory", gettext_lazy("Mentor"), order=70)
    registry.register_event_source(mentor_contact_events)
    register_panel(mentoring_panel)
    agenda_registry.register(flagged_reports_agenda)
    register_navigation()
