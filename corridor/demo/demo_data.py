"""The demo corridor's frame: the interventions from the Board's cover note, their
joint agendas version by version, and the regions.

The organisations are in ``organisations.py``, the year of work in
``work.py``. Days are offsets from the day the demo is loaded.
"""

INTERVENTIONS = [
    {
        "number": 1,
        "slug": "ai-semicon",
        "title_nl": "AI voor semicon en HTSM",
        "title_en": "AI for semicon and HTSM",
        "description_nl": (
            "Bouwt voort op de synergieën rond ‘AI voor chips, machines en systemen’ en "
            "‘AI voor grondstoffen en chips’. De koppeling tussen AI-expertise in de "
            "metropoolregio Amsterdam en de semicon- en HTSM-positie van Brainport staat "
            "centraal."
        ),
        "description_en": (
            "Builds on the synergies around ‘AI for chips, machines and systems’ and ‘AI for "
            "raw materials and chips’, linking AI expertise in the Amsterdam metropolitan "
            "region with Brainport's semicon and high-tech systems and materials position."
        ),
        "agenda": (
            "1. **Verbinden** van AI-onderzoeksgroepen in de MRA met de semicon-keten in "
            "Brainport.\n"
            "2. **Use cases** voor AI in chipontwerp, lithografie en machinebouw selecteren.\n"
            "3. **Positioneren** richting Rijk en EU (Chips Act, AI-fabrieken).\n"
        ),
    },
    {
        "number": 2,
        "slug": "slimme-verbonden-systemen",
        "title_nl": "Slimme verbonden systemen en toepassingen",
        "title_en": "Smart connected systems and applications",
        "description_nl": (
            "Richt zich op verbonden systemen en tech- en AI-toepassingen in sectoren als "
            "defensie, zorg, industrie en financiële dienstverlening, met experimenteerruimte "
            "voor testen en toepassing — onder meer in Almere."
        ),
        "description_en": (
            "Connected systems and tech and AI applications in sectors such as defence, "
            "health, industry and financial services, with room to experiment, test and "
            "apply — among others in Almere."
        ),
        "agenda": (
            "- Test- en toepassingsomgeving in **Almere** inrichten.\n"
            "- Maatschappelijke toepassingen en brede waardecreatie vooropstellen.\n"
            "- Vestiging van hightech maakindustrie faciliteren.\n"
        ),
    },
    {
        "number": 3,
        "slug": "infrastructuur-ai-data",
        "title_nl": "Infrastructuur voor AI en data",
        "title_en": "Infrastructure for AI and data",
        "description_nl": (
            "Versterken en benutten van infrastructuur voor AI en data: compute-capaciteit, "
            "data-infrastructuur, experimenteerruimte en testomgevingen, voortbouwend op de "
            "campusclusters in beide regio's."
        ),
        "description_en": (
            "Strengthening and using infrastructure for AI and data: compute capacity, data "
            "infrastructure, room to experiment and test environments, building on the "
            "campus clusters in both regions."
        ),
        "agenda": (
            "- Inventarisatie van compute- en datafaciliteiten in MRA en Brainport.\n"
            "- Gedeelde toegang tot testomgevingen.\n"
        ),
    },
    {
        "number": 4,
        "slug": "mediatech",
        "title_nl": "Samenwerking rond nieuwe digitale media (mediatech)",
        "title_en": "Cooperation on new digital media (mediatech)",
        "description_nl": (
            "Nieuwe digitale media en mediatech, voortbouwend op het mediacluster Hilversum "
            "en de creatieve industrie in Amsterdam, in samenwerking met het XR "
            "Hardware-cluster uit Brainport en Media Campus NL."
        ),
        "description_en": (
            "New digital media and mediatech, building on the Hilversum media cluster and "
            "Amsterdam's creative industry, together with Brainport's XR hardware cluster "
            "and Media Campus NL."
        ),
        "agenda": (
            "- XR-hardware uit Brainport koppelen aan content uit Hilversum.\n"
            "- Hoogwaardige mediadata ontsluiten.\n"
        ),
    },
]

