"""What a digest says: the structured content for one period.

Computed from the history (django-simple-history records and the use cases'
``StatusChange`` rows) and the current rows. Every section is one SQL query that
counts and lists in the database — a window function numbers the rows per
intervention and only the first ``ITEM_LIMIT`` of each come back — so the
number of queries and the memory used do not grow with the number of changes.

The result is plain JSON: codes, ids, titles and ISO dates, rendered later in
each reader's language (see ``rendering.py``).
"""

import datetime

from django.conf import settings
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
from django.db.models import Sum
from django.db.models import Window
from django.db.models.functions import Coalesce
from django.db.models.functions import RowNumber

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from interventions.models import ActionLine
from interventions.models import Intervention
from interventions.models import Milestone
from usecases.models import Assessment
from usecases.models import StatusChange
from usecases.models import UseCase
from usecases.models import UseCaseStatus

from .periods import Period

SCHEMA = 1
ITEM_LIMIT = 20
DUE_SOON_DAYS = 14
REVIEW_STATUSES = [UseCaseStatus.SUBMITTED.value, UseCaseStatus.IN_REVIEW.value]
DECISIONS = [UseCaseStatus.SELECTED.value, UseCaseStatus.DECLINED.value]

# Section keys in reading order. "Changes" make a period eventful; "states"
# (waiting, overdue, due soon) are reported but do not.
INTERVENTION_SECTIONS = (
    "use_cases_submitted",
    "status_moves",
    "decisions",
    "waiting_for_review",
    "assessments_completed",
    "action_lines_started",
    "action_lines_ended",
    "action_lines_status_changed",
    "action_lines_at_risk",
    "action_lines_slipped",
    "milestones_completed",
    "milestones_overdue",
    "milestones_due_soon",
)
CORRIDOR_SECTIONS = (
    "coalitions_formed",
    "coalitions_closed",
    "memberships_begun",
    "memberships_ended",
)
STATE_SECTIONS = frozenset({"waiting_for_review", "milestones_overdue", "milestones_due_soon"})
BOARD_ONLY_SECTIONS = frozenset({"assessments_completed"})


