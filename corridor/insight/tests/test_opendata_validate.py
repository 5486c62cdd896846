"""The open data as reusers' tools read it: ``frictionless validate`` over a
freshly built ZIP (foreign keys checked), and the DCAT-AP record as JSON-LD."""

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from pyld import jsonld

from corridor.insight.opendata import build_archive
from corridor.insight.opendata.dcat import CONTEXT_FILE

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def validate(folder: Path) -> dict:
    """``frictionless validate --json`` of the package in ``folder``, as a report."""
    assert FRICTIONLESS.exists() or shutil.which("frictionless")
    command = str(FRICTIONLESS) if FRICTIONLESS.exists() else "frictionless"
    result = subprocess.run(
        [command, "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stdout)


def errors_of(report: dict) -> list[str]:
    found = [e["type"] for e in report.get("errors", [])]
    for task in report["tasks"]:
        found += [e["type"] for e in task["errors"]]
    return found


@pytest.fixture
def results(corridor):
    """Indicators with measurements on an action line, a selected use case and
    one still in review (whose indicator is not public)."""
    import datetime

    from corridor.results.models import Indicator
    from corridor.results.models import Measurement
    from interventions.tests.factories import ActionLineFactory

    line = ActionLineFactory(intervention=corridor["interventions"][0])
    owners = {
        "line": {"action_line": line},
        "selected": {"use_case": corridor["use_cases"]["u1"]},
        "in_review": {"use_case": corridor["use_cases"]["u3"]},
    }
    made = {}
    for key, owner in owners.items():
        made[key] = Indicator.objects.create(
            name_nl=f"Pilots gestart ({key})",
            unit="count",
            baseline_value=0,
            baseline_date=datetime.date(2026, 1, 1),
            target_value=10,
            target_date=datetime.date(2026, 12, 31),
            **owner,
        )
        for month in (3, 6):
            Measurement.objects.create(
                indicator=made[key],
                date=datetime.date(2026, month, 1),
                value=month,
                source_note="Monitor",
            )
    return made


def test_frictionless_finds_no_error_in_a_fresh_zip(corridor, results, tmp_path):
    zipfile.ZipFile(io.BytesIO(build_archive())).extractall(tmp_path)
    report = validate(tmp_path)
    assert errors_of(report) == []
    assert report["valid"] is True
    assert len(report["tasks"]) == 12
    indicators = (tmp_path / "indicators.csv").read_text(encoding="utf-8").splitlines()
    assert len(indicators) == 3  # the header, the action line's and the selected use case's
    assert "(in_review)" not in "\n".join(indicators)
    measurements = (tmp_path / "measurements.csv").read_text(encoding="utf-8").splitlines()
    assert len(measurements) == 5


def test_frictionless_checks_the_foreign_keys(corridor, tmp_path):
    zipfile.ZipFile(io.BytesIO(build_archive())).extractall(tmp_path)
    partners = tmp_path / "use_case_partners.csv"
    partners.write_text(
        partners.read_text(encoding="utf-8") + "999999,no-such-organisation\r\n", encoding="utf-8"
    )
    assert "foreign-key" in errors_of(validate(tmp_path))


def local_loader(context_url: str):
    """pyld's document loader with the context from the file: no network."""

    def load(url, options=None):
        if url != context_url:
            raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": json.loads(CONTEXT_FILE.read_text(encoding="utf-8")),
        }

    return load


def test_dcat_record_is_json_ld_that_expands_against_its_context(client, corridor):
    page = client.get(reverse("insight:open-data")).content.decode()
    response = client.get(reverse("insight_files:open-data-dcat"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert reverse("insight_files:open-data-dcat") in page
    record = json.loads(response.content)
    served = json.loads(client.get(reverse("insight_files:open-data-context")).content)
    assert served == json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))

    options = {"documentLoader": local_loader(record["@context"])}
    expanded = jsonld.expand(record, options)
    # Nothing dropped: every term the record uses is defined by the context,
    # so compacting the expansion gives back the same record.
    compacted = jsonld.compact(expanded, record["@context"], options)
    assert compacted == record

    DCAT, DCT = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
    catalogue = expanded[0]
    assert catalogue["@type"] == [DCAT + "Catalog"]
    dataset = catalogue[DCAT + "dataset"][0]
    assert dataset["@type"] == [DCAT + "Dataset"]
    titles = {t["@language"]: t["@value"] for t in dataset[DCT + "title"]}
    assert titles == {"en": "Tech Corridor MRA – Brainport", "nl": "Tech Corridor MRA – Brainport"}
    assert {d["@language"] for d in dataset[DCT + "description"]} == {"nl", "en"}
    assert dataset[DCT + "license"] == [{"@id": "https://creativecommons.org/licenses/by/4.0/"}]
    assert dataset[DCT + "publisher"][0]["http://xmlns.com/foaf/0.1/name"]
    assert dataset[DCAT + "contactPoint"]
    distribution = dataset[DCAT + "distribution"][0]
    assert distribution[DCAT + "downloadURL"] == [
        {"@id": "http://testserver" + reverse("insight_files:open-data")}
    ]
    assert distribution[DCAT + "accessURL"]


def test_open_data_page_shows_the_licence_and_the_tables(client, db):
    dutch = client.get(reverse("insight:open-data")).content.decode()
    assert "beide polen" in dutch and "Licentie" in dutch
    html = client.get("/en" + reverse("insight:open-data")).content.decode()
    assert 'rel="license"' in html and "https://creativecommons.org/licenses/by/4.0/" in html
    assert "CC-BY-4.0" in html
    assert "use_case_partners.csv" in html and "both poles" in html
