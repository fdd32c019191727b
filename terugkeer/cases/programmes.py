"""The programmes and their domain sets, loaded as data by a migration (codes are stable)."""

AFTERCARE_DOMAINS = [
    ("id_bewijs", "ID-bewijs", "Een geldig identiteitsbewijs."),
    ("huisvesting", "Huisvesting", "Een woonplek na vrijlating."),
    ("werk_inkomen", "Werk & inkomen", "Werk, uitkering of ander inkomen; ook dagbesteding."),
    ("schulden", "Schulden", "Zicht op schulden, afspraken met schuldeisers of schuldhulp."),
    ("zorg", "Zorg", "Zorgverzekering en de zorg die nodig is (GGZ, verslavingszorg, huisarts)."),
    ("sociaal_netwerk", "Sociaal netwerk", "Familie, vrienden en steun in de buurt."),
]

REINTEGRATION_DOMAINS = [
    ("huisvesting", "Huisvesting", ""),
    ("financien", "Financiën", ""),
    ("dagbesteding", "Dagbesteding", ""),
    ("zingeving", "Zingeving", ""),
    ("praktisch", "Praktisch", ""),
    ("psychisch", "Psychisch", ""),
    ("lichamelijk", "Lichamelijk", ""),
    ("sociaal_functioneren", "Sociaal functioneren", ""),
]

PROGRAMMES = {
    "nazorg": ("Nazorg ex-gedetineerden", AFTERCARE_DOMAINS),
    "reintegratie": ("Re-integratie ex-verslaafden", REINTEGRATION_DOMAINS),
}

# The basisvoorwaarden of the national monitor, by domain code (release readiness uses them).
BASIC_CONDITION_CODES = [code for code, _name, _help in AFTERCARE_DOMAINS]
