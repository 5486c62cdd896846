"""Loads the demo corridor. Idempotent: every row is found by its natural key
(slug, title, username) and updated, never duplicated; use cases move through
the real workflow service, so their status history is genuine."""

import datetime

from django.db import transaction
from django.utils import timezone

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region
from corridor.accounts.models import User
from corridor.accounts.services import set_role
from corridor.versioning import version_of
from corridor.writes import save_with_history
from interventions.models import ActionLine
from interventions.models import Intervention
from interventions.models import Milestone
from usecases.models import Assessment
from usecases.models import UseCase
from usecases.services import BOARD
from usecases.services import path_from_draft
from usecases.services import record_assessment
from usecases.services import transition_use_case

from . import demo_data as data

DEMO_PASSWORD = "corridor-demo"
DEMO_LOGINS = [
    # username, role, organisation slug
    ("board", "board", None),
    ("reviewer", "reviewer", None),
    ("partner", "partner", "gemeente-almere"),
]

SCORES = [
    # complementarity, existing strengths, feasibility, scalability, recommendation
    (5, 4, 4, 4, "select"),
    (4, 4, 3, 5, "select"),
    (2, 3, 3, 2, "decline"),
    (3, 4, 2, 3, "maybe"),
]


def _user(username, role, organisation=None, *, password=None):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@corridor.example",
            "organisation": organisation,
            # The Board reads the digest by default; partners opt in.
            "digest_frequency": "none" if role == "partner" else "weekly",
        },
    )
    dirty = created
    if organisation is not None and user.organisation_id != organisation.pk:
        user.organisation = organisation
        dirty = True
    if password and not user.check_password(password):
        user.set_password(password)
        dirty = True
    elif created:
        user.set_unusable_password()
    if dirty:
        user.save()
    set_role(user, role)  # the demo Board user is staff, as the command makes one
    return user


