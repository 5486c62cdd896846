"""Finding use cases as people filter in Decidim and GitHub: names, not
database ids; status tabs with counts; chosen filters as removable chips;
the rarely used filters folded away; htmx swaps the results without a full
reload, and every part works without JavaScript."""

import re

import pytest
from django.urls import reverse

from coalitions.tests.factories import CoalitionFactory
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import InterventionFactory
from usecases.models import UseCaseStatus as S
from usecases.tests.helpers import use_case_in

URL = "/use-cases/"


@pytest.fixture
def corridor(partner_a, partner_b, board, intervention, org_b):
    other = InterventionFactory(number=2, slug="slimme-systemen", title_nl="Slimme systemen")
    line = ActionLineFactory(intervention=intervention, title="Testomgeving chips")
    same_title = ActionLineFactory(intervention=other, title="Testomgeving chips")
    coalition = CoalitionFactory(name="Fotonica Coalitie", slug="fotonica")
    almere = use_case_in(
        S.SUBMITTED,
        partner=partner_a,
        board=board,
        intervention=intervention,
        title="Slimme dijken",
        sectors=["health"],
        action_line=line,
        coalition=coalition,
    )
    draft = use_case_in(
        S.DRAFT, partner=partner_a, board=board, intervention=intervention, title="Zorgrobot"
    )
    brainport = use_case_in(
        S.SUBMITTED,
        partner=partner_b,
        board=board,
        intervention=other,
        title="Chipfabriek",
        sectors=["industry"],
        action_line=same_title,
    )
    return {"almere": almere, "draft": draft, "brainport": brainport, "line": line}


def titles(response):
    assert response.status_code == 200
    return {use_case.title for use_case, *_ in response.context["rows"]}


def test_an_organisation_is_found_by_its_name_as_typed(client, board, corridor):
    client.force_login(board)
    response = client.get(URL, {"organisation": "Gemeente Almere"})
    assert not response.context["filter"].form.errors
    assert titles(response) == {"Slimme dijken", "Zorgrobot"}
    # Any case, and the slug still works.
    assert titles(client.get(URL, {"organisation": "gemeente almere"})) == {
        "Slimme dijken",
        "Zorgrobot",
    }
    assert titles(client.get(URL, {"organisation": "brainport-development"})) == {"Chipfabriek"}


def test_coalition_and_action_line_are_named_not_numbered(client, board, corridor):
    client.force_login(board)
    page = client.get(URL).content.decode()
    assert 'type="number"' not in page
    assert 'list="organisation-options"' in page and 'list="coalition-options"' in page
    assert titles(client.get(URL, {"coalition": "Fotonica Coalitie"})) == {"Slimme dijken"}
    assert titles(client.get(URL, {"coalition": "fotonica"})) == {"Slimme dijken"}
    # The same title in two interventions: the chosen intervention decides.
    named = client.get(URL, {"intervention": "ai-semicon", "action_line": "testomgeving chips"})
    assert titles(named) == {"Slimme dijken"}
    named = client.get(
        URL, {"intervention": "slimme-systemen", "action_line": "Testomgeving chips"}
    )
    assert titles(named) == {"Chipfabriek"}


def test_the_action_line_pick_list_offers_the_chosen_interventions_lines(client, board, corridor):
    client.force_login(board)
    ActionLineFactory(intervention=corridor["line"].intervention, title="Talent in de regio")
    page = client.get(URL, {"intervention": "ai-semicon"}).content.decode()
    datalist = re.search(r'<datalist id="action-line-options">(.*?)</datalist>', page, re.S)[1]
    assert 'value="Testomgeving chips"' in datalist and 'value="Talent in de regio"' in datalist
    choices = client.get(
        reverse("usecases:use-case-choices", args=["action-line"]),
        {"intervention": "slimme-systemen", "action_line": "test"},
    )
    assert choices.content.decode().count("<option") == 1


def test_a_name_matching_nothing_says_which_names_come_close(client, board, corridor):
    client.force_login(board)
    response = client.get(URL, {"organisation": "Almere"})
    assert response.status_code == 200
    [error] = response.context["filter"].form.errors["organisation"]
    assert "Almere" in error and "“Gemeente Almere”" in error


def test_status_tabs_count_the_use_cases_under_the_other_filters(client, board, corridor):
    client.force_login(board)
    tabs = {tab.label: tab for tab in client.get(URL).context["tabs"]}
    assert (tabs["Alle"].count, tabs["Ingediend"].count, tabs["Concept"].count) == (3, 2, 1)
    assert tabs["Alle"].current and "Geselecteerd" not in tabs
    response = client.get(URL, {"organisation": "Gemeente Almere", "status": "submitted"})
    tabs = {tab.label: tab for tab in response.context["tabs"]}
    assert (tabs["Alle"].count, tabs["Ingediend"].count, tabs["Concept"].count) == (2, 1, 1)
    assert tabs["Ingediend"].current and not tabs["Alle"].current
    # A tab keeps every other filter and changes the status only.
    assert "organisation=Gemeente+Almere" in tabs["Concept"].url
    assert "status=draft" in tabs["Concept"].url and "status=submitted" not in tabs["Concept"].url
    html = response.content.decode()
    assert 'aria-current="page">Ingediend <span class="status-tabs__count">1</span>' in html


