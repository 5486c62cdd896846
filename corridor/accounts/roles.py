"""The three roles are Django groups; these names are part of the interface."""

BOARD = "board"
REVIEWER = "reviewer"
PARTNER = "partner"
ROLES = (BOARD, REVIEWER, PARTNER)


# What the Board does in the admin (bulk fixes, imports of organisations and use
# cases, reading the token trail): the model permissions of the ``board`` group,
# as "app_label.action_model". Board users are staff (``services.set_role``);
# each ModelAdmin may still refuse more (history rows are never edited). Nothing
# is deleted and no account is changed in the admin by the Board: a superuser
# does that, and roles are given with ``manage.py corridor_user``.
_VIEW_ADD_CHANGE = ("view", "add", "change")
BOARD_PERMISSIONS = tuple(
    f"{app_label}.{action}_{model}"
    for app_label, model, actions in (
        ("coalitions", "region", _VIEW_ADD_CHANGE),
        ("coalitions", "organisation", _VIEW_ADD_CHANGE),
        ("coalitions", "coalition", _VIEW_ADD_CHANGE),
        ("coalitions", "membership", _VIEW_ADD_CHANGE),
        ("interventions", "intervention", ("view", "change")),
        ("interventions", "actionline", _VIEW_ADD_CHANGE),
        ("interventions", "milestone", _VIEW_ADD_CHANGE),
        ("usecases", "usecase", _VIEW_ADD_CHANGE),
        ("usecases", "statuschange", ("view",)),
        ("usecases", "assessment", ("view",)),
        ("usecases", "criterionweights", ("view", "change")),
        ("usecases", "attachment", ("view", "change")),
        ("accounts", "user", ("view",)),
        ("accounts", "apitoken", ("view",)),
        ("accounts", "apitokenevent", ("view",)),
        ("insight", "calendarfeed", ("view",)),
    )
    for action in actions
)


def board_q():
    """Users who are the Board, as a condition on users (``User.is_board`` in SQL)."""
    from django.db.models import Q

    return Q(is_superuser=True) | Q(groups__name=BOARD)


def group(name: str):
    """The Django group of a role, made if it is missing (the migration makes
    them; a flushed test database or a restored partial dump may not have them)."""
    from django.contrib.auth.models import Group

    if name not in ROLES:
        raise ValueError(f"Unknown role {name!r}")
    role_group, created = Group.objects.get_or_create(name=name)
    if created and name == BOARD:
        grant_board_permissions()
    return role_group


def grant_board_permissions(app_label: str | None = None) -> None:
    """Give the ``board`` group the permissions in ``BOARD_PERMISSIONS`` that
    exist (of one app, or all). Idempotent; permissions given by hand stay."""
    from django.contrib.auth.models import Group
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    wanted = [p.split(".", 1) for p in BOARD_PERMISSIONS]
    if app_label is not None:
        wanted = [(app, codename) for app, codename in wanted if app == app_label]
    if not wanted:
        return
    match = Q()
    for app, codename in wanted:
        match |= Q(content_type__app_label=app, codename=codename)
    board = Group.objects.get_or_create(name=BOARD)[0]
    board.permissions.add(*Permission.objects.filter(match))


def names_from_bits(bits: int | None) -> list[str]:
    """The roles in a bit set where role ``ROLES[n]`` is ``1 << n``."""
    return [role for position, role in enumerate(ROLES) if (bits or 0) & 1 << position]


def bits_of_user_roles(*, user: str = "pk"):
    """The roles of the user ``user`` names (the row's own key in a user
    queryset; ``"user_id"`` in a queryset of rows that belong to a user) as
    bits (see ``names_from_bits``), in one subquery."""
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
        Group.objects.filter(user=OuterRef(user))
        .order_by()
        .values("user")
        .annotate(bits=Sum(bits))
        .values("bits"),
        output_field=IntegerField(),
    )
