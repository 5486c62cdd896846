"""The corridor map: organisations as a network, drawn as SVG on the server.

MRA organisations stand in the left column, Brainport in the right, other
regions in a row along the top between them (``layout`` says where each node,
name and line goes, so that no line runs through a name). A line joins two
organisations for each coalition (current memberships) and use case
(submitter and partners) they share; lines that cross from one pole to the
other are drawn thick and solid, the rest thin and dashed, so the corridor's
connections stand out without relying on colour.

Up to ``MAX_NODES`` organisations each get a node linking to their page. With
more, organisations are grouped per region and kind: one node per group, its
size the number of organisations, linking to the directory filtered on both,
and lines summed between groups. Everything comes from a handful of queries.
"""

import math
from collections import Counter
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from itertools import combinations
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import NoReverseMatch
from django.urls import reverse

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region
from coalitions.selectors import current_membership_q
from usecases.models import UseCase

from ..matchmaking import region_name
from .layout import BRAINPORT
from .layout import COLUMNS
from .layout import MRA
from .layout import OTHER
from .layout import Geometry
from .layout import label_box
from .layout import label_text
from .layout import link_path
from .layout import place

MAX_NODES = 300
COLOURS = {MRA: "#1d4ed8", BRAINPORT: "#b45309", OTHER: "#4b5563"}
CROSS_COLOUR = "#7c3aed"
OTHER_LINK_COLOUR = "#94a3b8"
INACTIVE_USE_CASE_STATUSES = ("withdrawn", "declined")


def column_of(region_slug: str) -> str:
    return region_slug if region_slug in (MRA, BRAINPORT) else OTHER


@dataclass
class Node:
    key: str
    label: str
    url: str
    region: str
    region_label: str
    kind: str
    kind_label: str
    size: int = 1
    is_group: bool = False
    x: float = 0
    y: float = 0
    links: int = 0

    @property
    def column(self) -> str:
        return column_of(self.region)

    @property
    def colour(self) -> str:
        return COLOURS[self.column]

    @property
    def radius(self) -> float:
        base = 4 + min(4.0, math.sqrt(self.links) / 2)
        return base + (min(10.0, 2 * math.sqrt(self.size)) if self.is_group else 0)

    @property
    def short_label(self) -> str:
        text = label_text(self.label)
        return f"{text} ({self.size})" if self.is_group else text

    @property
    def label_x(self) -> float:
        box = label_box(self)
        return box.right if self.column == MRA else box.left

    @property
    def anchor(self) -> str:
        return "end" if self.column == MRA else "start"

    @property
    def rotated(self) -> bool:
        """The other regions' names rise at 45° above their row."""
        return self.column == OTHER


@dataclass
class Link:
    source: Node
    target: Node
    coalitions: int = 0
    use_cases: int = 0

    @property
    def weight(self) -> int:
        return self.coalitions + self.use_cases

    @property
    def cross_pole(self) -> bool:
        return {self.source.column, self.target.column} == {MRA, BRAINPORT}

    @property
    def stroke(self) -> str:
        return CROSS_COLOUR if self.cross_pole else OTHER_LINK_COLOUR

    @property
    def stroke_width(self) -> float:
        base = 1.8 if self.cross_pole else 0.8
        return round(base + min(4.0, math.log2(self.weight)), 2) if self.weight > 1 else base

    @property
    def dash(self) -> str:
        return "" if self.cross_pole else "4 3"

    @property
    def path(self) -> str:
        return link_path(self.source, self.target)


@dataclass
class Network:
    nodes: list[Node]
    links: list[Link]
    grouped: bool
    organisation_count: int
    geometry: Geometry
    columns: dict = field(default_factory=dict)

    @property
    def width(self) -> int:
        return self.geometry.width

    @property
    def height(self) -> int:
        return self.geometry.height

    def by_column(self) -> list[tuple[str, list[Node]]]:
        """The nodes per column, in the map's order (for the list under it)."""
        return [(name, [n for n in self.nodes if n.column == name]) for name in COLUMNS]

    @property
    def cross_pole_links(self) -> list[Link]:
        return sorted(
            (link for link in self.links if link.cross_pole),
            key=lambda link: (-link.weight, link.source.label, link.target.label),
        )

    @property
    def ordered_links(self) -> list[Link]:
        """Plain lines first, so the cross-pole lines are drawn on top."""
        return sorted(self.links, key=lambda link: (link.cross_pole, link.weight))


def _organisation_url(slug: str) -> str:
    try:
        return reverse("coalitions:organisation-detail", kwargs={"slug": slug})
    except NoReverseMatch:
        return ""


def _group_url(region: str, kind: str) -> str:
    try:
        base = reverse("coalitions:organisation-list")
    except NoReverseMatch:
        return ""
    return f"{base}?{urlencode({'region': region, 'kind': kind})}"


