"""The digest's results and joint agenda block, in the active language."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _name(item: dict) -> str:
    if (get_language() or "nl")[:2] == "en" and item.get("name_en"):
        return item["name_en"]
    return item["name_nl"] or item.get("name_en", "")


def _value(item: dict) -> str:
    value = item["value"]
    if value is None:
        return _("not measured yet")
    return _("%(value)s of %(target)s") % {
        "value": value.removesuffix(".00"),
        "target": item["target"].removesuffix(".00"),
    }


def results_lines(results: dict | None) -> dict | None:
    """``{"moved", "fell_behind", "proposals"}``: lists of lines, or ``None``
    when there is nothing to say."""
    if not results:
        return None
    moved = [f"{_name(item)}: {_value(item)}" for item in results["moved"]]
    behind = [f"{_name(item)}: {_value(item)}" for item in results["fell_behind"]]
    proposals = []
    for item in results["open_proposals"]:
        about = item["target"] or _("joint agenda")
        age = ngettext("%(counter)s day", "%(counter)s days", item["age_days"]) % {
            "counter": item["age_days"]
        }
        proposals.append(
            _(
                "Proposal %(number)s (intervention %(intervention)s, %(about)s) of %(organisation)s: open %(age)s"  # noqa: E501
            )
            % {
                "number": item["id"],
                "intervention": item["intervention"],
                "about": about,
                "organisation": item["organisation"],
                "age": age,
            }
        )
    if not (moved or behind or proposals):
        return None
    return {
        "moved": moved,
        "moved_more": results["moved_count"] - len(moved),
        "fell_behind": behind,
        "fell_behind_more": results["fell_behind_count"] - len(behind),
        "proposals": proposals,
        "proposals_more": results["open_proposal_count"] - len(proposals),
    }
