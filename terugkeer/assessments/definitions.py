"""The instrument definitions loaded by the data migration (version 1 of each).

The ZRM level descriptions are short summaries in our own words, not the official matrix texts.
The C-toets follows Bijlage 2 of the Leidschendam-Voorburg evaluation (seed 001) word for word.
A changed instrument is a new version (a new data migration), never an edit of these rows.
"""

ZRM_SCALE = [
    [1, "acute problematiek"],
    [2, "niet zelfredzaam"],
    [3, "beperkt zelfredzaam"],
    [4, "voldoende zelfredzaam"],
    [5, "volledig zelfredzaam"],
]


def _levels(*texts: str) -> dict[str, str]:
    return {str(value): text for value, text in enumerate(texts, start=1)}


ZRM_DOMAINS = [
    (
        "financien",
        "Financiën",
        _levels(
            "Schulden groeien snel, geen inkomen of dreigende uitzetting/afsluiting.",
            "Geen stabiel inkomen of schulden zonder regeling; geld raakt op.",
            "Inkomen is er, schulden zijn geregeld maar het rondkomen lukt met hulp.",
            "Rondkomen lukt zelf; eventuele schulden worden volgens afspraak afgelost.",
            "Ruim voldoende inkomen, geen schulden, zelf overzicht over de geldzaken.",
        ),
    ),
    (
        "werk-opleiding",
        "Werk & opleiding",
        _levels(
            "Geen werk, opleiding of uitkering en geen zicht daarop.",
            "Geen werk of opleiding; wel een uitkering of begin van een traject.",
            "Vrijwilligerswerk, werkervaringsplek of een opleiding met ondersteuning.",
            "Betaald werk of opleiding, tijdelijk of met wat begeleiding.",
            "Vast betaald werk of een opleiding die zelfstandig wordt gevolgd.",
        ),
    ),
    (
        "tijdsbesteding",
        "Tijdsbesteding",
        _levels(
            "Geen dagritme; dagen worden doorgebracht zonder enige invulling.",
            "Weinig structuur; nauwelijks activiteiten die voldoening geven.",
            "Enige dagstructuur, maar afhankelijk van anderen om die vast te houden.",
            "Een dagritme met activiteiten die grotendeels zelf worden ingevuld.",
            "Een evenwichtige week met werk, vrije tijd en rust, zelf georganiseerd.",
        ),
    ),
    (
        "huisvesting",
        "Huisvesting",
        _levels(
            "Dakloos of acute dreiging van verlies van de woonplek.",
            "Tijdelijke of onzekere woonplek (opvang, logeren, bank van vrienden).",
            "Een woonplek met begeleiding of een onzekere huurpositie.",
            "Een eigen, passende woning; af en toe hulp nodig bij woonzaken.",
            "Een veilige, betaalbare woning die zelfstandig wordt onderhouden.",
        ),
    ),
    (
        "huiselijke-relaties",
        "Huiselijke relaties",
        _levels(
            "Geweld, ernstige spanningen of onveiligheid in huis.",
            "Veel ruzie of spanning thuis; weinig steun van huisgenoten.",
            "Spanningen thuis die met hulp hanteerbaar blijven.",
            "Gewone spanningen thuis die onderling worden opgelost.",
            "Steunende relaties in huis; problemen worden samen besproken.",
        ),
    ),
    (
        "geestelijke-gezondheid",
        "Geestelijke gezondheid",
        _levels(
            "Gevaar voor zichzelf of anderen; acute psychische crisis.",
            "Ernstige psychische klachten zonder passende behandeling.",
            "Psychische klachten die het dagelijks leven beperken; in behandeling.",
            "Lichte of stabiele klachten die het dagelijks leven weinig hinderen.",
            "Geen psychische klachten van betekenis.",
        ),
    ),
    (
        "lichamelijke-gezondheid",
        "Lichamelijke gezondheid",
        _levels(
            "Acuut medisch probleem zonder zorg.",
            "Ernstige lichamelijke klachten, geen of onvoldoende zorg.",
            "Klachten die beperken; zorg is geregeld maar wordt niet altijd gevolgd.",
            "Klachten onder controle; zorg wordt zelf geregeld en gevolgd.",
            "Goede lichamelijke gezondheid.",
        ),
    ),
    (
        "middelengebruik",
        "Middelengebruik",
        _levels(
            "Verslaving met acuut gevaar voor gezondheid of omgeving.",
            "Problematisch gebruik dat het dagelijks leven bepaalt; geen behandeling.",
            "Problematisch gebruik; in behandeling of gemotiveerd om te stoppen.",
            "Gebruik zonder duidelijke problemen, of al langere tijd gestopt.",
            "Geen gebruik, of gebruik zonder enige invloed op het dagelijks leven.",
        ),
    ),
    (
        "basale-adl",
        "Basale ADL",
        _levels(
            "Eten, drinken, wassen of aankleden gebeurt niet; acute verwaarlozing.",
            "Lichamelijke verzorging schiet duidelijk tekort.",
            "Verzorging lukt deels; hulp nodig om het vol te houden.",
            "Verzorging lukt zelf met kleine tekortkomingen.",
            "Verzorgt zichzelf volledig en goed.",
        ),
    ),
    (
        "instrumentele-adl",
        "Instrumentele ADL",
        _levels(
            "Huishouden, boodschappen en post liggen volledig stil; acute gevolgen.",
            "Huishouden en administratie lukken grotendeels niet.",
            "Huishouden en administratie lukken met regelmatige hulp.",
            "Huishouden en administratie lukken zelf, een enkele keer met hulp.",
            "Regelt huishouden, vervoer en administratie volledig zelf.",
        ),
    ),
    (
        "sociaal-netwerk",
        "Sociaal netwerk",
        _levels(
            "Geïsoleerd, of alleen contacten die schade doen.",
            "Weinig contacten; nauwelijks iemand om op terug te vallen.",
            "Enkele steunende contacten, maar ook contacten met een negatieve invloed.",
            "Een steunend netwerk van familie of vrienden.",
            "Een ruim, gezond netwerk dat wederzijds steun geeft.",
        ),
    ),
    (
        "maatschappelijke-participatie",
        "Maatschappelijke participatie",
        _levels(
            "Staat buiten de samenleving; geen contact met buurt of instanties.",
            "Nauwelijks deelname aan activiteiten buiten huis.",
            "Neemt met ondersteuning deel aan activiteiten of voorzieningen.",
            "Neemt zelf deel aan activiteiten in buurt, club of vereniging.",
            "Actief betrokken bij de samenleving, bijvoorbeeld als vrijwilliger.",
        ),
    ),
    (
        "justitie",
        "Justitie",
        _levels(
            "Recent of dreigend strafbaar feit, of opnieuw in detentie.",
            "Lopende zaken of toezicht waarbij afspraken niet worden nagekomen.",
            "Lopende zaken of toezicht; afspraken worden met hulp nagekomen.",
            "Geen nieuwe feiten; afspraken met justitie worden zelf nagekomen.",
            "Geen justitiecontacten (meer).",
        ),
    ),
]

