"""The Dutch penitentiary institutions (PIs) as reference data: (name, place).

Loaded by a data migration; the functioneel beheerder maintains the list afterwards.
"""

INSTITUTIONS = [
    ("PI Almelo", "Almelo"),
    ("PI Alphen aan den Rijn", "Alphen aan den Rijn"),
    ("PI Arnhem", "Arnhem"),
    ("PI Dordrecht", "Dordrecht"),
    ("PI Grave", "Grave"),
    ("PI Haaglanden locatie Den Haag", "Den Haag"),
    ("PI Haaglanden locatie Scheveningen", "Den Haag"),
    ("PI Heerhugowaard", "Heerhugowaard"),
    ("PI Krimpen aan den IJssel", "Krimpen aan den IJssel"),
    ("PI Leeuwarden", "Leeuwarden"),
    ("PI Lelystad", "Lelystad"),
    ("PI Middelburg", "Middelburg"),
    ("PI Nieuwegein", "Nieuwegein"),
    ("PI Rotterdam locatie De Schie", "Rotterdam"),
    ("PI Rotterdam locatie Hoogvliet", "Rotterdam"),
    ("PI Roermond", "Roermond"),
    ("PI Sittard", "Sittard"),
    ("PI Ter Peel", "Evertsoord"),
    ("PI Veenhuizen", "Veenhuizen"),
    ("PI Vught", "Vught"),
    ("PI Zaanstad", "Westzaan"),
    ("PI Zwaag", "Zwaag"),
    ("PI Zwolle", "Zwolle"),
    ("Justitieel Complex Schiphol", "Badhoevedorp"),
]
