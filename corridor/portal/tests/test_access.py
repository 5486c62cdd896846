"""Who may open which portal page: one table, every page, five kinds of visitor.

Each ``Page`` names a route, builds its URL from the ``world`` (a small corridor
shared by every row) and says which status each visitor gets. ``LOGIN`` means
a redirect to the login page. A route found in the URLconf without a row here
fails ``test_every_portal_route_declares_its_access`` — a new page must
declare who may see it.

To add a page: append ``Page("<namespace>:<name>", lambda w: reverse(...), {...})``
(use ``PUBLIC``, ``BOARD_ONLY``, ``LOGGED_IN`` or spell the five roles out).
Several rows may name the same route (e.g. a public and a hidden object).
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from urllib.parse import quote

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver
from django.urls import reverse

from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import MilestoneFactory

ROLES = ("anonymous", "partner_a", "partner_b", "reviewer", "board")
LOGIN = "login"

PUBLIC = dict.fromkeys(ROLES, 200)
BOARD_ONLY = {"anonymous": LOGIN, "partner_a": 403, "partner_b": 403, "reviewer": 403, "board": 200}
LOGGED_IN = {"anonymous": LOGIN, "partner_a": 200, "partner_b": 200, "reviewer": 200, "board": 200}


def board_post(board_status):
    """A Board-only form post: who else tries is refused."""
    return {**BOARD_ONLY, "board": board_status}


@dataclass
class Page:
    name: str
    url: Callable
    expect: dict
    method: str = "get"
    data: dict = field(default_factory=dict)
    htmx: bool = False

    def __str__(self):
        return f"{self.method.upper()} {self.name}"


@dataclass
class World:
    intervention: object
    action_line: object
    milestone: object
    coalition: object
    forming_coalition: object
    membership: object
    org_a: object
    org_b: object
    users: dict
    extra: dict = field(default_factory=dict)


def _slug(w):
    return {"slug": w.intervention.slug}


PAGES = [
    # Home and shared helpers
    Page("portal:dashboard", lambda w: reverse("portal:dashboard"), PUBLIC),
    Page(
        "portal:markdown-preview",
        lambda w: reverse("portal:markdown-preview"),
        LOGGED_IN,
        method="post",
        data={"text": "**hi**"},
    ),
    # Interventions
    Page(
        "interventions:intervention-list",
        lambda w: reverse("interventions:intervention-list"),
        PUBLIC,
    ),
    Page(
        "interventions:intervention-detail",
        lambda w: reverse("interventions:intervention-detail", kwargs=_slug(w)),
        PUBLIC,
    ),
    Page(
        "interventions:agenda-edit",
        lambda w: reverse("interventions:agenda-edit", kwargs=_slug(w)),
        BOARD_ONLY,
    ),
    Page(
        "interventions:asks-edit",
        lambda w: reverse("interventions:asks-edit", kwargs=_slug(w)),
        BOARD_ONLY,
    ),
    Page(
        "interventions:agenda-history",
        lambda w: reverse("interventions:agenda-history", kwargs=_slug(w)),
        BOARD_ONLY,
    ),
    Page(
        "interventions:agenda-diff",
        lambda w: (
            reverse("interventions:agenda-diff", kwargs=_slug(w))
            + "?old={0}&new={0}".format(w.intervention.history.first().history_id)
        ),
        BOARD_ONLY,
    ),
    Page(
        "interventions:agenda-restore",
        lambda w: reverse(
            "interventions:agenda-restore",
            kwargs={**_slug(w), "history_id": w.intervention.history.first().history_id},
        ),
        board_post(302),
        method="post",
        data={"confirmed": "1"},
    ),
    Page(
        "interventions:action-line-create",
        lambda w: reverse("interventions:action-line-create", kwargs=_slug(w)),
        BOARD_ONLY,
    ),
    Page(
        "interventions:action-line-detail",
        lambda w: reverse("interventions:action-line-detail", kwargs={"pk": w.action_line.pk}),
        PUBLIC,
    ),
    Page(
        "interventions:action-line-edit",
        lambda w: reverse("interventions:action-line-edit", kwargs={"pk": w.action_line.pk}),
        BOARD_ONLY,
    ),
    Page(
        "interventions:milestone-create",
        lambda w: reverse("interventions:milestone-create", kwargs={"pk": w.action_line.pk}),
        BOARD_ONLY,
    ),
    Page(
        "interventions:milestone-edit",
        lambda w: reverse("interventions:milestone-edit", kwargs={"pk": w.milestone.pk}),
        BOARD_ONLY,
    ),
    Page(
        "interventions:milestone-complete",
        lambda w: reverse("interventions:milestone-complete", kwargs={"pk": w.milestone.pk}),
        {"anonymous": LOGIN, "partner_a": 302, "partner_b": 403, "reviewer": 403, "board": 302},
        method="post",
    ),
    Page(
        "interventions:milestone-complete",
        lambda w: reverse("interventions:milestone-complete", kwargs={"pk": w.milestone.pk}),
        {"anonymous": LOGIN, "partner_a": 200, "partner_b": 403, "reviewer": 403, "board": 200},
        method="post",
        htmx=True,
    ),
    Page(
        "interventions:milestone-reopen",
        lambda w: reverse("interventions:milestone-reopen", kwargs={"pk": w.milestone.pk}),
        {"anonymous": LOGIN, "partner_a": 302, "partner_b": 403, "reviewer": 403, "board": 302},
        method="post",
    ),
    # Organisations
    Page("coalitions:organisation-list", lambda w: reverse("coalitions:organisation-list"), PUBLIC),
    Page(
        "coalitions:organisation-list",
        lambda w: reverse("coalitions:organisation-list") + "?kind=nonsense&region=nowhere",
        PUBLIC,
    ),
    Page(
        "coalitions:organisation-detail",
        lambda w: reverse("coalitions:organisation-detail", kwargs={"slug": w.org_a.slug}),
        PUBLIC,
    ),
    Page(
        "coalitions:organisation-edit",
        lambda w: reverse("coalitions:organisation-edit", kwargs={"slug": w.org_a.slug}),
        {"anonymous": LOGIN, "partner_a": 200, "partner_b": 403, "reviewer": 403, "board": 200},
    ),
    # Coalitions
    Page("coalitions:coalition-list", lambda w: reverse("coalitions:coalition-list"), PUBLIC),
    Page(
        "coalitions:coalition-detail",
        lambda w: reverse("coalitions:coalition-detail", kwargs={"slug": w.coalition.slug}),
        PUBLIC,
    ),
    Page(
        "coalitions:coalition-detail",
        lambda w: reverse("coalitions:coalition-detail", kwargs={"slug": w.forming_coalition.slug}),
        {"anonymous": 404, "partner_a": 404, "partner_b": 200, "reviewer": 404, "board": 200},
    ),
    Page(
        "coalitions:membership-add",
        lambda w: reverse("coalitions:membership-add", kwargs={"slug": w.coalition.slug}),
        board_post(400),
        method="post",
        data={"organisation": "", "role": "member"},
    ),
    Page(
        "coalitions:membership-edit",
        lambda w: reverse("coalitions:membership-edit", kwargs={"pk": w.membership.pk}),
        BOARD_ONLY,
    ),
    Page(
        "coalitions:membership-role",
        lambda w: reverse("coalitions:membership-role", kwargs={"pk": w.membership.pk}),
        board_post(302),
        method="post",
        data={"role": "core"},
    ),
    Page(
        "coalitions:membership-end",
        lambda w: reverse("coalitions:membership-end", kwargs={"pk": w.membership.pk}),
        board_post(302),
        method="post",
        data={"left": ""},
    ),
]


def _use_case(w, key):
    """Use cases made on first use: org A's draft (with an attachment) and org B's
    selected one."""
    if key not in w.extra:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from usecases.services import add_attachment
        from usecases.tests.helpers import PDF_BYTES
        from usecases.tests.helpers import use_case_in

        w.extra["draft"] = use_case_in(
            "draft",
            partner=w.users["partner_a"],
            board=w.users["board"],
            intervention=w.intervention,
        )
        w.extra["selected"] = use_case_in(
            "selected",
            partner=w.users["partner_b"],
            board=w.users["board"],
            intervention=w.intervention,
        )
        w.extra["in_review"] = use_case_in(
            "in_review",
            partner=w.users["partner_a"],
            board=w.users["board"],
            intervention=w.intervention,
        )
        w.extra["attachment"] = add_attachment(
            use_case=w.extra["draft"],
            actor=w.users["partner_a"],
            upload=SimpleUploadedFile("plan.pdf", PDF_BYTES),
        )
        from usecases.review import services as review

        w.extra["assignment"] = review.assign_reviewer(
            use_case=w.extra["in_review"], reviewer=w.users["reviewer"], actor=w.users["board"]
        )
        w.extra["comment"] = review.post_comment(
            use_case=w.extra["in_review"], author=w.users["board"], kind="internal", body="Intern."
        )
    return w.extra[key]


def _invitation(w):
    """A pending invitation of org A to org B's selected use case."""
    if "invitation" not in w.extra:
        from usecases.invitations import invite_partner

        w.extra["invitation"] = invite_partner(
            use_case=_use_case(w, "selected"), organisation=w.org_a, actor=w.users["board"]
        )
    return w.extra["invitation"]


