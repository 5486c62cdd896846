import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from corridor.insight.calendars import milestone_uid
from corridor.insight.calendars import use_case_uid
from corridor.insight.calendars.services import create_calendar_feed
from corridor.insight.calendars.services import revoke_calendar_feed
from corridor.insight.models import CalendarFeed
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import InterventionFactory
from interventions.tests.factories import MilestoneFactory
from usecases.tests.factories import UseCaseFactory


@pytest.fixture
def milestones(intervention, org_a):
    other = InterventionFactory(number=4, slug="mediatech")
    line = ActionLineFactory(intervention=intervention, lead_organisation=org_a, title="Testlab")
    return [
        MilestoneFactory(action_line=line, title="Start", due_date=datetime.date(2026, 3, 1)),
        MilestoneFactory(
            action_line=line,
            title="Klaar",
            due_date=datetime.date(2026, 9, 1),
            completed_on=datetime.date(2026, 8, 30),
        ),
        MilestoneFactory(
            action_line=ActionLineFactory(intervention=other),
            title="Media",
            due_date=datetime.date(2026, 5, 1),
        ),
    ]


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_public_feed_is_valid_icalendar_with_every_milestone(client, milestones):
    calendar = parse(client.get("/calendar/milestones.ics"))
    assert str(calendar["version"]) == "2.0"
    assert calendar["prodid"]
    found = events(calendar)
    assert set(found) == {milestone_uid(m.pk) for m in milestones}
    start = found[milestone_uid(milestones[0].pk)]
    assert start["dtstart"].dt == datetime.date(2026, 3, 1)
    assert start["dtend"].dt == datetime.date(2026, 3, 2)
    assert "Testlab" in str(start["summary"])
    assert start["dtstamp"]
    assert str(start["url"]).startswith("http://testserver/")


def test_public_feed_filters_by_intervention(client, milestones, intervention):
    found = events(
        parse(client.get("/calendar/milestones.ics", {"intervention": intervention.slug}))
    )
    assert set(found) == {milestone_uid(milestones[0].pk), milestone_uid(milestones[1].pk)}


def test_unknown_intervention_is_a_clear_400(client, milestones):
    response = client.get("/calendar/milestones.ics", {"intervention": "bestaat-niet"})
    assert response.status_code == 400
    assert "bestaat-niet" in response.content.decode()


def test_uids_are_stable_when_a_milestone_changes(client, milestones):
    before = events(parse(client.get("/calendar/milestones.ics")))
    milestone = milestones[0]
    milestone.title = "Start (verschoven)"
    milestone.due_date = datetime.date(2026, 4, 1)
    milestone.save()
    after = events(parse(client.get("/calendar/milestones.ics")))
    assert set(before) == set(after)
    moved = after[milestone_uid(milestone.pk)]
    assert moved["dtstart"].dt == datetime.date(2026, 4, 1)
    assert "verschoven" in str(moved["summary"])


@pytest.fixture
def timelines(org_a, org_b, partner_a, partner_b, intervention):
    dates = {"planned_start": datetime.date(2026, 2, 1), "planned_end": datetime.date(2026, 12, 1)}
    return {
        "a_draft": UseCaseFactory(
            organisation=org_a, submitted_by=partner_a, intervention=intervention, **dates
        ),
        "b_draft": UseCaseFactory(
            organisation=org_b, submitted_by=partner_b, intervention=intervention, **dates
        ),
    }


def test_private_feed_shows_only_what_its_user_may_see(client, milestones, timelines, partner_a):
    _feed, secret = create_calendar_feed(user=partner_a)
    url = reverse("insight_files:private-calendar", kwargs={"secret": secret})
    found = events(parse(client.get(url)))
    assert use_case_uid(timelines["a_draft"].pk) in found
    assert use_case_uid(timelines["b_draft"].pk) not in found
    assert {milestone_uid(m.pk) for m in milestones} <= set(found)
    own = found[use_case_uid(timelines["a_draft"].pk)]
    assert own["dtstart"].dt == datetime.date(2026, 2, 1)
    assert own["dtend"].dt == datetime.date(2026, 12, 2)


def test_public_feed_has_no_use_cases(client, timelines):
    assert events(parse(client.get("/calendar/milestones.ics"))) == {}


def test_private_feed_stops_working_after_revocation(client, timelines, partner_a):
    _feed, secret = create_calendar_feed(user=partner_a)
    url = reverse("insight_files:private-calendar", kwargs={"secret": secret})
    assert client.get(url).status_code == 200
    assert revoke_calendar_feed(user=partner_a) == 1
    assert client.get(url).status_code == 404


