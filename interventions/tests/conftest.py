"""Shared fixtures: an action line of the intervention, led by organisation A."""

import pytest

from .factories import ActionLineFactory


@pytest.fixture
def line(intervention, org_a):
    return ActionLineFactory(intervention=intervention, lead_organisation=org_a, title="Chips")