def _inv(name):
    return lambda w: reverse(name, kwargs={"pk": _invitation(w).pk})


def _uc(name, key):
    return lambda w: reverse(name, kwargs={"pk": _use_case(w, key).pk})


PAGES += [
    # Use cases
    Page("usecases:use-case-list", lambda w: reverse("usecases:use-case-list"), PUBLIC),
    Page(
        "usecases:use-case-list",
        lambda w: reverse("usecases:use-case-list") + "?status=bogus&submitted_after=x",
        PUBLIC,
    ),
    Page(
        "usecases:use-case-choices",
        lambda w: reverse("usecases:use-case-choices", args=["coalition"]) + "?coalition=a",
        PUBLIC,
        htmx=True,  # the type-ahead's options, not a page
    ),
    Page(
        "usecases:use-case-create",
        lambda w: reverse("usecases:use-case-create"),
        {"anonymous": LOGIN, "partner_a": 200, "partner_b": 200, "reviewer": 403, "board": 200},
    ),
    Page(
        "usecases:use-case-detail",
        _uc("usecases:use-case-detail", "draft"),
        {"anonymous": 404, "partner_a": 200, "partner_b": 404, "reviewer": 404, "board": 200},
    ),
    Page("usecases:use-case-detail", _uc("usecases:use-case-detail", "selected"), PUBLIC),
    Page(
        "usecases:use-case-edit",
        _uc("usecases:use-case-edit", "draft"),
        {"anonymous": LOGIN, "partner_a": 200, "partner_b": 404, "reviewer": 404, "board": 200},
    ),
    Page(
        "usecases:use-case-transition",
        _uc("usecases:use-case-transition", "draft"),
        {"anonymous": LOGIN, "partner_a": 302, "partner_b": 404, "reviewer": 404, "board": 403},
        method="post",
        data={"to": "withdrawn", "confirmed": "1"},
    ),
    Page(
        "usecases:assessment-edit",
        _uc("usecases:assessment-edit", "in_review"),
        {"anonymous": LOGIN, "partner_a": 403, "partner_b": 404, "reviewer": 200, "board": 403},
    ),
    Page(
        "usecases:attachment-add",
        _uc("usecases:attachment-add", "draft"),
        {"anonymous": LOGIN, "partner_a": 400, "partner_b": 404, "reviewer": 404, "board": 400},
        method="post",
    ),
    Page(
        "usecases:attachment-download",
        _uc("usecases:attachment-download", "attachment"),
        {"anonymous": 404, "partner_a": 200, "partner_b": 404, "reviewer": 404, "board": 200},
    ),
    Page(
        "usecases:attachment-delete",
        _uc("usecases:attachment-delete", "attachment"),
        {"anonymous": LOGIN, "partner_a": 302, "partner_b": 404, "reviewer": 404, "board": 302},
        method="post",
    ),
    # The review round
    Page("usecases:review-queue", lambda w: reverse("usecases:review-queue"), BOARD_ONLY),
    Page(
        "usecases:review-queue",
        lambda w: reverse("usecases:review-queue") + "?status=bogus&order=x&overdue=1",
        BOARD_ONLY,
    ),
    Page(
        "usecases:my-reviews",
        lambda w: reverse("usecases:my-reviews"),
        {"anonymous": LOGIN, "partner_a": 403, "partner_b": 403, "reviewer": 200, "board": 403},
    ),
    Page(
        "usecases:decision",
        _uc("usecases:decision", "in_review"),
        {"anonymous": LOGIN, "partner_a": 403, "partner_b": 404, "reviewer": 403, "board": 200},
    ),
    Page(
        "usecases:assign",
        _uc("usecases:assign", "in_review"),
        {"anonymous": LOGIN, "partner_a": 403, "partner_b": 404, "reviewer": 403, "board": 400},
        method="post",
    ),
    Page(
        "usecases:open-switch",
        _uc("usecases:open-switch", "in_review"),
        {"anonymous": LOGIN, "partner_a": 403, "partner_b": 404, "reviewer": 403, "board": 302},
        method="post",
        data={"open_to_all_reviewers": "on"},
    ),
    Page(
        "usecases:declare-conflict",
        _uc("usecases:declare-conflict", "in_review"),
        {"anonymous": LOGIN, "partner_a": 403, "partner_b": 404, "reviewer": 302, "board": 403},
        method="post",
        data={"reason": "Mijn broer werkt er."},
    ),
    Page(
        "usecases:answer",
        _uc("usecases:answer", "in_review"),
        {"anonymous": LOGIN, "partner_a": 400, "partner_b": 404, "reviewer": 403, "board": 403},
        method="post",
        data={"answer": "Nog niet gevraagd."},
    ),
    Page(
        "usecases:comment-add",
        _uc("usecases:comment-add", "in_review"),
        {"anonymous": LOGIN, "partner_a": 302, "partner_b": 404, "reviewer": 302, "board": 302},
        method="post",
        data={"kind": "shared", "body": "Vraag aan @iemand."},
    ),
    Page(
        "usecases:unassign",
        _uc("usecases:unassign", "assignment"),
        {"anonymous": LOGIN, "partner_a": 404, "partner_b": 404, "reviewer": 403, "board": 302},
        method="post",
    ),
    Page(
        "usecases:comment-edit",
        _uc("usecases:comment-edit", "comment"),
        {"anonymous": LOGIN, "partner_a": 404, "partner_b": 404, "reviewer": 403, "board": 200},
    ),
    # Account
    Page("login", lambda w: reverse("login"), {**dict.fromkeys(ROLES, 302), "anonymous": 200}),
    Page("logout", lambda w: reverse("logout"), dict.fromkeys(ROLES, 302), method="post"),
    Page("password_change", lambda w: reverse("password_change"), LOGGED_IN),
    Page("password_change_done", lambda w: reverse("password_change_done"), LOGGED_IN),
    Page("password_reset", lambda w: reverse("password_reset"), PUBLIC),
    Page("password_reset_done", lambda w: reverse("password_reset_done"), PUBLIC),
    Page(
        "password_reset_confirm",
        lambda w: reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "x-y"}),
        PUBLIC,
    ),
    Page("password_reset_complete", lambda w: reverse("password_reset_complete"), PUBLIC),
    Page("accounts:profile", lambda w: reverse("accounts:profile"), LOGGED_IN),
    Page(
        "accounts:token-create",
        lambda w: reverse("accounts:token-create"),
        {**dict.fromkeys(ROLES, 200), "anonymous": LOGIN},
        method="post",
        data={"name": "dashboard", "expires_days": 30},
    ),
    Page(
        "accounts:token-revoke",
        lambda w: reverse("accounts:token-revoke", kwargs={"pk": 999999}),
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN},
        method="post",
    ),
]

