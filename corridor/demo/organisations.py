"""The demo corridor's organisations: the real corridor's public bodies and
knowledge institutions, and clearly fictional companies.

Names, places and regions of public bodies are public facts: the
municipalities and provinces of the Metropoolregio Amsterdam and of the
Metropoolregio Eindhoven (Brainport), the knowledge institutions of both
regions and the public organisations the Board's cover note names. What they
do in the demo is invented. Every company is fictional and says so.
"""

from django.utils.text import slugify

FICTIONAL = " (Fictief voorbeeldbedrijf.)"

# Municipalities: (name, city or "" for the name, capabilities, description).
# fmt: off
MRA_MUNICIPALITIES = [
    ("Amsterdam", "", ["data", "ai", "talent"], "Hoofdstad en grootste gemeente van de MRA."),
    ("Almere", "", ["data", "talent"], "Ruimte voor test- en toepassingsomgevingen."),
    ("Amstelveen", "", ["software", "talent"], "Internationale bedrijven en kenniswerkers."),
    ("Haarlem", "", ["data"], "Hoofdstad van Noord-Holland, digitale dienstverlening."),
    ("Haarlemmermeer", "Hoofddorp", ["compute", "data"], "Datacenterregio rond Schiphol."),
    ("Zaanstad", "Zaandam", ["htsm"], "Maakindustrie aan de Zaan."),
    ("Hilversum", "", ["media", "xr"], "Thuisbasis van het mediacluster Hilversum."),
    ("Lelystad", "", ["htsm", "defence"], "Luchthaven en ruimte voor maakindustrie."),
    ("Purmerend", "", ["data"], "Groeigemeente in Waterland."),
    ("Zandvoort", "", ["data"], "Badplaats met slimme mobiliteit rond evenementen."),
    ("Velsen", "IJmuiden", ["htsm", "data"], "Haven en zware industrie aan het IJ."),
    ("Diemen", "", ["talent"], "Onderwijs- en woongemeente aan de A10."),
    ("Aalsmeer", "", ["data"], "Logistiek en sierteeltketen."),
    ("Gooise Meren", "Bussum", ["media"], "Creatieve bedrijvigheid in het Gooi."),
    ("Huizen", "", ["talent"], "Woongemeente in het Gooi."),
    ("Heemstede", "", ["data"], "Woongemeente in Zuid-Kennemerland."),
    ("Ouder-Amstel", "Duivendrecht", ["compute"], "Datacenters en kantoren langs de A2."),
    ("Uithoorn", "", ["htsm"], "Bedrijventerreinen aan de Amstel."),
    ("Beverwijk", "", ["htsm"], "Industrie in de IJmond."),
    ("Edam-Volendam", "Volendam", ["media"], "Toerisme en erfgoed aan het Markermeer."),
]
# fmt: on

# fmt: off
BRAINPORT_MUNICIPALITIES = [
    ("Eindhoven", "", ["data", "ai", "talent"], "Centrumgemeente van Brainport."),
    ("Helmond", "", ["htsm", "software"], "Automotive en slimme mobiliteit."),
    ("Veldhoven", "", ["semicon", "photonics"], "Hart van de semiconductorketen."),
    ("Best", "", ["htsm"], "Hightech bedrijventerreinen langs de A2."),
    ("Son en Breugel", "Son", ["htsm"], "Bedrijvigheid aan de noordrand van Eindhoven."),
    ("Nuenen c.a.", "Nuenen", ["talent"], "Woongemeente voor Brainport-talent."),
    ("Geldrop-Mierlo", "Geldrop", ["htsm"], "Maakbedrijven aan de Kleine Dommel."),
    ("Waalre", "", ["talent"], "Woongemeente aan de zuidrand van Eindhoven."),
    ("Valkenswaard", "", ["htsm"], "Bedrijventerreinen in de Kempen."),
    ("Oirschot", "", ["defence"], "Defensielocatie en maakindustrie."),
    ("Deurne", "", ["htsm"], "Maakindustrie in de Peel."),
    ("Heeze-Leende", "Heeze", ["talent"], "Groen woonmilieu in Brainport."),
    ("Eersel", "", ["htsm"], "Kempische bedrijvigheid."),
    ("Gemert-Bakel", "Gemert", ["htsm"], "Maakbedrijven in de Peel."),
]
# fmt: on

