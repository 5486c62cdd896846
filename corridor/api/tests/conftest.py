import pytest
from rest_framework.test import APIClient

from .world import build_world


@pytest.fixture
def world(board, reviewer, partner_a, partner_b, org_a, org_b, intervention):
    return build_world(
        board=board,
        reviewer=reviewer,
        partner_a=partner_a,
        partner_b=partner_b,
        org_a=org_a,
        org_b=org_b,
        intervention=intervention,
    )


@pytest.fixture
def client_for(db):
    """``client_for(user)``: an API client logged in as ``user`` (``None``: anonymous)."""

    def make(user=None):
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return make
