"""What the use-case list shows around its rows: the status tabs with their
counts, the chosen filters as removable chips, and the type-ahead suggestions
of the pick lists (organisation, coalition, action line)."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coalitions.models import Coalition
from coalitions.models import Organisation
from interventions.models import ActionLine

from ..filters import ORDERING_CHOICES
from ..models import UseCaseStatus

# Filters folded away under "More filters" until one of them has a value.
FOLDED = ("coalition", "region", "capability", "submitted_after", "submitted_before")
# Parameters that order or page the list and are no filter a chip shows.
NOT_CHIPS = frozenset({"ordering", "page"})
SUGGESTIONS = 20


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    count: int | None = None
    current: bool = False


def _url(query: QueryDict) -> str:
    encoded = query.urlencode()
    return reverse("usecases:use-case-list") + (f"?{encoded}" if encoded else "")


def status_tabs(query: QueryDict, counts: dict[str, int]) -> list[Link]:
    """ "All" and each status with use cases (or chosen), each a link keeping
    every other filter."""
    chosen = set(query.getlist("status"))
    base = query.copy()
    base.pop("page", None)
    base.pop("status", None)
    tabs = [Link(_("All"), _url(base), sum(counts.values()), current=not chosen)]
    for code, label in UseCaseStatus.choices:
        if not counts.get(code) and code not in chosen:
            continue
        target = base.copy()
        target.setlist("status", [code])
        tabs.append(Link(str(label), _url(target), counts.get(code, 0), current=chosen == {code}))
    return tabs


def _shown(value) -> str:
    if hasattr(value, "isoformat") and not hasattr(value, "pk"):
        return date_format(value)
    return str(value)


def filter_chips(filterset) -> list[Link]:
    """A chip per chosen filter value, each linking to the list without it."""
    if filterset is None or not filterset.is_bound:
        return []
    filterset.errors  # noqa: B018 - validates, so cleaned_data holds the valid filters
    query = filterset.data.copy()
    query.pop("page", None)
    chips = []
    for name, field in filterset.form.fields.items():
        if name in NOT_CHIPS:
            continue
        value = filterset.form.cleaned_data.get(name)
        if value in (None, "", [], ()):
            continue
        raw_values = query.getlist(name)
        if isinstance(value, list | tuple):
            labels = dict(field.choices)
            for code in value:
                rest = query.copy()
                rest.setlist(name, [raw for raw in raw_values if raw != code])
                chips.append(Link(f"{field.label}: {labels.get(code, code)}", _url(rest)))
        else:
            rest = query.copy()
            rest.pop(name, None)
            chips.append(Link(f"{field.label}: {_shown(value)}", _url(rest)))
    return chips


def folded_open(filterset) -> bool:
    """Whether "More filters" opens: one of them has a value or an error."""
    if filterset is None or not filterset.is_bound:
        return False
    return any(filterset.data.get(name) for name in FOLDED) or any(
        name in filterset.form.errors for name in FOLDED
    )


def with_type_ahead(form):
    """The pick lists ask for suggestions as one types (htmx); without
    JavaScript they are text fields that take a name."""
    for name, kind in (
        ("organisation", "organisation"),
        ("coalition", "coalition"),
        ("action_line", "action-line"),
    ):
        form.fields[name].widget.attrs.update(
            {
                "data-hx-get": reverse("usecases:use-case-choices", args=[kind]),
                "data-hx-trigger": "input changed delay:250ms, focus once",
                "data-hx-target": f"#{kind}-options",
                "data-hx-swap": "innerHTML",
                "data-hx-push-url": "false",
                "data-hx-sync": "this:replace",
            }
        )
    form.fields["action_line"].widget.attrs["data-hx-include"] = "#id_intervention"
    form.fields["ordering"].widget.attrs["data-default"] = ORDERING_CHOICES[0][0]
    # The API's help (slugs and codes) is no help on the page.
    for name in ("intervention", "region", "ordering"):
        form.fields[name].help_text = ""
    return form


def action_line_choices(intervention_slug: str | None):
    """The action lines the pick list offers: those of the chosen intervention."""
    if not intervention_slug or "\x00" in intervention_slug:
        return []
    return list(
        ActionLine.objects.filter(intervention__slug=intervention_slug)
        .order_by("title")
        .values_list("title", flat=True)[:100]
    )


@require_GET
def use_case_choices(request, kind):
    """Suggestions for a pick list as ``<option>``s (the type-ahead, htmx)."""
    text = request.GET.get(kind.replace("-", "_"), "").strip()[:200].replace("\x00", "")
    if kind == "organisation":
        names = Organisation.objects.order_by("name").values_list("name", flat=True)
        if text:
            names = names.filter(name__icontains=text)
    elif kind == "coalition":
        names = Coalition.objects.visible_to(request.user).order_by("name")
        names = names.values_list("name", flat=True)
        if text:
            names = names.filter(name__icontains=text)
    elif kind == "action-line":
        lines = ActionLine.objects.order_by("title")
        intervention = request.GET.get("intervention", "").replace("\x00", "")
        if intervention:
            lines = lines.filter(intervention__slug=intervention)
        if text:
            lines = lines.filter(title__icontains=text)
        names = lines.values_list("title", flat=True).distinct()
    else:
        return HttpResponse(status=404)
    return HttpResponse(
        render_to_string("usecases/_choices.html", {"names": list(names[:SUGGESTIONS])}, request)
    )
