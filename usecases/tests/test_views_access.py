"""Who reaches which use-case page, sees which use cases and is offered which moves."""

import pytest
from django.urls import reverse

from usecases.models import UseCase
from usecases.tests.factories import UseCaseFactory
from usecases.tests.helpers import url_of

ROLES = ("anonymous", "partner_a", "partner_b", "reviewer", "board")

LOGIN = "login"
# (route, object, role) → expected status; LOGIN = redirect to the login page.
ACCESS = {
    ("usecases:use-case-list", None): dict.fromkeys(ROLES, 200),
    ("usecases:use-case-create", None): {
        "anonymous": LOGIN,
        "partner_a": 200,
        "partner_b": 200,
        "reviewer": 403,
        "board": 200,
    },
    ("usecases:use-case-detail", "draft"): {
        "anonymous": 404,
        "partner_a": 200,
        "partner_b": 404,
        "reviewer": 404,
        "board": 200,
    },
    ("usecases:use-case-detail", "submitted"): {
        "anonymous": 404,
        "partner_a": 200,
        "partner_b": 404,
        "reviewer": 200,
        "board": 200,
    },
    ("usecases:use-case-detail", "selected"): dict.fromkeys(ROLES, 200),
    ("usecases:use-case-edit", "draft"): {
        "anonymous": LOGIN,
        "partner_a": 200,
        "partner_b": 404,
        "reviewer": 404,
        "board": 200,
    },
    ("usecases:use-case-edit", "in_review"): {
        "anonymous": LOGIN,
        "partner_a": 403,
        "partner_b": 404,
        "reviewer": 403,
        "board": 200,
    },
    ("usecases:use-case-edit", "selected"): {
        "anonymous": LOGIN,
        "partner_a": 403,
        "partner_b": 403,
        "reviewer": 403,
        "board": 200,
    },
    ("usecases:assessment-edit", "in_review"): {
        "anonymous": LOGIN,
        "partner_a": 403,
        "partner_b": 404,
        "reviewer": 200,
        "board": 403,
    },
    ("usecases:attachment-download", "attachment"): {
        "anonymous": 404,
        "partner_a": 200,
        "partner_b": 404,
        "reviewer": 404,
        "board": 200,
    },
}
ACCESS_CASES = [
    (route, key, role, expected)
    for (route, key), by_role in ACCESS.items()
    for role, expected in by_role.items()
]


@pytest.mark.parametrize(("route", "key", "role", "expected"), ACCESS_CASES)
def test_page_access_per_role(route, key, role, expected, cases, login):
    client = login(role)
    response = client.get(url_of(route, cases, key))
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", {"selected"}),
        ("partner_a", {"draft", "submitted", "in_review", "selected"}),
        ("partner_b", {"selected"}),
        ("reviewer", {"submitted", "in_review", "selected"}),
        ("board", {"draft", "submitted", "in_review", "selected"}),
    ],
)
def test_list_shows_exactly_the_use_cases_the_role_may_see(role, visible, cases, login):
    response = login(role).get(reverse("usecases:use-case-list"))
    shown = {use_case.pk for use_case, *_ in response.context["rows"]}
    assert shown == {cases[key].pk for key in visible}


@pytest.mark.parametrize(
    ("role", "key", "moves"),
    [
        ("anonymous", "selected", []),
        ("partner_a", "draft", ["submitted", "withdrawn"]),
        ("partner_a", "submitted", ["withdrawn"]),
        ("partner_b", "selected", []),
        ("reviewer", "submitted", []),
        ("board", "submitted", ["in_review"]),
        ("board", "in_review", ["selected", "declined", "more_information_requested"]),
        ("board", "selected", ["in_execution"]),
    ],
)
def test_detail_offers_buttons_for_exactly_the_allowed_moves(role, key, moves, cases, login):
    response = login(role).get(url_of("usecases:use-case-detail", cases, key))
    assert response.status_code == 200
    form = response.context["transition_form"]
    offered = [value for value, _ in form.fields["to"].choices] if form else []
    assert offered == moves
    assert response.content.count(b'name="to"') == len(moves)


def test_use_case_detail_is_a_readable_url(cases):
    assert cases["draft"].get_absolute_url() == f"/use-cases/{cases['draft'].pk}/"
    assert UseCaseFactory._meta.model is UseCase
