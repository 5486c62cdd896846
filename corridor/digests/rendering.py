"""Digest and notification emails, rendered in the reader's language.

The digest content is structured data (``content.py``); this module turns it
into headings and lines in one language, for the Board's whole digest or for
one organisation's part, and renders the HTML and plain-text templates.
"""

import datetime
import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalitions.models import Membership
from interventions.models import ActionLine
from usecases.models import UseCaseStatus

from .content import CORRIDOR_SECTIONS
from .content import INTERVENTION_SECTIONS
from .content.review import REVIEW_LINES
from .links import Line
from .links import item_url
from .models import Frequency
from .periods import local_zone
from .results_rendering import results_lines


def _item(key: str, item: dict) -> Line:
    return Line(_line(key, item), item_url(key, item))


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _date(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = (
            datetime.datetime.fromisoformat(value)
            if "T" in value
            else datetime.date.fromisoformat(value)
        )
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value, local_zone()).date()
    return date_format(value, "DATE_FORMAT")


def _label(choices, code) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code or ""


def _use_case_status(code) -> str:
    return _label(UseCaseStatus, code)


def _headings() -> dict[str, str]:
    return {
        "use_cases_submitted": _("Use cases submitted"),
        "status_moves": _("Use case status moves"),
        "decisions": _("Selections and declines"),
        "waiting_for_review": _("Waiting for review for more than 14 days"),
        "assessments_completed": _("Assessments completed"),
        "assignments_overdue": _("Review assignments waiting too long for an assessment"),
        "questions_unanswered": _("Questions to partners not yet answered"),
        "decisions_overridden": _("Selected on fewer assessments than required"),
        "action_lines_started": _("Action lines started"),
        "action_lines_ended": _("Action lines ended"),
        "action_lines_status_changed": _("Action lines that changed status"),
        "action_lines_at_risk": _("Action lines that went at risk"),
        "action_lines_slipped": _("Action lines whose end date slipped past the baseline"),
        "milestones_completed": _("Milestones completed"),
        "milestones_overdue": _("Milestones overdue at the end of the period"),
        "milestones_due_soon": _("Milestones due in the next 14 days"),
        "coalitions_formed": _("Coalitions formed"),
        "coalitions_closed": _("Coalitions closed"),
        "memberships_begun": _("Memberships begun"),
        "memberships_ended": _("Memberships ended"),
    }


