"""Every ``aria-describedby`` on the use-case pages points to an element of the
page (a help text or an error list), so screen readers read what it names."""

import re

import pytest
from django.urls import reverse

from .factories import UseCaseFactory

IDS = re.compile(r'\bid="([^"]+)"')
DESCRIBED_BY = re.compile(r'aria-describedby="([^"]*)"')


def assert_described_by_existing_ids(html: str):
    ids = set(IDS.findall(html))
    targets = {target for value in DESCRIBED_BY.findall(html) for target in value.split()}
    assert targets, "the page describes no field"
    assert targets <= ids, f"aria-describedby names missing ids: {sorted(targets - ids)}"


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{}, {"status": "nonsense", "score_min": "abc"}])
def test_the_use_case_filters_are_described_by_their_help_texts(client, board, query):
    client.force_login(board)
    response = client.get(reverse("usecases:use-case-list"), query)
    assert response.status_code == 200
    assert_described_by_existing_ids(response.content.decode())


@pytest.mark.django_db
def test_the_use_case_forms_are_described_by_their_help_texts(
    client, partner_a, intervention, org_a
):
    client.force_login(partner_a)
    html = client.get(reverse("usecases:use-case-create")).content.decode()
    assert_described_by_existing_ids(html)
    use_case = UseCaseFactory(intervention=intervention, organisation=org_a, submitted_by=partner_a)
    html = client.get(reverse("usecases:use-case-edit", args=[use_case.pk])).content.decode()
    assert_described_by_existing_ids(html)
    response = client.post(reverse("usecases:use-case-create"), {"title": ""})
    assert_described_by_existing_ids(response.content.decode())
