"""The open-data download: a ZIP of CSVs of everything public plus ``datapackage.json``.

"Public" is what an anonymous visitor may see, decided by the same
``visible_to(None)`` selectors as the portal and the API: interventions, action
lines, milestones, regions and organisations; coalitions past ``forming`` and
their memberships; use cases in a public status (selected, in execution,
completed) and their partners; and the corridor index by month. No user,
assessment, attachment or draft appears.

The description follows the Frictionless Data "tabular data package" profile.
Text a spreadsheet would run as a formula is written with a ``'`` first
(``corridor.csvsafe``); only string columns can hold such text, so the typed
columns still validate.
A nightly task (``corridor.insight.tasks.build_open_data``) writes the file
under ``MEDIA_ROOT`` atomically; the portal serves that file as it is.
"""

import datetime
import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
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

ARCHIVE_NAME = "corridor.zip"
INDEX_MONTHS = 24
LIST_SEPARATOR = ";"


def archive_path() -> Path:
    return Path(settings.MEDIA_ROOT) / "open-data" / ARCHIVE_NAME


@dataclass
class Table:
    name: str
    title: str
    fields: list[tuple[str, str]]  # (name, Frictionless type)
    rows: list[list]
    primary_key: list[str] | None = None

    def csv_bytes(self) -> bytes:
        buffer = io.StringIO(newline="")
        writer = csvsafe.writer(buffer, lineterminator="\r\n")
        writer.writerow([name for name, _type in self.fields])
        for row in self.rows:
            writer.writerow([_cell(value) for value in row])
        return buffer.getvalue().encode("utf-8")

    def resource(self) -> dict:
        schema = {"fields": [{"name": name, "type": kind} for name, kind in self.fields]}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        return {
            "profile": "tabular-data-resource",
            "name": self.name.replace("_", "-"),
            "title": self.title,
            "path": f"{self.name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }


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


def public_tables(today: datetime.date | None = None) -> list[Table]:
    today = today or timezone.localdate()
    anonymous = None
    interventions = list(Intervention.objects.visible_to(anonymous).order_by("number"))
    coalitions = list(
        Coalition.objects.visible_to(anonymous)
        .with_scope(on=today)
        .prefetch_related("interventions")
        .order_by("slug")
    )
    public_coalitions = {c.pk: c.slug for c in coalitions}
    use_cases = list(
        UseCase.objects.visible_to(anonymous)
        .select_related("intervention", "organisation")
        .prefetch_related("partners")
        .order_by("pk")
    )
    lines = list(
        ActionLine.objects.visible_to(anonymous)
        .with_progress()
        .select_related("intervention", "lead_organisation")
        .order_by("pk")
    )

    tables = [
        Table(
            "interventions",
            "Interventions",
            [
                ("number", "integer"),
                ("slug", "string"),
                ("title_nl", "string"),
                ("title_en", "string"),
                ("description_nl", "string"),
                ("description_en", "string"),
            ],
            [
                [i.number, i.slug, i.title_nl, i.title_en, i.description_nl, i.description_en]
                for i in interventions
            ],
            ["number"],
        ),
        Table(
            "action_lines",
            "Action lines",
            [
                ("id", "integer"),
                ("intervention", "integer"),
                ("title", "string"),
                ("kind", "string"),
                ("status", "string"),
                ("lead_organisation", "string"),
                ("start_date", "date"),
                ("end_date", "date"),
                ("baseline_start", "date"),
                ("baseline_end", "date"),
                ("progress", "number"),
            ],
            [
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
            ],
            ["id"],
        ),
        Table(
            "milestones",
            "Milestones",
            [
                ("id", "integer"),
                ("action_line", "integer"),
                ("title", "string"),
                ("due_date", "date"),
                ("completed_on", "date"),
            ],
            [
                [m.pk, m.action_line_id, m.title, m.due_date, m.completed_on]
                for m in Milestone.objects.visible_to(anonymous).order_by("pk")
            ],
            ["id"],
        ),
        Table(
            "regions",
            "Regions",
            [("slug", "string"), ("name", "string"), ("name_en", "string"), ("pole", "boolean")],
            [[r.slug, r.name, r.name_en, r.is_pole] for r in Region.objects.order_by("slug")],
            ["slug"],
        ),
        Table(
            "organisations",
            "Organisations",
            [
                ("slug", "string"),
                ("name", "string"),
                ("kind", "string"),
                ("region", "string"),
                ("city", "string"),
                ("website", "string"),
                ("capabilities", "string"),
            ],
            [
                [o.slug, o.name, o.kind, o.region.slug, o.city, o.website, o.capabilities]
                for o in Organisation.objects.visible_to(anonymous)
                .select_related("region")
                .order_by("slug")
            ],
            ["slug"],
        ),
        Table(
            "coalitions",
            "Coalitions (past forming)",
            [
                ("slug", "string"),
                ("name", "string"),
                ("status", "string"),
                ("scope", "string"),
                ("interventions", "string"),
                ("purpose", "string"),
            ],
            [
                [
                    c.slug,
                    c.name,
                    c.status,
                    c.scope,
                    sorted(i.number for i in c.interventions.all()),
                    c.purpose,
                ]
                for c in coalitions
            ],
            ["slug"],
        ),
        Table(
            "memberships",
            "Memberships of those coalitions",
            [
                ("coalition", "string"),
                ("organisation", "string"),
                ("role", "string"),
                ("joined", "date"),
                ("left", "date"),
            ],
            [
                [public_coalitions[m.coalition_id], m.organisation.slug, m.role, m.joined, m.left]
                for m in Membership.objects.filter(coalition_id__in=public_coalitions)
                .select_related("organisation")
                .order_by("coalition_id", "joined", "pk")
            ],
        ),
        Table(
            "use_cases",
            "Use cases in a public status",
            [
                ("id", "integer"),
                ("title", "string"),
                ("summary", "string"),
                ("intervention", "integer"),
                ("organisation", "string"),
                ("status", "string"),
                ("sectors", "string"),
                ("needed_capabilities", "string"),
                ("location", "string"),
                ("planned_start", "date"),
                ("planned_end", "date"),
                ("coalition", "string"),
                ("action_line", "integer"),
            ],
            [
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
                    public_coalitions.get(u.coalition_id),
                    u.action_line_id,
                ]
                for u in use_cases
            ],
            ["id"],
        ),
        Table(
            "use_case_partners",
            "Partner organisations of those use cases",
            [("use_case", "integer"), ("organisation", "string")],
            [[u.pk, p.slug] for u in use_cases for p in u.partners.all()],
        ),
        index_table(interventions, today),
    ]
    return tables


