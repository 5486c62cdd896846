"""The demo's joint agenda and results: co-owners per intervention, a few
proposals in each state, and a credible set of indicators per intervention
with a year of monthly measurements — some ahead of their line, some behind.

Scheduled on the demo's timeline by ``DemoYear`` after its action lines and
use cases, written through the services as of each event's day.
"""

from decimal import ROUND_HALF_UP
from decimal import Decimal
from functools import partial

from corridor.results.services import create_indicator
from corridor.results.services import record_measurement
from interventions.joint import Proposal
from interventions.joint import ProposalEvent
from interventions.services import comment_on_proposal
from interventions.services import decide_proposal
from interventions.services import name_co_owner
from interventions.services import submit_proposal

from .timeline import stamp

CO_OWNERS = {
    1: ["brainport-development", "gemeente-eindhoven"],
    2: ["gemeente-almere", "brainport-development"],
    3: ["gemeente-haarlemmermeer", "cwi"],
    4: ["gemeente-hilversum", "media-campus-nl"],
}
CO_OWNERS_FROM = -200

# (action line title, or ("use case", title); name (nl), name (en), unit,
#  baseline, target, pace: the share of the straight line actually reached)
INDICATORS = [
    ("AI-toepassingen in chipontwerp", "Pilots gestart", "Pilots started", "count", 0, 8, 1.15),
    (
        "Talentprogramma AI en semicon",
        "Studenten in het talentprogramma",
        "Students in the talent programme",
        "people",
        0,
        500,
        1.05,
    ),
    (
        "Datadeling in de machinebouwketen",
        "Bedrijven die data delen",
        "Companies sharing data",
        "count",
        0,
        15,
        0.6,
    ),
    (
        "Test- en toepassingsomgeving Almere",
        "Partners aangesloten bij het testveld",
        "Partners joined the test bed",
        "count",
        2,
        20,
        0.9,
    ),
    (
        "Ruimte voor hightech maakindustrie in Almere",
        "Investeringen gemobiliseerd",
        "Investment mobilised",
        "euros",
        0,
        5_000_000,
        1.2,
    ),
    (
        "Gedeelde compute-capaciteit",
        "Rekenuren beschikbaar gesteld",
        "Compute hours made available",
        "count",
        0,
        200_000,
        1.0,
    ),
    (
        "Data-infrastructuur en datastandaarden",
        "Bedrijven op de datastandaard",
        "Companies on the data standard",
        "count",
        0,
        10,
        0.5,
    ),
    (
        "XR-hardware voor mediaproducties",
        "Producties met XR-hardware",
        "Productions with XR hardware",
        "count",
        0,
        12,
        1.1,
    ),
    (
        "Hoogwaardige mediadata ontsluiten",
        "Aandeel archief ontsloten",
        "Share of archive opened",
        "percentage",
        5,
        60,
        1.0,
    ),
    (
        "Talent voor mediatech",
        "Deelnemers mediatech-opleiding",
        "Participants in mediatech training",
        "people",
        0,
        120,
        1.0,
    ),
    (
        ("use case", "AI-inspectie van wafers"),
        "Wafers automatisch geïnspecteerd",
        "Wafers inspected automatically",
        "count",
        0,
        100_000,
        1.15,
    ),
]
# An indicator runs eighteen months from its baseline; it is measured monthly.
RUN_DAYS = 540
EVERY_DAYS = 30
FIRST_DAY = -360
USE_CASE_FROM = -245
WHOLE = Decimal(1)

# (intervention, co-owner, action line title or None, proposed text or fields,
#  reason, day, then the Board's decision as (outcome, reason, day) or None,
#  and a co-owner's comment as (organisation, text, day) or None)
PROPOSALS = [
    (
        2,
        "gemeente-almere",
        None,
        "\n\nAlmere stelt het testveld open voor toepassingen uit Brainport.",
        "Afgestemd in het overleg van de MRA-gemeenten.",
        -6,
        None,
        (
            "brainport-development",
            "Steun vanuit Brainport; graag ook de Automotive Campus noemen.",
            -4,
        ),
    ),
    (
        1,
        "brainport-development",
        "Talentprogramma AI en semicon",
        {
            "description": "Talentprogramma AI en semicon: een gezamenlijk programma van Fontys, "
            "Windesheim Almere en het Summa College, met stages in beide regio's."
        },
        "De opleidingen in beide regio's doen nu mee.",
        -30,
        ("accepted", "Dank; zo staat het ook in de afspraken.", -20),
        None,
    ),
    (
        4,
        "gemeente-hilversum",
        None,
        "\n\nHilversum levert de productielocaties voor de XR-demonstraties.",
        "Hilversum wil de koppeling met de Media Campus zichtbaar maken.",
        -16,
        ("changes_requested", "Graag concreet: welke locaties en vanaf wanneer?", -12),
        None,
    ),
]


def backdated(obj, when):
    """``obj``, just written by a service, as if written at ``when``: its clock
    fields and its newest history record."""
    stamp(obj, when, created=True)
    history = type(obj).history
    newest = history.filter(id=obj.pk).order_by("-history_date", "-history_id").first()
    if newest is not None:
        history.filter(history_id=newest.history_id).update(history_date=when)
    return obj


