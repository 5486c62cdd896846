"""The map's layout, measured: no two names overlap, no line runs through a
name, names are whole or end in "…" with the full name in the list, and the
width goes to the drawing — for a synthetic corridor of 30 and of 300
organisations, every one joined to others by coalitions and use cases."""

import itertools
import random

import pytest
from django.urls import reverse

from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from coalitions.tests.factories import OrganisationFactory
from coalitions.tests.factories import RegionFactory
from corridor.insight.network import build_network
from corridor.insight.network.layout import LABEL_CHARS
from corridor.insight.network.layout import WIDTH
from corridor.insight.network.layout import label_box
from corridor.insight.network.layout import path_points


def synthetic_corridor(count, region_mra, region_brainport):
    """``count`` organisations: 40% MRA, 40% Brainport, 20% spread over three
    other regions; long and short names; coalitions of four to eight."""
    others = [
        RegionFactory(slug="utrecht", name="Regio Utrecht"),
        RegionFactory(slug="twente", name="Twente"),
        RegionFactory(slug="international", name="Internationaal"),
    ]
    rng = random.Random(count)
    kinds = ["company", "knowledge_institution", "municipality", "network", "societal"]
    organisations = []
    for n in range(count):
        share = n % 10
        region = region_mra if share < 4 else region_brainport if share < 8 else others[n % 3]
        name = f"Organisatie {n:03d}"
        if n % 7 == 0:
            name = f"Stichting voor Toegepast Onderzoek naar Slimme Systemen {n:03d} Noord"
        organisations.append(
            OrganisationFactory(
                name=name, slug=f"org-{n:03d}", region=region, kind=kinds[n % len(kinds)]
            )
        )
    for number in range(count // 5):
        coalition = CoalitionFactory(slug=f"coalitie-{number}")
        for organisation in rng.sample(organisations, rng.randint(4, 8)):
            MembershipFactory(coalition=coalition, organisation=organisation)
    return organisations


def overlapping(a, b) -> bool:
    """Two boxes overlap when a corner of one lies in the other or their
    centres' boxes cross (separating axes, here by sampling both outlines)."""
    corners_a, corners_b = a.corners(), b.corners()
    if any(b.contains(x, y) for x, y in corners_a) or any(a.contains(x, y) for x, y in corners_b):
        return True
    for (x1, y1), (x2, y2) in itertools.pairwise([*corners_a, corners_a[0]]):
        for step in range(1, 10):
            t = step / 10
            if b.contains(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t):
                return True
    return False


@pytest.mark.parametrize("count", [30, 300])
@pytest.mark.django_db
def test_no_name_overlaps_another_and_no_line_runs_through_a_name(
    count, region_mra, region_brainport
):
    synthetic_corridor(count, region_mra, region_brainport)
    network = build_network(user=None)
    assert not network.grouped and len(network.nodes) == count
    assert len(network.links) > count / 2
    assert {node.column for node in network.nodes} == {"mra", "other", "brainport"}

    boxes = {node.key: label_box(node) for node in network.nodes}
    for a, b in itertools.combinations(network.nodes, 2):
        if abs(a.x - b.x) < 400 and abs(a.y - b.y) < 400:
            assert not overlapping(boxes[a.key], boxes[b.key]), (a.label, b.label)

    for link in network.links:
        points = path_points(link.path)
        for node in network.nodes:
            box = boxes[node.key]
            crossing = [p for p in points if box.contains(*p, margin=1)]
            assert not crossing, f"{link.source.label}–{link.target.label} through {node.label}"

    # Everything is drawn inside the picture, and the picture uses the width.
    for node in network.nodes:
        for x, y in boxes[node.key].corners():
            assert 0 <= x <= network.width and 0 <= y <= network.height, node.label
    assert network.width >= WIDTH - 1
    left = min(x for box in boxes.values() for x, _ in box.corners())
    right = max(x for box in boxes.values() for x, _ in box.corners())
    assert (right - left) / network.width > 0.85


@pytest.mark.django_db
def test_long_names_are_whole_in_the_list_and_the_tooltip(client, region_mra, region_brainport):
    organisations = synthetic_corridor(30, region_mra, region_brainport)
    long_names = [o.name for o in organisations if len(o.name) > LABEL_CHARS]
    assert long_names
    html = client.get(reverse("insight:map")).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    listing = html[html.index('<details class="map-list">') : html.index("</details>")]
    for name in long_names:
        assert f"<title>{name} — " in svg
        assert f">{name}</a>" in listing
    assert 'aria-hidden="true"' in svg[:200] and 'role="img"' not in svg
    assert 'tabindex="-1"' in svg
