import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from interventions.timeline import DONE
from interventions.timeline import OVERDUE
from interventions.timeline import ROW_HEIGHT
from interventions.timeline import UPCOMING
from interventions.timeline import build_timeline
from interventions.timeline_svg import render_svg

from .factories import ActionLineFactory
from .factories import MilestoneFactory

SVG = "{http://www.w3.org/2000/svg}"
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def lines(intervention):
    slipped = ActionLineFactory(
        intervention=intervention,
        title="Chips <script>alert(1)</script>",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        baseline_start=datetime.date(2026, 1, 1),
        baseline_end=datetime.date(2026, 9, 30),
    )
    MilestoneFactory(
        action_line=slipped,
        title="Done one",
        due_date=datetime.date(2026, 2, 1),
        completed_on=datetime.date(2026, 2, 3),
    )
    MilestoneFactory(action_line=slipped, title="Late one", due_date=datetime.date(2026, 5, 1))
    MilestoneFactory(action_line=slipped, title="Next one", due_date=datetime.date(2026, 8, 1))
    on_plan = ActionLineFactory(
        intervention=intervention,
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2027, 2, 28),
    )
    return [slipped, on_plan]


@pytest.mark.django_db
def test_timeline_spans_whole_months_around_every_date(lines):
    timeline = build_timeline(lines, today=TODAY)
    assert timeline.start == datetime.date(2026, 1, 1)
    assert timeline.end == datetime.date(2027, 3, 1)
    assert [m.first_day.month for m in timeline.months][:3] == [1, 2, 3]
    assert timeline.months[0].label.endswith("2026")


@pytest.mark.django_db
def test_bars_follow_dates_and_baseline_shows_slippage(lines):
    slipped, on_plan = build_timeline(lines, today=TODAY).rows
    assert slipped.x_start < slipped.x_baseline_end < slipped.x_end
    assert slipped.slipped_days == 92
    assert on_plan.x_start > slipped.x_start
    assert on_plan.x_baseline_end == on_plan.x_end
    assert on_plan.slipped_days == 0


@pytest.mark.django_db
def test_milestone_states_and_positions(lines):
    row = build_timeline(lines, today=TODAY).rows[0]
    assert [m.state for m in row.milestones] == [DONE, OVERDUE, UPCOMING]
    xs = [m.x for m in row.milestones]
    assert xs == sorted(xs)


@pytest.mark.django_db
def test_today_line_inside_the_range_only(lines):
    assert build_timeline(lines, today=TODAY).today_x is not None
    assert build_timeline(lines, today=datetime.date(2030, 1, 1)).today_x is None


@pytest.mark.django_db
def test_svg_is_a_picture_only_well_formed_and_escaped(lines):
    """Screen readers skip the chart (aria-hidden, nothing focusable inside:
    axe's nested-interactive); the names beside it and the table say it all."""
    svg = str(render_svg(build_timeline(lines, today=TODAY)))
    root = ET.fromstring(svg)
    assert root.get("aria-hidden") == "true"
    assert root.get("role") is None
    assert not root.findall(f".//{SVG}a")
    assert "<script>" not in svg
    assert len(root.findall(f".//{SVG}g[@class='tl-row']")) == 2
    assert len(root.findall(f".//{SVG}rect[@class='tl-baseline']")) == 2
    states = [g.get("data-state") for g in root.iter(f"{SVG}g") if g.get("class") == "tl-milestone"]
    assert states == [DONE, OVERDUE, UPCOMING]
    assert root.findall(f".//{SVG}line[@class='tl-today']")


def placed_markers(root) -> dict:
    """Each milestone's state and the marker drawing its ``<use>`` places."""
    drawings = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    markers = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "tl-milestone":
            (use,) = g.findall(f"{SVG}use")
            markers[g.get("data-state")] = drawings[use.get("href").removeprefix("#")]
    return markers


