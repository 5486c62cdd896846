"""The queries every section of a digest is made of: one SQL query per section
that counts and lists per intervention (and organisation), in the database."""

import datetime

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import BigIntegerField
from django.db.models import Count
from django.db.models import Expression
from django.db.models import F
from django.db.models import Lookup
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models import Window
from django.db.models.functions import RowNumber

from ..periods import Period

ITEM_LIMIT = 20


def jsonable(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def as_of(model, field: str, moment: datetime.datetime, ref: str = "pk"):
    """The value of ``field`` in the last history record of the row before ``moment``."""
    return Subquery(
        model.history.model.objects.filter(id=OuterRef(ref), history_date__lt=moment)
        .order_by("-history_date", "-history_id")
        .values(field)[:1]
    )


def touched(model, period: Period):
    """Ids of the rows of ``model`` with a history record in the period."""
    return (
        model.history.model.objects.filter(
            history_date__gte=period.start, history_date__lt=period.end
        )
        .order_by()
        .values("id")
    )


def collect(
    queryset: QuerySet,
    *,
    fields: dict,
    order_by: list,
    partition: list[str] = ("intervention_id",),
    total=None,
) -> dict:
    """Count and list ``queryset`` per partition in one query.

    Returns ``{partition key: {"count": n, "items": [...]}}``; ``items`` holds at
    most ``ITEM_LIMIT`` rows in ``order_by`` order, each a dict of ``fields``
    (name → expression). ``total`` replaces the row count with a sum.
    """
    parts = [F(name) for name in partition]
    aliases = {f"digest_{name}": expression for name, expression in fields.items()}
    rows = (
        queryset.annotate(**aliases)
        .annotate(
            digest_total=Window(total or Count("pk"), partition_by=parts or None),
            digest_rank=Window(RowNumber(), partition_by=parts or None, order_by=order_by),
        )
        .filter(digest_rank__lte=ITEM_LIMIT)
        .order_by()
        .values(*aliases, "digest_total", "digest_rank", *partition)
    )
    collected: dict = {}
    for row in sorted(rows, key=lambda row: row["digest_rank"]):
        if not partition:
            key = None
        elif len(partition) == 1:
            key = row[partition[0]]
        else:
            key = tuple(row[name] for name in partition)
        entry = collected.setdefault(key, {"count": row["digest_total"] or 0, "items": []})
        entry["items"].append({name: jsonable(row[f"digest_{name}"]) for name in fields})
    return collected


ORGANISATION_OF = {
    "use_case": "organisation_id",
    "use_case_related": "use_case__organisation_id",
    "action_line": "lead_organisation_id",
    "milestone": "action_line__lead_organisation_id",
    "membership": "organisation_id",
}


class _AnyOf(Lookup):
    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


class _Keys(Expression):
    """A list of keys as one ``bigint[]`` parameter, handed to the driver as
    it is: ``ArrayField`` would prepare each of thousands of keys on its own,
    in every section."""

    output_field = ArrayField(BigIntegerField())

    def __init__(self, keys: list[int]):
        super().__init__()
        self.keys = keys

    def as_sql(self, compiler, connection):
        return "%s::bigint[]", (self.keys,)


def one_of(field: str, keys: list[int]):
    """``field`` is one of ``keys``: on PostgreSQL one array parameter,
    ``= ANY(%s)``. A digest covers many organisations: one parameter keeps
    the statement the same whatever their number, where ``IN`` writes a
    placeholder for each."""
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": keys})
    return _AnyOf(F(field), _Keys(list(keys)))


class PeriodQueries:
    """The queries of one period, for the Board or — with ``organisations`` —
    for each of those organisations at once (the organisation is one more
    partition of each window). The section families build on it."""

    def __init__(self, period: Period, *, organisations: list[int] | None = None):
        self.period = period
        self.organisations = organisations

    # -- scoping ------------------------------------------------------------

    @property
    def for_board(self) -> bool:
        return self.organisations is None

    def _scope(self, queryset: QuerySet, kind: str) -> QuerySet:
        """The Board sees all; an organisation's part holds the use cases it
        submitted, the action lines (and their milestones) it leads and its
        memberships, annotated ``digest_org``."""
        if self.for_board:
            return queryset
        return queryset.annotate(digest_org=F(ORGANISATION_OF[kind])).filter(
            one_of("digest_org", self.organisations)
        )

    def _gather(self, queryset: QuerySet, *, partition=("intervention_id",), **kwargs) -> dict:
        """``_collect`` keyed by ``(organisation or None, partition key)``."""
        partition = list(partition)
        if self.for_board:
            collected = collect(queryset, partition=partition, **kwargs)
            return {(None, key): entry for key, entry in collected.items()}
        collected = collect(queryset, partition=["digest_org", *partition], **kwargs)
        result = {}
        for key, entry in collected.items():
            org, *rest = key if isinstance(key, tuple) else (key,)
            result[(org, rest[0] if len(rest) == 1 else tuple(rest) or None)] = entry
        return result