# The agenda's English text and what each intervention asks of the Rijk and the EU.
AGENDA_EN = {
    1: (
        "1. **Connect** AI research groups in the MRA with Brainport's semicon chain.\n"
        "2. **Select use cases** for AI in chip design, lithography and machine building.\n"
        "3. **Position** the corridor towards the Rijk and the EU (Chips Act, AI factories).\n"
    ),
    2: (
        "- Set up a test and application environment in **Almere**.\n"
        "- Put societal applications and broad value creation first.\n"
        "- Help high-tech manufacturing settle.\n"
    ),
    3: (
        "- Map the compute and data facilities in the MRA and Brainport.\n"
        "- Shared access to test environments.\n"
    ),
    4: (
        "- Link XR hardware from Brainport with content from Hilversum.\n"
        "- Open up high-quality media data.\n"
    ),
}
ASKS = {
    1: (
        "Rijk: Cofinanciering van een AI-fabriek voor semicon en HTSM "
        "uit het Nationaal Groeifonds.\n"
        "EU: Erkenning van de corridor als pilotlijn onder de Chips Act.\n"
    ),
    2: (
        "Rijk: Regelruimte voor een experimenteerzone in Almere.\n"
        "Rijk en EU: Toegang tot defensie- en zorgdata voor testen onder voorwaarden.\n"
    ),
    3: "EU: Aansluiting bij de EuroHPC AI-fabrieken voor gedeelde compute.\n",
    4: "Rijk: Een regeling voor mediatech-consortia tussen Hilversum en Brainport.\n",
}
for _spec in INTERVENTIONS:
    _spec["agenda_en"] = AGENDA_EN[_spec["number"]]
    _spec["asks"] = ASKS[_spec["number"]]

REGIONS = [
    ("mra", "Metropoolregio Amsterdam", "Amsterdam metropolitan region"),
    ("brainport", "Brainport Eindhoven", "Brainport Eindhoven"),
    ("utrecht", "Regio Utrecht", "Utrecht region"),
    ("twente", "Twente", "Twente"),
    ("noord-nederland", "Noord-Nederland", "Northern Netherlands"),
    ("zuid-holland", "Zuid-Holland", "South Holland"),
    ("international", "Internationaal", "International"),
]

# The joint agenda of each intervention, version by version: (day, reason, text).
# The first is the sketch the intervention was created with; the last is the
# agenda in ``INTERVENTIONS``.
AGENDA_VERSIONS = {
    1: [
        (
            -363,
            "Eerste schets na de oplegger.",
            "1. AI-groepen in de MRA en de semicon-keten verbinden.\n",
        ),
        (
            -240,
            "Use cases toegevoegd.",
            (
                "1. **Verbinden** van AI-onderzoeksgroepen in de MRA met de semicon-keten in "
                "Brainport.\n2. **Use cases** voor AI in chipontwerp selecteren.\n"
            ),
        ),
        (-40, "Positionering richting Rijk en EU opgenomen.", None),
    ],
    2: [
        (-363, "Eerste schets na de oplegger.", "- Test- en toepassingsomgeving in Almere.\n"),
        (
            -200,
            "Maatschappelijke toepassingen vooropgesteld.",
            (
                "- Test- en toepassingsomgeving in **Almere** inrichten.\n"
                "- Maatschappelijke toepassingen en brede waardecreatie vooropstellen.\n"
            ),
        ),
        (-26, "Vestiging van maakindustrie toegevoegd.", None),
    ],
    3: [
        (-362, "Eerste schets na de oplegger.", "- Compute en data in beide regio's in kaart.\n"),
        (-12, "Gedeelde testomgevingen toegevoegd.", None),
    ],
    4: [
        (-362, "Eerste schets na de oplegger.", "- XR uit Brainport en content uit Hilversum.\n"),
        (
            -180,
            "Mediadata toegevoegd.",
            "- XR-hardware uit Brainport koppelen aan content uit Hilversum.\n",
        ),
        (-54, "Aangescherpt met Media Campus NL.", None),
    ],
}

SUMMARY = "Een concrete toepassing die MRA en Brainport verbindt."

REVIEW_REASONS = {
    "in_review": "Compleet ingediend; door naar beoordeling.",
    "selected": "Sterke complementariteit tussen MRA en Brainport en snel uitvoerbaar.",
    "declined": "Onvoldoende verbinding tussen de regio's; kansrijk in een volgende ronde.",
    "in_execution": "Consortium en financiering rond; uitvoering gestart.",
    "completed": "Resultaten opgeleverd en gedeeld.",
    "withdrawn": "Ingetrokken door de indiener.",
    "submitted": "",
}