ZRM = {
    "code": "zrm",
    "version": 1,
    "name": "Zelfredzaamheid-Matrix (ZRM)",
    "kind": "matrix",
    "introduction": (
        "Score per domein samen met de cliënt hoe zelfredzaam hij of zij nu is: 1 acute "
        "problematiek tot 5 volledig zelfredzaam. Een domein dat niet besproken is blijft "
        "'niet gescoord' en telt niet mee in het totaal."
    ),
    "closing": "",
    "scale": ZRM_SCALE,
    "not_scored_label": "niet gescoord",
    "aggregate_only": False,
}

AGREEMENT_SCALE = [
    [1, "Helemaal niet mee eens"],
    [2, "Niet mee eens"],
    [3, "Wel mee eens"],
    [4, "Helemaal mee eens"],
]

C_TOETS = {
    "code": "c-toets",
    "version": 1,
    "name": "C-toets (cliënttevredenheidstoets)",
    "kind": "vragenlijst",
    "introduction": (
        "Deze vragenlijst heet de C-toets: hiermee geef je een oordeel over de begeleiding van "
        "{organisatie} (je casemanager). Vul hem zo volledig mogelijk in en kies steeds het "
        "antwoord dat het beste bij je past: één antwoord per vraag. Sla een vraag alleen over "
        "als hij niet op jou van toepassing is."
    ),
    "closing": "Bedankt voor het invullen van de c-toets!",
    "scale": AGREEMENT_SCALE,
    "not_scored_label": "Niet van toepassing",
    "aggregate_only": True,
}

