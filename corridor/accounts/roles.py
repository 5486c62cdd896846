"""The three roles are Django groups; these names are part of the interface."""

BOARD = "board"
REVIEWER = "reviewer"
PARTNER = "partner"
ROLES = (BOARD, REVIEWER, PARTNER)


def group(name: str):
    """The Django group of a role, made if it is missing (the migration makes
    them; a flushed test database or a restored partial dump may not have them)."""
    from django.contrib.auth.models import Group

    if name not in ROLES:
        raise ValueError(f"Unknown role {name!r}")
    return Group.objects.get_or_create(name=name)[0]


def names_from_bits(bits: int | None) -> list[str]:
    """The roles in a bit set where role ``ROLES[n]`` is ``1 << n``."""
    return [role for position, role in enumerate(ROLES) if (bits or 0) & 1 << position]


def bits_of_user_roles():
    """An expression of a user queryset: the user's roles as bits (see
    ``names_from_bits``), in one subquery."""
    from django.contrib.auth.models import Group
    from django.db.models import Case
    from django.db.models import IntegerField
    from django.db.models import OuterRef
    from django.db.models import Subquery
    from django.db.models import Sum
    from django.db.models import Value
    from django.db.models import When

    bits = Case(
        *(When(name=role, then=Value(1 << position)) for position, role in enumerate(ROLES)),
        default=Value(0),
    )
    return Subquery(
        Group.objects.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(bits=Sum(bits))
        .values("bits"),
        output_field=IntegerField(),
    )
