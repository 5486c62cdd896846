"""The rows of each open-data table, from what an anonymous visitor may see.

``PARTS`` pairs each ``schema.Resource`` with the function that makes its rows
from a ``Public`` (what is public today, read once). A further table is one
more pair.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region
from corridor import csvsafe
from interventions.models import ActionLine
from interventions.models import Intervention
from interventions.models import Milestone
from usecases.models import UseCase

from ..index import CorridorHistory
from ..index import month_points
from . import results
from . import schema

INDEX_MONTHS = 24
LIST_SEPARATOR = ";"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@dataclass
class Table:
    resource: schema.Resource
    rows: list[list]

    @property
    def name(self) -> str:
        return self.resource.name

    def csv_bytes(self) -> bytes:
        buffer = io.StringIO(newline="")
        writer = csvsafe.writer(buffer, lineterminator="\r\n")
        writer.writerow([f.name for f in self.resource.fields])
        for row in self.rows:
            writer.writerow([_cell(value) for value in row])
        return buffer.getvalue().encode("utf-8")

    def descriptor(self) -> dict:
        titles = schema.in_languages(self.resource.title)
        descriptions = schema.in_languages(self.resource.description)
        return {
            "profile": "tabular-data-resource",
            "name": self.name.replace("_", "-"),
            "title": titles["en"],
            "description": descriptions["en"],
            "titles": titles,
            "descriptions": descriptions,
            "path": f"{self.name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": self.resource.schema(),
        }


class Public:
    """What is public on ``today``, each part read once when first asked for."""

    def __init__(self, today: datetime.date):
        self.today = today

    @cached_property
    def interventions(self):
        return list(Intervention.objects.visible_to(None).order_by("number"))

    @cached_property
    def coalitions(self):
        return list(
            Coalition.objects.visible_to(None)
            .with_scope(on=self.today)
            .prefetch_related("interventions")
            .order_by("slug")
        )

    @cached_property
    def coalition_slugs(self) -> dict[int, str]:
        return {c.pk: c.slug for c in self.coalitions}

    @cached_property
    def use_cases(self):
        return list(
            UseCase.objects.visible_to(None)
            .select_related("intervention", "organisation")
            .prefetch_related("partners")
            .order_by("pk")
        )


def interventions(public: Public) -> list[list]:
    return [
        [i.number, i.slug, i.title_nl, i.title_en, i.description_nl, i.description_en]
        for i in public.interventions
    ]


def action_lines(public: Public) -> list[list]:
    lines = (
        ActionLine.objects.visible_to(None)
        .with_progress()
        .select_related("intervention", "lead_organisation")
        .order_by("pk")
    )
    return [
        [
            line.pk,
            line.intervention.number,
            line.title,
            line.kind,
            line.status,
            line.lead_organisation.slug if line.lead_organisation else None,
            line.start_date,
            line.end_date,
            line.baseline_start,
            line.baseline_end,
            None if line.progress is None else round(line.progress, 4),
        ]
        for line in lines
    ]


def milestones(public: Public) -> list[list]:
    return [
        [m.pk, m.action_line_id, m.title, m.due_date, m.completed_on]
        for m in Milestone.objects.visible_to(None).order_by("pk")
    ]


def regions(public: Public) -> list[list]:
    return [[r.slug, r.name, r.name_en, r.is_pole] for r in Region.objects.order_by("slug")]


def organisations(public: Public) -> list[list]:
    return [
        [o.slug, o.name, o.kind, o.region.slug, o.city, o.website, o.capabilities]
        for o in Organisation.objects.visible_to(None).select_related("region").order_by("slug")
    ]


def coalitions(public: Public) -> list[list]:
    return [
        [
            c.slug,
            c.name,
            c.status,
            c.scope,
            sorted(i.number for i in c.interventions.all()),
            c.purpose,
        ]
        for c in public.coalitions
    ]


def memberships(public: Public) -> list[list]:
    slugs = public.coalition_slugs
    return [
        [slugs[m.coalition_id], m.organisation.slug, m.role, m.joined, m.left]
        for m in Membership.objects.filter(coalition_id__in=slugs)
        .select_related("organisation")
        .order_by("coalition_id", "joined", "pk")
    ]


def use_cases(public: Public) -> list[list]:
    return [
        [
            u.pk,
            u.title,
            u.summary,
            u.intervention.number,
            u.organisation.slug,
            u.status,
            u.sectors,
            u.needed_capabilities,
            u.location,
            u.planned_start,
            u.planned_end,
            # A coalition still forming is not public: leave it out.
            public.coalition_slugs.get(u.coalition_id),
            u.action_line_id,
        ]
        for u in public.use_cases
    ]


def use_case_partners(public: Public) -> list[list]:
    return [[u.pk, p.slug] for u in public.use_cases for p in u.partners.all()]


def corridor_index(public: Public) -> list[list]:
    """The corridor index at the end of each of the last months, overall and per intervention."""
    today = public.today
    year, month = today.year, today.month - (INDEX_MONTHS - 1)
    while month < 1:
        year, month = year - 1, month + 12
    history = CorridorHistory(today)
    points = month_points(datetime.date(year, month, 1), today)
    interventions = [None, *public.interventions]
    series = [history.series(points, intervention) for intervention in interventions]
    rows = []
    for position, point in enumerate(points):
        for intervention, indices in zip(interventions, series, strict=True):
            index = indices[position]
            rows.append(
                [
                    point,
                    intervention.number if intervention else None,
                    None if index.value is None else round(index.value, 4),
                    index.coalitions.total,
                    index.coalitions.corridor,
                    index.use_cases.total,
                    index.use_cases.corridor,
                ]
            )
    return rows


PARTS: list[tuple[schema.Resource, Callable[[Public], list[list]]]] = [
    (schema.INTERVENTIONS, interventions),
    (schema.ACTION_LINES, action_lines),
    (schema.MILESTONES, milestones),
    (schema.REGIONS, regions),
    (schema.ORGANISATIONS, organisations),
    (schema.COALITIONS, coalitions),
    (schema.MEMBERSHIPS, memberships),
    (schema.USE_CASES, use_cases),
    (schema.USE_CASE_PARTNERS, use_case_partners),
    (schema.CORRIDOR_INDEX, corridor_index),
    (results.INDICATORS, results.indicators),
    (results.MEASUREMENTS, results.measurements),
]


def public_tables(today: datetime.date | None = None) -> list[Table]:
    public = Public(today or timezone.localdate())
    return [Table(resource, rows(public)) for resource, rows in PARTS]
