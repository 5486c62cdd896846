"""Every field of every resource, checked against what each role really gets.

The rules are declared in ``disclosure.py``; here they meet the API's JSON
(detail, list, history), the CSV, the portal's page and the open-data ZIP.
"""

import csv
import io
import zipfile

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.html import escape

from corridor.api.urls import router
from corridor.insight.opendata import build_archive
from usecases.api.serializers import StatusChangeSerializer

from .disclosure import DECISION
from .disclosure import FIELDS
from .disclosure import MARKERS
from .disclosure import MODEL_FIELDS
from .disclosure import ROLES
from .disclosure import ROW
from .disclosure import WHO
from .disclosure import setup_disclosure

USE_CASES = sorted(WHO)


@pytest.fixture
def shown(world):
    return setup_disclosure(world)


def _user(world, role):
    return None if role == "anonymous" else getattr(world, role)


def _serializer_fields(serializer_class) -> set[str]:
    return set(serializer_class().fields)


@pytest.mark.parametrize("basename", [basename for _p, _v, basename in router.registry])
def test_every_field_of_every_resource_has_a_rule(basename):
    viewset = next(v for _p, v, b in router.registry if b == basename)
    fields = _serializer_fields(viewset.serializer_class)
    if getattr(viewset, "list_serializer_class", None):
        fields |= _serializer_fields(viewset.list_serializer_class)
    assert basename in FIELDS, f"no disclosure rules for {basename}"
    assert fields == set(FIELDS[basename]), "a field without a rule, or a rule without a field"


def test_every_field_of_a_status_move_has_a_rule():
    assert _serializer_fields(StatusChangeSerializer) == set(FIELDS["status-change"])


@pytest.mark.parametrize("label", sorted(MODEL_FIELDS))
def test_every_model_field_has_a_rule(label):
    model = apps.get_model(label)
    names = {
        field.name
        for field in model._meta.get_fields()
        if field.concrete or field.many_to_many and not field.auto_created
    }
    names |= {f.name for f in model._meta.get_fields() if f.one_to_one and f.auto_created}
    assert names == set(MODEL_FIELDS[label])


def _rule_readers(key, rule) -> set[str]:
    return WHO[key][ROW] if rule == ROW else WHO[key][rule]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", USE_CASES)
def test_the_api_detail_shows_each_field_to_exactly_its_readers(shown, client_for, key, role):
    use_case = getattr(shown, key)
    response = client_for(_user(shown, role)).get(f"/api/v1/use-cases/{use_case.pk}/")
    if role not in WHO[key][ROW]:
        assert response.status_code == 404
        return
    body = response.json()
    expected = {
        name for name, rule in FIELDS["use-case"].items() if role in _rule_readers(key, rule)
    }
    assert set(body) == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_api_list_and_csv_show_each_field_to_exactly_its_readers(shown, client_for, role):
    client = client_for(_user(shown, role))
    rows = client.get("/api/v1/use-cases/", {"page_size": 200}).json()["results"]
    by_id = {row["id"]: row for row in rows}
    export = client.get("/api/v1/use-cases/", {"format": "csv"})
    csv_rows = {
        int(row["id"]): row
        for row in csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode()))
    }
    list_fields = FIELDS["use-case"].keys() & set(by_id[next(iter(by_id))])
    for key in USE_CASES:
        use_case = getattr(shown, key)
        if role not in WHO[key][ROW]:
            assert use_case.pk not in by_id and use_case.pk not in csv_rows
            continue
        row, line = by_id[use_case.pk], csv_rows[use_case.pk]
        for name, rule in FIELDS["use-case"].items():
            if name not in list_fields and name not in row:
                continue
            sees = role in _rule_readers(key, rule)
            assert (name in row) is sees, (key, name)
            assert bool(line.get(name)) is sees or row.get(name) in (None, [], ""), (key, name)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", USE_CASES)
def test_a_use_cases_history_names_who_and_why_only_to_its_readers(shown, client_for, key, role):
    use_case = getattr(shown, key)
    response = client_for(_user(shown, role)).get(f"/api/v1/use-cases/{use_case.pk}/history/")
    if role not in WHO[key][ROW]:
        assert response.status_code == 404
        return
    moves = response.json()
    assert moves
    expected = {
        name for name, rule in FIELDS["status-change"].items() if role in _rule_readers(key, rule)
    }
    assert all(set(move) == expected for move in moves)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", USE_CASES)
def test_the_portal_page_shows_each_fact_to_exactly_its_readers(shown, client, key, role):
    use_case = getattr(shown, key)
    if role != "anonymous":
        client.force_login(getattr(shown, role))
    response = client.get(reverse("usecases:use-case-detail", kwargs={"pk": use_case.pk}))
    if role not in WHO[key][ROW]:
        assert response.status_code == 404
        return
    page = response.content.decode()
    facts = WHO[key]
    checks = {
        "decision rationale": (MARKERS[DECISION].format(key=key), DECISION),
        "reason of a move": (MARKERS["reason"].format(key=key), DECISION),
        "submitting user": (f"door {use_case.submitted_by}", DECISION),
        "coalition": (use_case.coalition.name, "coalition"),
        "scores": ('class="meta review-summary"', "review"),
        "attachment": (MARKERS["attachment"].format(key=key), "attachment"),
        "public attachment": (MARKERS["public_attachment"].format(key=key), "public_attachment"),
        "title": (use_case.title, ROW),
        "problem": (use_case.problem, ROW),
    }
    for fact, (text, rule) in checks.items():
        # Text as the page writes it (a name with an apostrophe is escaped);
        # the scores' marker is the page's own markup.
        shown = text if text.startswith("class=") else escape(str(text))
        assert (shown in page) is (role in facts[rule]), fact


def test_the_open_data_holds_no_guarded_fact(shown):
    archive = zipfile.ZipFile(io.BytesIO(build_archive()))
    text = "\n".join(archive.read(name).decode() for name in archive.namelist())
    assert shown.uc_b_selected.title in text
    for key in USE_CASES:
        for marker in MARKERS.values():
            assert marker.format(key=key) not in text
    for coalition in (shown.co_forming_other, shown.co_forming_a, shown.co_forming_c):
        assert coalition.slug not in text
    for user in (shown.partner_a, shown.partner_b, shown.reviewer, shown.board):
        assert f",{user.username}," not in text