# (section code, title, note, optional, [(item code, text, kind, choices)])
C_TOETS_SECTIONS = [
    (
        "algemeen",
        "Algemene vragen",
        "",
        False,
        [
            ("geslacht", "Wat is je geslacht?", "keuze", ["man", "vrouw"]),
            ("leeftijd", "Hoe oud ben je?", "getal", []),
            ("nationaliteit", "Wat is je nationaliteit?", "open", []),
            ("duur", "Hoe lang heb je begeleiding gehad?", "open", []),
        ],
    ),
    (
        "contact",
        "Contact",
        "",
        False,
        [
            ("contact-1", "Ik voel me op mijn gemak bij mijn begeleider", "schaal", []),
            ("contact-2", "Mijn begeleider is vriendelijk", "schaal", []),
            ("contact-3", "Mijn begeleider neemt mij serieus", "schaal", []),
            ("contact-4", "Mijn begeleider heeft genoeg tijd voor mij", "schaal", []),
            ("contact-5", "Ik kan mijn begeleider goed bereiken als dat nodig is", "schaal", []),
            ("contact-6", "Ik heb het gevoel dat mijn begeleider mij begrijpt", "schaal", []),
        ],
    ),
    (
        "deskundigheid",
        "Deskundigheid",
        "",
        False,
        [
            ("deskundigheid-1", "Mijn begeleider helpt mij met problemen", "schaal", []),
            ("deskundigheid-2", "Mijn begeleider geeft goede adviezen", "schaal", []),
            ("deskundigheid-3", "Mijn begeleider komt zijn/haar afspraken na", "schaal", []),
            (
                "deskundigheid-4",
                "Mijn begeleider overlegt met mij over het plan van aanpak",
                "schaal",
                [],
            ),
            (
                "deskundigheid-5",
                "Ik vind dat mijn begeleider goed omgaat met mijn ouders/ verzorgers",
                "schaal",
                [],
            ),
        ],
    ),
    (
        "verloop",
        "Verloop van de begeleiding",
        "",
        False,
        [
            ("verloop-1", "Het eerste contact verliep goed", "schaal", []),
            (
                "verloop-2",
                "Ik word door mijn begeleider gemotiveerd om afspraken na te komen",
                "schaal",
                [],
            ),
            ("verloop-3", "Mijn begeleider werkt goed samen met andere instanties", "schaal", []),
        ],
    ),
    (
        "informatie",
        "Informatie",
        "",
        False,
        [
            ("informatie-1", "Ik krijg voldoende informatie over de hulp", "schaal", []),
            ("informatie-2", "Ik weet wat er van mij verwacht wordt", "schaal", []),
            ("informatie-3", "Ik weet wat mijn rechten en plichten zijn", "schaal", []),
            (
                "informatie-4",
                "Mijn begeleider gaat goed om met de (persoonlijke)"
                " informatie die ik aan hem/haar geef",
                "schaal",
                [],
            ),
            ("informatie-5", "Ik weet wat mijn begeleider voor me kan doen", "schaal", []),
        ],
    ),
    (
        "doel-resultaat",
        "Doel en resultaat",
        "",
        False,
        [
            ("doel-1", "Ik vind het plan van aanpak goed", "schaal", []),
            ("doel-2", "Ik bepaal samen met mijn begeleider de doelen", "schaal", []),
            ("doel-3", "Ik beslis mee over de hulp", "schaal", []),
            ("doel-4", "De hulp helpt mij echt goed", "schaal", []),
            ("doel-5", "Ik vertrouw erop dat de doelen behaald gaan worden", "schaal", []),
            (
                "doel-6",
                "Dankzij de hulp maak ik minder kans om in aanraking te"
                " komen met de politie/justitie",
                "schaal",
                [],
            ),
        ],
    ),
    (
        "extra",
        "Extra stellingen",
        "Vul deze alleen in als ze van toepassing zijn",
        True,
        [
            ("extra-1", "Mijn begeleider helpt mij met mijn schulden", "schaal", []),
            ("extra-2", "De begeleider helpt mij om inkomsten te krijgen", "schaal", []),
            (
                "extra-3",
                "Door de begeleiding heb ik mijn school afgemaakt, of ben ik van plan dit te doen",
                "schaal",
                [],
            ),
            (
                "extra-4",
                "Tijdens mijn begeleiding door {organisatie} is mijn"
                " relatie met de politie verbeterd",
                "schaal",
                [],
            ),
            ("extra-5", "De begeleider verwijst mij door naar passende hulp", "schaal", []),
        ],
    ),
    (
        "rapportcijfer",
        "Rapportcijfer",
        "",
        False,
        [
            (
                "rapportcijfer",
                "Ben je tevreden over de begeleiding van de casemanager?"
                " Omcirkel een rapportcijfer:",
                "rapportcijfer",
                [],
            ),
        ],
    ),
    (
        "open",
        "Open vragen",
        "Tot slot volgt een aantal open vragen over {organisatie}. Je mag hier uitgebreid "
        "antwoord op geven!",
        False,
        [
            ("goed", "Wat vind je goed gaan?", "open", []),
            ("minder-goed", "Wat vind je minder goed gaan?", "open", []),
            ("nodig", "Wat is er nodig? Ruimte voor opmerkingen en tips.", "open", []),
        ],
    ),
]


def load(apps) -> None:
    """Create version 1 of the ZRM and the C-toets (used by the data migration and tests)."""
    instrument_model = apps.get_model("assessments", "Instrument")
    section_model = apps.get_model("assessments", "Section")
    item_model = apps.get_model("assessments", "Item")

    zrm, created = instrument_model.objects.get_or_create(
        code=ZRM["code"], version=ZRM["version"], defaults=ZRM
    )
    if created:
        for position, (code, text, levels) in enumerate(ZRM_DOMAINS, start=1):
            item_model.objects.create(
                instrument=zrm,
                position=position,
                code=code,
                text=text,
                kind="schaal",
                levels=levels,
            )
    c_toets, created = instrument_model.objects.get_or_create(
        code=C_TOETS["code"], version=C_TOETS["version"], defaults=C_TOETS
    )
    if created:
        position = 0
        for section_position, (code, title, note, optional, items) in enumerate(
            C_TOETS_SECTIONS, start=1
        ):
            section = section_model.objects.create(
                instrument=c_toets, position=section_position, code=code, title=title, note=note
            )
            for item_code, text, kind, choices in items:
                position += 1
                item_model.objects.create(
                    instrument=c_toets,
                    section=section,
                    position=position,
                    code=item_code,
                    text=text,
                    kind=kind,
                    optional=optional or kind in ("open", "keuze", "getal"),
                    choices=choices,
                )
