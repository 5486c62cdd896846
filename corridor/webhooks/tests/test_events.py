"""Every event type reaches a receiver once, as the endpoint's owner may see it."""

import datetime

import pytest
from rest_framework.test import APIClient
from standardwebhooks.webhooks import Webhook

from coalitions.services import add_membership
from coalitions.services import end_membership
from coalitions.tests.factories import CoalitionFactory
from corridor.digests.periods import period_starting
from corridor.digests.services import build_digest
from corridor.webhooks import services
from corridor.webhooks.delivery import sweep
from corridor.webhooks.models import Delivery
from corridor.webhooks.models import EventType
from corridor.webhooks.overdue import publish_overdue_milestones
from interventions.services import complete_milestone
from interventions.services import update_action_line
from interventions.services import update_agenda
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import MilestoneFactory
from usecases.services import record_assessment
from usecases.services import transition_use_case
from usecases.tests.helpers import assigned
from usecases.tests.helpers import use_case_in

pytestmark = pytest.mark.django_db

SCORES = {
    "complementarity": 4,
    "existing_strengths": 3,
    "feasibility": 4,
    "scalability": 5,
    "rationale": "Sterk.",
    "recommendation": "select",
}


def test_every_event_type_reaches_the_board_once(
    board, partner_a, reviewer, intervention, org_a, org_b, receiver, settings
):
    from corridor.accounts.tests.factories import reviewer_user

    settings.CORRIDOR_REVIEW_ASSESSMENTS_REQUIRED = 2
    types = [t for t in EventType.values if t != EventType.TEST]
    endpoint, secret = services.create_endpoint(actor=board, url=receiver.url, event_types=types)

    submitted = use_case_in("submitted", partner=partner_a, board=board, intervention=intervention)
    transition_use_case(use_case=submitted, to="in_review", actor=board)
    second = reviewer_user(username="second-reviewer")
    assigned(submitted, reviewer, second)
    record_assessment(use_case=submitted, reviewer=reviewer, **SCORES)
    record_assessment(use_case=submitted, reviewer=second, **SCORES)
    transition_use_case(use_case=submitted, to="selected", actor=board, reason="Goed.")
    declined = use_case_in("in_review", partner=partner_a, board=board, intervention=intervention)
    transition_use_case(use_case=declined, to="declined", actor=board, reason="Niet nu.")

    line = ActionLineFactory(intervention=intervention, lead_organisation=org_a)
    update_action_line(action_line=line, actor=board, status="at_risk")
    update_action_line(action_line=line, actor=board, end_date=datetime.date(2028, 6, 30))
    done = MilestoneFactory(action_line=line)
    complete_milestone(milestone=done, actor=board)
    MilestoneFactory(action_line=line, due_date=datetime.date.today() - datetime.timedelta(days=1))
    assert publish_overdue_milestones() == 1
    assert publish_overdue_milestones() == 0  # once
    update_agenda(intervention=intervention, text="Nieuwe agenda.", actor=board)
    membership = add_membership(coalition=CoalitionFactory(), organisation=org_b, actor=board)
    end_membership(membership=membership, actor=board)
    build_digest(period=period_starting("weekly", datetime.date(2026, 3, 2)))

    sweep(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=1))

    for got in receiver.received:
        Webhook(secret).verify(got["body"], got["headers"])
    seen = receiver.types()
    assert set(seen) == set(types)
    assert seen.count("use_case.submitted") == 2  # two use cases were submitted
    assert seen.count("milestone.overdue") == 1
    assert seen.count("use_case.assessments_completed") == 1
    assert len({got["headers"]["webhook-id"] for got in receiver.received}) == len(seen)
    assert Delivery.objects.filter(endpoint=endpoint, status="succeeded").count() == len(seen)
    moves = [p for p in receiver.payloads() if p["type"] == "use_case.selected"]
    assert moves[0]["data"]["change"] == {"from": "in_review", "to": "selected"}


