import re

import pytest
from django.urls import reverse

from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from coalitions.tests.factories import OrganisationFactory
from coalitions.tests.factories import RegionFactory
from corridor.insight.network import CROSS_COLOUR
from corridor.insight.network import build_network
from usecases.tests.factories import UseCaseFactory


def many_organisations(count, region_mra, region_brainport):
    utrecht = RegionFactory(slug="utrecht", name="Regio Utrecht")
    regions = [region_mra, region_brainport, utrecht]
    kinds = ["company", "knowledge_institution", "municipality"]
    return [
        OrganisationFactory(
            name=f"Organisatie {n:03d}",
            slug=f"org-{n:03d}",
            region=regions[n % 3],
            kind=kinds[(n // 3) % 3],
        )
        for n in range(count)
    ]


@pytest.fixture
def corridor_pair(org_a, org_b, intervention):
    coalition = CoalitionFactory(slug="samen", interventions=[intervention])
    MembershipFactory(coalition=coalition, organisation=org_a)
    MembershipFactory(coalition=coalition, organisation=org_b)
    return coalition


def test_map_with_300_organisations_links_every_node_to_its_organisation(
    client, region_mra, region_brainport, django_assert_max_num_queries
):
    organisations = many_organisations(300, region_mra, region_brainport)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("insight:map"))
    assert response.status_code == 200
    html = response.content.decode()
    nodes = re.findall(r'<a href="([^"]*)" class="map-node"', html)
    assert len(nodes) == 300
    assert set(nodes) == {
        reverse("coalitions:organisation-detail", kwargs={"slug": o.slug}) for o in organisations
    }
    assert "<svg" in html and "grouped by region and kind" not in html


def test_more_than_300_organisations_are_grouped_by_region_and_kind(
    client, region_mra, region_brainport
):
    many_organisations(301, region_mra, region_brainport)
    network = build_network(user=None)
    assert network.grouped
    assert len(network.nodes) == 9  # three regions times three kinds
    assert sum(node.size for node in network.nodes) == 301
    response = client.get(reverse("insight:map"))
    html = response.content.decode()
    group_links = re.findall(r'<a href="([^"]*)" class="map-node"', html)
    assert len(group_links) == 9
    assert all("?region=" in link and "kind=" in link for link in group_links)


def test_cross_pole_lines_are_emphasised(client, corridor_pair, org_a, org_b, region_mra):
    mra_partner = OrganisationFactory(name="Tweede MRA", region=region_mra)
    MembershipFactory(coalition=corridor_pair, organisation=mra_partner)
    network = build_network(user=None)
    by_pair = {frozenset({link.source.label, link.target.label}): link for link in network.links}
    cross = by_pair[frozenset({org_a.name, org_b.name})]
    plain = by_pair[frozenset({org_a.name, mra_partner.name})]
    assert cross.cross_pole and not plain.cross_pole
    assert cross.stroke_width > plain.stroke_width
    assert cross.dash == "" and plain.dash  # not by colour alone
    html = client.get(reverse("insight:map")).content.decode()
    assert f'stroke="{CROSS_COLOUR}"' in html
    assert org_a.name in html and org_b.name in html


def test_hidden_work_draws_no_line_for_those_who_may_not_see_it(org_a, org_b, board, partner_b):
    forming = CoalitionFactory(slug="in-oprichting", status="forming")
    MembershipFactory(coalition=forming, organisation=org_a)
    MembershipFactory(coalition=forming, organisation=org_b)
    UseCaseFactory(organisation=org_a, partners=[org_b])  # a draft
    assert build_network(user=None).links == []
    assert len(build_network(user=board).links) == 1
    assert build_network(user=board).links[0].weight == 2
    # partner B sees the forming coalition it belongs to, not A's draft.
    assert build_network(user=partner_b).links[0].weight == 1


def test_filter_by_intervention_and_kind(client, corridor_pair, org_a, org_b, intervention):
    OrganisationFactory(name="Los Bedrijf", kind="company")
    network = build_network(user=None, intervention=intervention)
    assert {node.label for node in network.nodes} == {org_a.name, org_b.name}
    network = build_network(user=None, kind="municipality")
    assert {node.label for node in network.nodes} == {org_a.name}
    response = client.get(
        reverse("insight:map"), {"intervention": intervention.slug, "kind": "municipality"}
    )
    assert response.status_code == 200


def test_unknown_filter_values_answer_400_with_a_message(client, db):
    response = client.get(reverse("insight:map"), {"intervention": "nope", "kind": "alien"})
    assert response.status_code == 400
    assert b"field-error" in response.content


def test_coordinates_are_not_localised_in_dutch(client, corridor_pair):
    html = client.get(reverse("insight:map"), headers={"accept-language": "nl"}).content.decode()
    assert re.search(r'<circle cx="\d+(\.\d+)?" cy="\d+(\.\d+)?" r="\d+\.\d"', html)
    assert not re.search(r'(cx|cy|r|x|y)="\d+,\d', html)
