"""The workflow of both programmes as an explicit transition table (DESIGN.md section 4).

Every status change goes through :func:`terugkeer.cases.services.trajectory_transition`, which
consults this table; the table is tested exhaustively.
"""

from terugkeer.cases.choices import Programme, TrajectoryStatus

S = TrajectoryStatus

TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    Programme.AFTERCARE: {
        # Release can come at any moment before aftercare (short detentions, missed contact).
        S.REGISTERED: frozenset({S.IN_CONTACT, S.AFTERCARE, S.CLOSED}),
        S.IN_CONTACT: frozenset({S.INTAKE, S.AFTERCARE, S.CLOSED}),
        S.INTAKE: frozenset({S.PLAN, S.AFTERCARE, S.CLOSED}),
        S.PLAN: frozenset({S.AFTERCARE, S.CLOSED}),
        S.AFTERCARE: frozenset({S.CLOSED}),
        S.CLOSED: frozenset(),
    },
    Programme.REINTEGRATION: {
        S.REGISTERED: frozenset({S.INTAKE, S.CLOSED}),
        S.INTAKE: frozenset({S.GUIDANCE_PLAN, S.CLOSED}),
        S.GUIDANCE_PLAN: frozenset({S.GUIDANCE, S.CLOSED}),
        S.GUIDANCE: frozenset({S.CLOSED}),
        S.CLOSED: frozenset(),
    },
}

# Aftercare starts only by registering the release (which sets the dates); not by a plain step.
RELEASE_ONLY_TARGETS = frozenset({S.AFTERCARE})
# Statuses before release, in which a nazorg trajectory prepares the basisvoorwaarden.
PRE_RELEASE = frozenset({S.REGISTERED, S.IN_CONTACT, S.INTAKE, S.PLAN})


def statuses_of(programme: str) -> list[str]:
    return list(TRANSITIONS[programme])


def allowed_targets(programme: str, status: str) -> frozenset[str]:
    return TRANSITIONS[programme].get(status, frozenset())


def is_allowed(programme: str, status: str, target: str) -> bool:
    return target in allowed_targets(programme, status)


def manual_targets(programme: str, status: str) -> list[str]:
    """The steps a coordinator can choose on the dossier (release and closing have own forms)."""
    return [
        target
        for target in statuses_of(programme)
        if target in allowed_targets(programme, status)
        and target not in RELEASE_ONLY_TARGETS
        and target != S.CLOSED
    ]
