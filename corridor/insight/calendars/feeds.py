"""iCalendar (RFC 5545) feeds of milestones, made with the ``icalendar`` package.

The public feed lists every milestone (milestones are public), optionally of one
intervention. A user's private feed, at a secret URL, adds the planned
timelines of the use cases that user may see (``UseCase.objects.visible_to``),
drafts of their own organisation included.

UIDs are derived from the row's id (``milestone-42@tech-corridor``), so a
calendar app updates an event when it changes instead of adding a duplicate.
"""

import datetime
import re

from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event

from interventions.models import ActionLine
from interventions.models import Intervention
from interventions.models import Milestone
from usecases.models import UseCase

UID_DOMAIN = "tech-corridor"
PRODID = "-//Amsterdam Economic Board//Tech Corridor Portal//NL"
REFRESH = datetime.timedelta(hours=6)
ONE_DAY = datetime.timedelta(days=1)


def milestone_uid(pk: int) -> str:
    return f"milestone-{pk}@{UID_DOMAIN}"


def use_case_uid(pk: int) -> str:
    return f"use-case-{pk}@{UID_DOMAIN}"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    return calendar


def _stamp(moment: datetime.datetime | None) -> datetime.datetime:
    return (moment or timezone.now()).astimezone(datetime.UTC)


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path if base_url else path


def _page_of(obj) -> str:
    """The object's page, or empty while that page is not part of the portal."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


class UnknownIntervention(ValueError):
    """A feed's ``?intervention=`` names no intervention; the message says so."""


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")


def feed_intervention(value: str):
    """The intervention a feed's ``?intervention=<slug>`` names, ``None`` when
    it is empty. Anything that is not an intervention's slug (NUL bytes and
    other text no slug holds included) raises ``UnknownIntervention``."""
    slug = value.strip()
    if not slug:
        return None
    intervention = Intervention.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    if intervention is None:
        shown = "".join(c if c.isascii() and c.isprintable() else "?" for c in slug[:60])
        raise UnknownIntervention(_("Unknown intervention “%(slug)s”.") % {"slug": shown})
    return intervention


def milestones_for(*, user=None, intervention=None):
    queryset = Milestone.objects.visible_to(user).select_related(
        "action_line__intervention", "action_line__lead_organisation"
    )
    if intervention is not None:
        queryset = queryset.filter(action_line__intervention=intervention)
    return queryset.order_by("due_date", "id")


def milestone_event(milestone: Milestone, *, base_url: str = "", today=None) -> Event:
    line = milestone.action_line
    today = today or timezone.localdate()
    event = Event()
    event.add("uid", milestone_uid(milestone.pk))
    event.add("dtstamp", _stamp(milestone.updated))
    event.add("last-modified", _stamp(milestone.updated))
    event.add("dtstart", milestone.due_date)
    event.add("dtend", milestone.due_date + ONE_DAY)
    event.add("transp", "TRANSPARENT")
    summary = f"{milestone.title} ({line.title})"
    if milestone.completed_on:
        summary = _("Done: %(summary)s") % {"summary": summary}
    event.add("summary", summary)
    if milestone.completed_on:
        state = _("Completed on %(date)s.") % {"date": milestone.completed_on.isoformat()}
    elif milestone.due_date < today:
        state = _("Overdue.")
    else:
        state = _("Open.")
    lines = [
        _("Intervention: %(title)s") % {"title": line.intervention.title},
        _("Action line: %(title)s") % {"title": line.title},
    ]
    if line.lead_organisation:
        lines.append(_("Lead: %(name)s") % {"name": line.lead_organisation.name})
    lines.append(state)
    event.add("description", "\n".join(lines))
    event.add("categories", [line.intervention.title])
    event.add("status", "CANCELLED" if line.status == ActionLine.Status.CANCELLED else "CONFIRMED")
    if page := _page_of(line):
        event.add("url", _absolute(base_url, page))
    return event


def use_case_event(use_case: UseCase, *, base_url: str = "") -> Event:
    start = use_case.planned_start
    end = use_case.planned_end or start
    event = Event()
    event.add("uid", use_case_uid(use_case.pk))
    event.add("dtstamp", _stamp(use_case.updated))
    event.add("last-modified", _stamp(use_case.updated))
    event.add("dtstart", start)
    event.add("dtend", end + ONE_DAY)
    event.add("transp", "TRANSPARENT")
    event.add("summary", _("Use case: %(title)s") % {"title": use_case.title})
    event.add(
        "description",
        "\n".join(
            [
                _("Submitted by %(name)s.") % {"name": use_case.organisation.name},
                _("Status: %(status)s.") % {"status": use_case.get_status_display()},
                _("Intervention: %(title)s") % {"title": use_case.intervention.title},
            ]
        ),
    )
    event.add("categories", [use_case.intervention.title])
    event.add("status", "CONFIRMED" if use_case.is_public else "TENTATIVE")
    if page := _page_of(use_case):
        event.add("url", _absolute(base_url, page))
    return event


def public_feed(*, intervention=None, base_url: str = "") -> bytes:
    """The public milestone feed, of one intervention or all."""
    name = _("Tech Corridor milestones")
    if intervention is not None:
        name = f"{name}: {intervention.title}"
    calendar = _calendar(name)
    today = timezone.localdate()
    for milestone in milestones_for(intervention=intervention):
        calendar.add_component(milestone_event(milestone, base_url=base_url, today=today))
    return calendar.to_ical()


def private_feed(*, user, intervention=None, base_url: str = "") -> bytes:
    """``user``'s feed: the milestones plus the timelines of the use cases they may see."""
    calendar = _calendar(_("Tech Corridor – my calendar"))
    today = timezone.localdate()
    for milestone in milestones_for(user=user, intervention=intervention):
        calendar.add_component(milestone_event(milestone, base_url=base_url, today=today))
    use_cases = (
        UseCase.objects.visible_to(user)
        .filter(planned_start__isnull=False)
        .select_related("organisation", "intervention")
        .order_by("planned_start", "id")
    )
    if intervention is not None:
        use_cases = use_cases.filter(intervention=intervention)
    for use_case in use_cases:
        calendar.add_component(use_case_event(use_case, base_url=base_url))
    return calendar.to_ical()