PAGES += [
    # Corridor insight: the map, dossiers, calendars and the partner invitation
    Page("insight:map", lambda w: reverse("insight:map"), PUBLIC),
    Page("insight:dossier", lambda w: reverse("insight:dossier"), BOARD_ONLY),
    Page("insight:dossier-docx", lambda w: reverse("insight:dossier-docx"), BOARD_ONLY),
    Page("insight:dossier-pdf", lambda w: reverse("insight:dossier-pdf"), BOARD_ONLY),
    Page(
        "insight:dossier-intervention-pdf",
        lambda w: reverse("insight:dossier-intervention-pdf", kwargs=_slug(w)),
        BOARD_ONLY,
    ),
    Page("insight:open-data", lambda w: reverse("insight:open-data"), PUBLIC),
    Page("insight_files:open-data-dcat", lambda w: reverse("insight_files:open-data-dcat"), PUBLIC),
    Page(
        "insight_files:open-data-context",
        lambda w: reverse("insight_files:open-data-context"),
        PUBLIC,
    ),
    Page(
        "insight_files:public-milestones-en",
        lambda w: reverse("insight_files:public-milestones-en"),
        PUBLIC,
    ),
    Page(
        "insight:dossier-intervention",
        lambda w: reverse("insight:dossier-intervention", kwargs=_slug(w)),
        BOARD_ONLY,
    ),
    Page(
        "insight:dossier-intervention-docx",
        lambda w: reverse("insight:dossier-intervention-docx", kwargs=_slug(w)),
        BOARD_ONLY,
    ),
    Page("insight:calendar", lambda w: reverse("insight:calendar"), PUBLIC),
    Page(
        "insight:calendar-feed-create",
        lambda w: reverse("insight:calendar-feed-create"),
        {**dict.fromkeys(ROLES, 200), "anonymous": LOGIN},
        method="post",
    ),
    Page(
        "insight:calendar-feed-revoke",
        lambda w: reverse("insight:calendar-feed-revoke"),
        {**dict.fromkeys(ROLES, 302), "anonymous": LOGIN},
        method="post",
    ),
    Page(
        "insight:invite-partner",
        _uc("insight:invite-partner", "selected"),
        board_post(302),
        method="post",
        data={"organisation": "gemeente-almere"},
    ),
    Page("insight:invitations", lambda w: reverse("insight:invitations"), LOGGED_IN),
    Page(
        "insight:invitation-answer",
        _inv("insight:invitation-answer"),
        {"anonymous": LOGIN, "partner_a": 302, "partner_b": 404, "reviewer": 404, "board": 403},
        method="post",
        data={"answer": "accept"},
    ),
    Page(
        "insight:invitation-withdraw",
        _inv("insight:invitation-withdraw"),
        board_post(302),
        method="post",
    ),
    Page(
        "insight_files:public-milestones",
        lambda w: reverse("insight_files:public-milestones"),
        PUBLIC,
    ),
    Page(
        "insight_files:private-calendar",
        lambda w: reverse("insight_files:private-calendar", kwargs={"secret": "cal_unknown"}),
        dict.fromkeys(ROLES, 404),
    ),
]

