"""Example plan templates for demo data (called from the demo-data command)."""

from terugkeer.cases.choices import PlanAnchor, Programme
from terugkeer.cases.models import Domain, PlanTemplate, PlanTemplateAction

# (domain code or None, description, owner, anchor, offset in days)
AFTERCARE_STANDARD = [
    ("id_bewijs", "ID-bewijs aanvragen", "coördinator", PlanAnchor.RELEASE, -21),
    ("werk_inkomen", "Uitkering aanvragen", "cliënt", PlanAnchor.RELEASE, -14),
    ("huisvesting", "Woonruimte zoeken", "coördinator", PlanAnchor.RELEASE, -30),
    ("zorg", "Zorgverzekering controleren", "coördinator", PlanAnchor.DETENTION_START, 3),
    ("schulden", "Afspraak schuldhulp", "cliënt", PlanAnchor.RELEASE, 7),
]

# Re-integratie (Kocon): the eight leefgebieden, counted from the start of the guidance plan.
REINTEGRATION_STANDARD = [
    (
        "huisvesting",
        "Woonsituatie bespreken en zo nodig inschrijven",
        "casemanager",
        PlanAnchor.PLAN_START,
        7,
    ),
    (
        "financien",
        "Overzicht inkomsten, uitgaven en schulden maken",
        "deelnemer",
        PlanAnchor.PLAN_START,
        14,
    ),
    (
        "dagbesteding",
        "Dagbesteding of vrijwilligerswerk kiezen",
        "deelnemer",
        PlanAnchor.PLAN_START,
        21,
    ),
    (
        "zingeving",
        "Gesprek over wat de deelnemer houvast geeft",
        "mentor",
        PlanAnchor.PLAN_START,
        14,
    ),
    ("praktisch", "ID-bewijs en zorgverzekering nalopen", "casemanager", PlanAnchor.PLAN_START, 7),
    (
        "psychisch",
        "Contact met behandelaar (verslavingszorg/GGZ) vastleggen",
        "casemanager",
        PlanAnchor.PLAN_START,
        14,
    ),
    ("lichamelijk", "Huisarts en medicatie nalopen", "deelnemer", PlanAnchor.PLAN_START, 21),
    (
        "sociaal_functioneren",
        "Mentor koppelen en eerste kennismaking",
        "casemanager",
        PlanAnchor.PLAN_START,
        14,
    ),
]

TEMPLATES = {
    (Programme.AFTERCARE, "Nazorg standaard"): AFTERCARE_STANDARD,
    (Programme.REINTEGRATION, "Re-integratie standaard"): REINTEGRATION_STANDARD,
}


def seed_plan_templates(organisation) -> list[PlanTemplate]:
    """Create the example templates for ``organisation``; running it again changes nothing."""
    created = []
    for (programme, name), rows in TEMPLATES.items():
        template, is_new = PlanTemplate.objects.get_or_create(
            organisation=organisation, programme=programme, name=name
        )
        if not is_new:
            continue
        domains = {d.code: d for d in Domain.objects.filter(programme__code=programme)}
        PlanTemplateAction.objects.bulk_create(
            PlanTemplateAction(
                template=template,
                domain=domains.get(code) if code else None,
                description=description,
                owner=owner,
                anchor=anchor,
                offset_days=offset,
                order=position,
            )
            for position, (code, description, owner, anchor, offset) in enumerate(rows, 1)
        )
        created.append(template)
    return created