def _line(key: str, item: dict) -> str:
    """One item of a section as a sentence in the active language."""
    if key == "use_cases_submitted":
        return _("%(title)s (%(organisation)s), %(date)s") % {
            "title": item["title"],
            "organisation": item["organisation"],
            "date": _date(item["when"]),
        }
    if key == "status_moves":
        return _("%(title)s (%(organisation)s): from %(source)s, %(date)s") % {
            "title": item["title"],
            "organisation": item["organisation"],
            "source": _use_case_status(item["from_status"]),
            "date": _date(item["when"]),
        }
    if key == "decisions":
        line = _("%(title)s (%(organisation)s): %(status)s") % {
            "title": item["title"],
            "organisation": item["organisation"],
            "status": _use_case_status(item["to_status"]),
        }
        if item.get("reason"):
            line += " — " + _("rationale: %(reason)s") % {"reason": item["reason"]}
        return line
    if key == "waiting_for_review":
        return ngettext(
            "%(title)s (%(organisation)s): %(status)s, waiting %(days)d day",
            "%(title)s (%(organisation)s): %(status)s, waiting %(days)d days",
            item["days_waiting"],
        ) % {
            "title": item["title"],
            "organisation": item["organisation"],
            "status": _use_case_status(item["status"]),
            "days": item["days_waiting"],
        }
    if key == "assessments_completed":
        return ngettext(
            "%(title)s (%(organisation)s): %(count)d assessment",
            "%(title)s (%(organisation)s): %(count)d assessments",
            item["assessments"],
        ) % {
            "title": item["title"],
            "organisation": item["organisation"],
            "count": item["assessments"],
        }
    if key in REVIEW_LINES:
        return REVIEW_LINES[key](item)
    if key == "action_lines_started":
        return _("%(title)s, from %(date)s") % {
            "title": item["title"],
            "date": _date(item["start_date"]),
        }
    if key == "action_lines_ended":
        return _("%(title)s, ended %(date)s") % {
            "title": item["title"],
            "date": _date(item["end_date"]),
        }
    if key == "action_lines_status_changed":
        return _("%(title)s: %(source)s → %(target)s") % {
            "title": item["title"],
            "source": _label(ActionLine.Status, item["from_status"]),
            "target": _label(ActionLine.Status, item["to_status"]),
        }
    if key == "action_lines_at_risk":
        return _("%(title)s (ends %(date)s)") % {
            "title": item["title"],
            "date": _date(item["end_date"]),
        }
    if key == "action_lines_slipped":
        return ngettext(
            "%(title)s: now ends %(date)s, %(days)d day past the baseline (%(baseline)s)",
            "%(title)s: now ends %(date)s, %(days)d days past the baseline (%(baseline)s)",
            item["days_slipped"],
        ) % {
            "title": item["title"],
            "date": _date(item["end_after"]),
            "days": item["days_slipped"],
            "baseline": _date(item["baseline_end"]),
        }
    if key == "milestones_completed":
        return _("%(title)s (%(action_line)s), completed %(date)s") % {
            "title": item["title"],
            "action_line": item["action_line"],
            "date": _date(item["completed_on"]),
        }
    if key in ("milestones_overdue", "milestones_due_soon"):
        return _("%(title)s (%(action_line)s), due %(date)s") % {
            "title": item["title"],
            "action_line": item["action_line"],
            "date": _date(item["due_date"]),
        }
    if key in ("coalitions_formed", "coalitions_closed"):
        return item["name"]
    if key in ("memberships_begun", "memberships_ended"):
        return _("%(organisation)s in %(coalition)s (%(role)s), %(date)s") % {
            "organisation": item["organisation"],
            "coalition": item["coalition"],
            "role": _label(Membership.Role, item["role"]).lower(),
            "date": _date(item["date"]),
        }
    raise ValueError(key)


def _section(key: str, entry: dict, heading: str) -> dict:
    section = {"key": key, "heading": heading, "count": entry["count"]}
    if key == "status_moves":
        section["groups"] = [
            {
                "heading": _("To “%(status)s”") % {"status": _use_case_status(group["status"])},
                "count": group["count"],
                "lines": [_item(key, item) for item in group["items"]],
                "more": group["count"] - len(group["items"]),
            }
            for group in entry["groups"]
        ]
    else:
        section["lines"] = [_item(key, item) for item in entry["items"]]
        section["more"] = entry["count"] - len(entry["items"])
    return section


def _intervention_title(intervention: dict) -> str:
    language = translation.get_language() or "nl"
    title = intervention.get(f"title_{language[:2]}") or intervention["title_nl"]
    return f"{intervention['number']}. {title}"


def _failure_lines(failures: dict) -> list[dict]:
    blocks = []
    for kind, heading in (
        ("delivery", _("Digest copies that could not be delivered")),
        ("notification", _("Notifications that could not be delivered")),
    ):
        entry = failures.get(kind)
        if not entry:
            continue
        lines = []
        for item in entry["items"]:
            about = (
                _label(Frequency, item["detail"]) + " " + _date(item["about"])
                if kind == "delivery"
                else item["about"]
            )
            lines.append(
                _("%(email)s: %(about)s, failed %(date)s after %(attempts)d attempts (%(error)s)")
                % {
                    "email": item["email"],
                    "about": about,
                    "date": _date(item["failed_at"]),
                    "attempts": item["attempts"],
                    "error": (item["error"] or "").splitlines()[0][:200] if item["error"] else "",
                }
            )
        blocks.append(
            {
                "heading": heading,
                "count": entry["count"],
                "lines": lines,
                "more": entry["count"] - len(lines),
            }
        )
    webhooks = failures.get("webhook")
    if webhooks:
        lines = [
            _("%(url)s: %(reason)s") % {"url": item["url"], "reason": item["reason"]}
            if item["reason"]
            else _("%(url)s: failing since %(date)s")
            % {"url": item["url"], "date": _date(item["since"])}
            for item in webhooks["items"]
        ]
        blocks.append(
            {
                "heading": _("Webhook endpoints failing or disabled"),
                "count": webhooks["count"],
                "lines": lines,
                "more": webhooks["count"] - len(lines),
            }
        )
    return blocks


