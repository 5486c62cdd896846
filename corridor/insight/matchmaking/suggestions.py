"""Partner matchmaking: which organisations could join a use case.

A suggestion is an organisation not yet involved (neither the submitter nor a
partner) whose capabilities cover at least one of the use case's needed
capabilities. The ranking prefers, in this order:

1. the other pole from the submitter's — connecting MRA and Brainport is the
   corridor's point (a submitter outside both poles gets both poles first);
2. more of the needed capabilities covered;
3. more active coalitions on the use case's intervention (proven partners);
4. then by name, so the order is stable.

Each suggestion carries a one-line reason such as "brings semicon and
photonics from Brainport; in 2 coalitions on this intervention".
"""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models import IntegerField
from django.db.models import OuterRef
from django.db.models import Subquery
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalitions.models import Capability
from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region
from coalitions.selectors import current_membership_q

DEFAULT_LIMIT = 10


def region_name(region: Region) -> str:
    """The region's name in the reader's language."""
    if (get_language() or "nl").startswith("en") and region.name_en:
        return region.name_en
    return region.name


def join_words(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` in the active language."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


@dataclass(frozen=True)
class Suggestion:
    organisation: Organisation
    covered: tuple[str, ...]
    other_pole: bool
    coalitions_on_intervention: int

    @property
    def covered_labels(self) -> list[str]:
        labels = dict(Capability.choices)
        return [str(labels.get(code, code)) for code in self.covered]

    @property
    def reason(self) -> str:
        text = _("brings %(capabilities)s from %(region)s") % {
            "capabilities": join_words(self.covered_labels),
            "region": region_name(self.organisation.region),
        }
        if self.coalitions_on_intervention:
            text += "; " + ngettext(
                "in %(count)d coalition on this intervention",
                "in %(count)d coalitions on this intervention",
                self.coalitions_on_intervention,
            ) % {"count": self.coalitions_on_intervention}
        return text

    def rank_key(self):
        return (
            not self.other_pole,
            -len(self.covered),
            -self.coalitions_on_intervention,
            self.organisation.name.lower(),
            self.organisation.pk,
        )


def involved_organisation_ids(use_case) -> set[int]:
    return {use_case.organisation_id, *use_case.partners.values_list("pk", flat=True)}


def preferred_regions(submitter_region: str) -> set[str]:
    """The other pole; both poles for a submitter outside them."""
    if submitter_region in Region.POLES:
        return set(Region.POLES) - {submitter_region}
    return set(Region.POLES)


def suggest_partners(*, use_case, limit: int | None = DEFAULT_LIMIT) -> list[Suggestion]:
    """Ranked suggestions for ``use_case`` (see the module docstring). Three queries."""
    needed = list(use_case.needed_capabilities or ())
    if not needed:
        return []
    coalitions_here = (
        Membership.objects.filter(
            current_membership_q(),
            organisation_id=OuterRef("pk"),
            coalition__status=Coalition.Status.ACTIVE,
            coalition__interventions=use_case.intervention_id,
        )
        .order_by()
        .values("organisation_id")
        .annotate(n=Count("coalition_id", distinct=True))
        .values("n")[:1]
    )
    candidates = (
        Organisation.objects.with_capability(needed)
        .exclude(pk__in=involved_organisation_ids(use_case))
        .select_related("region")
        .annotate(
            coalitions_on_intervention=Coalesce(
                Subquery(coalitions_here, output_field=IntegerField()), Value(0)
            )
        )
    )
    submitter_region = (
        Organisation.objects.filter(pk=use_case.organisation_id)
        .values_list("region__slug", flat=True)
        .first()
    )
    preferred = preferred_regions(submitter_region)
    suggestions = [
        Suggestion(
            organisation=organisation,
            covered=tuple(code for code in needed if code in (organisation.capabilities or ())),
            other_pole=organisation.region.slug in preferred,
            coalitions_on_intervention=organisation.coalitions_on_intervention,
        )
        for organisation in candidates
    ]
    suggestions = [s for s in suggestions if s.covered]
    suggestions.sort(key=Suggestion.rank_key)
    return suggestions[:limit] if limit else suggestions


def may_see_suggestions(*, use_case, user) -> bool:
    """The Board and partner users of the submitting organisation."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_board or user.acts_for(use_case.organisation_id)
