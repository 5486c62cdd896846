import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from corridor.versioning import version_of
from interventions import services
from interventions.models import ActionLine
from interventions.models import Milestone

from .factories import ActionLineFactory
from .factories import InterventionFactory
from .factories import MilestoneFactory
from .factories import bulk_lines_of_2026

XSS = (
    "<script>alert('x')</script>\n\n"
    '<img src="x" onerror="alert(1)">\n\n'
    "[click](javascript:alert(1))\n\n"
    '<a href="javascript:alert(2)">raw</a>'
)


def assert_inert(html: str):
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


@pytest.fixture
def line(intervention, org_a):
    return ActionLineFactory(intervention=intervention, lead_organisation=org_a, title="Chips")


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
@pytest.mark.parametrize("rows", [10, 1000])
def test_intervention_page_queries_stay_flat(
    client, intervention, board, rows, django_assert_max_num_queries
):
    lines = bulk_lines_of_2026(intervention, rows)
    Milestone.objects.bulk_create(
        Milestone(action_line=line, title="M", due_date=datetime.date(2026, 6, 1)) for line in lines
    )
    client.force_login(board)
    url = reverse("interventions:intervention-detail", args=[intervention.slug])
    # The first visit after a change computes the index trend; every further
    # visit reads it.
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["line_total"] == rows


@pytest.mark.django_db
def test_board_edits_agenda_and_finds_the_version_in_history(client, board, intervention):
    client.force_login(board)
    url = reverse("interventions:agenda-edit", args=[intervention.slug])
    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "agenda": "## Nieuw\n\nTweede versie.",
            "reason": "Bijgewerkt",
            "version": form["version"].value(),
        },
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert "Tweede versie" in intervention.agenda
    history = client.get(reverse("interventions:agenda-history", args=[intervention.slug]))
    html = history.content.decode()
    assert "Bijgewerkt" in html and str(board) in html
    assert intervention.history.count() == 2


@pytest.mark.django_db
def test_agenda_diff_shows_added_and_removed_lines(client, board, intervention):
    services.update_agenda(intervention=intervention, text="regel een\nregel drie", actor=board)
    old, new = intervention.history.order_by("history_date")[:2]
    client.force_login(board)
    response = client.get(
        reverse("interventions:agenda-diff", args=[intervention.slug]),
        {"old": old.history_id, "new": new.history_id},
    )
    html = response.content.decode()
    assert "<ins>regel een</ins>" in html
    assert "<del>Eerste versie.</del>" in html


@pytest.mark.django_db
def test_agenda_diff_with_bad_input_is_a_message_not_an_error(client, board, intervention):
    client.force_login(board)
    url = reverse("interventions:agenda-diff", args=[intervention.slug])
    assert client.get(url, {"old": "abc"}).status_code == 302
    assert client.get(url, {"old": 999999, "new": 999998}).status_code == 404


