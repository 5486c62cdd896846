"""The executive summary: the corridor's state in a few sentences, from the data.

Each part is a function of the gathered ``Dossier`` that returns a
``SummaryPart`` (or ``None`` to leave itself out); ``SUMMARY_PARTS`` is their
order, the results the corridor delivers first. A further part is one more
function here and one more entry in the list; the print page and the DOCX show
every part the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from corridor.results.panels import rollup_rows
from corridor.results.selectors import corridor_results
from interventions.models import ActionLine

from . import dates

SHOWN = 5  # named items per part; the rest is counted


@dataclass
class SummaryPart:
    key: str
    title: str
    text: str
    items: list[str] = field(default_factory=list)


def index_part(dossier) -> SummaryPart:
    index, trend = dossier.index, dossier.trend
    known = [point for point in trend if point.percent is not None]
    if index.percent is None:
        text = _("There is no corridor index yet: no active coalition or selected use case.")
    else:
        text = _("The corridor index stands at %(percent)s%%.") % {"percent": index.percent}
        if len(known) >= 2:
            change = index.percent - known[0].percent
            since = dates.month(known[0].on)
            if change > 0:
                text += " " + _("Up %(points)s points since %(month)s.") % {
                    "points": change,
                    "month": since,
                }
            elif change < 0:
                text += " " + _("Down %(points)s points since %(month)s.") % {
                    "points": -change,
                    "month": since,
                }
            else:
                text += " " + _("Unchanged since %(month)s.") % {"month": since}
        text += " " + _(
            "%(cc)s of %(ct)s active coalitions and %(uc)s of %(ut)s selected use cases "
            "join at least one MRA and one Brainport organisation."
        ) % {
            "cc": index.coalitions.corridor,
            "ct": index.coalitions.total,
            "uc": index.use_cases.corridor,
            "ut": index.use_cases.total,
        }
    return SummaryPart("index", _("Corridor index"), text)


def use_cases_part(dossier) -> SummaryPart:
    use_cases = dossier.use_cases
    text = ngettext(
        "%(count)s use case is selected, in execution or completed.",
        "%(count)s use cases are selected, in execution or completed.",
        len(use_cases),
    ) % {"count": len(use_cases)}
    items = [
        f"{u.title} ({u.organisation.name}; {u.get_status_display().lower()})"
        for u in use_cases[:SHOWN]
    ]
    return SummaryPart("use_cases", _("Selected use cases"), text, items)


def milestones_part(dossier) -> SummaryPart:
    progress = dossier.progress
    text = " ".join(
        [
            ngettext(
                "%(count)s milestone was reached in the past year.",
                "%(count)s milestones were reached in the past year.",
                progress.done,
            )
            % {"count": progress.done},
            ngettext("%(count)s is overdue.", "%(count)s are overdue.", len(progress.overdue))
            % {"count": len(progress.overdue)},
            ngettext(
                "%(count)s action line ends later than first agreed.",
                "%(count)s action lines end later than first agreed.",
                len(progress.slipping),
            )
            % {"count": len(progress.slipping)},
        ]
    )
    items = [
        _("Overdue since %(date)s: %(title)s (%(line)s)")
        % {"date": dates.day(m.due_date), "title": m.title, "line": m.action_line.title}
        for m in progress.overdue[:SHOWN]
    ]
    items += [
        _("%(title)s: %(days)s days later than agreed")
        % {"title": line.title, "days": line.slipped_days}
        for line in progress.slipping[:SHOWN]
    ]
    return SummaryPart("milestones", _("Milestones done and slipping"), text, items)


def preconditions_part(dossier) -> SummaryPart:
    kinds = dict(ActionLine.Kind.choices)
    statuses = dict(ActionLine.Status.choices)
    items = []
    for kind in ActionLine.PRECONDITIONS:
        lines = [line for line in dossier.action_lines if line.kind == kind]
        label = str(kinds[kind]).split(": ", 1)[-1]
        if not lines:
            items.append(_("%(precondition)s: no action line yet.") % {"precondition": label})
            continue
        counts: dict[str, int] = {}
        for line in lines:
            counts[str(statuses[line.status]).lower()] = (
                counts.get(str(statuses[line.status]).lower(), 0) + 1
            )
        state = ", ".join(f"{count} {status}" for status, count in counts.items())
        done = sum(line.milestones_done or 0 for line in lines)
        total = sum(line.milestone_count or 0 for line in lines)
        items.append(
            _("%(precondition)s: %(state)s; %(done)s of %(total)s milestones reached.")
            % {"precondition": label, "state": state, "done": done, "total": total}
        )
    text = _(
        "The preconditions the corridor needs — talent, physical space, and test and "
        "application environments — stand as follows."
    )
    return SummaryPart("preconditions", _("Preconditions"), text, items)


def results_part(dossier) -> SummaryPart:
    """What the corridor delivers, as the public may see it (the dossier leaves
    the building): roll-ups per unit and the share of indicators on track."""
    results = corridor_results(None)
    if dossier.intervention is None:
        chosen = results["corridor"]
    else:
        chosen = results["interventions"].get(dossier.intervention.pk)
    if chosen is None or not chosen.indicators:
        return SummaryPart("results", _("Results"), _("No result indicators are set yet."))
    text = ngettext(
        "%(count)s result indicator is followed.",
        "%(count)s result indicators are followed.",
        chosen.indicators,
    ) % {"count": chosen.indicators}
    if chosen.measured:
        text += " " + _("%(on_track)s of the %(measured)s measured are on track.") % {
            "on_track": chosen.on_track,
            "measured": chosen.measured,
        }
    items = [
        _("%(what)s: %(value)s of %(target)s")
        % {"what": row["unit"], "value": row["value"], "target": row["target"]}
        for row in rollup_rows(chosen)
        if row["value"] and row["target"]
    ]
    return SummaryPart("results", _("Results"), text, items)


SUMMARY_PARTS: list[Callable] = [
    results_part,
    index_part,
    use_cases_part,
    milestones_part,
    preconditions_part,
]


def summary_parts(dossier) -> list[SummaryPart]:
    return [part for make in SUMMARY_PARTS if (part := make(dossier)) is not None]
