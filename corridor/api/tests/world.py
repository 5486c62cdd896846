"""One small corridor with something for every role to see and not see.

Names say what each row is for: ``uc_a_draft`` is organisation A's draft use
case, ``co_forming_a`` a forming coalition A belongs to, and so on. Resource
entries in ``matrix.py`` may add rows of their own with a ``setup`` hook.
"""

import datetime
from types import SimpleNamespace

from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from coalitions.tests.factories import OrganisationFactory
from coalitions.tests.factories import RegionFactory
from corridor.accounts.tests.factories import reviewer_user
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import InterventionFactory
from interventions.tests.factories import MilestoneFactory
from usecases.models import UseCase
from usecases.tests.factories import AssessmentFactory
from usecases.tests.factories import UseCaseFactory
from usecases.tests.helpers import bring_to

S = UseCase.Status


def build_world(*, board, reviewer, partner_a, partner_b, org_a, org_b, intervention):
    w = SimpleNamespace(
        board=board,
        reviewer=reviewer,
        partner_a=partner_a,
        partner_b=partner_b,
        org_a=org_a,
        org_b=org_b,
        i1=intervention,
    )
    w.reviewer2 = reviewer_user(username="reviewer-2")
    w.i2 = InterventionFactory(number=2, slug="slimme-systemen", title_nl="Slimme systemen")
    w.mra = org_a.region
    w.brainport = org_b.region
    w.region_other = RegionFactory(slug="utrecht", name="Utrecht")
    w.org_c = OrganisationFactory(name="TU Delft", slug="tu-delft", kind="knowledge_institution")
    w.org_d = OrganisationFactory(name="Losse Partij", slug="losse-partij", region=w.region_other)

    w.al_a = ActionLineFactory(intervention=w.i1, title="Talent", lead_organisation=org_a)
    w.al_b = ActionLineFactory(intervention=w.i1, title="Testomgeving", lead_organisation=org_b)
    w.ms_a = MilestoneFactory(action_line=w.al_a, title="Plan klaar")
    w.ms_b = MilestoneFactory(action_line=w.al_b, title="Lab open")

    w.co_active = CoalitionFactory(name="Corridor AI", slug="corridor-ai", status="active")
    w.co_forming_a = CoalitionFactory(name="Almere Data", slug="almere-data", status="forming")
    w.co_forming_c = CoalitionFactory(name="Delft Chips", slug="delft-chips", status="forming")
    joined = datetime.date(2025, 1, 1)
    w.m_active_a = MembershipFactory(coalition=w.co_active, organisation=org_a, joined=joined)
    w.m_active_b = MembershipFactory(coalition=w.co_active, organisation=org_b, joined=joined)
    w.m_forming_a = MembershipFactory(coalition=w.co_forming_a, organisation=org_a, joined=joined)
    w.m_forming_c = MembershipFactory(coalition=w.co_forming_c, organisation=w.org_c, joined=joined)

    def use_case(key, organisation, submitter, status, **fields):
        uc = UseCaseFactory(
            title=key.replace("_", " "),
            organisation=organisation,
            submitted_by=submitter,
            intervention=w.i1,
            **fields,
        )
        bring_to(uc, status, partner=submitter, board=board, reason="Besluit")
        setattr(w, key, uc)

    use_case("uc_a_draft", org_a, partner_a, S.DRAFT)
    use_case("uc_a_review", org_a, partner_a, S.IN_REVIEW)
    use_case("uc_b_draft", org_b, partner_b, S.DRAFT)
    use_case("uc_b_submitted", org_b, partner_b, S.SUBMITTED)
    use_case("uc_b_review", org_b, partner_b, S.IN_REVIEW)
    use_case("uc_b_selected", org_b, partner_b, S.SELECTED)
    use_case("uc_b_declined", org_b, partner_b, S.DECLINED)

    w.as_rev_review = AssessmentFactory(use_case=w.uc_a_review, reviewer=reviewer)
    w.as_rev_selected = AssessmentFactory(use_case=w.uc_b_selected, reviewer=reviewer)
    w.as_rev2_selected = AssessmentFactory(
        use_case=w.uc_b_selected, reviewer=w.reviewer2, recommendation="maybe"
    )
    w.as_rev2_review = AssessmentFactory(use_case=w.uc_b_review, reviewer=w.reviewer2)
    w.as_rev_declined = AssessmentFactory(
        use_case=w.uc_b_declined, reviewer=reviewer, recommendation="decline"
    )
    build_review(w)
    return w


def build_review(w):
    """The review round: the reviewer is assigned to both use cases in review,
    reviewer 2 to B's and declared a conflict with A's; the Board asked B a
    question B answered; an internal and a shared comment on B's."""
    from usecases.review import services as review

    w.asg_rev_a = review.assign_reviewer(use_case=w.uc_a_review, reviewer=w.reviewer, actor=w.board)
    w.asg_rev_b = review.assign_reviewer(use_case=w.uc_b_review, reviewer=w.reviewer, actor=w.board)
    w.asg_rev2_b = review.assign_reviewer(
        use_case=w.uc_b_review, reviewer=w.reviewer2, actor=w.board
    )
    w.cf_rev2_a = review.declare_conflict(
        use_case=w.uc_a_review, reviewer=w.reviewer2, reason="Oud-collega van de indiener."
    )
    w.q_b = review.ask_question(use_case=w.uc_b_review, text="Wie betaalt de pilot?", actor=w.board)
    review.answer_question(use_case=w.uc_b_review, answer="De gemeente.", actor=w.partner_b)
    w.q_b.refresh_from_db()
    w.uc_b_review.refresh_from_db()
    w.c_internal_b = review.post_comment(
        use_case=w.uc_b_review, author=w.board, kind="internal", body="Sterk, maar duur."
    )
    w.c_shared_b = review.post_comment(
        use_case=w.uc_b_review, author=w.partner_b, kind="shared", body="Graag **snel** besluit."
    )