def index_table(interventions, today: datetime.date) -> Table:
    """The corridor index at the end of each of the last months, overall and per intervention."""
    year, month = today.year, today.month - (INDEX_MONTHS - 1)
    while month < 1:
        year, month = year - 1, month + 12
    history = CorridorHistory(today)
    rows = []
    for point in month_points(datetime.date(year, month, 1), today):
        for intervention in [None, *interventions]:
            index = history.at(point, intervention)
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
    return Table(
        "corridor_index",
        "Corridor index by month",
        [
            ("date", "date"),
            ("intervention", "integer"),
            ("value", "number"),
            ("active_coalitions", "integer"),
            ("corridor_coalitions", "integer"),
            ("selected_use_cases", "integer"),
            ("corridor_use_cases", "integer"),
        ],
        rows,
    )


def datapackage(tables: list[Table], created: datetime.datetime) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "tech-corridor",
        "title": "Tech Corridor MRA – Brainport",
        "description": (
            "The public register of the Tech Corridor between the Amsterdam "
            "metropolitan region and Brainport Eindhoven: interventions, action "
            "lines, milestones, organisations, coalitions, selected use cases and "
            "the corridor index. Lists within a cell are separated by ';'. Text "
            "that starts with =, +, -, @, a tab or a carriage return is written "
            "with a ' first, so that a spreadsheet does not run it as a formula."
        ),
        "created": created.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "resources": [table.resource() for table in tables],
    }


def build_archive(today: datetime.date | None = None) -> bytes:
    """The ZIP, in memory."""
    tables = public_tables(today)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            archive.writestr(f"{table.name}.csv", table.csv_bytes())
        archive.writestr(
            "datapackage.json",
            json.dumps(datapackage(tables, timezone.now()), indent=2, ensure_ascii=False),
        )
    return buffer.getvalue()


def write_open_data(today: datetime.date | None = None) -> Path:
    """Build the ZIP and put it in place atomically: readers see the old file or the new."""
    path = archive_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    content = build_archive(today)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".corridor-", suffix=".zip")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