PAGES += [
    # The Board's digest archive (corridor/digests/views.py)
    Page("digests:digest-list", lambda w: reverse("digests:digest-list"), BOARD_ONLY),
    Page("digests:digest-preview", lambda w: reverse("digests:digest-preview"), BOARD_ONLY),
    Page(
        "digests:digest-detail",
        lambda w: reverse("digests:digest-detail", kwargs={"pk": _digest(w).pk}),
        BOARD_ONLY,
    ),
    Page(
        "digests:digest-detail",
        lambda w: reverse("digests:digest-detail", kwargs={"pk": 999999}),
        {**BOARD_ONLY, "board": 404},
    ),
]


def _hook(w):
    """Organisation A's webhook endpoint, made on first use."""
    if "hook" not in w.extra:
        from corridor.webhooks.services import create_endpoint

        w.extra["hook"], _secret = create_endpoint(
            actor=w.users["partner_a"],
            url="https://hooks.example.org/a",
            event_types=["use_case.submitted"],
        )
    return w.extra["hook"]


KEEPERS = {"anonymous": LOGIN, "partner_a": 200, "partner_b": 200, "reviewer": 403, "board": 200}
OWN_HOOK = {"anonymous": LOGIN, "partner_a": 200, "partner_b": 404, "reviewer": 403, "board": 200}


