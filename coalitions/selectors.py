"""Reads of regions, organisations, coalitions and memberships.

Visibility ("what may this user see") and the derived coalition scope live
here, used alike by the portal, the API, exports and digests.
"""

import datetime

from django.db import models
from django.db.models import Case
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Value
from django.db.models import When
from django.utils import timezone

from corridor.codes import contains_code

POLES = ("mra", "brainport")


def current_membership_q(on: datetime.date | None = None, prefix: str = "") -> Q:
    """Q for memberships current on a date: joined on or before, not yet left."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}joined__lte": on}) & (
        Q(**{f"{prefix}left__isnull": True}) | Q(**{f"{prefix}left__gt": on})
    )


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organisations are public."""
        return self

    def with_capability(self, codes):
        return self.filter(contains_code("capabilities", codes))


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        return self.filter(current_membership_q(on))

    def visible_to(self, user):
        from .models import Coalition

        return self.filter(coalition__in=Coalition.objects.visible_to(user))


class CoalitionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Everyone sees coalitions past ``forming``; the Board sees all, and a
        partner also sees forming coalitions its organisation belongs to."""
        if user is not None and user.is_authenticated and user.is_board:
            return self
        visible = ~Q(status="forming")
        if user is not None and user.is_authenticated and user.is_partner:
            visible |= Q(memberships__organisation_id=user.organisation_id)
            return self.filter(pk__in=self.model.objects.filter(visible).values("pk"))
        return self.filter(visible)

    def with_scope(self, on: datetime.date | None = None):
        """Annotate ``scope`` from the regions of the members current on ``on``.

        ``corridor``: members from both poles; ``mra`` or ``brainport``: only that
        pole; ``multi_region``: any other mix; ``None``: no current members.
        """
        from .models import Membership

        # ``scope_of`` below is the same rule for rows already loaded.
        def members_in(region_q: Q):
            return Exists(
                Membership.objects.filter(
                    current_membership_q(on), region_q, coalition_id=OuterRef("pk")
                )
            )

        return self.annotate(
            has_mra=members_in(Q(organisation__region__slug="mra")),
            has_brainport=members_in(Q(organisation__region__slug="brainport")),
            has_other_region=members_in(~Q(organisation__region__slug__in=POLES)),
        ).annotate(
            scope=Case(
                When(Q(has_mra=True) & Q(has_brainport=True), then=Value("corridor")),
                When(has_other_region=True, then=Value("multi_region")),
                When(has_mra=True, then=Value("mra")),
                When(has_brainport=True, then=Value("brainport")),
                default=Value(None),
                output_field=models.CharField(),
            )
        )


def scope_of(regions) -> str | None:
    """``with_scope``'s rule for one coalition, given its current members' region slugs."""
    regions = set(regions)
    if {"mra", "brainport"} <= regions:
        return "corridor"
    if regions - set(POLES):
        return "multi_region"
    if "mra" in regions:
        return "mra"
    if "brainport" in regions:
        return "brainport"
    return None


def scopes_of(coalition_ids, on: datetime.date | None = None) -> dict[int, str | None]:
    """The scope of each of a page of coalitions, in one query of their members.

    ``with_scope`` over a page annotates in SQL, but PostgreSQL plans its
    ``EXISTS`` as hashed subplans over every membership in the corridor; a
    page's coalitions have a few hundred members, read here by coalition.
    """
    from .models import Membership

    regions: dict[int, set[str]] = {pk: set() for pk in coalition_ids}
    rows = (
        Membership.objects.filter(current_membership_q(on), coalition_id__in=list(regions))
        .order_by()
        .values_list("coalition_id", "organisation__region__slug")
        .distinct()
    )
    for coalition_id, region in rows:
        regions[coalition_id].add(region)
    return {pk: scope_of(slugs) for pk, slugs in regions.items()}
