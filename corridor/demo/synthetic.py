"""A synthetic corridor at national scale, for the benchmark.

Deterministic for a seed, written with bulk inserts — history rows included,
in bulk too — into an empty database. Text mixes Dutch and English words so
full-text search has real work to do.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db import transaction

from coalitions.models import Capability
from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region
from corridor.accounts import roles
from corridor.accounts.models import User
from interventions.models import ActionLine
from interventions.models import Intervention
from interventions.models import Milestone
from usecases import scoring
from usecases.models import Assessment
from usecases.models import Sector
from usecases.models import StatusChange
from usecases.models import UseCase

from . import demo_data
from .synthetic_base import CITIES
from .synthetic_base import OTHER_CITIES
from .synthetic_base import STATUS_MIX
from .synthetic_base import SyntheticWriter
from .synthetic_base import keep_given_timestamps


class SyntheticCorridor(SyntheticWriter):
    """The synthetic corridor, written into an empty database."""

    # -- the corridor -----------------------------------------------------------------

    def load(self) -> dict[str, int]:
        with transaction.atomic():
            counts = self._load()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # VACUUM sets the visibility map, so counts and page keys are
                # index-only scans from the first request. It cannot run inside a
                # transaction (a test's), where ANALYZE alone keeps the plans right.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        return counts

    def _load(self) -> dict[str, int]:
        if UseCase.objects.exists() or Organisation.objects.exists():
            raise ValueError("The synthetic corridor loads into an empty database only.")
        rng = self.rng
        scale = self.scale
        models = [
            Organisation,
            Coalition,
            ActionLine,
            Milestone,
            UseCase,
            Assessment,
            Intervention,
        ]
        with keep_given_timestamps(*models):
            board = User.objects.create(
                username="synthetic-board", password=make_password(None), first_name="Board"
            )
            board.groups.add(roles.group(roles.BOARD))

            interventions = self.bulk(
                Intervention,
                [Intervention(**data, updated=self.now) for data in demo_data.INTERVENTIONS],
                user=board,
            )
            regions = Region.objects.bulk_create(
                [Region(slug=s, name=n, name_en=e) for s, n, e in demo_data.REGIONS]
            )
            Region.history.bulk_history_create(regions)
            region_by_slug = {r.slug: r for r in regions}
            others = [r for r in regions if not r.is_pole]

            # Organisations: 40 % MRA, 35 % Brainport, the rest elsewhere.
            kinds = [k for k, _ in Organisation.Kind.choices]
            kind_weights = [6, 2, 1, 6, 20, 2, 3]
            capabilities = [c for c, _ in Capability.choices]
            orgs = []
            for n in range(scale.organisations):
                roll = rng.random()
                if roll < 0.40:
                    region, city = region_by_slug["mra"], rng.choice(CITIES["mra"])
                elif roll < 0.75:
                    region, city = region_by_slug["brainport"], rng.choice(CITIES["brainport"])
                else:
                    region, city = rng.choice(others), rng.choice(OTHER_CITIES)
                created = self.past(2000, 400)
                orgs.append(
                    Organisation(
                        name=f"{self.words(2).title()} {n}",
                        slug=f"org-{n}",
                        kind=rng.choices(kinds, kind_weights)[0],
                        region=region,
                        city=city,
                        website=f"https://org-{n}.example.org",
                        description=self.sentence(20),
                        capabilities=rng.sample(capabilities, rng.randint(1, 3)),
                        created=created,
                        updated=created,
                    )
                )
            orgs = self.bulk(Organisation, orgs, user=board)
            self.log(f"  {len(orgs)} organisations")

            # One partner user per organisation, plus reviewers.
            password = make_password(None)
            users = User.objects.bulk_create(
                [
                    User(
                        username=f"partner-{o.slug}",
                        email=f"partner@{o.slug}.example.org",
                        organisation=o,
                        password=password,
                    )
                    for o in orgs
                ]
                + [
                    User(
                        username=f"reviewer-{n}",
                        email=f"reviewer-{n}@example.org",
                        password=password,
                    )
                    for n in range(scale.reviewers)
                ],
                batch_size=self.BATCH,
            )
            partner_users = users[: len(orgs)]
            reviewers = users[len(orgs) :]
            Through = User.groups.through
            partner_group = roles.group(roles.PARTNER)
            reviewer_group = roles.group(roles.REVIEWER)
            Through.objects.bulk_create(
                [Through(user_id=u.pk, group_id=partner_group.pk) for u in partner_users]
                + [Through(user_id=u.pk, group_id=reviewer_group.pk) for u in reviewers],
                batch_size=self.BATCH,
            )
            user_of_org = {u.organisation_id: u for u in partner_users}

            # Coalitions and memberships.
            statuses = ["forming", "active", "dormant", "closed"]
            coalitions = []
            for n in range(scale.coalitions):
                created = self.past(1500, 100)
                coalitions.append(
                    Coalition(
                        name=f"Coalitie {self.words(2)} {n}",
                        slug=f"coalition-{n}",
                        purpose=self.sentence(25),
                        status=rng.choices(statuses, [1, 6, 2, 1])[0],
                        created=created,
                        updated=created,
                    )
                )
            coalitions = self.bulk(Coalition, coalitions, user=board)
            CoalitionInterventions = Coalition.interventions.through
            CoalitionInterventions.objects.bulk_create(
                [
                    CoalitionInterventions(coalition_id=c.pk, intervention_id=i.pk)
                    for c in coalitions
                    for i in rng.sample(interventions, rng.randint(1, 2))
                ],
                batch_size=self.BATCH,
            )
            per_coalition = max(1, scale.memberships // max(1, scale.coalitions))
            membership_roles = ["lead", "core", "member", "observer"]
            memberships = []
            for coalition in coalitions:
                members = rng.sample(orgs, min(per_coalition, len(orgs)))
                for index, org in enumerate(members):
                    joined = (
                        coalition.created + datetime.timedelta(days=rng.randint(0, 90))
                    ).date()
                    left = None
                    if rng.random() < 0.08:
                        left = joined + datetime.timedelta(days=rng.randint(30, 400))
                    memberships.append(
                        Membership(
                            coalition=coalition,
                            organisation=org,
                            role="lead"
                            if index == 0
                            else rng.choices(membership_roles[1:], [2, 6, 1])[0],
                            joined=joined,
                            left=left,
                            commitment=self.sentence(8),
                            created_by=board,
                        )
                    )
            memberships = self.bulk(Membership, memberships, user=board)
            self.log(f"  {len(coalitions)} coalitions, {len(memberships)} memberships")

            # Action lines and milestones.
            line_kinds = [k for k, _ in ActionLine.Kind.choices]
            line_statuses = [s for s, _ in ActionLine.Status.choices]
            lines = []
            for n in range(scale.action_lines):
                start = self.today - datetime.timedelta(days=rng.randint(-200, 900))
                end = start + datetime.timedelta(days=rng.randint(60, 900))
                baseline_end = end - datetime.timedelta(days=rng.choice([0, 0, 0, 30, 90]))
                baseline_end = max(baseline_end, start)
                created = self.now - datetime.timedelta(days=rng.randint(1, 1000))
                lines.append(
                    ActionLine(
                        intervention=rng.choice(interventions),
                        title=f"Actielijn {self.words(3)} {n}",
                        description=self.sentence(30),
                        kind=rng.choices(line_kinds, [10, 1, 1, 1])[0],
                        status=rng.choices(line_statuses, [3, 6, 1, 2, 1])[0],
                        lead_organisation=rng.choice(orgs),
                        start_date=start,
                        end_date=end,
                        baseline_start=start,
                        baseline_end=baseline_end,
                        created=created,
                        updated=created,
                    )
                )
            lines = self.bulk(ActionLine, lines, user=board)
            per_line = max(1, scale.milestones // max(1, scale.action_lines))
            milestones = []
            for line in lines:
                span = max(1, (line.end_date - line.start_date).days)
                for k in range(per_line):
                    due = line.start_date + datetime.timedelta(
                        days=span * (k + 1) // (per_line + 1)
                    )
                    completed = None
                    if due < self.today and rng.random() < 0.7:
                        completed = min(
                            self.today, due + datetime.timedelta(days=rng.randint(-10, 20))
                        )
                    milestones.append(
                        Milestone(
                            action_line=line,
                            title=f"Mijlpaal {self.words(2)}",
                            due_date=due,
                            completed_on=completed,
                            created=line.created,
                            updated=line.created,
                        )
                    )
            milestones = self.bulk(Milestone, milestones, user=board)
            self.log(f"  {len(lines)} action lines, {len(milestones)} milestones")

            # Use cases, their moves, partners and assessments.
            sectors = [s for s, _ in Sector.choices]
            status_names = [s for s, _, _ in STATUS_MIX]
            status_weights = [w for _, w, _ in STATUS_MIX]
            paths = {s: p for s, _, p in STATUS_MIX}
            lines_by_intervention = {}
            for line in lines:
                lines_by_intervention.setdefault(line.intervention_id, []).append(line)
            use_cases, moves = [], []
            for n in range(scale.use_cases):
                org = rng.choice(orgs)
                intervention = rng.choice(interventions)
                status = rng.choices(status_names, status_weights)[0]
                created = self.past(1800, 1)
                step = created
                steps = []
                for target in paths[status]:
                    step = step + datetime.timedelta(hours=rng.randint(6, 24 * 40))
                    step = min(step, self.now)
                    steps.append((target, step))
                submitted_at = steps[0][1] if steps else None
                start = (created + datetime.timedelta(days=rng.randint(10, 200))).date()
                use_cases.append(
                    UseCase(
                        title=f"{self.words(4).capitalize()} {n}",
                        summary=self.sentence(18),
                        problem=self.sentence(40),
                        expected_outcome=self.sentence(25),
                        intervention=intervention,
                        action_line=(
                            rng.choice(lines_by_intervention[intervention.pk])
                            if rng.random() < 0.4 and lines_by_intervention.get(intervention.pk)
                            else None
                        ),
                        coalition=rng.choice(coalitions) if rng.random() < 0.3 else None,
                        organisation=org,
                        submitted_by=user_of_org[org.pk],
                        sectors=rng.sample(sectors, rng.randint(1, 2)),
                        needed_capabilities=rng.sample(capabilities, rng.randint(1, 3)),
                        location=rng.choice(CITIES["mra"] + CITIES["brainport"] + [""]),
                        planned_start=start,
                        planned_end=start + datetime.timedelta(days=rng.randint(60, 700)),
                        status=status,
                        submitted_at=submitted_at,
                        decision_rationale=self.sentence(12)
                        if status in ("selected", "declined", "in_execution", "completed")
                        else "",
                        created=created,
                        updated=steps[-1][1] if steps else created,
                    )
                )
                moves.append(steps)
            use_cases = self.bulk(UseCase, use_cases)
            self.log(f"  {len(use_cases)} use cases")

            Partners = UseCase.partners.through
            partner_rows = []
            changes = []
            assessments = []
            reviewed = {"in_review", "selected", "declined", "in_execution", "completed"}
            recommendations = ["select", "maybe", "decline"]
            for use_case, steps in zip(use_cases, moves, strict=True):
                for org in rng.sample(orgs, rng.randint(0, 2)):
                    if org.pk != use_case.organisation_id:
                        partner_rows.append(
                            Partners(usecase_id=use_case.pk, organisation_id=org.pk)
                        )
                source = "draft"
                for target, when in steps:
                    actor = use_case.submitted_by if target in ("submitted", "withdrawn") else board
                    changes.append(
                        StatusChange(
                            use_case_id=use_case.pk,
                            from_status=source,
                            to_status=target,
                            actor=actor,
                            reason=self.sentence(8)
                            if target in ("selected", "declined", "more_information_requested")
                            else "",
                            created=when,
                        )
                    )
                    source = target
                if use_case.status in reviewed:
                    review_start = steps[1][1]
                    for reviewer in rng.sample(
                        reviewers, min(len(reviewers), rng.choice([2, 3, 3]))
                    ):
                        when = review_start + datetime.timedelta(hours=rng.randint(1, 24 * 10))
                        assessments.append(
                            Assessment(
                                use_case_id=use_case.pk,
                                reviewer=reviewer,
                                complementarity=rng.randint(1, 5),
                                existing_strengths=rng.randint(1, 5),
                                feasibility=rng.randint(1, 5),
                                scalability=rng.randint(1, 5),
                                rationale=self.sentence(15),
                                recommendation=rng.choice(recommendations),
                                created=when,
                                updated=when,
                            )
                        )
            Partners.objects.bulk_create(partner_rows, batch_size=self.BATCH)
            StatusChange.objects.bulk_create(changes, batch_size=self.BATCH)
            self.log(f"  {len(changes)} status changes")
            assessments = self.bulk(Assessment, assessments)
            self.log(f"  {len(assessments)} assessments")
            # Bulk inserts send no signals: the review summaries in one pass.
            summaries = scoring.refresh()
            self.log(f"  {summaries} review summaries")
        return {
            "organisations": len(orgs),
            "coalitions": len(coalitions),
            "memberships": len(memberships),
            "action lines": len(lines),
            "milestones": len(milestones),
            "use cases": len(use_cases),
            "status changes": len(changes),
            "assessments": len(assessments),
        }
