"""A contributor as a new programme app would write it: a goal for about half the intakes.

It draws from its own ``context.rng_for(...)``, so the rest of the dataset stays exactly as
without it.
"""

from terugkeer.cases.models import Domain, Goal
from terugkeer.core.synthetic_contract import Contributor, build

DESCRIPTION = "Synthetisch testdoel"
LABEL = "fake_app.Goal"


def reference(context):
    context.state["fake_app"] = {
        "domain": Domain.objects.order_by("programme", "order").first(),
        "organisations": [],
        "chunks": 0,
    }


def organisation(context, plan):
    context.state["fake_app"]["organisations"].append(plan.organisation.pk)


def trajectory(context, life):
    return life.intake_on is not None and context.rng_for("fake_app").random() < 0.5


def chunk(context, lives, pending):
    state = context.state["fake_app"]
    state["chunks"] += 1
    assert all(life.trajectory.pk for life in lives)  # the spine wrote them first
    context.write(
        [
            build(Goal, trajectory=life.trajectory, domain=state["domain"], description=DESCRIPTION)
            for life, with_intake in zip(lives, pending, strict=True)
            if with_intake
        ],
        label=LABEL,
    )


CONTRIBUTOR = Contributor(
    order=90, reference=reference, organisation=organisation, trajectory=trajectory, chunk=chunk
)