def test_a_new_address_replaces_the_old_one(client, partner_a):
    _first, old = create_calendar_feed(user=partner_a)
    _second, new = create_calendar_feed(user=partner_a)
    assert client.get(f"/calendar/private/{old}.ics").status_code == 404
    assert client.get(f"/calendar/private/{new}.ics").status_code == 200
    assert CalendarFeed.objects.filter(user=partner_a, revoked__isnull=True).count() == 1


def test_guessed_secrets_answer_404(client, db):
    for secret in ("nothing", "cal_" + "x" * 43, "cal_"):
        assert client.get(f"/calendar/private/{secret}.ics").status_code == 404


def test_secret_is_stored_only_as_a_digest(partner_a):
    feed, secret = create_calendar_feed(user=partner_a)
    assert secret not in (feed.digest, feed.prefix)
    assert secret.startswith(feed.prefix)


def test_calendar_page_shows_a_new_address_once_and_revokes(client, partner_a, milestones):
    assert client.get(reverse("insight:calendar")).status_code == 200
    client.force_login(partner_a)
    response = client.post(reverse("insight:calendar-feed-create"))
    assert response.status_code == 200
    secret = response.context["new_feed_url"].rsplit("/", 1)[1].removesuffix(".ics")
    assert client.get(f"/calendar/private/{secret}.ics").status_code == 200
    page = client.get(reverse("insight:calendar")).content.decode()
    assert secret not in page
    response = client.post(reverse("insight:calendar-feed-revoke"))
    assert response.status_code == 302
    assert client.get(f"/calendar/private/{secret}.ics").status_code == 404


def test_anonymous_cannot_make_a_private_feed(client, db, settings):
    settings.LOGIN_URL = "/account/login/"
    response = client.post(reverse("insight:calendar-feed-create"))
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")
    assert CalendarFeed.objects.count() == 0


def test_feed_queries_stay_flat(client, milestones, django_assert_max_num_queries):
    line = milestones[0].action_line
    for n in range(40):
        MilestoneFactory(action_line=line, title=f"Extra {n}")
    with django_assert_max_num_queries(2):
        found = events(parse(client.get("/calendar/milestones.ics")))
    assert len(found) == 43


def test_board_revokes_a_feed_in_the_admin(client, board, partner_a):
    _feed, secret = create_calendar_feed(user=partner_a)
    board.is_staff = True
    board.is_superuser = True
    board.save()
    client.force_login(board)
    url = reverse("admin:insight_calendarfeed_changelist")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"action": "revoke", "_selected_action": [_feed.pk]},
    )
    assert response.status_code == 302
    assert client.get(f"/calendar/private/{secret}.ics").status_code == 404


def test_english_feed_is_english_at_its_own_address(client, milestones):
    english = client.get("/en/calendar/milestones.ics", HTTP_ACCEPT_LANGUAGE="nl")
    calendar = parse(english)
    assert str(calendar["x-wr-calname"]) == "Tech Corridor milestones"
    described = " ".join(str(e["description"]) for e in calendar.walk("VEVENT"))
    assert "Action line:" in described and "Actielijn:" not in described
    assert english["Content-Language"] == "en"
    assert "Accept-Language" not in english.get("Vary", "")
    assert english["Content-Disposition"].endswith('-en.ics"')


def test_dutch_feed_stays_dutch_whatever_the_browser_asks(client, milestones):
    dutch = client.get("/calendar/milestones.ics", HTTP_ACCEPT_LANGUAGE="en")
    calendar = parse(dutch)
    assert str(calendar["x-wr-calname"]) == "Mijlpalen van de Tech Corridor"
    described = " ".join(str(e["description"]) for e in calendar.walk("VEVENT"))
    assert "Actielijn" in described
    assert dutch["Content-Language"] == "nl"
    assert "Accept-Language" not in dutch.get("Vary", "")


def test_english_feed_filters_and_reports_in_english(client, milestones, intervention):
    bad = client.get("/en/calendar/milestones.ics?intervention=nope")
    assert bad.status_code == 400
    assert "Unknown intervention" in bad.content.decode()
    calendar = parse(client.get(f"/en/calendar/milestones.ics?intervention={intervention.slug}"))
    assert len(calendar.walk("VEVENT")) == 2


def test_english_calendar_page_offers_the_english_feed(client, milestones):
    dutch = client.get(reverse("insight:calendar")).content.decode()
    assert "/calendar/milestones.ics" in dutch and "/en/calendar/milestones.ics" not in dutch
    assert (
        "/en/calendar/milestones.ics"
        in client.get("/en" + reverse("insight:calendar")).content.decode()
    )
