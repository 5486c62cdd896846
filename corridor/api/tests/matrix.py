"""The permission matrix: for every resource and action, what each role gets.

Generated tests (``test_matrix.py``) run every case as anonymous, a partner of
organisation A, a partner of organisation B, a reviewer and the Board, and
compare the status — and for lists, exactly which rows come back. Every route
the API router publishes must have at least one case here, so a new endpoint
without an entry fails the suite.

To add a router resource: ``register(Resource(basename=..., cases=[...]))``,
with a ``setup(world)`` that adds its rows to the world when it needs its own.
A plain API view is registered with its ``path`` as the schema spells it, and
cases named by HTTP method (``Case("get", ...)``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

ROLES = ("anonymous", "partner_a", "partner_b", "reviewer", "board")


def by_role(anonymous, partner_a, partner_b, reviewer, board) -> dict[str, object]:
    return dict(zip(ROLES, (anonymous, partner_a, partner_b, reviewer, board), strict=True))


def everyone(value) -> dict[str, object]:
    return by_role(value, value, value, value, value)


def board_only(ok: int) -> dict[str, int]:
    """Visible to all; only the Board may make the change."""
    return by_role(401, 403, 403, 403, ok)


@dataclass
class Case:
    action: str
    target: str | None = None
    data: Callable | None = None
    expect: dict = field(default_factory=dict)
    rows: dict | None = None  # for list: the world keys each role sees
    note: str = ""

    @property
    def name(self) -> str:
        return "-".join(filter(None, [self.action, self.target, self.note]))


@dataclass
class Resource:
    """A router resource (``basename``; cases name viewset actions), or a plain
    API view at ``path`` (``{lookup}`` placeholders; cases name HTTP methods)."""

    basename: str
    cases: list[Case]
    lookup: str = "pk"
    setup: Callable | None = None
    path: str | None = None


MATRIX: dict[str, Resource] = {}


def register(resource: Resource) -> Resource:
    MATRIX[resource.basename] = resource
    return resource


def listing(rows: dict) -> Case:
    return Case("list", expect=everyone(200), rows=rows)


def signed_in_listing(rows: dict) -> Case:
    """A list only those who sign in read (``public_reads = False``): anonymous
    callers are answered 401; ``rows`` names what each other role sees."""
    return Case("list", expect={**everyone(200), "anonymous": 401}, rows=rows)


# ---------------------------------------------------------------- interventions

register(
    Resource(
        basename="intervention",
        lookup="slug",
        cases=[
            listing(everyone(["i1", "i2"])),
            Case("retrieve", "i1", expect=everyone(200)),
            Case(
                "update",
                "i1",
                data=lambda w: {
                    "title_nl": "AI voor semicon",
                    "title_en": "AI for semicon",
                    "description_nl": "Nieuw.",
                    "description_en": "New.",
                    "agenda": "## Agenda\n\nTweede versie.",
                },
                expect=board_only(200),
            ),
            Case(
                "partial_update",
                "i1",
                data=lambda w: {"agenda": "Derde versie."},
                expect=board_only(200),
            ),
        ],
    )
)

ACTION_LINE = {
    "title": "Nieuwe actielijn",
    "kind": "talent",
    "status": "planned",
    "start_date": "2026-03-01",
    "end_date": "2026-12-31",
}

register(
    Resource(
        basename="action-line",
        cases=[
            listing(everyone(["al_a", "al_b"])),
            Case("retrieve", "al_a", expect=everyone(200)),
            Case(
                "create",
                data=lambda w: {**ACTION_LINE, "intervention": w.i1.slug},
                expect=board_only(201),
            ),
            Case(
                "update",
                "al_a",
                data=lambda w: {**ACTION_LINE, "intervention": w.i1.slug},
                expect=board_only(200),
            ),
            Case(
                "partial_update",
                "al_a",
                data=lambda w: {"status": "at_risk"},
                expect=board_only(200),
            ),
            Case("destroy", "al_b", expect=board_only(204)),
        ],
    )
)

register(
    Resource(
        basename="milestone",
        cases=[
            listing(everyone(["ms_a", "ms_b"])),
            Case("retrieve", "ms_a", expect=everyone(200)),
            Case(
                "create",
                data=lambda w: {
                    "action_line": w.al_a.pk,
                    "title": "Nieuw",
                    "due_date": "2026-09-01",
                },
                expect=board_only(201),
            ),
            Case(
                "partial_update",
                "ms_a",
                data=lambda w: {"completed_on": "2026-05-01"},
                expect=by_role(401, 200, 403, 403, 200),
                note="done",
            ),
            Case(
                "partial_update",
                "ms_a",
                data=lambda w: {"title": "Andere titel"},
                expect=by_role(401, 403, 403, 403, 200),
                note="title",
            ),
            Case(
                "update",
                "ms_a",
                data=lambda w: {
                    "action_line": w.al_a.pk,
                    "title": w.ms_a.title,
                    "due_date": w.ms_a.due_date.isoformat(),
                    "completed_on": "2026-05-01",
                },
                expect=by_role(401, 200, 403, 403, 200),
            ),
            Case("destroy", "ms_b", expect=board_only(204)),
        ],
    )
)

# ------------------------------------------------------------------- coalitions

register(
    Resource(
        basename="region",
        lookup="slug",
        cases=[
            listing(everyone(["mra", "brainport", "region_other"])),
            Case("retrieve", "mra", expect=everyone(200)),
        ],
    )
)

ORGS = ["org_a", "org_b", "org_c", "org_d"]

register(
    Resource(
        basename="organisation",
        lookup="slug",
        cases=[
            listing(everyone(ORGS)),
            Case("retrieve", "org_a", expect=everyone(200)),
            Case(
                "create",
                data=lambda w: {
                    "name": "Gemeente Eindhoven",
                    "slug": "gemeente-eindhoven",
                    "kind": "municipality",
                    "region": "brainport",
                    "capabilities": ["ai", "data"],
                },
                expect=board_only(201),
            ),
            Case(
                "partial_update",
                "org_a",
                data=lambda w: {"description": "Stad van de toekomst.", "capabilities": ["data"]},
                expect=by_role(401, 200, 403, 403, 200),
                note="profile",
            ),
            Case(
                "partial_update",
                "org_a",
                data=lambda w: {"name": "Andere naam"},
                expect=by_role(401, 403, 403, 403, 200),
                note="name",
            ),
            Case(
                "update",
                "org_a",
                data=lambda w: {
                    "name": w.org_a.name,
                    "slug": w.org_a.slug,
                    "kind": w.org_a.kind,
                    "region": "mra",
                    "city": w.org_a.city,
                    "website": "https://www.almere.nl/",
                    "description": "",
                    "capabilities": w.org_a.capabilities,
                },
                expect=by_role(401, 200, 403, 403, 200),
            ),
            Case("destroy", "org_d", expect=board_only(204)),
            Case("destroy", "org_a", expect=board_only(409), note="depended-on"),
        ],
    )
)

register(
    Resource(
        basename="coalition",
        cases=[
            listing(
                by_role(
                    ["co_active"],
                    ["co_active", "co_forming_a"],
                    ["co_active"],
                    ["co_active"],
                    ["co_active", "co_forming_a", "co_forming_c"],
                )
            ),
            Case("retrieve", "co_active", expect=everyone(200)),
            Case("retrieve", "co_forming_a", expect=by_role(404, 200, 404, 404, 200)),
            Case(
                "create",
                data=lambda w: {
                    "name": "Mediatech",
                    "slug": "mediatech",
                    "status": "forming",
                    "interventions": [w.i2.slug],
                },
                expect=board_only(201),
            ),
            Case(
                "partial_update",
                "co_active",
                data=lambda w: {"status": "dormant"},
                expect=board_only(200),
            ),
            Case(
                "partial_update",
                "co_forming_a",
                data=lambda w: {"purpose": "Data delen."},
                expect=by_role(401, 403, 404, 404, 200),
            ),
            Case(
                "update",
                "co_active",
                data=lambda w: {
                    "name": "Corridor AI",
                    "slug": "corridor-ai",
                    "purpose": "Samen.",
                    "status": "active",
                    "interventions": [w.i1.slug, w.i2.slug],
                },
                expect=board_only(200),
            ),
            Case("destroy", "co_forming_c", expect=by_role(401, 404, 404, 404, 204)),
        ],
    )
)

register(
    Resource(
        basename="membership",
        cases=[
            listing(
                by_role(
                    ["m_active_a", "m_active_b"],
                    ["m_active_a", "m_active_b", "m_forming_a"],
                    ["m_active_a", "m_active_b"],
                    ["m_active_a", "m_active_b"],
                    ["m_active_a", "m_active_b", "m_forming_a", "m_forming_c"],
                )
            ),
            Case("retrieve", "m_active_a", expect=everyone(200)),
            Case("retrieve", "m_forming_a", expect=by_role(404, 200, 404, 404, 200)),
            Case(
                "create",
                data=lambda w: {
                    "coalition": w.co_active.slug,
                    "organisation": w.org_c.slug,
                    "role": "member",
                    "joined": "2026-02-01",
                },
                expect=board_only(201),
            ),
            Case(
                "partial_update",
                "m_active_a",
                data=lambda w: {"role": "lead"},
                expect=board_only(200),
            ),
            Case(
                "update",
                "m_active_a",
                data=lambda w: {
                    "role": "core",
                    "joined": "2025-01-01",
                    "left": "2026-06-30",
                    "commitment": "Twee fte.",
                },
                expect=board_only(200),
            ),
            Case("destroy", "m_active_b", expect=board_only(204)),
        ],
    )
)

# -------------------------------------------------------------------- use cases

ALL_USE_CASES = [
    "uc_a_draft",
    "uc_a_review",
    "uc_b_draft",
    "uc_b_submitted",
    "uc_b_review",
    "uc_b_selected",
    "uc_b_declined",
]


def new_use_case(w, **extra):
    return {
        "title": "Slimme sluizen",
        "summary": "Sensoren in de sluizen.",
        "intervention": w.i1.slug,
        "sectors": ["mobility"],
        "needed_capabilities": ["ai", "data"],
        "location": "Almere",
        **extra,
    }


register(
    Resource(
        basename="use-case",
        cases=[
            listing(
                by_role(
                    ["uc_b_selected"],
                    ["uc_b_selected", "uc_a_draft", "uc_a_review"],
                    [
                        "uc_b_selected",
                        "uc_b_draft",
                        "uc_b_submitted",
                        "uc_b_review",
                        "uc_b_declined",
                    ],
                    [
                        "uc_b_selected",
                        "uc_a_review",
                        "uc_b_submitted",
                        "uc_b_review",
                        "uc_b_declined",
                    ],
                    ALL_USE_CASES,
                )
            ),
            Case("retrieve", "uc_a_draft", expect=by_role(404, 200, 404, 404, 200)),
            Case("retrieve", "uc_b_selected", expect=everyone(200)),
            Case("retrieve", "uc_b_declined", expect=by_role(404, 404, 200, 200, 200)),
            Case(
                "create",
                data=lambda w: new_use_case(w),
                expect=by_role(401, 201, 201, 403, 400),
                note="own-organisation",
            ),
            Case(
                "create",
                data=lambda w: new_use_case(w, organisation=w.org_a.slug),
                expect=by_role(401, 201, 403, 403, 201),
                note="for-a",
            ),
            Case(
                "partial_update",
                "uc_a_draft",
                data=lambda w: {"title": "Betere titel"},
                expect=by_role(401, 200, 404, 404, 200),
            ),
            Case(
                "partial_update",
                "uc_a_review",
                data=lambda w: {"title": "Betere titel"},
                expect=by_role(401, 403, 404, 403, 200),
            ),
            Case(
                "update",
                "uc_a_draft",
                data=lambda w: new_use_case(w, organisation=w.org_a.slug, status="draft"),
                expect=by_role(401, 200, 404, 404, 200),
            ),
            Case("destroy", "uc_a_draft", expect=by_role(401, 204, 404, 404, 204)),
            Case(
                "destroy",
                "uc_b_selected",
                expect=by_role(401, 403, 403, 403, 409),
                note="with-history",
            ),
            Case(
                "transition",
                "uc_a_draft",
                data=lambda w: {"to": "submitted"},
                expect=by_role(401, 200, 404, 404, 403),
            ),
            Case(
                "transition",
                "uc_b_submitted",
                data=lambda w: {"to": "in_review", "reason": "Compleet"},
                expect=by_role(401, 404, 403, 403, 200),
            ),
            Case("history", "uc_b_selected", expect=everyone(200)),
            Case("history", "uc_a_draft", expect=by_role(404, 200, 404, 404, 200)),
            Case(
                "transition",
                "uc_a_review",
                data=lambda w: {"to": "more_information_requested", "reason": "Wie betaalt?"},
                expect=by_role(401, 403, 404, 403, 200),
                note="question",
            ),
            Case(
                "transition",
                "uc_b_review",
                data=lambda w: {"to": "selected", "reason": "Sterk"},
                expect=by_role(401, 404, 403, 403, 400),
                note="without-enough-assessments",
            ),
            Case(
                "open_to_reviewers",
                "uc_b_review",
                data=lambda w: {"open_to_all_reviewers": True},
                expect=by_role(401, 404, 403, 403, 200),
            ),
            Case("conflicts", "uc_a_review", expect=by_role(401, 403, 404, 403, 200)),
        ],
    )
)

SCORES = {
    "complementarity": 5,
    "existing_strengths": 4,
    "feasibility": 3,
    "scalability": 4,
    "recommendation": "select",
    "rationale": "Verbindt beide polen.",
}

register(
    Resource(
        basename="assessment",
        cases=[
            signed_in_listing(
                by_role(
                    None,
                    [],
                    [],
                    ["as_rev_review", "as_rev_selected", "as_rev2_selected", "as_rev_declined"],
                    [
                        "as_rev_review",
                        "as_rev_selected",
                        "as_rev2_selected",
                        "as_rev2_review",
                        "as_rev_declined",
                    ],
                )
            ),
            Case("retrieve", "as_rev_selected", expect=by_role(401, 404, 404, 200, 200)),
            Case("retrieve", "as_rev2_review", expect=by_role(401, 404, 404, 404, 200)),
            Case(
                "create",
                data=lambda w: {"use_case": w.uc_b_review.pk, **SCORES},
                expect=by_role(401, 403, 403, 201, 403),
            ),
            Case(
                "partial_update",
                "as_rev_review",
                data=lambda w: {"feasibility": 2},
                expect=by_role(401, 404, 404, 200, 403),
            ),
            Case(
                "update",
                "as_rev_review",
                data=lambda w: {"use_case": w.uc_a_review.pk, **SCORES},
                expect=by_role(401, 404, 404, 200, 403),
            ),
        ],
    )
)


# ----------------------------------------------------------------- the review round

register(
    Resource(
        basename="review-assignment",
        cases=[
            signed_in_listing(
                by_role(
                    None,
                    [],
                    [],
                    ["asg_rev_a", "asg_rev_b"],
                    ["asg_rev_a", "asg_rev_b", "asg_rev2_b"],
                )
            ),
            Case("retrieve", "asg_rev_a", expect=by_role(401, 404, 404, 200, 200)),
            Case("retrieve", "asg_rev2_b", expect=by_role(401, 404, 404, 404, 200)),
            Case(
                "create",
                data=lambda w: {"use_case": w.uc_b_submitted.pk, "reviewer": w.reviewer.username},
                expect=by_role(401, 403, 403, 403, 201),
            ),
            Case(
                "create",
                data=lambda w: {"use_case": w.uc_a_review.pk, "reviewer": w.reviewer2.username},
                expect=by_role(401, 403, 403, 403, 400),
                note="declared-conflict",
            ),
            Case("destroy", "asg_rev_a", expect=by_role(401, 404, 404, 403, 204)),
        ],
    )
)

register(
    Resource(
        basename="review-conflict",
        cases=[
            signed_in_listing(by_role(None, [], [], [], ["cf_rev2_a"])),
            Case("retrieve", "cf_rev2_a", expect=by_role(401, 404, 404, 404, 200)),
            Case(
                "create",
                data=lambda w: {"use_case": w.uc_b_review.pk, "reason": "Mijn zus werkt er."},
                expect=by_role(401, 403, 403, 201, 403),
            ),
        ],
    )
)

register(
    Resource(
        basename="review-question",
        cases=[
            signed_in_listing(by_role(None, [], ["q_b"], ["q_b"], ["q_b"])),
            Case("retrieve", "q_b", expect=by_role(401, 404, 200, 200, 200)),
            Case(
                "create",
                data=lambda w: {"use_case": w.uc_a_review.pk, "text": "Wat kost het?"},
                expect=by_role(401, 403, 403, 403, 201),
            ),
            Case(
                "answer",
                "q_b",
                data=lambda w: {"answer": "Nogmaals: de gemeente."},
                expect=by_role(401, 404, 400, 400, 400),
            ),
        ],
    )
)

register(
    Resource(
        basename="review-comment",
        cases=[
            signed_in_listing(
                by_role(
                    None,
                    [],
                    ["c_shared_b"],
                    ["c_internal_b", "c_shared_b"],
                    ["c_internal_b", "c_shared_b"],
                )
            ),
            Case("retrieve", "c_internal_b", expect=by_role(401, 404, 404, 200, 200)),
            Case("retrieve", "c_shared_b", expect=by_role(401, 404, 200, 200, 200)),
            Case(
                "create",
                data=lambda w: {"use_case": w.uc_b_review.pk, "kind": "shared", "body": "Dank."},
                expect=by_role(401, 400, 201, 201, 201),
            ),
            Case(
                "create",
                data=lambda w: {
                    "use_case": w.uc_b_review.pk,
                    "kind": "internal",
                    "body": "Intern.",
                },
                expect=by_role(401, 400, 403, 201, 201),
                note="internal",
            ),
            Case(
                "partial_update",
                "c_shared_b",
                data=lambda w: {"body": "Graag een besluit."},
                expect=by_role(401, 404, 200, 403, 403),
            ),
            Case(
                "update",
                "c_internal_b",
                data=lambda w: {"body": "Sterk."},
                expect=by_role(401, 404, 404, 403, 200),
            ),
        ],
    )
)

register(
    Resource(
        basename="review-queue",
        cases=[
            signed_in_listing(
                by_role(None, [], [], [], ["uc_b_submitted", "uc_a_review", "uc_b_review"])
            )
        ],
    )
)

# ------------------------------------------------------------ documentation

for name in ("schema", "docs", "redoc"):
    register(
        Resource(
            basename=f"api-{name}",
            path=f"/api/v1/{name}/",
            cases=[Case("get", expect=everyone(200))],
        )
    )

# ------------------------------------------------------------ corridor insight

register(
    Resource(
        basename="corridor-index",
        path="/api/v1/corridor-index/",
        cases=[Case("get", expect=everyone(200))],
    )
)

register(
    Resource(
        basename="use-case-suggested-partners",
        path="/api/v1/use-cases/{pk}/suggested-partners/",
        cases=[
            Case("get", "uc_b_selected", expect=by_role(401, 403, 200, 403, 200)),
            Case("get", "uc_a_draft", expect=by_role(404, 200, 404, 404, 200)),
        ],
    )
)


# ------------------------------------------------------------------- digests


def _digest(world):
    import datetime

    from corridor.digests.periods import period_starting
    from corridor.digests.services import build_digest

    world.digest = build_digest(period=period_starting("weekly", datetime.date(2026, 3, 2)))


register(
    Resource(
        basename="digest",
        setup=_digest,
        cases=[
            signed_in_listing(by_role(None, [], [], [], ["digest"])),
            Case("retrieve", "digest", expect=by_role(401, 404, 404, 404, 200)),
        ],
    )
)


# ------------------------------------------------------------------- webhooks


def _webhooks(world):
    from corridor.webhooks.services import create_endpoint

    hook = {"url": "https://hooks.example.org/corridor", "event_types": ["use_case.submitted"]}
    world.hook_a, _secret = create_endpoint(actor=world.partner_a, **hook)
    world.hook_board, _secret = create_endpoint(actor=world.board, **hook)


HOOK = {"url": "https://hooks.example.org/new", "event_types": ["milestone.done"]}

register(
    Resource(
        basename="webhook",
        setup=_webhooks,
        cases=[
            signed_in_listing(by_role(None, ["hook_a"], [], [], ["hook_a", "hook_board"])),
            Case("retrieve", "hook_a", expect=by_role(401, 200, 404, 404, 200)),
            Case("retrieve", "hook_board", expect=by_role(401, 404, 404, 404, 200)),
            Case("create", data=lambda w: HOOK, expect=by_role(401, 201, 201, 403, 201)),
            Case("update", "hook_a", data=lambda w: HOOK, expect=by_role(401, 200, 404, 404, 200)),
            Case(
                "partial_update",
                "hook_a",
                data=lambda w: {"description": "Ons dashboard"},
                expect=by_role(401, 200, 404, 404, 200),
            ),
            Case("destroy", "hook_a", expect=by_role(401, 204, 404, 404, 204)),
            Case("rotate_secret", "hook_a", expect=by_role(401, 200, 404, 404, 200)),
            Case("test", "hook_board", expect=by_role(401, 404, 404, 404, 200)),
            Case("deliveries", "hook_a", expect=by_role(401, 200, 404, 404, 200)),
            Case(
                "redeliver",
                "hook_a",
                data=lambda w: {"message_id": "msg_unknown"},
                expect=by_role(401, 404, 404, 404, 404),
            ),
        ],
    )
)

# ------------------------------------------------------------------- results

from . import matrix_results  # noqa: E402, F401