def _groups(*, user, intervention=None) -> list[tuple[str, list[int]]]:
    """The shared work as (``"coalition"``/``"use_case"``, organisation ids) pairs."""
    coalitions = Coalition.objects.visible_to(user).exclude(status=Coalition.Status.CLOSED)
    memberships = Membership.objects.filter(
        current_membership_q(), coalition__in=coalitions.values("pk")
    )
    if intervention is not None:
        memberships = memberships.filter(coalition__interventions=intervention)
    by_coalition: dict[int, set[int]] = defaultdict(set)
    for coalition_id, organisation_id in memberships.values_list("coalition_id", "organisation_id"):
        by_coalition[coalition_id].add(organisation_id)

    use_cases = UseCase.objects.visible_to(user).exclude(status__in=INACTIVE_USE_CASE_STATUSES)
    if intervention is not None:
        use_cases = use_cases.filter(intervention=intervention)
    by_use_case: dict[int, set[int]] = defaultdict(set)
    for pk, organisation_id in use_cases.values_list("pk", "organisation_id"):
        by_use_case[pk].add(organisation_id)
    for pk, organisation_id in UseCase.partners.through.objects.filter(
        usecase_id__in=use_cases.values("pk")
    ).values_list("usecase_id", "organisation_id"):
        by_use_case[pk].add(organisation_id)
    return [("coalition", sorted(ids)) for ids in by_coalition.values()] + [
        ("use_case", sorted(ids)) for ids in by_use_case.values()
    ]


def build_network(
    *, user=None, intervention=None, kind: str | None = None, max_nodes: int = MAX_NODES
) -> Network:
    """The map's nodes and lines for ``user``, optionally of one intervention and kind.

    With an intervention, only organisations taking part in its coalitions or
    use cases are shown; otherwise every organisation (of the kind).
    """
    groups = _groups(user=user, intervention=intervention)
    organisations = Organisation.objects.visible_to(user).select_related("region")
    if kind:
        organisations = organisations.filter(kind=kind)
    if intervention is not None:
        involved = {pk for _what, ids in groups for pk in ids}
        organisations = organisations.filter(pk__in=involved)
    rows = list(organisations.order_by("kind", "name", "pk"))
    kinds = dict(Organisation.Kind.choices)
    grouped = len(rows) > max_nodes

    node_of: dict[int, Node] = {}
    nodes: dict[str, Node] = {}
    for organisation in rows:
        region = organisation.region
        if grouped:
            key = f"group-{region.slug}-{organisation.kind}"
            node = nodes.get(key)
            if node is None:
                node = nodes[key] = Node(
                    key=key,
                    label=f"{region_name(region)} · {kinds.get(organisation.kind)}",
                    url=_group_url(region.slug, organisation.kind),
                    region=region.slug,
                    region_label=region_name(region),
                    kind=organisation.kind,
                    kind_label=str(kinds.get(organisation.kind, organisation.kind)),
                    size=0,
                    is_group=True,
                )
            node.size += 1
        else:
            node = nodes[f"org-{organisation.pk}"] = Node(
                key=f"org-{organisation.pk}",
                label=organisation.name,
                url=_organisation_url(organisation.slug),
                region=region.slug,
                region_label=region_name(region),
                kind=organisation.kind,
                kind_label=str(kinds.get(organisation.kind, organisation.kind)),
            )
        node_of[organisation.pk] = node

    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for what, ids in groups:
        members = sorted({node_of[pk].key for pk in ids if pk in node_of})
        for a, b in combinations(members, 2):
            counts[(a, b)][what] += 1
    links = []
    for (a, b), counter in counts.items():
        link = Link(
            nodes[a], nodes[b], coalitions=counter["coalition"], use_cases=counter["use_case"]
        )
        link.source.links += link.weight
        link.target.links += link.weight
        links.append(link)

    columns = _columns(list(nodes.values()))
    return Network(
        nodes=[node for name in COLUMNS for node in columns[name]],
        links=links,
        grouped=grouped,
        organisation_count=len(rows),
        geometry=place(columns),
        columns={name: len(column) for name, column in columns.items()},
    )


def _columns(nodes: list[Node]) -> dict[str, list[Node]]:
    """Each column's nodes in order: by region (the row of other regions), kind, name."""
    columns: dict[str, list[Node]] = {name: [] for name in COLUMNS}
    for node in nodes:
        columns[node.column].append(node)
    for column in columns.values():
        column.sort(key=lambda n: (n.region_label, n.kind, n.label.lower()))
    return columns


def pole_regions() -> dict[str, str]:
    """The two poles' display names, for the column headings."""
    names = {slug: slug for slug in Region.POLES}
    for region in Region.objects.filter(Q(slug__in=Region.POLES)):
        names[region.slug] = region_name(region)
    return names