@pytest.mark.django_db
def test_milestone_states_differ_in_shape_not_only_colour(lines):
    root = ET.fromstring(str(render_svg(build_timeline(lines, today=TODAY))))
    markers = placed_markers(root)
    assert set(markers) == {DONE, OVERDUE, UPCOMING}
    assert all(g.find(f"{SVG}polygon") is not None for g in markers.values())
    glyphs = {state: [p.get("d") for p in g.iter(f"{SVG}path")] for state, g in markers.items()}
    assert glyphs[UPCOMING] == []  # an open diamond
    assert glyphs[DONE] and glyphs[OVERDUE] and glyphs[DONE] != glyphs[OVERDUE]


@pytest.mark.django_db
def test_each_milestone_is_placed_with_its_label_on_its_date_and_row(lines):
    timeline = build_timeline(lines, today=TODAY)
    root = ET.fromstring(str(render_svg(timeline)))
    rows = root.findall(f".//{SVG}g[@class='tl-row']")
    assert len(rows) == len(lines)
    placed = [
        (
            g.find(f"{SVG}title").text,
            g.find(f"{SVG}use").get("href"),
            float(g.find(f"{SVG}use").get("x")),
            float(g.find(f"{SVG}use").get("y")),
        )
        for g in rows[0].findall(f"{SVG}g[@class='tl-milestone']")
    ]
    middle = timeline.rows[0].y + ROW_HEIGHT / 2
    assert [(title.split(":")[0], href, y) for title, href, _, y in placed] == [
        ("Done one", "#tl-ms-done", middle),
        ("Late one", "#tl-ms-overdue", middle),
        ("Next one", "#tl-ms-upcoming", middle),
    ]
    assert [x for _, _, x, _ in placed] == [m.x for m in timeline.rows[0].milestones]


@pytest.mark.django_db
def test_empty_timeline_still_renders():
    timeline = build_timeline([], today=TODAY)
    assert timeline.is_empty
    ET.fromstring(str(render_svg(timeline)))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_tooltip_dates_read_as_the_locale_formats_them(language):
    from django.utils import formats
    from django.utils import translation

    from interventions.timeline import date_formatter
    from interventions.timeline import month_year_formatter

    days = [datetime.date(2026, month, 1 + month) for month in range(1, 13)]
    days.append(datetime.date(999, 3, 5))
    with translation.override(language):
        formatted = date_formatter()
        expected = [formats.date_format(day, "j M Y") for day in days]
        expected_month_year = [formats.date_format(day, "M Y") for day in days]
        if language == "nl":  # Dutch writes its months in lower case ("M" capitalises)
            expected = [formats.date_format(day, "j b Y") for day in days]
            expected_month_year = [formats.date_format(day, "b Y") for day in days]
        assert [formatted(day) for day in days] == expected
        month_year = month_year_formatter()
        assert [month_year(day) for day in days] == expected_month_year


@pytest.mark.django_db
def test_dutch_timeline_writes_its_months_in_lower_case(lines):
    timeline = build_timeline(lines, today=TODAY)
    svg = str(render_svg(timeline))
    assert "<title>Late one: gepland 1 mei 2026 (over tijd)</title>" in svg
    assert "1 jan 2026 – 31 dec 2026" in svg
    assert [month.label for month in timeline.months][:2] == ["jan 2026", "feb"]
    assert not re.search(r"\b(Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\b", svg)


@pytest.mark.django_db
def test_tooltips_escape_titles_and_name_dates_and_states(lines, english):
    svg = str(render_svg(build_timeline(lines, today=TODAY)))
    assert "Chips &lt;script&gt;alert(1)&lt;/script&gt;: 1 Jan 2026 – 31 Dec 2026" in svg
    assert "Baseline: 1 Jan 2026 – 30 Sep 2026" in svg
    assert "<title>Late one: due 1 May 2026 (overdue)</title>" in svg
    assert "<title>Done one: due 1 Feb 2026, done 3 Feb 2026 (2 days late)</title>" in svg


@pytest.mark.django_db
def test_milestones_read_as_rows_lay_out_like_the_lines_own(lines):
    from interventions.models import Milestone
    from interventions.timeline import MilestoneRow

    rows = [
        MilestoneRow(*values)
        for values in Milestone.objects.order_by("due_date", "id").values_list(
            *MilestoneRow._fields
        )
    ]
    assert build_timeline(lines, today=TODAY, milestones=rows) == build_timeline(lines, today=TODAY)
