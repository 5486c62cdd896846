"""The timeline reads without hovering: years on the axis, milestone names on
the chart, completion where it happened with the slip shown, a milestone due
outside its line's period drawn at the bar's end with a marker (and the Board
warned on saving it), the lines' names beside the chart, the same in a table."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from corridor.versioning import version_of
from interventions.timeline import AFTER
from interventions.timeline import BEFORE
from interventions.timeline import CHAR_WIDTH
from interventions.timeline import build_timeline
from interventions.timeline_svg import render_svg

from .factories import ActionLineFactory
from .factories import MilestoneFactory

SVG = "{http://www.w3.org/2000/svg}"
TODAY = datetime.date(2026, 6, 15)


def _line(intervention, **kwargs):
    fields = {
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2026, 12, 31),
        "baseline_start": datetime.date(2026, 1, 1),
        "baseline_end": datetime.date(2026, 12, 31),
    }
    return ActionLineFactory(intervention=intervention, **{**fields, **kwargs})


@pytest.mark.django_db
def test_every_tick_where_the_year_changes_names_the_year(intervention):
    # 26 months from February: a tick each quarter, none of them in January.
    start, end = datetime.date(2026, 2, 1), datetime.date(2028, 3, 31)
    line = _line(
        intervention, start_date=start, end_date=end, baseline_start=start, baseline_end=end
    )
    months = build_timeline([line], today=TODAY).months
    assert all(month.first_day.month != 1 for month in months)
    previous_year = None
    for month in months:
        names_year = str(month.first_day.year) in month.label
        assert names_year == (month.first_day.year != previous_year), month.label
        previous_year = month.first_day.year


@pytest.mark.django_db
def test_milestone_names_are_written_on_the_chart_without_overlapping(intervention):
    line = _line(intervention)
    for day in range(1, 8):  # a crowded week
        MilestoneFactory(
            action_line=line, title=f"Mijlpaal {day}", due_date=datetime.date(2026, 5, day)
        )
    timeline = build_timeline([line], today=TODAY)
    root = ET.fromstring(str(render_svg(timeline)))
    labels = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "tl-ms-label"]
    placed = [m for m in timeline.rows[0].milestones if m.label_lane is not None]
    assert labels and len(labels) == len(placed)
    assert "Mijlpaal 1" in labels
    spans = {}
    for milestone in placed:
        width = len(milestone.label) * CHAR_WIDTH
        left = milestone.label_x - width if milestone.label_end else milestone.label_x
        spans.setdefault(milestone.label_lane, []).append((left, left + width))
    for lane in spans.values():
        lane.sort()
        assert all(a[1] < b[0] for a, b in zip(lane, lane[1:], strict=False)), lane
    # The row grows by the lanes its names need.
    assert timeline.rows[0].height > 34


@pytest.mark.django_db
def test_a_completed_milestone_is_drawn_where_it_was_done_with_the_slip(intervention):
    line = _line(intervention)
    MilestoneFactory(
        action_line=line,
        title="Ontwerp",
        due_date=datetime.date(2026, 2, 1),
        completed_on=datetime.date(2026, 3, 15),
    )
    MilestoneFactory(action_line=line, title="Pilot", due_date=datetime.date(2026, 3, 15))
    timeline = build_timeline([line], today=TODAY)
    done, open_one = timeline.rows[0].milestones
    assert done.x == open_one.x  # drawn on the day it was done
    assert done.due_x < done.x
    assert done.slip_days == 42
    root = ET.fromstring(str(render_svg(timeline)))
    slip = [line for line in root.iter(f"{SVG}line") if line.get("class") == "tl-slip"]
    assert [(float(s.get("x1")), float(s.get("x2"))) for s in slip] == [(done.due_x, done.x)]


@pytest.mark.django_db
def test_a_milestone_due_outside_its_period_is_drawn_at_the_bar_end_marked(intervention):
    line = _line(intervention)
    MilestoneFactory(action_line=line, title="Te laat", due_date=datetime.date(2028, 6, 1))
    MilestoneFactory(action_line=line, title="Te vroeg", due_date=datetime.date(2025, 6, 1))
    timeline = build_timeline([line], today=TODAY)
    early, late = timeline.rows[0].milestones
    row = timeline.rows[0]
    assert (late.outside, late.x) == (AFTER, row.x_end)
    assert (early.outside, early.x) == (BEFORE, row.x_start)
    # The axis is not stretched to a date the line does not reach.
    assert (timeline.start, timeline.end) == (datetime.date(2026, 1, 1), datetime.date(2027, 1, 1))
    svg = str(render_svg(timeline))
    assert svg.count('class="tl-outside"') == 2
    assert "na het einde van de actielijn" in svg


@pytest.mark.django_db
def test_the_board_is_warned_on_saving_a_milestone_outside_the_period(client, board, intervention):
    line = _line(intervention)
    client.force_login(board)
    url = reverse("interventions:milestone-create", kwargs={"pk": line.pk})
    inside = client.post(url, {"title": "Binnen", "due_date": "2026-06-01"}, follow=True)
    assert "message--warning" not in inside.content.decode()
    outside = client.post(url, {"title": "Buiten", "due_date": "2027-03-01"}, follow=True)
    page = outside.content.decode()
    assert "message--warning" in page
    assert "“Buiten” is gepland op 1 maart 2027, na het einde van de actielijn" in page
    milestone = line.milestones.get(title="Buiten")
    edit = client.post(
        reverse("interventions:milestone-edit", kwargs={"pk": milestone.pk}),
        {"title": "Buiten", "due_date": "2025-03-01", "version": version_of(milestone)},
        follow=True,
    )
    assert "vóór de start van de actielijn" in edit.content.decode()


@pytest.mark.django_db
def test_the_page_names_the_lines_beside_the_chart_and_gives_it_as_a_table(client, intervention):
    line = _line(intervention, title="Gedeelde cleanroom")
    MilestoneFactory(
        action_line=line,
        title="Ontwerp gereed",
        due_date=datetime.date(2026, 2, 1),
        completed_on=datetime.date(2026, 2, 4),
    )
    page = client.get(intervention.get_absolute_url()).content.decode()
    figure = page[page.index('<figure class="timeline"') : page.index("</figure>")]
    labels = figure[figure.index('<ol class="timeline-labels"') : figure.index("</ol>")]
    assert f'<a href="{line.get_absolute_url()}" title="Gedeelde cleanroom">' in labels
    assert 'aria-hidden="true"' in figure and 'role="img"' not in figure
    table = page[page.index('<details class="timeline-table">') : page.index("</details>")]
    assert "Ontwerp gereed: gepland 1 feb 2026, afgerond 4 feb 2026 (3 dagen te laat)" in table