def test_chosen_filters_are_chips_that_each_remove_themselves(client, board, corridor):
    client.force_login(board)
    response = client.get(
        URL, {"organisation": "Gemeente Almere", "sector": ["health", "industry"], "page": "1"}
    )
    chips = {chip.label: chip.url for chip in response.context["chips"]}
    assert set(chips) == {
        "Organisatie: Gemeente Almere",
        "Sector: Zorg",
        "Sector: Industrie",
    }
    assert chips["Organisatie: Gemeente Almere"] == "/use-cases/?sector=health&sector=industry"
    assert chips["Sector: Zorg"] == ("/use-cases/?organisation=Gemeente+Almere&sector=industry")
    html = response.content.decode()
    assert 'href="/use-cases/?sector=health&amp;sector=industry"' in html
    assert "Slimme dijken" not in titles(client.get(chips["Sector: Zorg"]))
    assert client.get(URL).context["chips"] == ()


def test_rarely_used_filters_are_folded_away_until_used(client, board, corridor):
    client.force_login(board)
    closed = client.get(URL, {"sector": "health"}).content.decode()
    assert '<details class="filters__more">' in closed
    assert 'type="checkbox" name="sector" value="health"' in closed
    opened = client.get(URL, {"coalition": "fotonica"}).content.decode()
    assert '<details class="filters__more" open>' in opened


def test_htmx_gets_only_the_part_it_swaps(client, board, corridor):
    client.force_login(board)
    params = {"organisation": "Gemeente Almere"}
    results = client.get(
        URL, params, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="use-case-results"
    ).content.decode()
    assert results.lstrip().startswith('<div id="use-case-results"')
    assert "<html" not in results and "<form" not in results
    assert "Slimme dijken" in results and "Chipfabriek" not in results
    assert '<datalist id="action-line-options" data-hx-swap-oob="true">' in results
    finder = client.get(
        URL, params, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="use-case-finder"
    ).content.decode()
    assert finder.startswith('<div id="use-case-finder"') and "<html" not in finder
    assert 'value="Gemeente Almere"' in finder
    response = client.get(URL, params)
    assert "HX-Target" in response["Vary"]


def test_the_filter_works_without_javascript(client, corridor):
    """A plain GET form: every filter is a field of it, the tabs and chips are
    links, and the answer is a whole page."""
    response = client.get(URL)
    page = response.content.decode()
    form = re.search(r"<form method=\"get\" action=\"/use-cases/\"[^>]*>", page)
    assert form
    assert '<button type="submit">Filteren</button>' in page
    # The public see the submitted use cases of no one; the tabs say so.
    assert [tab.label for tab in response.context["tabs"]] == ["Alle"]
    # A filter chosen and sent as a plain form: a whole page, with the chips.
    page = client.get(URL, {"organisation": "Gemeente Almere"}).content.decode()
    assert page.startswith("<!doctype html>") and 'class="chip"' in page


def test_type_ahead_suggests_only_visible_coalitions(client, partner_b, corridor):
    CoalitionFactory(name="Fotonica in oprichting", slug="fotonica-vorming", status="forming")
    url = reverse("usecases:use-case-choices", args=["coalition"])
    anonymous = client.get(url, {"coalition": "fotonica"}).content.decode()
    assert 'value="Fotonica Coalitie"' in anonymous and "oprichting" not in anonymous
    assert client.get(reverse("usecases:use-case-choices", args=["nothing"])).status_code == 404
    organisations = client.get(
        reverse("usecases:use-case-choices", args=["organisation"]), {"organisation": "alme"}
    ).content.decode()
    assert organisations.strip() == '<option value="Gemeente Almere"></option>'


def test_the_api_takes_the_same_names_and_still_takes_ids(client, board, corridor):
    client.force_login(board)
    url = "/api/v1/use-cases/"
    rows = client.get(url, {"organisation": "Gemeente Almere"}).json()["results"]
    assert {row["title"] for row in rows} == {"Slimme dijken", "Zorgrobot"}
    rows = client.get(url, {"action_line": corridor["line"].pk}).json()["results"]
    assert [row["title"] for row in rows] == ["Slimme dijken"]
    refused = client.get(url, {"coalition": "Geen coalitie"})
    assert refused.status_code == 400 and "coalition" in refused.json()