def _as_api_shows(user, path):
    client = APIClient()
    client.force_authenticate(user)
    return client.get(path, HTTP_ACCEPT_LANGUAGE="en").json()


def test_a_partners_endpoint_hears_only_its_own_organisation_as_the_api_shows_it(
    board, partner_a, partner_b, reviewer, intervention, receiver
):
    endpoint, secret = services.create_endpoint(
        actor=partner_a,
        url=receiver.url,
        event_types=[EventType.USE_CASE_STATUS_CHANGED, EventType.USE_CASE_SUBMITTED],
    )
    assert endpoint.organisation == partner_a.organisation
    # Another organisation's draft moving (submitted, withdrawn): never heard.
    other = use_case_in("submitted", partner=partner_b, board=board, intervention=intervention)
    transition_use_case(use_case=other, to="withdrawn", actor=partner_b)
    own = use_case_in("in_review", partner=partner_a, board=board, intervention=intervention)
    record_assessment(use_case=assigned(own, reviewer), reviewer=reviewer, **SCORES)
    transition_use_case(use_case=own, to="selected", actor=board, reason="Goed.")

    sweep(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=1))

    payloads = receiver.payloads()
    assert payloads
    assert {p["data"]["object"]["id"] for p in payloads} == {own.pk}
    last = payloads[-1]["data"]["object"]
    # Exactly what the API shows partner A: no score, no field it may not see.
    shown = _as_api_shows(partner_a, f"/api/v1/use-cases/{own.pk}/")
    assert set(last) == set(shown)
    assert "score" not in last
    board_view = _as_api_shows(board, f"/api/v1/use-cases/{own.pk}/")
    assert set(board_view) - set(last)


def test_a_board_endpoint_of_a_partner_type_hears_drafts_only_where_the_board_sees_them(
    board, partner_a, intervention, receiver
):
    services.create_endpoint(
        actor=board, url=receiver.url, event_types=[EventType.USE_CASE_SUBMITTED]
    )
    use_case_in("submitted", partner=partner_a, board=board, intervention=intervention)
    sweep(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=1))
    assert receiver.types() == ["use_case.submitted"]


def test_an_event_no_endpoint_wants_records_nothing(board, partner_a, intervention):
    from corridor.webhooks.models import Event

    use_case_in("submitted", partner=partner_a, board=board, intervention=intervention)
    assert not Event.objects.exists()


def test_the_digest_counts_failing_endpoints(board):
    from django.utils import timezone

    from corridor.webhooks.models import Endpoint

    ok, _secret = services.create_endpoint(
        actor=board, url="https://hooks.example.org/ok", event_types=["milestone.done"]
    )
    failing, _secret = services.create_endpoint(
        actor=board, url="https://hooks.example.org/failing", event_types=["milestone.done"]
    )
    gone, _secret = services.create_endpoint(
        actor=board, url="https://hooks.example.org/gone", event_types=["milestone.done"]
    )
    Endpoint.objects.filter(pk=failing.pk).update(failing_since=timezone.now())
    Endpoint.objects.filter(pk=gone.pk).update(is_active=False, disabled_reason="410")
    digest = build_digest(period=period_starting("weekly", datetime.date(2026, 3, 2)))
    webhooks = digest.data["failures"]["webhook"]
    assert webhooks["count"] == 2
    assert [item["url"] for item in webhooks["items"]] == [failing.url, gone.url]
    assert failing.url in digest.text and gone.url in digest.html


def test_payloads_do_not_spend_the_owners_rate_limit(board, receiver, settings):
    from django.conf import settings as django_settings

    settings.REST_FRAMEWORK = {
        **django_settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(django_settings.THROTTLE_RATES, "1/hour"),
    }
    services.create_endpoint(actor=board, url=receiver.url, event_types=["milestone.done"])
    for _ in range(3):
        complete_milestone(milestone=MilestoneFactory(), actor=board)
    sweep(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=1))
    assert receiver.types() == ["milestone.done"] * 3