def _jsonable(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _as_of(model, field: str, moment: datetime.datetime, ref: str = "pk"):
    """The value of ``field`` in the last history record of the row before ``moment``."""
    return Subquery(
        model.history.model.objects.filter(id=OuterRef(ref), history_date__lt=moment)
        .order_by("-history_date", "-history_id")
        .values(field)[:1]
    )


def _touched(model, period: Period):
    """Ids of the rows of ``model`` with a history record in the period."""
    return (
        model.history.model.objects.filter(
            history_date__gte=period.start, history_date__lt=period.end
        )
        .order_by()
        .values("id")
    )


def _collect(
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
        entry["items"].append({name: _jsonable(row[f"digest_{name}"]) for name in fields})
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


class ContentBuilder:
    """Builds the content of one period: the Board's whole view, or — with
    ``organisations`` — one part per organisation, all in the same queries
    (the organisation is one more partition of each window)."""

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
            collected = _collect(queryset, partition=partition, **kwargs)
            return {(None, key): entry for key, entry in collected.items()}
        collected = _collect(queryset, partition=["digest_org", *partition], **kwargs)
        result = {}
        for key, entry in collected.items():
            org, *rest = key if isinstance(key, tuple) else (key,)
            result[(org, rest[0] if len(rest) == 1 else tuple(rest) or None)] = entry
        return result

    # -- sections -----------------------------------------------------------

    def _moves(self):
        p = self.period
        return self._scope(
            StatusChange.objects.filter(created__gte=p.start, created__lt=p.end),
            "use_case_related",
        ).annotate(intervention_id=F("use_case__intervention_id"))

    def _move_fields(self):
        return {
            "use_case": F("use_case_id"),
            "title": F("use_case__title"),
            "organisation": F("use_case__organisation__name"),
            "from_status": F("from_status"),
            "to_status": F("to_status"),
            "when": F("created"),
        }

    def use_cases_submitted(self):
        fields = self._move_fields()
        del fields["from_status"], fields["to_status"]
        return self._gather(
            self._moves().filter(to_status=UseCaseStatus.SUBMITTED),
            fields=fields,
            order_by=[F("created").asc(), F("pk").asc()],
        )

    def status_moves(self):
        """Grouped by the new status."""
        collected = self._gather(
            self._moves(),
            fields=self._move_fields(),
            order_by=[F("created").asc(), F("pk").asc()],
            partition=["intervention_id", "to_status"],
        )
        grouped: dict = {}
        for (org, (intervention_id, status)), entry in collected.items():
            grouped.setdefault((org, intervention_id), {})[status] = entry
        result = {}
        order = {code: n for n, code in enumerate(UseCaseStatus.values)}
        for key, by_status in grouped.items():
            groups = [
                {"status": status, **by_status[status]}
                for status in sorted(by_status, key=lambda code: order.get(code, 99))
            ]
            result[key] = {
                "count": sum(group["count"] for group in groups),
                "groups": groups,
            }
        return result

    def decisions(self):
        fields = self._move_fields()
        del fields["from_status"]
        fields["reason"] = F("reason")
        return self._gather(
            self._moves().filter(to_status__in=DECISIONS),
            fields=fields,
            order_by=[F("created").asc(), F("pk").asc()],
        )

    def waiting_for_review(self):
        """Submitted or in review at the end of the period, submitted more than
        ``CORRIDOR_REVIEW_WAIT_DAYS`` days before it."""
        p = self.period
        cutoff = p.end - datetime.timedelta(days=settings.CORRIDOR_REVIEW_WAIT_DAYS)

        # A use case is submitted once, so ``submitted_at`` is its submission
        # time. Its status at the end of the period is where its first move
        # after the end came from — or, without one, its status now.
        first_move_after = Subquery(
            StatusChange.objects.filter(use_case_id=OuterRef("pk"), created__gte=p.end)
            .order_by("created", "id")
            .values("from_status")[:1]
        )
        left_review_later = (
            StatusChange.objects.filter(created__gte=p.end, from_status__in=REVIEW_STATUSES)
            .order_by()
            .values("use_case_id")
        )
        queryset = (
            self._scope(
                UseCase.objects.filter(submitted_at__lt=cutoff).filter(
                    Q(status__in=REVIEW_STATUSES) | Q(pk__in=left_review_later)
                ),
                "use_case",
            )
            .annotate(
                status_at_end=Coalesce(first_move_after, F("status")),
                submitted_at_end=F("submitted_at"),
            )
            .filter(status_at_end__in=REVIEW_STATUSES)
        )
        collected = self._gather(
            queryset,
            fields={
                "use_case": F("pk"),
                "title": F("title"),
                "organisation": F("organisation__name"),
                "status": F("status_at_end"),
                "submitted": F("submitted_at_end"),
            },
            order_by=[F("submitted_at_end").asc(), F("pk").asc()],
        )
        for entry in collected.values():
            for item in entry["items"]:
                submitted = datetime.datetime.fromisoformat(item["submitted"])
                item["days_waiting"] = (p.end - submitted).days
        return collected

    def assessments_completed(self):
        p = self.period
        in_period = Assessment.objects.filter(created__gte=p.start, created__lt=p.end)
        count = Subquery(
            in_period.filter(use_case_id=OuterRef("pk"))
            .order_by()
            .values("use_case_id")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        queryset = UseCase.objects.filter(
            pk__in=in_period.order_by().values("use_case_id")
        ).annotate(assessed=count)
        return self._gather(
            queryset,
            fields={
                "use_case": F("pk"),
                "title": F("title"),
                "organisation": F("organisation__name"),
                "assessments": F("assessed"),
            },
            order_by=[F("title").asc(), F("pk").asc()],
            total=Sum("assessed"),
        )

    def _action_line_fields(self, **extra):
        return {
            "action_line": F("pk"),
            "title": F("title"),
            "lead": F("lead_organisation__name"),
            "status": F("status"),
            "start_date": F("start_date"),
            "end_date": F("end_date"),
            "baseline_end": F("baseline_end"),
            **extra,
        }

    def _action_lines(self):
        return self._scope(ActionLine.objects.all(), "action_line")

    def _action_lines_by_date(self, field):
        p = self.period
        return self._gather(
            self._action_lines().filter(
                **{f"{field}__gte": p.first_day, f"{field}__lt": p.end_day}
            ),
            fields=self._action_line_fields(),
            order_by=[F(field).asc(), F("pk").asc()],
        )

    def action_lines_started(self):
        return self._action_lines_by_date("start_date")

    def action_lines_ended(self):
        return self._action_lines_by_date("end_date")

    def _action_lines_changed(self):
        p = self.period
        return (
            self._action_lines()
            .filter(pk__in=_touched(ActionLine, p))
            .annotate(
                status_before=_as_of(ActionLine, "status", p.start),
                status_after=_as_of(ActionLine, "status", p.end),
                end_before=_as_of(ActionLine, "end_date", p.start),
                end_after=_as_of(ActionLine, "end_date", p.end),
            )
        )

    def action_lines_status_changed(self):
        queryset = self._action_lines_changed().filter(status_before__isnull=False)
        queryset = queryset.exclude(status_before=F("status_after"))
        return self._gather(
            queryset,
            fields=self._action_line_fields(
                from_status=F("status_before"), to_status=F("status_after")
            ),
            order_by=[F("title").asc(), F("pk").asc()],
        )

    def action_lines_at_risk(self):
        """Lines that went ``at_risk`` during the period (from another status or new)."""
        p = self.period
        history = ActionLine.history.model
        previous_status = Subquery(
            history.objects.filter(id=OuterRef("id"))
            .filter(
                Q(history_date__lt=OuterRef("history_date"))
                | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
            )
            .order_by("-history_date", "-history_id")
            .values("status")[:1]
        )
        went_at_risk = (
            history.objects.filter(
                history_date__gte=p.start,
                history_date__lt=p.end,
                status=ActionLine.Status.AT_RISK,
            )
            .annotate(previous_status=previous_status)
            .filter(Q(previous_status__isnull=True) | ~Q(previous_status=ActionLine.Status.AT_RISK))
            .order_by()
            .values("id")
        )
        return self._gather(
            self._action_lines().filter(pk__in=went_at_risk),
            fields=self._action_line_fields(),
            order_by=[F("title").asc(), F("pk").asc()],
        )

    def action_lines_slipped(self):
        """Lines whose end date moved later during the period and now lies past
        the baseline end."""
        queryset = (
            self._action_lines_changed()
            .filter(end_before__isnull=False, end_after__gt=F("end_before"))
            .filter(end_after__gt=F("baseline_end"))
        )
        collected = self._gather(
            queryset,
            fields=self._action_line_fields(end_before=F("end_before"), end_after=F("end_after")),
            order_by=[F("title").asc(), F("pk").asc()],
        )
        for entry in collected.values():
            for item in entry["items"]:
                item["days_slipped"] = (
                    datetime.date.fromisoformat(item["end_after"])
                    - datetime.date.fromisoformat(item["baseline_end"])
                ).days
        return collected

    def _milestones(self):
        return self._scope(Milestone.objects.all(), "milestone").annotate(
            intervention_id=F("action_line__intervention_id")
        )

    def _milestone_fields(self, **extra):
        return {
            "milestone": F("pk"),
            "title": F("title"),
            "action_line": F("action_line__title"),
            "due_date": F("due_date"),
            "completed_on": F("completed_on"),
            **extra,
        }

    def milestones_completed(self):
        p = self.period
        queryset = (
            self._milestones()
            .filter(pk__in=_touched(Milestone, p))
            .annotate(
                done_before=_as_of(Milestone, "completed_on", p.start),
                done_after=_as_of(Milestone, "completed_on", p.end),
            )
            .filter(done_before__isnull=True, done_after__isnull=False)
        )
        return self._gather(
            queryset,
            fields=self._milestone_fields(completed_on=F("done_after")),
            order_by=[F("due_date").asc(), F("pk").asc()],
        )

    def _open_at_end(self):
        end_day = self.period.end_day
        return Q(completed_on__isnull=True) | Q(completed_on__gte=end_day)

    def milestones_overdue(self):
        end_day = self.period.end_day
        return self._gather(
            self._milestones().filter(self._open_at_end(), due_date__lt=end_day),
            fields=self._milestone_fields(),
            order_by=[F("due_date").asc(), F("pk").asc()],
        )

    def milestones_due_soon(self):
        end_day = self.period.end_day
        return self._gather(
            self._milestones().filter(
                self._open_at_end(),
                due_date__gte=end_day,
                due_date__lt=end_day + datetime.timedelta(days=DUE_SOON_DAYS),
            ),
            fields=self._milestone_fields(),
            order_by=[F("due_date").asc(), F("pk").asc()],
        )

    def _coalitions_moved(self, *, to: list[str], not_from: list[str]):
        p = self.period
        moved = (
            Coalition.objects.filter(pk__in=_touched(Coalition, p))
            .annotate(
                status_before=_as_of(Coalition, "status", p.start),
                status_after=_as_of(Coalition, "status", p.end),
            )
            .filter(status_after__in=to)
            .filter(Q(status_before__isnull=True) | ~Q(status_before__in=not_from))
        )
        fields = {
            "coalition": F("pk"),
            "name": F("name"),
            "slug": F("slug"),
            "from_status": F("status_before"),
            "to_status": F("status_after"),
        }
        if not self.for_board:
            # An organisation reads about the coalitions it is a member of.
            moved = self._scope(Membership.objects.all(), "membership").filter(
                coalition_id__in=moved.values("pk")
            )
            fields = {
                "coalition": F("coalition_id"),
                "name": F("coalition__name"),
                "slug": F("coalition__slug"),
                "from_status": _as_of(Coalition, "status", p.start, ref="coalition_id"),
                "to_status": _as_of(Coalition, "status", p.end, ref="coalition_id"),
            }
        return self._gather(
            moved,
            fields=fields,
            order_by=[F(fields["name"].name).asc(), F("pk").asc()],
            partition=[],
        )

    def coalitions_formed(self):
        """Coalitions that became active in the period (new, or out of ``forming``)."""
        active = Coalition.Status.ACTIVE
        return self._coalitions_moved(
            to=[active], not_from=[active, Coalition.Status.DORMANT, Coalition.Status.CLOSED]
        )

    def coalitions_closed(self):
        closed = Coalition.Status.CLOSED
        return self._coalitions_moved(to=[closed], not_from=[closed])

    def _memberships_by_date(self, field):
        p = self.period
        queryset = self._scope(Membership.objects.all(), "membership").filter(
            **{f"{field}__gte": p.first_day, f"{field}__lt": p.end_day}
        )
        return self._gather(
            queryset,
            fields={
                "membership": F("pk"),
                "coalition": F("coalition__name"),
                "organisation": F("organisation__name"),
                "role": F("role"),
                "date": F(field),
            },
            order_by=[F(field).asc(), F("pk").asc()],
            partition=[],
        )

    def memberships_begun(self):
        return self._memberships_by_date("joined")

    def memberships_ended(self):
        return self._memberships_by_date("left")

    # -- assembly -----------------------------------------------------------

    def build(self) -> dict:
        """The Board's content: ``{"interventions", "corridor", "totals", "quiet"}``."""
        return self.build_parts()[None]

    def build_parts(self) -> dict:
        """``{organisation id (None for the Board): content}``."""
        keys = [
            key for key in INTERVENTION_SECTIONS if self.for_board or key not in BOARD_ONLY_SECTIONS
        ]
        by_section = {key: getattr(self, key)() for key in keys}
        corridor_sections = {key: getattr(self, key)() for key in CORRIDOR_SECTIONS}
        interventions = list(Intervention.objects.order_by("number"))
        owners = [None] if self.for_board else self.organisations
        return {
            owner: self._assemble(owner, keys, by_section, corridor_sections, interventions)
            for owner in owners
        }

    def _assemble(self, owner, keys, by_section, corridor_sections, interventions) -> dict:
        blocks = []
        totals = dict.fromkeys((*keys, *CORRIDOR_SECTIONS), 0)
        for intervention in interventions:
            found = {
                key: by_section[key][(owner, intervention.pk)]
                for key in keys
                if (owner, intervention.pk) in by_section[key]
            }
            for key, entry in found.items():
                totals[key] += entry["count"]
            blocks.append(
                {
                    "id": intervention.pk,
                    "number": intervention.number,
                    "slug": intervention.slug,
                    "title_nl": intervention.title_nl,
                    "title_en": intervention.title_en,
                    "sections": found,
                }
            )
        corridor = {}
        for key in CORRIDOR_SECTIONS:
            entry = corridor_sections[key].get((owner, None))
            if entry:
                corridor[key] = entry
                totals[key] = entry["count"]
        changes = sum(count for key, count in totals.items() if key not in STATE_SECTIONS)
        return {
            "interventions": blocks,
            "corridor": corridor,
            "totals": totals,
            "quiet": changes == 0,
        }


def _failures(period: Period) -> dict:
    """Digest copies and notifications that failed for good during the period."""
    from .models import Delivery
    from .models import Notification

    deliveries = Delivery.objects.failed_between(period.start, period.end).annotate(
        kind_label=F("digest__frequency"), about=F("digest__period_start")
    )
    notifications = Notification.objects.failed_between(period.start, period.end).annotate(
        kind_label=F("status_change__to_status"), about=F("status_change__use_case__title")
    )
    result = {}
    for kind, queryset in (("delivery", deliveries), ("notification", notifications)):
        entry = _collect(
            queryset,
            fields={
                "email": F("email"),
                "failed_at": F("failed_at"),
                "attempts": F("attempts"),
                "error": F("last_error"),
                "detail": F("kind_label"),
                "about": F("about"),
            },
            order_by=[F("failed_at").asc(), F("pk").asc()],
            partition=[],
        ).get(None)
        if entry:
            result[kind] = entry
    return result


def _corridor_index(period: Period) -> dict | None:
    """The corridor index on the last day of this period and of the previous
    one, from one load of the history (``corridor.insight.index``)."""
    try:
        from corridor.insight.index.history import CorridorHistory
    except ImportError:  # the insight app is optional
        return None
    history = CorridorHistory(period.last_day)
    now = history.at(period.last_day)
    if now.total == 0:
        return None
    return {"now": now.as_dict(), "previous": history.at(period.previous().last_day).as_dict()}


def organisations_to_cover(frequency: str) -> list[int]:
    """Organisations with an active partner user who reads this digest."""
    from corridor.accounts import roles

    from .selectors import subscribers

    return list(
        subscribers(frequency)
        .filter(groups__name=roles.PARTNER, organisation__isnull=False)
        .order_by("organisation_id")
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def build_content(period: Period, *, organisations: list[int] | None = None) -> dict:
    """The digest content for ``period``: the Board's view, plus one part per
    organisation in ``organisations`` for their partners."""
    data = {
        "schema": SCHEMA,
        "frequency": period.frequency,
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "first_day": period.first_day.isoformat(),
        "last_day": period.last_day.isoformat(),
        **ContentBuilder(period).build(),
        "failures": _failures(period),
        "organisations": {},
    }
    index = _corridor_index(period)
    if index is not None:
        data["corridor_index"] = index
    if organisations:
        names = dict(
            Organisation.objects.filter(one_of("pk", organisations)).values_list("pk", "name")
        )
        known = [org_id for org_id in organisations if org_id in names]
        parts = ContentBuilder(period, organisations=known).build_parts()
        for org_id, part in parts.items():
            data["organisations"][str(org_id)] = {"name": names[org_id], **part}
    return data