def _own_hook_post(status):
    return {**OWN_HOOK, "partner_a": status, "board": status}


PAGES += [
    # Webhook endpoints (corridor/webhooks/views.py): the Board's and partners'.
    Page("webhooks:endpoint-list", lambda w: reverse("webhooks:endpoint-list"), KEEPERS),
    Page(
        "webhooks:endpoint-detail",
        lambda w: reverse("webhooks:endpoint-detail", kwargs={"pk": _hook(w).pk}),
        OWN_HOOK,
    ),
    Page(
        "webhooks:endpoint-rotate",
        lambda w: reverse("webhooks:endpoint-rotate", kwargs={"pk": _hook(w).pk}),
        _own_hook_post(200),
        method="post",
    ),
    Page(
        "webhooks:endpoint-test",
        lambda w: reverse("webhooks:endpoint-test", kwargs={"pk": _hook(w).pk}),
        _own_hook_post(302),
        method="post",
    ),
    Page(
        "webhooks:delivery-redeliver",
        lambda w: reverse(
            "webhooks:delivery-redeliver", kwargs={"pk": _hook(w).pk, "message_id": "msg_none"}
        ),
        _own_hook_post(404),
        method="post",
    ),
    Page(
        "webhooks:endpoint-delete",
        lambda w: reverse("webhooks:endpoint-delete", kwargs={"pk": _hook(w).pk}),
        _own_hook_post(302),
        method="post",
    ),
]


