"""The demo's year: what happened in the corridor, scheduled on a ``Timeline``.

A year ago the Board set up the regions, the organisations and the four
interventions with a first sketch of each agenda; coalitions were founded and
grew, action lines were planned, started, slipped or ran into trouble,
milestones were done, and use cases were drafted, submitted, reviewed,
decided and carried out. Each step is the service the portal calls, as the
person who would have taken it.
"""

import datetime
from functools import partial

from django.utils import timezone

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region
from coalitions.services import end_membership
from coalitions.services import update_coalition
from corridor.accounts.models import User
from corridor.accounts.services import set_role
from corridor.writes import save_with_history
from interventions.models import ActionLine
from interventions.models import Intervention
from interventions.models import Milestone
from interventions.services import complete_milestone
from interventions.services import update_action_line
from interventions.services import update_agenda
from usecases.models import UseCase
from usecases.services import BOARD
from usecases.services import path_from_draft
from usecases.services import record_assessment
from usecases.services import transition_use_case

from . import demo_data as data
from . import work
from .organisations import organisations
from .results import DemoResults
from .review import ReviewRound
from .timeline import Timeline
from .timeline import saved_at
from .timeline import stamp
from .timeline import written_at

FIRST_DAY = -364
# complementarity, existing strengths, feasibility, scalability, recommendation
SCORES = {
    "selected": [(5, 4, 4, 4, "select"), (4, 4, 3, 5, "select")],
    "declined": [(2, 3, 3, 2, "decline"), (3, 2, 2, 3, "maybe")],
    "in_review": [(3, 4, 2, 3, "maybe")],
}
DECISIONS = ("selected", "declined")
RATIONALE = "Beoordeeld op de vier selectiecriteria van de Board."