def _rounded(value: float, unit: str) -> Decimal:
    step = Decimal(1000) if unit == "euros" else WHOLE
    return (Decimal(str(value)) / step).quantize(WHOLE, rounding=ROUND_HALF_UP) * step


class DemoResults:
    def __init__(self, year):
        self.year = year
        self.t = year.t

    def schedule(self):
        for number, slugs in CO_OWNERS.items():
            for slug in slugs:
                self.t.at(CO_OWNERS_FROM, partial(self._co_owner, number, slug))
        for row in INDICATORS:
            self._indicator(*row)
        for row in PROPOSALS:
            self._proposal(*row)

    def _co_owner(self, number, slug, when):
        name_co_owner(
            intervention=self.year.interventions[number],
            organisation=self.year.orgs[slug],
            started=when.date(),
            actor=self.year.board,
        )

    # -- results ------------------------------------------------------------------

    def _indicator(self, owner, name_nl, name_en, unit, baseline, target, pace):
        # A use case's indicator once it is in execution; a line's once it is planned.
        in_use = isinstance(owner, tuple)
        start = USE_CASE_FROM if in_use else max(FIRST_DAY, self._line_created(owner) + 1)
        key = (owner, name_nl)
        self.t.at(
            start, partial(self._define, key, owner, name_nl, name_en, unit, baseline, target)
        )
        for day in range(start + EVERY_DAYS, 0, EVERY_DAYS):
            share = min(1.0, (day - start) / RUN_DAYS * pace)
            value = _rounded(baseline + (target - baseline) * share, unit)
            self.t.at(day, partial(self._measure, key, value))

    @staticmethod
    def _line_created(title) -> int:
        from .work import ACTION_LINES

        return next(row[4] for row in ACTION_LINES if row[1] == title)

    def _define(self, key, owner, name_nl, name_en, unit, baseline, target, when):
        if isinstance(owner, tuple):
            place = {"use_case": self.year.use_cases[owner[1]]}
        else:
            place = {"action_line": self.year.lines[owner]}
        day = when.date()
        indicator = create_indicator(
            actor=self.year.board,
            name_nl=name_nl,
            name_en=name_en,
            unit=unit,
            baseline_value=Decimal(baseline),
            baseline_date=day,
            target_value=Decimal(target),
            target_date=day + (self.t.day(RUN_DAYS) - self.t.day(0)),
            **place,
        )
        self.year.indicators[key] = backdated(indicator, when)

    def _measure(self, key, value, when):
        indicator = self.year.indicators[key]
        measurement = record_measurement(
            indicator=indicator,
            actor=self.year.board,
            date=when.date(),
            value=value,
            source_note="Kwartaalrapportage van de trekker",
        )
        backdated(measurement, when)

    # -- proposals ----------------------------------------------------------------

    def _proposal(self, number, slug, line, change, reason, day, decision, comment):
        key = (number, slug, day)
        self.t.at(day, partial(self._propose, key, number, slug, line, change, reason))
        if comment is not None:
            self.t.at(comment[2], partial(self._comment, key, comment[0], comment[1]))
        if decision is not None:
            self.t.at(decision[2], partial(self._decide, key, decision[0], decision[1]))

    def _author(self, slug, when):
        from .year import demo_user

        return demo_user(f"demo-{slug}", "partner", self.year.orgs[slug], when=when)

    def _propose(self, key, number, slug, line, change, reason, when):
        intervention = type(self.year.interventions[number]).objects.get(number=number)
        if line is None:
            changes = {"agenda": intervention.agenda + change}
            action_line = None
        else:
            changes, action_line = change, self.year.lines[line]
        proposal = submit_proposal(
            actor=self._author(slug, when),
            intervention=intervention,
            action_line=action_line,
            changes=changes,
            reason=reason,
        )
        backdated(proposal, when)
        ProposalEvent.objects.filter(proposal=proposal).update(created=when)
        self.year.proposals[key] = proposal

    def _comment(self, key, slug, text, when):
        comment = comment_on_proposal(
            proposal=self.year.proposals[key], actor=self._author(slug, when), body=text
        )
        type(comment).objects.filter(pk=comment.pk).update(created=when)

    def _decide(self, key, outcome, reason, when):
        proposal = self.year.proposals[key]
        decided = decide_proposal(
            proposal=proposal, actor=self.year.board, outcome=outcome, reason=reason
        )
        Proposal.objects.filter(pk=decided.pk).update(updated=when)
        newest = Proposal.history.filter(id=decided.pk).order_by("-history_id").first()
        Proposal.history.filter(history_id=newest.history_id).update(history_date=when)
        ProposalEvent.objects.filter(proposal=decided, kind=outcome).update(created=when)
        if decided.accepted_version:
            # The accepted change is the target's version of that day.
            target = decided.target
            target.history.filter(history_id=decided.accepted_version).update(history_date=when)
            type(target).objects.filter(pk=target.pk).update(updated=when)
