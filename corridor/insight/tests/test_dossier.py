"""The positioning dossier's content, in the print page and the DOCX."""

import datetime
import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from docx import Document

from interventions.models import ActionLine
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import MilestoneFactory

SECTIONS_EN = [
    "Executive summary",
    "The interventions",
    "Complementarity of the two regions",
    "Milestones ahead",
    "Corridor index",
    "Appendix: organisations",
]
DUTCH_AGENDA = "## Gezamenlijke agenda\n\n- Testomgeving in Almere\n- Talent"
ENGLISH_AGENDA = "## Joint agenda\n\n- Test environment in Almere\n- Talent"


@pytest.fixture
def ahead(corridor):
    first = corridor["interventions"][0]
    first.agenda = DUTCH_AGENDA
    first.asks = "Rijk: Cofinanciering van het testlab\nEU: Erkenning als pilotlijn"
    first.save()
    line = ActionLineFactory(
        intervention=first, lead_organisation=corridor["orgs"]["m1"], title="Testlab Almere"
    )
    ActionLineFactory(
        intervention=first, kind=ActionLine.Kind.TALENT, status="at_risk", title="Talent"
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


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"insight:{name}", kwargs=kwargs or None)


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
    document = open_docx(client.get(url("dossier-intervention-docx", slug=first.slug)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for section in SECTIONS_EN:
        assert section in headings
    assert "Gezamenlijke agenda" in headings  # no English agenda: the Dutch one, marked so
    assert {"Joint agenda", "Action lines", "Coalitions", "Use cases"} <= set(headings)
    assert "Asks of the Rijk and the EU" in headings
    figures = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    # Today on intervention 1: c1 (MRA only since b1 left), c3, c4 — none both poles;
    # use cases u1 (both poles) and u4. 1 of 5 = 20%.
    assert figures["Corridor index"] == "20%"
    assert figures["Active coalitions"] == "3"
    assert figures["Selected use cases"] == "2"
    assert figures["Milestones ahead"] == "1"
    text = docx_text(document)
    assert "Eerste proef" in text
    assert "Corridor" in text and "In beoordeling" not in text  # u3 is only in review
    assert "Brainport Een" in text  # u1's partner
    assert "Cofinanciering van het testlab" in text and "European Union" in text
    # The summary names the overdue milestone and the precondition at risk.
    assert "Overdue since" in text and "Al gehaald" in text
    assert "talent development: 1 at risk" in text
    footer = "".join(p._element.xml for p in document.sections[0].footer.paragraphs)
    assert "PAGE" in footer and "NUMPAGES" in footer
    # The chart: a PNG picture with its text alternative, and its caption.
    chart = [
        s for s in document.inline_shapes if s._inline.docPr.get("descr", "").startswith("Line")
    ]
    assert len(chart) == 1
    assert "corridor index by month" in chart[0]._inline.docPr.get("descr")
    blip = chart[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[blip].content_type == "image/png"
    assert any(
        p.text.startswith("Figure: the corridor index by month") for p in document.paragraphs
    )


def test_docx_of_the_corridor_covers_every_intervention(client, board, corridor):
    client.force_login(board)
    document = open_docx(client.get(url("dossier-docx")))
    text = docx_text(document)
    for intervention in corridor["interventions"]:
        assert intervention.title_en in text
    figures = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    # Today overall: c1, c2 (both poles), c3, c4; u1 (both poles), u2, u4: 2 of 7.
    assert figures["Corridor index"] == "29%"
    assert len(figures) == len(document.tables[0].rows)  # every label once
    # The appendix lists every public organisation.
    for organisation in corridor["orgs"].values():
        assert organisation.name in text


def test_docx_properties_are_the_documents_own(client, board, corridor):
    client.force_login(board)
    before = timezone.now().replace(microsecond=0)
    response = client.get(url("dossier-docx", "nl"))
    assert response["Content-Disposition"].endswith('-nl.docx"')
    document = open_docx(response)
    properties = document.core_properties
    assert properties.title == "Positioneringsdossier: Tech Corridor MRA – Brainport"
    assert properties.author == properties.last_modified_by == "Amsterdam Economic Board"
    assert properties.language == "nl-NL"
    assert "Rijk" in properties.subject
    assert properties.comments == ""
    assert properties.created >= before - datetime.timedelta(seconds=1)
    assert properties.modified == properties.created
    package = zipfile.ZipFile(io.BytesIO(response.content))
    app = package.read("docProps/app.xml").decode()
    assert "<Application>Tech Corridor Portal</Application>" in app
    assert "Macintosh" not in app and "Normal.dotm" not in app
    assert not [name for name in package.namelist() if "thumbnail" in name]
    assert "python-docx" not in package.read("docProps/core.xml").decode()
    styles = package.read("word/styles.xml").decode()
    assert 'w:lang w:val="nl-NL"' in styles


def test_docx_tables_repeat_their_header_and_keep_rows_whole(client, board, ahead, corridor):
    client.force_login(board)
    document = open_docx(client.get(url("dossier-docx")))
    assert len(document.tables) >= 6
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.xml.count("tblHeader") == 1
        assert all("cantSplit" in row.trPr.xml for row in rows)


def test_english_dossier_uses_the_english_agenda_where_there_is_one(client, board, ahead, corridor):
    first = corridor["interventions"][0]
    first.agenda_en = ENGLISH_AGENDA
    first.save()
    client.force_login(board)
    document = open_docx(client.get(url("dossier-docx", "en")))
    text = docx_text(document)
    assert "Test environment in Almere" in text
    assert "Testomgeving" not in text and "Gezamenlijke agenda" not in text
    html = client.get(url("dossier", "en")).content.decode()
    assert "Test environment in Almere" in html and "Testomgeving" not in html
    # The Dutch dossier keeps the Dutch agenda.
    dutch = docx_text(open_docx(client.get(url("dossier-docx", "nl"))))
    assert "Testomgeving in Almere" in dutch and "Test environment" not in dutch


def test_an_agenda_only_in_dutch_is_marked_dutch_on_the_english_page(client, board, ahead):
    client.force_login(board)
    html = client.get(url("dossier", "en")).content.decode()
    assert '<div class="agenda" lang="nl">' in html


def test_one_date_style_per_language(client, board, ahead, corridor):
    from corridor.insight.dossier import dates

    day = datetime.date(2026, 3, 5)
    with translation.override("nl"):
        assert dates.day(day) == "5 maart 2026"
        assert dates.month(day) == "maart 2026"
        assert dates.month_tick(day) == "mrt"
    with translation.override("en"):
        assert dates.day(day) == "5 March 2026"
        assert dates.month_tick(day) == "Mar"
    client.force_login(board)
    for language in ("nl", "en"):
        with translation.override(language):
            issued = dates.day(timezone.localdate())
        text = docx_text(open_docx(client.get(url("dossier-docx", language))))
        html = client.get(url("dossier", language)).content.decode()
        assert issued in text and issued in html
        # Never an abbreviated month with a day ("5 Dec 2026", "Mrt").
        short = r"\b\d{1,2} (Jan|Feb|Mar|Mrt|Apr|Mei|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dec) \d{4}"
        assert not re.search(short, text) and not re.search(short, html)
        assert "Mrt" not in text and "Mrt" not in html


def test_a_use_case_without_dates_says_so(client, board, corridor):
    client.force_login(board)
    text = docx_text(open_docx(client.get(url("dossier-docx"))))
    assert "not planned yet" in text
    assert "– – –" not in text and "– – –" not in client.get(url("dossier")).content.decode()


def test_print_page_has_a_title_page_summary_and_no_duplicate_labels(
    client, board, ahead, corridor
):
    client.force_login(board)
    first = corridor["interventions"][0]
    response = client.get(url("dossier-intervention", slug=first.slug))
    assert response.status_code == 200
    html = response.content.decode()
    for section in SECTIONS_EN:
        assert section in html
    assert "insight/print.css" in html and "corridor/board-logo.png" in html
    assert "Amsterdam Economic Board" in html and "Issued on" in html
    assert "site-nav" not in html and "site-header" not in html
    assert "Eerste proef" in html and "<svg" in html and "<desc" in html
    labels = re.findall(r"<dt>(.*?)</dt>", html) + re.findall(r'<th scope="row">(.*?)</th>', html)
    figures = re.findall(r'<table class="figures">.*?</table>', html, re.S)[0]
    figure_labels = re.findall(r'<th scope="row">(.*?)</th>', figures)
    assert len(figure_labels) == len(set(figure_labels))
    assert len(set(re.findall(r"<dt>(.*?)</dt>", html))) == len(re.findall(r"<dt>", html))
    assert labels
    # Both documents, in this language and the other, are one click away.
    assert url("dossier-intervention-pdf", slug=first.slug) in html
    assert url("dossier-intervention-docx", slug=first.slug) in html
    assert url("dossier-intervention", "nl", slug=first.slug) in html


def test_print_css_sets_a4_and_page_numbers():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("insight/print.css")).read_text(encoding="utf-8")
    assert "size: A4" in css
    assert "counter(page)" in css
    assert "break-inside: avoid" in css and "table-header-group" in css


def test_dossier_is_for_the_board(client, partner_a, corridor, settings):
    settings.LOGIN_URL = "/account/login/"
    assert client.get(reverse("insight:dossier")).status_code == 302
    client.force_login(partner_a)
    for name in ("dossier", "dossier-docx", "dossier-pdf"):
        assert client.get(reverse(f"insight:{name}")).status_code == 403


def test_unknown_intervention_is_404(client, board, corridor):
    client.force_login(board)
    for name in ("dossier-intervention", "dossier-intervention-docx", "dossier-intervention-pdf"):
        response = client.get(reverse(f"insight:{name}", kwargs={"slug": "bestaat-niet"}))
        assert response.status_code == 404


def test_publisher_comes_from_the_settings(client, board, corridor, settings):
    settings.CORRIDOR_PUBLISHER_NAME = "Brainport Development"
    settings.CORRIDOR_PUBLISHER_LOGO = "corridor/board-logo.svg-missing"
    client.force_login(board)
    document = open_docx(client.get(url("dossier-docx")))
    assert document.core_properties.author == "Brainport Development"
    assert "Brainport Development" in docx_text(document)
    html = client.get(url("dossier")).content.decode()
    assert "Brainport Development" in html and "<img" not in html  # no logo file: no logo


def test_index_chart_png_has_axes_and_a_text_alternative(corridor):
    from PIL import Image

    from corridor.insight.dossier.chart import chart_png
    from corridor.insight.dossier.chart import index_chart
    from corridor.insight.index import corridor_index_series

    series = corridor_index_series(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 7, 31))
    with translation.override("nl"):
        chart = index_chart(series)
    assert [label for _y, label in chart.y_ticks] == ["0%", "25%", "50%", "75%", "100%"]
    assert [label for _x, label in chart.x_ticks][:3] == ["jan", "feb", "mrt"]
    assert chart.y_title == "Corridorindex (%)" and "januari 2025" in chart.x_title
    assert "juli 2025" in chart.description and "%" in chart.description
    image = Image.open(io.BytesIO(chart_png(chart, scale=1)))
    assert image.size == (chart.width, chart.height)
    assert (109, 40, 217) in {
        image.getpixel((x, y)) for x in range(64, 620, 3) for y in range(14, 208, 3)
    }


def test_dossier_queries_stay_flat(client, board, corridor, django_assert_max_num_queries):
    from coalitions.tests.factories import CoalitionFactory
    from coalitions.tests.factories import MembershipFactory

    client.force_login(board)
    address = reverse("insight:dossier-docx")
    with django_assert_max_num_queries(30) as few:
        client.get(address)
    for n in range(15):
        coalition = CoalitionFactory(
            slug=f"extra-{n}", interventions=[corridor["interventions"][0]]
        )
        for org in corridor["orgs"].values():
            MembershipFactory(coalition=coalition, organisation=org)
        ActionLineFactory(intervention=corridor["interventions"][0], title=f"Lijn {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(address)
    assert response.status_code == 200


def test_the_agendas_headings_sit_below_the_dossiers(client, board, ahead):
    client.force_login(board)
    html = client.get(url("dossier")).content.decode()
    agenda = re.findall(r'<div class="agenda"[^>]*>(.*?)</div>', html, re.S)
    assert any("<h5>Gezamenlijke agenda</h5>" in part for part in agenda)
    assert not any(re.search(r"<h[1-4]", part) for part in agenda)


def test_the_summary_opens_with_the_results_the_public_may_see(client, board, corridor):
    from corridor.results.models import Indicator
    from corridor.results.models import Measurement

    first = corridor["interventions"][0]
    public, hidden = corridor["use_cases"]["u1"], corridor["use_cases"]["u3"]
    for use_case, target in ((public, 500), (hidden, 900)):
        indicator = Indicator.objects.create(
            name_nl="Mensen opgeleid",
            name_en="People trained",
            unit="people",
            baseline_value=0,
            baseline_date=datetime.date(2026, 1, 1),
            target_value=target,
            target_date=datetime.date(2027, 1, 1),
            use_case=use_case,
        )
        Measurement.objects.create(
            indicator=indicator, date=datetime.date(2026, 7, 1), value=340, source_note="Monitor"
        )
    client.force_login(board)
    html = client.get(url("dossier-intervention", slug=first.slug)).content.decode()
    summary = html[html.index("Executive summary") :]
    # The use case still in review is not counted: the dossier leaves the building.
    assert "1 result indicator is followed." in summary
    assert summary.index("1 result indicator is followed.") < summary.index(
        "The corridor index stands at"
    )
    assert "340 of 500" in summary.replace("\u202f", " ").replace("\xa0", " ")