def _digest(w):
    if "digest" not in w.extra:
        from corridor.digests import services
        from corridor.digests.periods import period_starting

        period = period_starting("weekly", datetime.date(2026, 3, 2))
        w.extra["digest"] = services.build_digest(period=period)
    return w.extra["digest"]


def _joint(w):
    """Organisation A co-owns the intervention; its partner made a proposal."""
    if "proposal" not in w.extra:
        from interventions import services

        board = w.users["board"]
        w.extra["co_ownership"] = services.name_co_owner(
            intervention=w.intervention,
            organisation=w.org_a,
            started=datetime.date(2025, 1, 1),
            actor=board,
        )
        w.extra["proposal"] = services.submit_proposal(
            actor=w.users["partner_a"],
            intervention=w.intervention,
            changes={"agenda": "Samen met Almere."},
            reason="Afgestemd.",
        )
    return w.extra["proposal"]


def _proposal(name):
    return lambda w: reverse(name, kwargs={"pk": _joint(w).pk})


def _indicator(w):
    if "indicator" not in w.extra:
        from corridor.results.models import Indicator

        w.extra["indicator"] = Indicator.objects.create(
            action_line=w.action_line,
            name_nl="Pilots gestart",
            unit="count",
            baseline_value=0,
            baseline_date=datetime.date(2026, 1, 1),
            target_value=8,
            target_date=datetime.date(2026, 12, 31),
        )
    return w.extra["indicator"]


