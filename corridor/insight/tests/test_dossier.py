import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import MilestoneFactory

SECTIONS_EN = [
    "Ambition and agenda",
    "Complementarity of the two regions",
    "Coalitions",
    "Selected use cases",
    "Milestones ahead",
    "Corridor index",
]


@pytest.fixture
def ahead(corridor):
    first = corridor["interventions"][0]
    first.agenda = "## Gezamenlijke agenda\n\n- Testomgeving in Almere\n- Talent"
    first.save()
    line = ActionLineFactory(
        intervention=first, lead_organisation=corridor["orgs"]["m1"], title="Testlab Almere"
    )
    today = timezone.localdate()
    return [
        MilestoneFactory(
            action_line=line, title="Eerste proef", due_date=today + datetime.timedelta(days=30)
        ),
        MilestoneFactory(
            action_line=line, title="Al gehaald", due_date=today - datetime.timedelta(days=30)
        ),
    ]


def docx_text(document):
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def open_docx(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert "attachment" in response["Content-Disposition"]
    return Document(io.BytesIO(response.content))


def test_docx_of_an_intervention_has_every_section_and_figure(client, board, ahead, corridor):
    client.force_login(board)
    first = corridor["interventions"][0]
    document = open_docx(
        client.get(
            "/en" + reverse("insight:dossier-intervention-docx", kwargs={"slug": first.slug})
        )
    )
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for section in SECTIONS_EN:
        assert section in headings
    assert "Key figures" in headings
    assert "Gezamenlijke agenda" in headings  # the agenda's own heading
    figures = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    # Today on intervention 1: c1 (MRA only since b1 left), c3, c4 — none both poles;
    # use cases u1 (both poles) and u4. 1 of 5 = 20%.
    assert figures["Corridor index"] == "20%"
    assert figures["Active coalitions"] == "3"
    assert figures["Selected use cases"] == "2"
    assert figures["Milestones ahead"] == "1"
    text = docx_text(document)
    assert "Eerste proef" in text and "Al gehaald" not in text
    assert "Corridor" in text and "In beoordeling" not in text  # u3 is only in review
    assert "Brainport Een" in text  # u1's partner
    assert "PAGE" in document.sections[0].footer._element.xml  # page number field
    # The trend figure: one PNG picture, with its caption.
    assert len(document.inline_shapes) == 1
    image = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[image].content_type == "image/png"
    assert any(
        p.text.startswith("Figure: the corridor index by month") for p in document.paragraphs
    )


def test_docx_of_the_corridor_covers_every_intervention(client, board, corridor):
    client.force_login(board)
    document = open_docx(client.get("/en" + reverse("insight:dossier-docx")))
    text = docx_text(document)
    for intervention in corridor["interventions"]:
        assert intervention.title_en in text
    figures = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    # Today overall: c1, c2 (both poles), c3, c4; u1 (both poles), u2, u4: 2 of 7.
    assert figures["Corridor index"] == "29%"


def test_docx_is_dutch_by_default(client, board, corridor):
    client.force_login(board)
    response = client.get(reverse("insight:dossier-docx"))
    assert response["Content-Disposition"].endswith('-nl.docx"')
    document = open_docx(response)
    assert document.paragraphs[0].text  # the title exists, whatever the catalogue says


def test_print_page_is_a4_without_navigation(client, board, ahead, corridor):
    client.force_login(board)
    first = corridor["interventions"][0]
    response = client.get(
        "/en" + reverse("insight:dossier-intervention", kwargs={"slug": first.slug})
    )
    assert response.status_code == 200
    html = response.content.decode()
    for section in SECTIONS_EN:
        assert section in html
    assert "insight/print.css" in html
    assert "site-nav" not in html and "site-header" not in html
    assert "Eerste proef" in html and "<svg" in html


def test_print_css_sets_a4_and_page_numbers():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("insight/print.css")).read_text(encoding="utf-8")
    assert "size: A4" in css
    assert "counter(page)" in css


def test_dossier_is_for_the_board(client, partner_a, corridor, settings):
    settings.LOGIN_URL = "/account/login/"
    assert client.get(reverse("insight:dossier")).status_code == 302
    client.force_login(partner_a)
    assert client.get(reverse("insight:dossier")).status_code == 403
    assert client.get(reverse("insight:dossier-docx")).status_code == 403


def test_unknown_intervention_is_404(client, board, corridor):
    client.force_login(board)
    response = client.get(reverse("insight:dossier-intervention", kwargs={"slug": "bestaat-niet"}))
    assert response.status_code == 404


def test_index_chart_png_is_a_valid_image(corridor):
    import struct
    import zlib

    from corridor.insight.index import corridor_index_series
    from corridor.insight.index.charts import index_chart_png

    series = corridor_index_series(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 7, 31))
    png = index_chart_png(series, width=120, height=60)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (120, 60)
    length = struct.unpack(">I", png[33:37])[0]
    raw = zlib.decompress(png[41 : 41 + length])
    assert len(raw) == 60 * (1 + 120 * 3)
    assert bytes((124, 58, 237)) in raw  # the line is drawn


def test_dossier_queries_stay_flat(client, board, corridor, django_assert_max_num_queries):
    from coalitions.tests.factories import CoalitionFactory
    from coalitions.tests.factories import MembershipFactory

    client.force_login(board)
    url = reverse("insight:dossier-docx")
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for n in range(15):
        coalition = CoalitionFactory(
            slug=f"extra-{n}", interventions=[corridor["interventions"][0]]
        )
        for org in corridor["orgs"].values():
            MembershipFactory(coalition=coalition, organisation=org)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
