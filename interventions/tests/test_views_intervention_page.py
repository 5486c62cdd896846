"""What the intervention pages show: agenda, action lines, timeline, coalitions, use cases."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from interventions.models import ActionLine

from .factories import ActionLineFactory
from .factories import InterventionFactory
from .factories import MilestoneFactory


@pytest.mark.django_db
def test_intervention_page_shows_agenda_lines_by_kind_timeline_coalitions_and_use_cases(
    client, intervention, line, org_a, partner_a, board
):
    from coalitions.tests.factories import CoalitionFactory
    from coalitions.tests.factories import MembershipFactory
    from usecases.services import transition_use_case
    from usecases.tests.factories import UseCaseFactory

    ActionLineFactory(intervention=intervention, kind="talent", title="Talent line")
    coalition = CoalitionFactory(name="Chipcoalitie", interventions=[intervention])
    MembershipFactory(coalition=coalition, organisation=org_a)
    selected = UseCaseFactory(
        intervention=intervention, organisation=org_a, submitted_by=partner_a, title="Geselecteerd"
    )
    for target, actor in (("submitted", partner_a), ("in_review", board), ("selected", board)):
        transition_use_case(use_case=selected, to=target, actor=actor, reason="ok")
    UseCaseFactory(intervention=intervention, title="Nog een concept")

    response = client.get(f"/interventies/{intervention.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Agenda</h2>" in html  # rendered Markdown
    assert html.index("Chips") < html.index("Talent line")
    assert "<svg" in html and "tl-bar" in html
    assert "Chipcoalitie" in html
    assert "Geselecteerd" in html
    assert "Nog een concept" not in html


@pytest.mark.django_db
def test_intervention_page_counts_each_lines_milestones_as_its_timeline_draws_them(
    client, intervention, line, org_a
):
    from django.utils import timezone

    today = timezone.localdate()
    MilestoneFactory(
        action_line=line,
        title="Klaar",
        due_date=today - datetime.timedelta(days=30),
        completed_on=today - datetime.timedelta(days=31),
    )
    MilestoneFactory(action_line=line, title="Te laat", due_date=today - datetime.timedelta(days=1))
    MilestoneFactory(action_line=line, title="Straks", due_date=today + datetime.timedelta(days=9))
    ActionLineFactory(intervention=intervention, title="Zonder mijlpalen")
    with translation.override("en"):
        response = client.get(
            reverse("interventions:intervention-detail", args=[intervention.slug])
        )
        line_link = f'<a href="{line.get_absolute_url()}">Chips</a>'
        lead_link = f'<a href="{org_a.get_absolute_url()}">{org_a.name}</a>'
    html = response.content.decode()
    rows = re.findall(r'<tr>\s*<td><a href="[^"]*">([^<]+)</a></td>(.*?)</tr>', html, re.S)
    counts = {
        title: (
            *(int(n) for n in re.search(r'<td class="num">(\d+) / (\d+)</td>', row).groups()),
            int(next(iter(re.findall(r"badge--overdue\">(\d+) overdue", row)), 0)),
        )
        for title, row in rows
    }
    assert counts == {"Chips": (1, 3, 1), "Zonder mijlpalen": (0, 0, 0)}
    assert '<td class="num">1 / 3</td>' in html and '<td class="num">0 / 0</td>' in html
    assert html.count('<span class="badge badge--overdue">1 overdue</span>') == 1
    assert line_link in html and lead_link in html


@pytest.mark.django_db
def test_intervention_page_links_its_use_cases_and_coalitions(
    client, intervention, org_a, partner_a, board
):
    from coalitions.tests.factories import CoalitionFactory
    from usecases.services import transition_use_case
    from usecases.tests.factories import UseCaseFactory

    coalition = CoalitionFactory(name="Chipcoalitie", interventions=[intervention])
    selected = UseCaseFactory(
        intervention=intervention, organisation=org_a, submitted_by=partner_a, title="Gekozen"
    )
    for target, actor in (("submitted", partner_a), ("in_review", board), ("selected", board)):
        transition_use_case(use_case=selected, to=target, actor=actor, reason="ok")
    with translation.override("en"):
        response = client.get(
            reverse("interventions:intervention-detail", args=[intervention.slug])
        )
        expected = [
            f'<a href="{selected.get_absolute_url()}">Gekozen</a>',
            f'<span class="badge badge--selected">{selected.get_status_display()}</span>',
            f'<span class="small muted">{org_a.name}</span>',
            f'<a href="{coalition.get_absolute_url()}">Chipcoalitie</a>',
            f'<span class="badge badge--{coalition.status}">'
            f"{coalition.get_status_display()}</span>",
        ]
    html = response.content.decode()
    assert [text for text in expected if text not in html] == []


@pytest.mark.django_db
def test_intervention_title_follows_the_language(client, intervention):
    intervention.title_en = "AI for semicon and HTSM"
    intervention.save()
    assert "AI voor semicon" in client.get(f"/interventies/{intervention.slug}/").content.decode()
    english = client.get(f"/en/interventions/{intervention.slug}/").content.decode()
    assert "AI for semicon and HTSM" in english


@pytest.mark.django_db
def test_interventions_list_shows_all_four(client):
    for number in range(1, 5):
        InterventionFactory(number=number)
    html = client.get(reverse("interventions:intervention-list")).content.decode()
    assert all(f"Interventie {n}" in html for n in range(1, 5))


@pytest.mark.django_db
def test_intervention_page_shows_the_first_lines_and_says_how_many_more(
    client, intervention, board
):
    from interventions.views.interventions import PAGE_LINES

    ActionLine.objects.bulk_create(
        ActionLine(
            intervention=intervention,
            title=f"Lijn {n:03}",
            start_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            end_date=datetime.date(2026, 12, 31),
            baseline_start=datetime.date(2026, 1, 1),
            baseline_end=datetime.date(2026, 12, 31),
        )
        for n in range(PAGE_LINES + 7)
    )
    client.force_login(board)
    with translation.override("en"):
        url = reverse("interventions:intervention-detail", args=[intervention.slug])
    page = client.get(url).content.decode()
    assert f"Lijn {PAGE_LINES - 1:03}" in page
    assert f"Lijn {PAGE_LINES:03}" not in page
    assert "And 7 more action lines." in page
    assert f"/api/v1/action-lines/?intervention={intervention.slug}&amp;format=csv" in page


@pytest.mark.django_db
def test_intervention_page_shows_each_coalitions_scope_and_how_many_more(
    client, intervention, board, region_mra, region_brainport
):
    from coalitions.models import Coalition
    from coalitions.tests.factories import CoalitionFactory
    from coalitions.tests.factories import MembershipFactory
    from coalitions.tests.factories import OrganisationFactory
    from corridor.portal.related import PAGE_COALITIONS

    mra_org = OrganisationFactory(region=region_mra)
    brainport_org = OrganisationFactory(region=region_brainport)
    for n in range(PAGE_COALITIONS + 2):
        coalition = CoalitionFactory(name=f"Coalitie {n:02}", interventions=[intervention])
        members = [mra_org, brainport_org] if n % 3 == 0 else [mra_org] if n % 3 == 1 else []
        for organisation in members:
            MembershipFactory(coalition=coalition, organisation=organisation)
    CoalitionFactory(name="Elders")  # another intervention's
    client.force_login(board)
    with translation.override("en"):
        url = reverse("interventions:intervention-detail", args=[intervention.slug])
    response = client.get(url)
    shown = response.context["coalitions"]
    expected = dict(
        Coalition.objects.filter(interventions=intervention).with_scope().values_list("pk", "scope")
    )
    assert [c.name for c in shown] == [f"Coalitie {n:02}" for n in range(PAGE_COALITIONS)]
    assert {c.pk: c.scope for c in shown} == {c.pk: expected[c.pk] for c in shown}
    html = response.content.decode()
    assert "badge--corridor" in html and "badge--mra" in html and "No members" in html
    assert response.context["more_coalitions"] == 2
    assert "And 2 more coalitions" in html


@pytest.mark.django_db
def test_a_forming_coalition_shows_to_the_board_and_its_members_not_the_public(
    client, intervention, board, org_a, partner_a
):
    from coalitions.tests.factories import CoalitionFactory
    from coalitions.tests.factories import MembershipFactory

    forming = CoalitionFactory(
        name="Stille coalitie", status="forming", interventions=[intervention]
    )
    MembershipFactory(coalition=forming, organisation=org_a)
    url = reverse("interventions:intervention-detail", args=[intervention.slug])
    assert "Stille coalitie" not in client.get(url).content.decode()
    client.force_login(board)
    assert "Stille coalitie" in client.get(url).content.decode()
    client.force_login(partner_a)
    assert "Stille coalitie" in client.get(url).content.decode()
    client.logout()
    assert "Stille coalitie" not in client.get(url).content.decode()