# (slug, name, kind, region, city, capabilities, description)
# fmt: off
PUBLIC_BODIES = [
    ("provincie-noord-holland", "Provincie Noord-Holland", "government", "mra", "Haarlem",
     ["data", "talent"], "Provinciaal bestuur in de MRA."),
    ("provincie-flevoland", "Provincie Flevoland", "government", "mra", "Lelystad",
     ["htsm", "talent"], "Provinciaal bestuur van Flevoland."),
    ("provincie-noord-brabant", "Provincie Noord-Brabant", "government", "brainport",
     "’s-Hertogenbosch", ["htsm", "semicon"], "Provinciaal bestuur van Noord-Brabant."),
    ("metropoolregio-amsterdam", "Metropoolregio Amsterdam", "government", "mra", "Amsterdam",
     ["data", "talent"], "Samenwerking van gemeenten en provincies in de MRA."),
    ("metropoolregio-eindhoven", "Metropoolregio Eindhoven", "government", "brainport", "Eindhoven",
     ["htsm", "talent"], "Samenwerking van de 21 gemeenten in Zuidoost-Brabant."),
    ("ministerie-van-economische-zaken", "Ministerie van Economische Zaken", "government",
     "zuid-holland", "Den Haag", ["semicon", "ai"], "Het Rijk, voor de positionering."),
    ("amsterdam-economic-board", "Amsterdam Economic Board", "network", "mra", "Amsterdam",
     ["ai", "data", "talent"], "Verbindt bedrijven, kennisinstellingen en overheden in de MRA."),
    ("brainport-development", "Brainport Development", "regional_development", "brainport",
     "Eindhoven", ["semicon", "htsm", "talent"], "Ontwikkelingsmaatschappij van Brainport."),
    ("amsterdam-inbusiness", "amsterdam inbusiness", "regional_development", "mra", "Amsterdam",
     ["talent"], "Buitenlandse investeringen naar de MRA."),
    ("rom-inwest", "ROM InWest", "regional_development", "mra", "Haarlem",
     ["htsm", "data"], "Regionale ontwikkelingsmaatschappij voor de MRA."),
    ("horizon-flevoland", "Horizon Flevoland", "regional_development", "mra", "Lelystad",
     ["htsm"], "Ontwikkelingsmaatschappij van Flevoland."),
    ("media-campus-nl", "Media Campus NL", "network", "mra", "Hilversum",
     ["media", "xr", "talent"], "Ecosysteem voor media-innovatie en talent in Hilversum."),
    ("beeld-en-geluid", "Nederlands Instituut voor Beeld & Geluid", "societal", "mra", "Hilversum",
     ["media", "data"], "Het audiovisuele archief van Nederland."),
    ("npo", "Nederlandse Publieke Omroep", "societal", "mra", "Hilversum",
     ["media"], "De publieke omroep, gevestigd op het Media Park."),
]
# fmt: on

# fmt: off
KNOWLEDGE_INSTITUTIONS = [
    ("universiteit-van-amsterdam", "Universiteit van Amsterdam", "mra", "Amsterdam",
     ["ai", "data", "media"], "Brede onderzoeksuniversiteit met sterke AI-groepen."),
    ("vrije-universiteit-amsterdam", "Vrije Universiteit Amsterdam", "mra", "Amsterdam",
     ["ai", "data", "health"], "Onderzoek naar AI, data en toepassingen."),
    ("hogeschool-van-amsterdam", "Hogeschool van Amsterdam", "mra", "Amsterdam",
     ["talent", "software"], "Praktijkgericht onderwijs en onderzoek."),
    ("cwi", "Centrum Wiskunde & Informatica", "mra", "Amsterdam",
     ["ai", "compute", "software"], "Nationaal onderzoeksinstituut voor wiskunde en informatica."),
    ("ams-institute", "AMS Institute", "mra", "Amsterdam",
     ["data", "ai"], "Amsterdam Institute for Advanced Metropolitan Solutions."),
    ("amsterdam-umc", "Amsterdam UMC", "mra", "Amsterdam",
     ["health", "data"], "Universitair medisch centrum."),
    ("nikhef", "Nikhef", "mra", "Amsterdam",
     ["compute", "data"], "Nationaal instituut voor subatomaire fysica, Science Park."),
    ("hogeschool-inholland", "Hogeschool Inholland", "mra", "Haarlem",
     ["talent", "media"], "Hoger beroepsonderwijs in de MRA."),
    ("windesheim-almere", "Hogeschool Windesheim Almere", "mra", "Almere",
     ["talent", "software"], "Hoger beroepsonderwijs in Flevoland."),
    ("tu-eindhoven", "Technische Universiteit Eindhoven", "brainport", "Eindhoven",
     ["ai", "semicon", "photonics", "htsm"], "Technische universiteit in Brainport."),
    ("fontys-hogescholen", "Fontys Hogescholen", "brainport", "Eindhoven",
     ["talent", "software", "xr"], "Hoger beroepsonderwijs in Brabant."),
    ("summa-college", "Summa College", "brainport", "Eindhoven",
     ["talent", "htsm"], "Middelbaar beroepsonderwijs voor de hightech."),
    ("holst-centre", "Holst Centre", "brainport", "Eindhoven",
     ["photonics", "health", "htsm"], "Onderzoekscentrum van TNO en imec op de High Tech Campus."),
    ("design-academy-eindhoven", "Design Academy Eindhoven", "brainport", "Eindhoven",
     ["xr", "media"], "Ontwerponderwijs in Eindhoven."),
    ("tno", "TNO", "zuid-holland", "Den Haag",
     ["ai", "defence", "semicon"], "Nederlandse organisatie voor toegepast onderzoek."),
    ("tu-delft", "Technische Universiteit Delft", "zuid-holland", "Delft",
     ["ai", "htsm", "semicon"], "Technische universiteit in Zuid-Holland."),
    ("universiteit-utrecht", "Universiteit Utrecht", "utrecht", "Utrecht",
     ["data", "health"], "Onderzoeksuniversiteit."),
    ("surf", "SURF", "utrecht", "Utrecht",
     ["compute", "data"], "ICT-coöperatie van onderwijs en onderzoek."),
    ("universiteit-twente", "Universiteit Twente", "twente", "Enschede",
     ["ai", "htsm", "defence"], "Technische universiteit in Twente."),
]
# fmt: on