def _selected_of_b(w):
    from usecases.models import UseCase
    from usecases.tests.factories import UseCaseFactory
    from usecases.tests.helpers import bring_to

    use_case = UseCaseFactory(
        organisation=w.org_b, submitted_by=w.users["partner_b"], intervention=w.intervention
    )
    bring_to(
        use_case,
        UseCase.Status.SELECTED,
        partner=w.users["partner_b"],
        board=w.users["board"],
        reason="Ja",
    )
    return use_case


CO_OWNER_A = {"anonymous": LOGIN, "partner_a": 200, "partner_b": 403, "reviewer": 403, "board": 200}

PAGES += [
    # The joint agenda's proposals (interventions/views/proposals.py)
    Page(
        "interventions:proposal-list",
        lambda w: (_joint(w), reverse("interventions:proposal-list", kwargs=_slug(w)))[1],
        CO_OWNER_A,
    ),
    Page(
        "interventions:agenda-propose",
        lambda w: (_joint(w), reverse("interventions:agenda-propose", kwargs=_slug(w)))[1],
        {**CO_OWNER_A, "board": 403},
    ),
    Page(
        "interventions:action-line-propose",
        lambda w: (
            _joint(w),
            reverse("interventions:action-line-propose", kwargs={"pk": w.action_line.pk}),
        )[1],
        {**CO_OWNER_A, "board": 403},
    ),
    Page(
        "interventions:proposal-detail",
        _proposal("interventions:proposal-detail"),
        {**CO_OWNER_A, "partner_b": 404, "reviewer": 404},
    ),
    Page(
        "interventions:proposal-revise",
        _proposal("interventions:proposal-revise"),
        {**CO_OWNER_A, "partner_b": 404, "reviewer": 404, "board": 403},
    ),
    Page(
        "interventions:proposal-comment",
        _proposal("interventions:proposal-comment"),
        {"anonymous": LOGIN, "partner_a": 302, "partner_b": 404, "reviewer": 404, "board": 302},
        method="post",
        data={"body": "Eens."},
    ),
    Page(
        "interventions:proposal-decide",
        _proposal("interventions:proposal-decide"),
        {"anonymous": LOGIN, "partner_a": 403, "partner_b": 404, "reviewer": 404, "board": 302},
        method="post",
        data={"outcome": "declined", "reason": "Past niet."},
    ),
    Page(
        "interventions:co-owner-add",
        lambda w: reverse("interventions:co-owner-add", kwargs=_slug(w)),
        board_post(302),
        method="post",
    ),
    Page(
        "interventions:co-owner-end",
        lambda w: (
            _joint(w),
            reverse("interventions:co-owner-end", kwargs={"pk": w.extra["co_ownership"].pk}),
        )[1],
        board_post(302),
        method="post",
    ),
    # Results (corridor/results/views.py)
    Page(
        "results:indicator-detail",
        lambda w: reverse("results:indicator-detail", kwargs={"pk": _indicator(w).pk}),
        PUBLIC,
    ),
    Page(
        "results:indicator-create-action-line",
        lambda w: reverse("results:indicator-create-action-line", kwargs={"pk": w.action_line.pk}),
        {**CO_OWNER_A},
    ),
    Page(
        "results:indicator-create-use-case",
        lambda w: reverse("results:indicator-create-use-case", kwargs={"pk": _selected_of_b(w).pk}),
        {"anonymous": LOGIN, "partner_a": 403, "partner_b": 200, "reviewer": 403, "board": 200},
    ),
]

# Routes that are not portal pages: the admin, the API, and infrastructure.
# The open-data ZIP is a file built by a task (corridor/insight/tests/test_opendata.py).
NOT_PORTAL_PREFIXES = ("admin/", "api/", "i18n/", "healthz", "static/", "media", "open-data/")