def demo_user(username, role, organisation=None, *, when=None) -> User:
    """The demo user ``username`` with ``role``, created (as of ``when``) when missing."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            email=f"{username}@corridor.example",
            organisation=organisation,
            # The Board reads the digest by default; partners opt in.
            digest_frequency="none" if role == "partner" else "weekly",
            is_staff=role == "board",
            date_joined=when or timezone.now(),
        )
        user.set_unusable_password()
        if when is not None:
            user._history_date = when
        user.save()
    set_role(user, role)
    return user


def _local_day(when: datetime.datetime) -> datetime.date:
    return timezone.localtime(when).date()


class DemoYear:
    """Schedules the year on ``timeline``; ``timeline.run()`` writes it."""

    def __init__(self, timeline: Timeline):
        self.t = timeline
        self.board: User | None = None
        self.reviewers: list[User] = []
        self.regions: dict[str, Region] = {}
        self.orgs: dict[str, Organisation] = {}
        self.interventions: dict[int, Intervention] = {}
        self.coalitions: dict[str, Coalition] = {}
        self.lines: dict[str, ActionLine] = {}
        self.milestones: dict[tuple[str, str], Milestone] = {}
        self.use_cases: dict[str, UseCase] = {}
        self.indicators: dict = {}
        self.proposals: dict = {}

    def schedule(self) -> "DemoYear":
        self.t.at(FIRST_DAY, self._staff)
        self._frame()
        self._coalitions()
        self._action_lines()
        self._use_cases()
        DemoResults(self).schedule()
        return self

    # -- the frame: people, regions, organisations, interventions -------------

    def _staff(self, when):
        self.board = demo_user("demo-bestuur", "board", when=when)
        self.board.first_name, self.board.last_name = "Demo", "Bestuur"
        self.board._history_date = when
        self.board.save(update_fields=["first_name", "last_name"])
        self.reviewers = [demo_user(f"demo-beoordelaar-{n}", "reviewer", when=when) for n in (1, 2)]

    def _frame(self):
        for slug, name, name_en in data.REGIONS:
            self.t.at(FIRST_DAY, partial(self._region, slug, name, name_en))
        for row in organisations():
            self.t.at(FIRST_DAY, partial(self._organisation, *row))
        for spec in data.INTERVENTIONS:
            (first, reason, text), *later = data.AGENDA_VERSIONS[spec["number"]]
            self.t.at(first, partial(self._intervention, spec, text, reason))
            for day, reason, text in later:
                self.t.at(day, partial(self._agenda, spec, text or spec["agenda"], reason))

    def _region(self, slug, name, name_en, when):
        region = Region(slug=slug, name=name, name_en=name_en)
        self.regions[slug] = saved_at(region, when, actor=self.board)

    def _organisation(self, slug, name, kind, region, city, capabilities, description, when):
        organisation = Organisation(
            slug=slug,
            name=name,
            kind=kind,
            region=self.regions[region],
            city=city,
            capabilities=capabilities,
            description=description,
        )
        self.orgs[slug] = saved_at(organisation, when, actor=self.board)

    def _intervention(self, spec, text, reason, when):
        fields = {key: value for key, value in spec.items() if key != "agenda"}
        intervention = Intervention(**fields, agenda=text)
        intervention._change_reason = reason
        self.interventions[spec["number"]] = saved_at(intervention, when, actor=self.board)

    def _agenda(self, spec, text, reason, when):
        intervention = self.interventions[spec["number"]]
        written_at(
            intervention,
            when,
            lambda: update_agenda(
                intervention=intervention, text=text, actor=self.board, reason=reason
            ),
        )

    # -- coalitions and their members ----------------------------------------

    def _coalitions(self):
        for slug, name, numbers, purpose, statuses, members in work.COALITIONS:
            (founded, status), *later = statuses
            self.t.at(founded, partial(self._found, slug, name, numbers, purpose, status))
            for organisation, role, joined, left in members:
                self.t.at(joined, partial(self._join, slug, organisation, role))
                if left is not None:
                    self.t.at(left, partial(self._leave, slug, organisation))
            for day, status in later:
                self.t.at(day, partial(self._coalition_status, slug, status))

    def _found(self, slug, name, numbers, purpose, status, when):
        coalition = Coalition(slug=slug, name=name, purpose=purpose, status=status)

        def write():
            save_with_history(coalition, actor=self.board)
            coalition.interventions.set([self.interventions[n] for n in numbers])

        written_at(coalition, when, write)
        self.coalitions[slug] = coalition

    def _join(self, slug, organisation, role, when):
        membership = Membership(
            coalition=self.coalitions[slug],
            organisation=self.orgs[organisation],
            role=role,
            joined=_local_day(when),
            created_by=self.board,
        )
        saved_at(membership, when, actor=self.board)

    def _leave(self, slug, organisation, when):
        membership = Membership.objects.get(
            coalition=self.coalitions[slug], organisation=self.orgs[organisation], left=None
        )
        written_at(
            membership,
            when,
            lambda: end_membership(membership=membership, actor=self.board, left=_local_day(when)),
        )

    def _coalition_status(self, slug, status, when):
        coalition = self.coalitions[slug]
        written_at(
            coalition,
            when,
            lambda: update_coalition(coalition=coalition, actor=self.board, status=status),
        )

    # -- action lines and milestones -----------------------------------------

    def _action_lines(self):
        for row in work.ACTION_LINES:
            number, title, kind, lead, created, start, end, baseline_end, changes, stones = row
            final_end = next(
                (f["end_date"] for _d, f in reversed(changes) if "end_date" in f), baseline_end
            )
            if final_end != end:
                raise ValueError(f"{title}: the changes end it on day {final_end}, not {end}.")
            plan = (number, title, kind, lead, start, baseline_end, stones)
            self.t.at(created, partial(self._plan_line, *plan))
            for day, fields in changes:
                self.t.at(day, partial(self._change_line, title, fields))
            for stone, _due, done in stones:
                if done is not None:
                    self.t.at(done, partial(self._complete, title, stone))

    def _plan_line(self, number, title, kind, lead, start, end, stones, when):
        line = ActionLine(
            intervention=self.interventions[number],
            title=title,
            kind=kind,
            status=ActionLine.Status.PLANNED,
            lead_organisation=self.orgs[lead],
            description=f"{title}: een actielijn van de gezamenlijke agenda.",
            start_date=self.t.day(start),
            end_date=self.t.day(end),
            baseline_start=self.t.day(start),
            baseline_end=self.t.day(end),
            responsible=self.board,
        )
        self.lines[title] = saved_at(line, when, actor=self.board)
        for stone, due, _done in stones:
            milestone = Milestone(action_line=line, title=stone, due_date=self.t.day(due))
            self.milestones[title, stone] = saved_at(milestone, when, actor=self.board)

    def _change_line(self, title, fields, when):
        line = self.lines[title]
        fields = dict(fields)
        if "end_date" in fields:
            fields["end_date"] = self.t.day(fields["end_date"])
        written_at(
            line, when, lambda: update_action_line(action_line=line, actor=self.board, **fields)
        )

    def _complete(self, title, stone, when):
        milestone = complete_milestone(
            milestone=self.milestones[title, stone],
            actor=self.board,
            on=_local_day(when),
            when=when,
        )
        stamp(milestone, when)

    # -- use cases -------------------------------------------------------------

    def _use_cases(self):
        round_ = ReviewRound(self)
        for row in work.USE_CASES:
            title, status, days = row[0], row[6], row[10]
            moves = path_from_draft(status)
            if len(days) != len(moves) + 1:
                raise ValueError(f"{title}: {len(moves)} moves to {status}, {len(days)} days.")
            created, *move_days = days
            self.t.at(created, partial(self._draft, row))
            for move, day in zip(moves, move_days, strict=True):
                if move.target in DECISIONS:
                    # Both reviewers assess in the days before the decision.
                    for reviewer, scores in enumerate(SCORES[move.target]):
                        assess = partial(self._assess, title, reviewer, scores)
                        self.t.at(day - 3 + reviewer, assess)
                self.t.at(day, partial(self._move, title, move))
                if move.target == "in_review":
                    round_.into_review(title, day)
            # Some reviews are under way: one reviewer has scored (a fixed choice).
            if status == "in_review" and len(title) % 2 == 0:
                scores = SCORES["in_review"][0]
                self.t.at(move_days[-1] + 4, partial(self._assess, title, 0, scores))
            if status == "in_review":
                round_.still_in_review(title, move_days[-1])
        round_.schedule()

    def _submitter(self, slug, when) -> User:
        return demo_user(f"demo-{slug}", "partner", self.orgs[slug], when=when)

    def _draft(self, row, when):
        title, number, org, partners, sectors, capabilities, _s, location, coalition, line, _d = row
        submitter = self._submitter(org, when)
        start = _local_day(when) + datetime.timedelta(days=60)
        use_case = UseCase(
            title=title,
            intervention=self.interventions[number],
            organisation=self.orgs[org],
            submitted_by=submitter,
            summary=data.SUMMARY,
            problem=(
                f"{title}: de kennis zit in de ene regio, de toepassing in de andere; "
                "samen komen ze nog niet tot uitvoering."
            ),
            expected_outcome="Een werkende toepassing binnen een jaar en een plan voor opschaling.",
            sectors=sectors,
            needed_capabilities=capabilities,
            location=location,
            coalition=self.coalitions[coalition] if coalition else None,
            action_line=self.lines[line] if line else None,
            planned_start=start,
            planned_end=start + datetime.timedelta(days=300),
        )

        def write():
            save_with_history(use_case, actor=submitter)
            use_case.partners.set([self.orgs[slug] for slug in partners])

        written_at(use_case, when, write)
        self.use_cases[title] = use_case

    def _move(self, title, move, when):
        use_case = self.use_cases[title]
        actor = self.board if move.by == BOARD else use_case.submitted_by
        transition_use_case(
            use_case=use_case,
            to=move.target,
            actor=actor,
            reason=data.REVIEW_REASONS[move.target],
            when=when,
        )
        stamp(use_case, when)

    def _assess(self, title, reviewer, scores, when):
        complementarity, strengths, feasibility, scalability, recommendation = scores
        assessment = record_assessment(
            use_case=self.use_cases[title],
            reviewer=self.reviewers[reviewer],
            when=when,
            complementarity=complementarity,
            existing_strengths=strengths,
            feasibility=feasibility,
            scalability=scalability,
            recommendation=recommendation,
            rationale=RATIONALE,
        )
        stamp(assessment, when, created=True)