# fmt: off
COMPANIES = [
    ("grachtdata", "Grachtdata B.V.", "mra", "Amsterdam",
     ["ai", "data", "software"], "Data-platforms voor de industrie."),
    ("flevo-robotics", "Flevo Robotics B.V.", "mra", "Almere",
     ["ai", "htsm", "defence"], "Autonome systemen voor inspectie."),
    ("mediawerf-studios", "Mediawerf Studio's B.V.", "mra", "Hilversum",
     ["media", "xr"], "Immersieve producties."),
    ("amstel-ai-lab", "Amstel AI Lab B.V.", "mra", "Amsterdam",
     ["ai", "health", "software"], "Toegepaste AI voor zorg en finance."),
    ("lelystad-composites", "Lelystad Composites B.V.", "mra", "Lelystad",
     ["htsm"], "Lichte constructies voor luchtvaart en drones."),
    ("kempen-photonics", "Kempen Photonics B.V.", "brainport", "Veldhoven",
     ["photonics", "semicon"], "Geïntegreerde fotonica."),
    ("de-run-semiconductor-systems", "De Run Semiconductor Systems B.V.", "brainport", "Veldhoven",
     ["semicon", "htsm"], "Machines voor de chipindustrie."),
    ("strijp-xr-hardware", "Strijp XR Hardware B.V.", "brainport", "Eindhoven",
     ["xr", "photonics"], "XR-brillen en -sensoren."),
    ("dommel-machines", "Dommel Machines B.V.", "brainport", "Eindhoven",
     ["htsm", "defence"], "Precisiemachines."),
    ("peel-mechatronica", "Peel Mechatronica B.V.", "brainport", "Helmond",
     ["htsm", "software"], "Mechatronica voor slimme voertuigen."),
    ("noordelijk-datacentrum", "Noordelijk Datacentrum Coöperatie U.A.", "noord-nederland",
     "Groningen", ["compute", "data"], "Groene compute-capaciteit."),
]
# fmt: on

# fmt: off
FICTIONAL_OTHERS = [
    ("stichting-digitale-samenleving", "Stichting Digitale Samenleving", "societal", "mra",
     "Amsterdam", ["data"], "Maatschappelijke organisatie voor verantwoorde digitalisering."),
    ("europees-digitaal-netwerk", "Europees Digitaal Innovatienetwerk", "network", "international",
     "Brussel", ["ai", "data"], "Europees netwerk van innovatiehubs."),
]
# fmt: on


def _municipalities(rows, region):
    for name, city, capabilities, description in rows:
        yield (
            f"gemeente-{slugify(name)}",
            f"Gemeente {name}",
            "municipality",
            region,
            city or name,
            capabilities,
            description,
        )


def organisations():
    """Every organisation as (slug, name, kind, region, city, capabilities, description)."""
    yield from _municipalities(MRA_MUNICIPALITIES, "mra")
    yield from _municipalities(BRAINPORT_MUNICIPALITIES, "brainport")
    yield from PUBLIC_BODIES
    for slug, name, region, city, capabilities, description in KNOWLEDGE_INSTITUTIONS:
        yield slug, name, "knowledge_institution", region, city, capabilities, description
    for slug, name, region, city, capabilities, description in COMPANIES:
        yield slug, name, "company", region, city, capabilities, description + FICTIONAL
    for *row, description in FICTIONAL_OTHERS:
        yield (*row, description + FICTIONAL)
