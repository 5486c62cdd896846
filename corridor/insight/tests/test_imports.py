import csv
import io

import pytest
import tablib
from django.urls import reverse
from import_export.formats.base_formats import CSV
from openpyxl import Workbook

from coalitions.models import Organisation
from coalitions.resources import OrganisationResource
from usecases.models import UseCase
from usecases.resources import UseCaseResource

ORG_HEADERS = ["slug", "name", "kind", "region", "city", "website", "capabilities"]


def organisations(*rows):
    return tablib.Dataset(*rows, headers=ORG_HEADERS)


GOOD_ORG = (
    "tue",
    "TU Eindhoven",
    "knowledge_institution",
    "brainport",
    "Eindhoven",
    "",
    "ai;semicon",
)


def test_organisation_import_creates_rows_with_history(board, region_mra, region_brainport):
    result = OrganisationResource().import_data(
        organisations(GOOD_ORG, ("uva", "UvA", "knowledge_institution", "mra", "", "", "ai")),
        dry_run=False,
        user=board,
    )
    assert not result.has_errors() and not result.has_validation_errors()
    tue = Organisation.objects.get(slug="tue")
    assert tue.region == region_brainport
    assert tue.capabilities == ["ai", "semicon"]
    assert tue.history.latest("history_date").history_user == board


def test_dry_run_reports_row_errors_and_imports_nothing(board, region_mra, region_brainport):
    dataset = organisations(
        GOOD_ORG,
        ("x1", "Onbekende regio", "company", "atlantis", "", "", "ai"),
        ("x2", "Onbekende code", "company", "mra", "", "", "ai;telepathy"),
        ("x3", "Onbekend soort", "alien", "mra", "", "", ""),
    )
    before = Organisation.objects.count()
    result = OrganisationResource().import_data(dataset, dry_run=True, user=board)
    assert result.has_validation_errors()
    invalid = {row.number: row.field_specific_errors for row in result.invalid_rows}
    assert set(invalid) == {2, 3, 4}
    assert "atlantis" in str(invalid[2]["region"])
    assert "telepathy" in str(invalid[3]["capabilities"])
    assert "kind" in invalid[4]
    assert Organisation.objects.count() == before


def test_an_import_with_any_error_imports_nothing(board, region_mra, region_brainport):
    dataset = organisations(GOOD_ORG, ("x1", "Fout", "company", "atlantis", "", "", ""))
    result = OrganisationResource().import_data(dataset, dry_run=False, user=board)
    assert result.has_validation_errors()
    assert not Organisation.objects.filter(slug="tue").exists()


USE_CASE_HEADERS = [
    "title",
    "summary",
    "intervention",
    "organisation",
    "partners",
    "sectors",
    "needed_capabilities",
    "planned_start",
    "planned_end",
    "status",
]


def test_imported_use_cases_start_as_drafts_whatever_the_file_says(
    board, org_a, org_b, intervention
):
    dataset = tablib.Dataset(
        (
            "Slimme haven",
            "Samen",
            intervention.slug,
            org_a.slug,
            org_b.slug,
            "industry;energy",
            "ai",
            "2026-01-01",
            "2026-12-31",
            "selected",
        ),
        headers=USE_CASE_HEADERS,
    )
    result = UseCaseResource().import_data(dataset, dry_run=False, user=board)
    assert not result.has_errors() and not result.has_validation_errors()
    use_case = UseCase.objects.get(title="Slimme haven")
    assert use_case.status == "draft"
    assert not use_case.status_changes.exists()
    assert use_case.submitted_by == board
    assert list(use_case.partners.all()) == [org_b]
    assert use_case.sectors == ["industry", "energy"]
    assert use_case.history.earliest("history_date").history_user == board


def test_use_case_rows_with_unknown_references_import_nothing(board, org_a, intervention):
    dataset = tablib.Dataset(
        ("Goed", "", intervention.slug, org_a.slug, "", "", "", "", "", ""),
        ("Fout", "", "bestaat-niet", org_a.slug, "onbekend", "", "", "", "", ""),
        ("Datum", "", intervention.slug, org_a.slug, "", "", "", "2026-12-31", "2026-01-01", ""),
        headers=USE_CASE_HEADERS,
    )
    result = UseCaseResource().import_data(dataset, dry_run=False, user=board)
    invalid = {row.number: row.field_specific_errors for row in result.invalid_rows}
    assert "bestaat-niet" in str(invalid[2]["intervention"])
    assert "onbekend" in str(invalid[2]["partners"])
    assert 3 in invalid
    assert not UseCase.objects.exists()


@pytest.fixture
def admin_board(client, board):
    board.is_staff = True
    board.save()
    client.force_login(board)
    return client


def test_admin_preview_shows_row_errors_and_offers_no_confirmation(
    admin_board, region_mra, region_brainport
):
    csv = "slug,name,kind,region,city,website,capabilities\n" + (
        "tue,TU Eindhoven,knowledge_institution,brainport,,,ai\nx,Fout,company,atlantis,,,\n"
    )
    url = reverse("admin:coalitions_organisation_import")
    response = admin_board.post(
        url,
        {
            "resource": 0,
            "format": 0,
            "import_file": io.BytesIO(csv.encode()),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "atlantis" in html
    assert response.context["result"].has_validation_errors()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Organisation.objects.filter(slug="tue").exists()


def test_admin_imports_xlsx(admin_board, region_mra, region_brainport):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(ORG_HEADERS)
    sheet.append(list(GOOD_ORG))
    content = io.BytesIO()
    workbook.save(content)
    content.seek(0)
    content.name = "organisaties.xlsx"
    url = reverse("admin:coalitions_organisation_import")
    response = admin_board.post(url, {"resource": 0, "format": 1, "import_file": content})
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    assert confirm is not None
    response = admin_board.post(
        reverse("admin:coalitions_organisation_process_import"), confirm.initial
    )
    assert response.status_code == 302
    assert Organisation.objects.get(slug="tue").capabilities == ["ai", "semicon"]


def test_exported_organisations_reimport_unchanged_despite_formula_quotes(board, org_a):
    org_a.description = '=HYPERLINK("http://evil.example/","Klik")'
    org_a.city = "-Almere"
    org_a.save()
    exported = CSV().export_data(OrganisationResource().export())
    row = next(r for r in csv.DictReader(io.StringIO(exported)) if r["slug"] == org_a.slug)
    assert row["description"] == "'" + org_a.description
    assert row["city"] == "'-Almere"

    result = OrganisationResource().import_data(
        CSV().create_dataset(exported), dry_run=False, user=board
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert {r.import_type for r in result.rows} == {"skip"}  # nothing changed
    org_a.refresh_from_db()
    assert org_a.description == '=HYPERLINK("http://evil.example/","Klik")'
    assert org_a.city == "-Almere"
