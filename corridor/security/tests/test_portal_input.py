"""Page numbers and feed parameters of the portal: odd values are read as a
person would mean them or refused with a 400, never a 500, and what an
anonymous visitor asks for keeps a bounded number of entries in the cache."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from coalitions.tests.factories import OrganisationFactory
from corridor.insight.services import create_calendar_feed

pytestmark = pytest.mark.django_db

LISTS = ("usecases:use-case-list", "coalitions:organisation-list", "coalitions:coalition-list")


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("page", ["²", "٣", "9" * 400, "-1", "0", "1e3", "", "1\x00"])
def test_an_odd_page_number_shows_a_page(client, intervention, name, page):
    response = client.get(reverse(name), {"page": page})
    assert response.status_code == 200


def test_a_page_past_the_last_shows_the_last_page(client, region_mra):
    OrganisationFactory.create_batch(3, region=region_mra)
    response = client.get(reverse("coalitions:organisation-list"), {"page": 7})
    assert response.status_code == 200
    assert response.context["page"].number == 1


@pytest.mark.parametrize("value", ["%00", "a%00b", "%ff%fe", "²"])
def test_the_public_feed_refuses_an_odd_intervention_with_a_400(client, intervention, value):
    response = client.get(f"{reverse('insight_files:public-milestones')}?intervention={value}")
    assert response.status_code == 400


@pytest.mark.parametrize("value", ["%00", "a%00b", "%ff%fe"])
def test_the_private_feed_refuses_an_odd_intervention_with_a_400(client, partner_a, value):
    _feed, secret = create_calendar_feed(user=partner_a)
    url = reverse("insight_files:private-calendar", kwargs={"secret": secret})
    assert client.get(url).status_code == 200
    assert client.get(f"{url}?intervention={value}").status_code == 400


def _keys():
    return len(caches["default"]._cache)


@pytest.mark.parametrize("name", LISTS[:2])
def test_anonymous_pages_keep_a_bounded_number_of_entries(client, intervention, name):
    client.get(reverse(name))
    before = _keys()
    for number in range(1, 60):
        client.get(reverse(name), {"page": number})
        client.get(reverse(name), {"page": f"0{number}"})
    assert _keys() - before <= 10