def _days(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def _save(obj, actor):
    """Validate and save, unless the stored row already says the same (so a
    second load writes no new history)."""
    if obj.pk is not None:
        stored = type(obj)._default_manager.filter(pk=obj.pk).first()
        if stored is not None and version_of(stored) == version_of(obj):
            return obj
    return save_with_history(obj, actor=actor)


@transaction.atomic
def load_demo(*, with_demo_users: bool = False, stdout=None) -> dict[str, int]:
    board = _user("demo-bestuur", "board")
    if (board.first_name, board.last_name) != ("Demo", "Bestuur"):
        board.first_name, board.last_name = "Demo", "Bestuur"
        board.save(update_fields=["first_name", "last_name"])
    reviewers = [_user(f"demo-beoordelaar-{n}", "reviewer") for n in (1, 2)]

    for number_data in data.INTERVENTIONS:
        intervention = Intervention.objects.filter(number=number_data["number"]).first()
        if intervention is None:
            intervention = Intervention(**number_data)
            _save(intervention, board)
        else:
            changed = False
            for field in ("slug", "title_nl", "title_en", "description_nl", "description_en"):
                if getattr(intervention, field) != number_data[field]:
                    setattr(intervention, field, number_data[field])
                    changed = True
            if not intervention.agenda:
                intervention.agenda = number_data["agenda"]
                changed = True
            if changed:
                _save(intervention, board)
    interventions = {i.number: i for i in Intervention.objects.all()}

    for slug, name, name_en in data.REGIONS:
        region = Region.objects.filter(slug=slug).first() or Region(slug=slug)
        region.name, region.name_en = name, name_en
        _save(region, board)
    regions = {r.slug: r for r in Region.objects.all()}

    for slug, name, kind, region, city, capabilities, description in data.ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=slug).first() or Organisation(slug=slug)
        organisation.name = name
        organisation.kind = kind
        organisation.region = regions[region]
        organisation.city = city
        organisation.capabilities = capabilities
        organisation.description = description
        _save(organisation, board)
    orgs = {o.slug: o for o in Organisation.objects.all()}

    for slug, name, status, numbers, purpose, members in data.COALITIONS:
        coalition = Coalition.objects.filter(slug=slug).first()
        if coalition is None:
            # Its history starts when its first member joined, so the corridor
            # index has a past to show.
            coalition = Coalition(slug=slug)
            first_joined = min(joined for _org, _role, joined, _left in members)
            coalition._history_date = timezone.now() + datetime.timedelta(days=first_joined)
        coalition.name, coalition.status, coalition.purpose = name, status, purpose
        _save(coalition, board)
        coalition.interventions.set([interventions[n] for n in numbers])
        for org_slug, role, joined, left in members:
            membership = Membership.objects.filter(
                coalition=coalition, organisation=orgs[org_slug]
            ).first() or Membership(coalition=coalition, organisation=orgs[org_slug])
            membership.role = role
            membership.joined = _days(joined)
            membership.left = _days(left) if left is not None else None
            membership.created_by = board
            _save(membership, board)

    for (
        number,
        title,
        kind,
        status,
        lead,
        start,
        end,
        baseline_end,
        milestones,
    ) in data.ACTION_LINES:
        line = ActionLine.objects.filter(intervention=interventions[number], title=title).first()
        line = line or ActionLine(intervention=interventions[number], title=title)
        line.kind = kind
        line.status = status
        line.lead_organisation = orgs[lead]
        line.description = f"{title}: een actielijn van de gezamenlijke agenda."
        line.start_date = _days(start)
        line.end_date = _days(end)
        line.baseline_start = _days(start)
        line.baseline_end = _days(baseline_end)
        line.responsible = board
        _save(line, board)
        for ms_title, due, completed in milestones:
            milestone = Milestone.objects.filter(action_line=line, title=ms_title).first()
            milestone = milestone or Milestone(action_line=line, title=ms_title)
            milestone.due_date = _days(due)
            milestone.completed_on = _days(completed) if completed is not None else None
            _save(milestone, board)
    lines = {line.title: line for line in ActionLine.objects.all()}

    now = timezone.now()
    for index, row in enumerate(data.USE_CASES):
        (
            title,
            number,
            org_slug,
            partner_slugs,
            sectors,
            capabilities,
            status,
            location,
            coalition_slug,
            line_title,
        ) = row
        organisation = orgs[org_slug]
        submitter = _user(f"demo-{org_slug}", "partner", organisation)
        use_case = UseCase.objects.filter(title=title).first()
        if use_case is None:
            use_case = UseCase(
                title=title,
                organisation=organisation,
                submitted_by=submitter,
                intervention=interventions[number],
            )
        use_case.summary = data.SUMMARY
        use_case.problem = (
            f"{title}: de kennis zit in de ene regio, de toepassing in de andere; "
            "samen komen ze nog niet tot uitvoering."
        )
        use_case.expected_outcome = (
            "Een werkende toepassing binnen een jaar en een plan voor opschaling."
        )
        use_case.sectors = sectors
        use_case.needed_capabilities = capabilities
        use_case.location = location
        use_case.coalition = Coalition.objects.get(slug=coalition_slug) if coalition_slug else None
        use_case.action_line = lines.get(line_title) if line_title else None
        use_case.planned_start = _days(-120 + index * 10)
        use_case.planned_end = _days(240 + index * 10)
        _save(use_case, submitter)
        use_case.partners.set([orgs[s] for s in partner_slugs])

        if use_case.status == "draft" and status != "draft":
            step_time = now - datetime.timedelta(days=150 - index * 4)
            for move in path_from_draft(status):
                target = move.target
                actor = board if move.by == BOARD else submitter
                if target in ("selected", "declined"):
                    _assess(use_case, reviewers, index)
                transition_use_case(
                    use_case=use_case,
                    to=target,
                    actor=actor,
                    reason=data.REVIEW_REASONS[target],
                    when=step_time,
                )
                step_time += datetime.timedelta(days=6)
            if status == "in_review" and index % 2 == 0:
                _assess(use_case, reviewers[:1], index)

    if with_demo_users:
        for username, role, org_slug in DEMO_LOGINS:
            _user(username, role, orgs.get(org_slug), password=DEMO_PASSWORD)

    return {
        "interventions": Intervention.objects.count(),
        "regions": Region.objects.count(),
        "organisations": Organisation.objects.count(),
        "coalitions": Coalition.objects.count(),
        "memberships": Membership.objects.count(),
        "action lines": ActionLine.objects.count(),
        "milestones": Milestone.objects.count(),
        "use cases": UseCase.objects.count(),
        "assessments": Assessment.objects.count(),
    }


def _assess(use_case, reviewers, index):
    for offset, reviewer in enumerate(reviewers):
        c, e, f, s, recommendation = SCORES[(index + offset) % len(SCORES)]
        record_assessment(
            use_case=use_case,
            reviewer=reviewer,
            complementarity=c,
            existing_strengths=e,
            feasibility=f,
            scalability=s,
            recommendation=recommendation,
            rationale="Beoordeeld op de vier selectiecriteria van de Board.",
        )