@pytest.fixture
def world(board, reviewer, partner_a, partner_b, org_a, org_b, intervention):
    action_line = ActionLineFactory(intervention=intervention, lead_organisation=org_a)
    milestone = MilestoneFactory(action_line=action_line, due_date=datetime.date(2026, 3, 1))
    coalition = CoalitionFactory(slug="open-coalitie", interventions=[intervention])
    membership = MembershipFactory(coalition=coalition, organisation=org_a)
    MembershipFactory(coalition=coalition, organisation=org_b)
    forming = CoalitionFactory(slug="in-oprichting", status="forming")
    MembershipFactory(coalition=forming, organisation=org_b)
    users = {
        "anonymous": None,
        "partner_a": partner_a,
        "partner_b": partner_b,
        "reviewer": reviewer,
        "board": board,
    }
    return World(
        intervention=intervention,
        action_line=action_line,
        milestone=milestone,
        coalition=coalition,
        forming_coalition=forming,
        membership=membership,
        org_a=org_a,
        org_b=org_b,
        users=users,
    )


def _cases():
    for page in PAGES:
        for role in ROLES:
            yield pytest.param(page, role, id=f"{page}{'-htmx' if page.htmx else ''}-{role}")


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "role"), list(_cases()))
def test_page_access(client, world, page, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    url = page.url(world)
    headers = {"HX-Request": "true"} if page.htmx else {}
    response = getattr(client, page.method)(url, data=page.data, headers=headers)
    expected = page.expect[role]
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response.url.startswith(resolve_url(settings.LOGIN_URL))
    else:
        assert response.status_code == expected, (
            f"{page} as {role}: {response.status_code}, expected {expected}"
        )


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield route, namespace + pattern.name


def portal_routes():
    routes = set()
    for route, name in _walk(get_resolver().url_patterns):
        route = route.removeprefix("^").removeprefix("en/")
        if route.startswith(NOT_PORTAL_PREFIXES) or name.startswith("admin:"):
            continue
        routes.add(name)
    return routes


def test_every_page_row_covers_all_roles():
    for page in PAGES:
        assert set(page.expect) == set(ROLES), page


def test_every_portal_route_declares_its_access():
    declared = {page.name for page in PAGES}
    missing = portal_routes() - declared
    assert not missing, f"Portal routes without a row in PAGES: {sorted(missing)}"


def _hidden_cases():
    for page in PAGES:
        for role in ROLES:
            if page.expect[role] == 404:
                yield pytest.param(page, role, id=f"{page}-{role}")


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "role"), list(_hidden_cases()))
def test_a_hidden_page_answers_exactly_like_a_missing_one(client, world, page, role):
    """A 404 for an object the visitor may not see is the 404 of an id that does not exist."""
    from django.urls import resolve

    user = world.users[role]
    if user is not None:
        client.force_login(user)
    url = page.url(world)
    match = resolve(url.split("?")[0])
    missing = {
        key: (999999999 if isinstance(value, int) else "cal_missing" if key == "secret" else "x")
        for key, value in match.kwargs.items()
    }
    missing_url = reverse(match.view_name, kwargs=missing)
    answers = [
        getattr(client, page.method)(target, data=page.data) for target in (url, missing_url)
    ]
    assert [r.status_code for r in answers] == [404, 404]
    # The 404 page echoes the address asked for (sign-in and language links)
    # and carries a CSRF token masked afresh on every page: set both aside.
    pages = [
        _without_token(answer.content.decode(), target)
        for answer, target in zip(answers, (url, missing_url), strict=True)
    ]
    assert pages[0] == pages[1]


def _without_token(html: str, url: str) -> str:
    path = url.split("?")[0]
    for form in (url, path, quote(path, safe="")):
        html = html.replace(form, "<asked>")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "<token>", html)