def _percent(value) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _index_lines(index: dict | None) -> dict | None:
    """The corridor index now and a period before, as display strings."""
    if not index:
        return None
    now, previous = index["now"], index["previous"]
    change = ""
    if now["value"] is not None and previous["value"] is not None:
        points = round((now["value"] - previous["value"]) * 100)
        change = _("%(points)+d percentage points") % {"points": points}
    return {
        "now": _percent(now["value"]),
        "previous": _percent(previous["value"]),
        "change": change,
        "detail": _(
            "%(coalitions)d of %(coalitions_total)d active coalitions and %(use_cases)d of "
            "%(use_cases_total)d selected use cases join MRA and Brainport."
        )
        % {
            "coalitions": now["coalitions"]["corridor"],
            "coalitions_total": now["coalitions"]["total"],
            "use_cases": now["use_cases"]["corridor"],
            "use_cases_total": now["use_cases"]["total"],
        },
    }


def digest_context(data: dict, *, organisation_id: int | None = None) -> dict:
    """The display form of a digest in the active language.

    ``organisation_id`` selects that organisation's part (what its partners
    receive); without it, the Board's whole digest with its failure footer.
    """
    part = data
    organisation_name = None
    if organisation_id is not None:
        part = data["organisations"][str(organisation_id)]
        organisation_name = part["name"]
    headings = _headings()
    interventions = []
    for intervention in part["interventions"]:
        sections = [
            _section(key, intervention["sections"][key], headings[key])
            for key in INTERVENTION_SECTIONS
            if key in intervention["sections"]
        ]
        if sections:
            interventions.append({"title": _intervention_title(intervention), "sections": sections})
    corridor = [
        _section(key, part["corridor"][key], headings[key])
        for key in CORRIDOR_SECTIONS
        if key in part["corridor"]
    ]
    frequency = data["frequency"]
    first_day, last_day = _date(data["first_day"]), _date(data["last_day"])
    if frequency == Frequency.WEEKLY:
        title = _("Weekly digest %(first)s – %(last)s") % {"first": first_day, "last": last_day}
    else:
        title = _("Daily digest %(day)s") % {"day": first_day}
    index = _index_lines(data.get("corridor_index")) if organisation_id is None else None
    return {
        "title": title,
        "organisation": organisation_name,
        "quiet": part["quiet"],
        "interventions": interventions,
        "corridor": corridor,
        "corridor_index": index,
        "failures": _failure_lines(data.get("failures", {})) if organisation_id is None else [],
        "results": results_lines(data.get("results")) if organisation_id is None else None,
        "period_note": _("Period: %(first)s 00:00 to %(end)s 00:00 (Europe/Amsterdam).")
        % {
            "first": first_day,
            "end": _date(datetime.date.fromisoformat(data["last_day"]) + datetime.timedelta(1)),
        },
    }


_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)) + "\n"


def render_digest(data: dict, *, language: str, organisation_id: int | None = None) -> Rendered:
    with translation.override(language):
        context = digest_context(data, organisation_id=organisation_id)
        subject = _("Tech Corridor: %(title)s") % {"title": context["title"]}
        if context["organisation"]:
            subject += f" ({context['organisation']})"
        text = render_to_string("digests/email/digest.txt", context)
        html = render_to_string("digests/email/digest.html", context)
    return Rendered(subject=subject, text=_tidy_text(text), html=html)


def render_notification(notification, *, language: str) -> Rendered:
    if notification.notice_id is not None:
        from .notices import render_notice

        return render_notice(notification.notice, language=language)
    change = notification.status_change
    use_case = change.use_case
    with translation.override(language):
        context = {
            "recipient": notification.recipient,
            "use_case": use_case,
            "source": _use_case_status(change.from_status),
            "target": _use_case_status(change.to_status),
            "reason": change.reason,
            "actor": change.actor,
            "when": change.created,
        }
        subject = _("Tech Corridor: “%(title)s” is now %(status)s") % {
            "title": use_case.title,
            "status": context["target"].lower(),
        }
        text = render_to_string("digests/email/notification.txt", context)
        html = render_to_string("digests/email/notification.html", context)
    return Rendered(subject=subject, text=_tidy_text(text), html=html)
