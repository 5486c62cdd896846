"""Action lines and milestones on the pages: creating, field errors, conflicts, marking done."""

import datetime

import pytest
from django.urls import reverse

from corridor.versioning import version_of
from interventions import services
from interventions.models import ActionLine

from .factories import MilestoneFactory


@pytest.mark.django_db
def test_board_creates_action_line_and_milestones(client, board, intervention, org_a):
    client.force_login(board)
    response = client.post(
        reverse("interventions:action-line-create", args=[intervention.slug]),
        {
            "title": "Nieuwe lijn",
            "kind": "content",
            "status": "planned",
            "lead_organisation": org_a.pk,
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
        },
    )
    line = ActionLine.objects.get(title="Nieuwe lijn")
    assert response.status_code == 302
    assert line.baseline_end == datetime.date(2026, 12, 31)
    url = reverse("interventions:milestone-create", args=[line.pk])
    client.post(url, {"title": "Eerste", "due_date": "2026-03-01", "add_another": "1"})
    client.post(url, {"title": "Tweede", "due_date": "2026-09-01"})
    assert list(line.milestones.values_list("title", flat=True)) == ["Eerste", "Tweede"]
    svg = client.get(intervention.get_absolute_url()).content.decode()
    assert svg.count('class="tl-milestone"') == 2


@pytest.mark.django_db
def test_action_line_with_end_before_start_gets_a_field_error(client, board, intervention):
    client.force_login(board)
    response = client.post(
        reverse("interventions:action-line-create", args=[intervention.slug]),
        {
            "title": "Achterstevoren",
            "kind": "content",
            "status": "planned",
            "start_date": "2026-12-31",
            "end_date": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ActionLine.objects.filter(title="Achterstevoren").exists()


@pytest.mark.django_db
def test_action_line_with_garbage_input_gets_errors_not_a_500(client, board, intervention):
    client.force_login(board)
    response = client.post(
        reverse("interventions:action-line-create", args=[intervention.slug]),
        {"title": "x" * 5000, "kind": "nope", "status": "\u0000", "start_date": "gisteren"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"title", "kind", "status", "start_date"}


@pytest.mark.django_db
def test_second_editor_of_an_action_line_gets_the_conflict_view_with_input_intact(
    client, board, line
):
    from corridor.accounts.tests.factories import board_user

    client.force_login(board)
    url = reverse("interventions:action-line-edit", args=[line.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    services.update_action_line(action_line=line, actor=board_user(), title="Hun titel")
    data["title"] = "Mijn titel"
    data["status"] = "at_risk"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Hun titel" in html
    assert 'value="Mijn titel"' in html
    line.refresh_from_db()
    assert line.title == "Hun titel"
    title_row = response.context["conflict"].rows[0]
    assert title_row.differs
    assert (title_row.theirs, title_row.mine) == ("Hun titel", "Mijn titel")


@pytest.mark.django_db
def test_second_editor_of_a_milestone_gets_the_conflict_view_and_then_saves_deliberately(
    client, board, line
):
    milestone = MilestoneFactory(action_line=line, title="Ontwerp klaar")
    client.force_login(board)
    url = reverse("interventions:milestone-edit", args=[milestone.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    services.update_milestone(milestone=milestone, actor=board, title="Hun mijlpaal")
    response = client.post(url, {**data, "title": "Mijn mijlpaal"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Hun mijlpaal" in html and 'value="Mijn mijlpaal"' in html
    assert response.context["milestone"].title == "Hun mijlpaal"  # the stored row
    assert [str(m) for m in response.context["messages"]][0].startswith("Iemand anders")

    again = client.post(url, {**data, "title": "Mijn mijlpaal", "version": version_of(milestone)})
    assert again.status_code == 302
    assert again["Location"] == line.get_absolute_url()
    milestone.refresh_from_db()
    assert milestone.title == "Mijn mijlpaal"


@pytest.mark.django_db
def test_partner_of_lead_marks_milestone_done_with_htmx(client, partner_a, line):
    milestone = MilestoneFactory(action_line=line)
    client.force_login(partner_a)
    response = client.post(
        reverse("interventions:milestone-complete", args=[milestone.pk]),
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith(f'<li class="milestone" id="milestone-{milestone.pk}"')
    assert "badge--done" in html
    milestone.refresh_from_db()
    assert milestone.completed_on is not None
    assert milestone.history.first().history_user == partner_a


@pytest.mark.django_db
def test_mark_done_without_javascript_redirects_back(client, partner_a, line):
    milestone = MilestoneFactory(action_line=line)
    client.force_login(partner_a)
    response = client.post(reverse("interventions:milestone-complete", args=[milestone.pk]))
    assert response.status_code == 302
    assert response.url == line.get_absolute_url()
    reopened = client.post(reverse("interventions:milestone-reopen", args=[milestone.pk]))
    assert reopened.status_code == 302
    milestone.refresh_from_db()
    assert milestone.completed_on is None


@pytest.mark.django_db
def test_other_partner_sees_no_mark_done_button_and_is_refused(client, partner_b, line):
    milestone = MilestoneFactory(action_line=line)
    client.force_login(partner_b)
    complete_url = reverse("interventions:milestone-complete", args=[milestone.pk])
    assert complete_url not in client.get(line.get_absolute_url()).content.decode()
    response = client.post(complete_url)
    assert response.status_code == 403
    milestone.refresh_from_db()
    assert milestone.completed_on is None