@pytest.mark.django_db
def test_restore_saves_the_old_text_as_a_new_version(client, board, intervention):
    first = intervention.history.get()
    services.update_agenda(intervention=intervention, text="weg ermee", actor=board)
    client.force_login(board)
    response = client.post(
        reverse("interventions:agenda-restore", args=[intervention.slug, first.history_id]),
        {"confirmed": "1"},
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.agenda == first.agenda
    assert intervention.history.count() == 3


@pytest.mark.django_db
def test_agenda_conflict_keeps_both_texts(client, board, intervention):
    from corridor.accounts.tests.factories import board_user

    client.force_login(board)
    url = reverse("interventions:agenda-edit", args=[intervention.slug])
    stale = version_of(intervention)
    services.update_agenda(intervention=intervention, text="Hun tekst", actor=board_user())
    response = client.post(url, {"agenda": "Mijn tekst", "version": stale})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Hun tekst" in html and "Mijn tekst" in html
    intervention.refresh_from_db()
    assert intervention.agenda == "Hun tekst"
    # Saving again, now carrying the current version, is a deliberate overwrite.
    again = client.post(
        url, {"agenda": "Mijn tekst", "version": response.context["form"]["version"].value()}
    )
    assert again.status_code == 302
    intervention.refresh_from_db()
    assert intervention.agenda == "Mijn tekst"


@pytest.mark.django_db
def test_markdown_preview_is_sanitised(client, partner_a):
    client.force_login(partner_a)
    response = client.post(reverse("portal:markdown-preview"), {"text": XSS + "\n\n**vet**"})
    html = response.content.decode()
    assert "<strong>vet</strong>" in html
    assert_inert(html)


@pytest.mark.django_db
def test_stored_script_payloads_are_inert_on_the_intervention_and_action_line(
    client, intervention, org_a
):
    intervention.agenda = XSS
    intervention.save()
    line = ActionLineFactory(
        intervention=intervention, title="<script>alert(3)</script>", description=XSS
    )
    for url in (
        f"/interventies/{intervention.slug}/",
        line.get_absolute_url(),
        reverse("portal:dashboard"),
    ):
        html = client.get(url).content.decode()
        assert_inert(html)
        assert "&lt;script&gt;alert(3)" in html


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


@pytest.mark.parametrize("language", ["nl", "en"])
def test_page_links_made_from_one_reversed_route_are_what_reverse_makes(language):
    from corridor.reversing import url_maker

    with translation.override(language):
        for viewname, kwarg, values in (
            ("interventions:action-line-detail", "pk", [1, 42, 9876543210]),
            ("coalitions:coalition-detail", "slug", ["chips", "ai-semicon_2", "9876543210"]),
        ):
            url_of = url_maker(viewname, kwarg)
            for value in values:
                assert url_of(value) == reverse(viewname, kwargs={kwarg: value})


@pytest.mark.django_db
def test_full_pages_of_lines_coalitions_and_use_cases_say_how_many_more_from_one_count(
    client, intervention, board, org_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coalitions.tests.factories import CoalitionFactory
    from corridor.portal.related import PAGE_COALITIONS
    from corridor.portal.related import PAGE_USE_CASES
    from interventions.views.interventions import PAGE_LINES
    from usecases.models import UseCase

    bulk_lines_of_2026(intervention, PAGE_LINES + 3)
    for n in range(PAGE_COALITIONS + 2):
        CoalitionFactory(name=f"Coalitie {n:02}", interventions=[intervention])
    UseCase.objects.bulk_create(
        UseCase(
            title=f"Gekozen {n}",
            status="selected",
            organisation=org_a,
            submitted_by=board,
            intervention=intervention,
        )
        for n in range(PAGE_USE_CASES + 4)
    )
    client.force_login(board)
    url = reverse("interventions:intervention-detail", args=[intervention.slug])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert (
        response.context["more_lines"],
        response.context["line_total"],
        response.context["more_coalitions"],
        response.context["more_use_cases"],
    ) == (3, PAGE_LINES + 3, 2, 4)
    # The coalitions' and use cases' totals in one count; the action lines'
    # with the plan, which is kept apart.
    assert len([query for query in queries if "COUNT(" in query["sql"]]) == 2
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.context["related"] == response.context["related"]
    assert not [query for query in queries if "COUNT(" in query["sql"]]


@pytest.mark.django_db
def test_the_kept_timeline_and_action_lines_follow_every_change_and_the_day(
    client, intervention, line, org_a, board
):
    import time_machine
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    with translation.override("en"):
        url = reverse("interventions:intervention-detail", args=[intervention.slug])
        create_url = reverse("interventions:action-line-create", args=[intervention.slug])
    today = timezone.localdate()
    MilestoneFactory(action_line=line, title="Straks", due_date=today + datetime.timedelta(days=1))
    response = client.get(url)
    first = response.context["plan"]
    html = response.content.decode()
    assert first["timeline"] in html and first["lines"] in html
    assert "1 overdue" not in html and "<svg" in html and "Chips" in html
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).context["plan"]
    assert (again["timeline"], again["lines"]) == (first["timeline"], first["lines"])
    assert not [q for q in queries if "interventions_milestone" in q["sql"]]

    # The day after tomorrow the milestone is overdue, with no change to it.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2), tick=False):
        assert "1 overdue" in client.get(url).content.decode()

    # An edit of a line and a renamed lead show on the next visit.
    line.title = "Chips en sensoren"
    line._history_user = board
    line.save()
    org_a.name = "Nieuwe naam"
    org_a.save()
    page = client.get(url).content.decode()
    assert "Chips en sensoren" in page and "Nieuwe naam" in page
    client.force_login(board)  # the same plan for every reader; the Board's buttons stay
    page = client.get(url).content.decode()
    assert "Chips en sensoren" in page and create_url in page


@pytest.mark.django_db
@pytest.mark.parametrize("audience", ["public", "board"])
def test_the_kept_use_cases_and_coalitions_follow_every_change(
    client, intervention, board, org_a, partner_a, audience
):
    from coalitions.tests.factories import CoalitionFactory
    from coalitions.tests.factories import MembershipFactory
    from usecases.services import transition_use_case
    from usecases.tests.factories import UseCaseFactory

    if audience == "board":
        client.force_login(board)
    url = reverse("interventions:intervention-detail", args=[intervention.slug])

    def related():
        return client.get(url).context["related"]

    first = related()
    assert related() == first
    coalition = CoalitionFactory(name="Fotonica-coalitie", interventions=[intervention])
    assert "Fotonica-coalitie" in related()
    MembershipFactory(coalition=coalition, organisation=org_a)
    assert "badge--mra" in related()
    chosen = UseCaseFactory(
        intervention=intervention, organisation=org_a, submitted_by=partner_a, title="Lichtchip"
    )
    assert "Lichtchip" not in related()
    for status in ("submitted", "in_review", "selected"):
        actor = partner_a if status == "submitted" else board
        transition_use_case(use_case=chosen, to=status, actor=actor, reason="Sterk")
    assert "Lichtchip" in related()
    org_a.name = "Gemeente Almere-Poort"
    org_a.save()
    assert "Gemeente Almere-Poort" in related()


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
