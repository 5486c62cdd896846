"""The user of a session comes with its roles: checking them costs no query."""

import pytest
from django.contrib.auth import get_user
from django.test import RequestFactory

from corridor.accounts import roles
from corridor.accounts.backends import ModelBackend

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("given", "board", "reviewer", "partner"),
    [
        ((), False, False, False),
        ((roles.BOARD,), True, False, False),
        ((roles.REVIEWER, roles.PARTNER), False, True, True),
    ],
)
def test_the_user_and_its_roles_are_one_query(
    given, board, reviewer, partner, partner_a, django_assert_num_queries
):
    partner_a.groups.set([roles.group(name) for name in given])
    with django_assert_num_queries(1):
        user = ModelBackend().get_user(partner_a.pk)
    with django_assert_num_queries(0):
        assert (user.is_board, user.is_reviewer, user.is_partner) == (board, reviewer, partner)
        assert user.role_names == frozenset(given)


def test_an_inactive_or_missing_user_is_no_one(partner_a):
    backend = ModelBackend()
    assert backend.get_user(partner_a.pk + 1000) is None
    partner_a.is_active = False
    partner_a.save()
    assert backend.get_user(partner_a.pk) is None


def test_a_logged_in_request_costs_two_queries_for_its_user_and_roles(
    client, board, django_assert_num_queries
):
    client.force_login(board)
    request = RequestFactory().get("/")
    request.session = client.session
    with django_assert_num_queries(2):  # the session, then the user with its roles
        user = get_user(request)
        assert user.pk == board.pk and user.is_board and not user.is_reviewer
