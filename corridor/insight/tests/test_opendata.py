import csv
import io
import json
import zipfile

import pytest

from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from corridor.insight.opendata import archive_path
from corridor.insight.opendata import build_archive
from corridor.insight.tasks import build_open_data
from usecases.tests.factories import UseCaseFactory

FRICTIONLESS_TYPES = {"string", "integer", "number", "date", "boolean"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def hidden(corridor, org_a, board):
    forming = CoalitionFactory(slug="geheim-in-oprichting", name="Geheim", status="forming")
    MembershipFactory(coalition=forming, organisation=org_a)
    draft = UseCaseFactory(title="Kladversie", organisation=org_a)
    selected = corridor["use_cases"]["u1"]
    selected.coalition = forming
    selected.save()
    return {"forming": forming, "draft": draft}


def read(archive_bytes):
    archive = zipfile.ZipFile(io.BytesIO(archive_bytes))
    tables = {}
    for name in archive.namelist():
        if name.endswith(".csv"):
            text = archive.read(name).decode("utf-8")
            tables[name] = list(csv.DictReader(io.StringIO(text)))
    return archive, tables


def test_zip_contains_only_public_rows(hidden, corridor):
    _archive, tables = read(build_archive())
    titles = {row["title"] for row in tables["use_cases.csv"]}
    assert titles == {"Corridor", "Alleen Brainport", "Utrecht en MRA"}
    assert "Kladversie" not in titles and "In beoordeling" not in titles
    coalitions = {row["slug"] for row in tables["coalitions.csv"]}
    assert coalitions == {"c1", "c2", "c3", "c4"}
    assert "geheim-in-oprichting" not in {row["coalition"] for row in tables["memberships.csv"]}
    corridor_row = next(row for row in tables["use_cases.csv"] if row["title"] == "Corridor")
    assert corridor_row["coalition"] == ""  # its coalition is still forming
    partners = {(row["use_case"], row["organisation"]) for row in tables["use_case_partners.csv"]}
    assert (str(corridor["use_cases"]["u1"].pk), "b1") in partners
    everything = "".join(json.dumps(rows) for rows in tables.values())
    assert "Geheim" not in everything and "Kladversie" not in everything
    assert "@example.org" not in everything  # no users


def test_datapackage_describes_every_file(corridor):
    archive, tables = read(build_archive())
    package = json.loads(archive.read("datapackage.json"))
    assert package["profile"] == "tabular-data-package"
    assert package["name"] == "tech-corridor"
    assert package["resources"]
    names = set()
    for resource in package["resources"]:
        assert resource["path"] in archive.namelist()
        assert resource["format"] == "csv" and resource["mediatype"] == "text/csv"
        names.add(resource["name"])
        header = next(csv.reader(io.StringIO(archive.read(resource["path"]).decode())))
        fields = resource["schema"]["fields"]
        assert header == [field["name"] for field in fields]
        assert {field["type"] for field in fields} <= FRICTIONLESS_TYPES
        for key in resource["schema"].get("primaryKey", []):
            values = [row[key] for row in tables[resource["path"]]]
            assert len(values) == len(set(values))
    assert len(names) == len(package["resources"])
    assert {r["path"] for r in package["resources"]} == {
        name for name in archive.namelist() if name.endswith(".csv")
    }


def test_index_table_matches_the_index(corridor):
    _archive, tables = read(build_archive())
    overall = [row for row in tables["corridor_index.csv"] if row["intervention"] == ""]
    assert len(overall) == 24
    latest = overall[-1]
    assert (latest["active_coalitions"], latest["corridor_coalitions"]) == ("4", "1")
    assert (latest["selected_use_cases"], latest["corridor_use_cases"]) == ("3", "1")


def test_nightly_task_writes_the_file_and_the_url_serves_it(client, corridor, media):
    build_open_data.apply()
    path = archive_path()
    assert path.is_file() and path.parent.parent == media
    first = path.read_bytes()
    response = client.get("/open-data/corridor.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert b"".join(response.streaming_content) == first
    assert list(path.parent.glob(".corridor-*")) == []  # no temporary files left


def test_missing_file_is_built_on_first_request(client, corridor):
    assert not archive_path().exists()
    response = client.get("/open-data/corridor.zip")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None
    assert archive_path().is_file()


def test_zip_entries_extract_as_rw_r__r__(corridor):
    archive = zipfile.ZipFile(io.BytesIO(build_archive()))
    for info in archive.infolist():
        assert info.external_attr >> 16 == 0o100644, info.filename


def test_datapackage_states_the_licence(corridor, settings):
    settings.CORRIDOR_OPEN_DATA_LICENCE_ID = "CC0-1.0"
    settings.CORRIDOR_OPEN_DATA_LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
    package = json.loads(zipfile.ZipFile(io.BytesIO(build_archive())).read("datapackage.json"))
    assert package["licenses"][0]["name"] == "CC0-1.0"
    assert package["licenses"][0]["path"].endswith("/zero/1.0/")


def test_every_resource_and_field_is_described_in_both_languages(corridor):
    package = json.loads(zipfile.ZipFile(io.BytesIO(build_archive())).read("datapackage.json"))
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 International",
        }
    ]
    described = [package, *package["resources"]]
    described += [f for r in package["resources"] for f in r["schema"]["fields"]]
    for item in described:
        assert item["title"] and item["description"], item.get("name")
        assert set(item["titles"]) == set(item["descriptions"]) == {"nl", "en"}
        assert item["titles"]["en"] == item["title"]
        assert item["descriptions"]["nl"] != item["descriptions"]["en"], item.get("name")
    scope = next(
        f
        for r in package["resources"]
        if r["name"] == "coalitions"
        for f in r["schema"]["fields"]
        if f["name"] == "scope"
    )
    assert "both poles" in scope["description"] and "beide polen" in scope["descriptions"]["nl"]
    assert scope["constraints"]["enum"] == ["corridor", "mra", "brainport", "multi_region"]


def test_the_tables_are_joined_by_foreign_keys(corridor):
    package = json.loads(zipfile.ZipFile(io.BytesIO(build_archive())).read("datapackage.json"))
    keys = {
        (r["name"], fk["fields"][0]): (fk["reference"]["resource"], fk["reference"]["fields"][0])
        for r in package["resources"]
        for fk in r["schema"].get("foreignKeys", [])
    }
    assert keys[("use-cases", "organisation")] == ("organisations", "slug")
    assert keys[("use-cases", "coalition")] == ("coalitions", "slug")
    assert keys[("use-cases", "action_line")] == ("action-lines", "id")
    assert keys[("memberships", "coalition")] == ("coalitions", "slug")
    assert keys[("memberships", "organisation")] == ("organisations", "slug")
    assert keys[("use-case-partners", "use_case")] == ("use-cases", "id")
    assert keys[("use-case-partners", "organisation")] == ("organisations", "slug")
    assert keys[("milestones", "action_line")] == ("action-lines", "id")
    names = {r["name"] for r in package["resources"]}
    assert {target for target, _field in keys.values()} <= names
