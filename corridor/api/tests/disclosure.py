"""The disclosure matrix: for every resource, every field it shows, who sees it.

Row visibility has its own matrix (``matrix.py``); this one is about the facts
inside the rows a reader may see. Each field of every API serializer, of every
model behind them and of a use case's status moves names one rule here;
``test_disclosure.py`` fails on a field without one, and checks each rule
against what really comes out: the API's JSON and CSV, a use case's history,
the portal's page and the open-data ZIP.

A rule is either ``ROW`` (whoever sees the row sees it) or the name of a fact
whose readers depend on the row; ``WHO`` spells out, per row of the world
(``world.py``, with ``setup_disclosure``), which of the five roles see it.
"""

from django.utils import timezone

from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory

ROLES = ("anonymous", "partner_a", "partner_b", "reviewer", "board")
ROW = "row"
DECISION = "decision"
REVIEW = "review"
COALITION = "coalition"
BOARD = "board"

# Every field of each resource's list and detail serializers, and its rule.
FIELDS = {
    "intervention": dict.fromkeys(
        [
            "url",
            "id",
            "number",
            "slug",
            "title_nl",
            "title_en",
            "description_nl",
            "description_en",
            "agenda",
            "agenda_en",
            "asks",
            "updated",
        ],
        ROW,
    ),
    "action-line": dict.fromkeys(
        [
            "url",
            "id",
            "intervention",
            "title",
            "description",
            "kind",
            "status",
            "lead_organisation",
            "responsible",
            "start_date",
            "end_date",
            "baseline_start",
            "baseline_end",
            "slipped_days",
            "milestone_count",
            "milestones_done",
            "progress",
            "overdue",
            "milestones",
            "created",
            "updated",
        ],
        ROW,
    ),
    "milestone": dict.fromkeys(
        [
            "url",
            "id",
            "intervention",
            "action_line",
            "title",
            "due_date",
            "completed_on",
            "overdue",
            "created",
            "updated",
        ],
        ROW,
    ),
    "region": dict.fromkeys(["url", "id", "slug", "name", "name_en", "is_pole"], ROW),
    "organisation": dict.fromkeys(
        [
            "url",
            "id",
            "slug",
            "name",
            "kind",
            "region",
            "city",
            "website",
            "description",
            "capabilities",
            "created",
            "updated",
        ],
        ROW,
    ),
    "coalition": dict.fromkeys(
        [
            "url",
            "id",
            "slug",
            "name",
            "purpose",
            "status",
            "scope",
            "interventions",
            "memberships",
            "created",
            "updated",
        ],
        ROW,
    ),
    "membership": {
        **dict.fromkeys(
            ["url", "id", "coalition", "organisation", "role", "joined", "left", "commitment"],
            ROW,
        ),
        "created_by": BOARD,
    },
    "use-case": {
        **dict.fromkeys(
            [
                "url",
                "id",
                "title",
                "summary",
                "problem",
                "expected_outcome",
                "status",
                "allowed_transitions",
                "transition_url",
                "intervention",
                "action_line",
                "organisation",
                "partners",
                "sectors",
                "needed_capabilities",
                "location",
                "planned_start",
                "planned_end",
                "submitted_at",
                "created",
                "updated",
            ],
            ROW,
        ),
        "coalition": COALITION,
        "submitted_by": DECISION,
        "decision_rationale": DECISION,
        **dict.fromkeys(
            [
                "score",
                "score_complementarity",
                "score_existing_strengths",
                "score_feasibility",
                "score_scalability",
                "spread",
                "consensus",
                "assessment_count",
            ],
            REVIEW,
        ),
    },
    # A use case's moves (``…/use-cases/{id}/history/``).
    "status-change": {
        "id": ROW,
        "from_status": ROW,
        "to_status": ROW,
        "created": ROW,
        "actor": DECISION,
        "reason": DECISION,
    },
    # Assessments are rows of their own: who sees one sees all of it.
    "assessment": dict.fromkeys(
        [
            "url",
            "id",
            "use_case",
            "reviewer",
            "complementarity",
            "existing_strengths",
            "feasibility",
            "scalability",
            "rationale",
            "recommendation",
            "created",
            "updated",
        ],
        ROW,
    ),
    # The review round: rows of their own, each scoped by its ``visible_to``
    # (the table in ``usecases/policies.py``): who sees one sees all of it.
    "review-assignment": dict.fromkeys(
        ["url", "id", "use_case", "reviewer", "assigned_by", "created"], ROW
    ),
    "review-conflict": dict.fromkeys(
        ["url", "id", "use_case", "reviewer", "reason", "created"], ROW
    ),
    "review-question": dict.fromkeys(
        [
            "url",
            "id",
            "use_case",
            "text",
            "asked_by",
            "asked_at",
            "answer",
            "answered_by",
            "answered_at",
        ],
        ROW,
    ),
    "review-comment": dict.fromkeys(
        ["url", "id", "use_case", "author", "kind", "body", "html", "edited", "created", "updated"],
        ROW,
    ),
    # The Board's alone (anyone else reads an empty list).
    "review-queue": dict.fromkeys(
        [
            "id",
            "title",
            "status",
            "organisation",
            "intervention",
            "age_days",
            "paused",
            "overdue",
            "assessment_count",
            "required",
            "assigned",
            "conflicts",
            "waits_for",
            "open_to_all_reviewers",
        ],
        BOARD,
    ),
    "digest": dict.fromkeys(
        [
            "url",
            "id",
            "frequency",
            "period_start",
            "period_end",
            "first_day",
            "last_day",
            "generated_at",
            "sent_at",
            "deliveries_sent",
            "deliveries_waiting",
            "deliveries_failed",
            "data",
            "text",
            "html",
        ],
        ROW,
    ),
    # Who sees an endpoint at all is the permission matrix's (the Board, and
    # partner users of its organisation); inside it, every field is the row's.
    # The secret is shown only in the answer to create and rotate-secret.
    "webhook": dict.fromkeys(
        [
            "id",
            "url",
            "description",
            "event_types",
            "organisation",
            "owner",
            "is_active",
            "disabled_reason",
            "failing_since",
            "previous_secret_until",
            "created",
            "updated",
            "secret",
        ],
        ROW,
    ),
    # Results: an indicator or measurement is seen whole by whoever sees it (its
    # use case's readers, for a use case's); who entered a value is not shown.
    "indicator": dict.fromkeys(
        [
            "url",
            "id",
            "intervention",
            "action_line",
            "use_case",
            "name_nl",
            "name_en",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "higher_is_better",
            "latest_value",
            "latest_date",
            "expected_value",
            "on_track",
            "created",
            "updated",
        ],
        ROW,
    ),
    "measurement": dict.fromkeys(
        [
            "url",
            "id",
            "indicator",
            "intervention",
            "date",
            "value",
            "source_note",
            "created",
            "updated",
        ],
        ROW,
    ),
}

# The use case model's own columns and what each becomes; a new column fails
# ``test_every_model_field_has_a_rule`` until it is named here.
MODEL_FIELDS = {
    "usecases.UseCase": {
        "id": ROW,
        "title": ROW,
        "summary": ROW,
        "problem": ROW,
        "expected_outcome": ROW,
        "status": ROW,
        "intervention": ROW,
        "action_line": ROW,
        "coalition": COALITION,
        "organisation": ROW,
        "submitted_by": DECISION,
        "partners": ROW,
        "sectors": ROW,
        "needed_capabilities": ROW,
        "location": ROW,
        "planned_start": ROW,
        "planned_end": ROW,
        "submitted_at": ROW,
        "decision_rationale": DECISION,
        "created": ROW,
        "updated": ROW,
        # Derived: the review values, shown as the review fact.
        "review_summary": REVIEW,
        # The review round's switch and clock: the Board's queue shows them.
        "open_to_all_reviewers": BOARD,
        "review_clock": BOARD,
    },
    "usecases.StatusChange": {
        "id": ROW,
        "use_case": ROW,
        "from_status": ROW,
        "to_status": ROW,
        "actor": DECISION,
        "reason": DECISION,
        "created": ROW,
        # A selection on fewer assessments than required: the Board's record.
        "override": BOARD,
    },
    "usecases.Attachment": {
        "id": "attachment",
        "use_case": "attachment",
        "file": "attachment",
        "original_name": "attachment",
        "content_type": "attachment",
        "size": "attachment",
        "uploaded_by": BOARD,
        "created": "attachment",
        "is_public": DECISION,
    },
    "results.Measurement": {
        "id": ROW,
        "indicator": ROW,
        "date": ROW,
        "value": ROW,
        "source_note": ROW,
        "entered_by": BOARD,
        "created": ROW,
        "updated": ROW,
    },
    "coalitions.Membership": {
        "id": ROW,
        "coalition": ROW,
        "organisation": ROW,
        "role": ROW,
        "joined": ROW,
        "left": ROW,
        "commitment": ROW,
        "created_by": BOARD,
    },
}


def everyone_but(*roles):
    return set(ROLES) - set(roles)


# Who of the five roles sees each fact of each use case of the world. Written
# out by hand from the design's table, not computed from the policy.
WHO = {
    # Organisation B's, published, assessed by both reviewers; its coalition is
    # still forming and has only organisation C as member.
    "uc_b_selected": {
        ROW: set(ROLES),
        DECISION: {"partner_b", "reviewer", "board"},
        REVIEW: {"reviewer", "board"},
        COALITION: {"board"},
        "attachment": {"partner_b", "reviewer", "board"},
        "public_attachment": set(ROLES),
        BOARD: {"board"},
    },
    # Organisation A's, in review, assessed by the reviewer; in the forming
    # coalition A is a member of.
    "uc_a_review": {
        ROW: {"partner_a", "reviewer", "board"},
        DECISION: {"partner_a", "reviewer", "board"},
        REVIEW: {"reviewer", "board"},
        COALITION: {"partner_a", "board"},
        "attachment": {"partner_a", "reviewer", "board"},
        "public_attachment": {"partner_a", "reviewer", "board"},
        BOARD: {"board"},
    },
    # Organisation B's, in review, not assessed by the reviewer; in the active coalition.
    "uc_b_review": {
        ROW: {"partner_b", "reviewer", "board"},
        DECISION: {"partner_b", "reviewer", "board"},
        REVIEW: {"board"},
        COALITION: {"partner_b", "reviewer", "board"},
        "attachment": {"partner_b", "reviewer", "board"},
        "public_attachment": {"partner_b", "reviewer", "board"},
        BOARD: {"board"},
    },
}

# A value planted in each guarded text of each use case, found in any output.
MARKERS = {
    DECISION: "RATIONALE-{key}",
    "reason": "REASON-{key}",
    "attachment": "private-{key}.pdf",
    "public_attachment": "public-{key}.pdf",
}


def setup_disclosure(w):
    """Coalitions, decisions, reasons and attachments as ``WHO`` describes them."""
    from usecases.models import StatusChange
    from usecases.models import UseCase
    from usecases.services import add_attachment
    from usecases.tests.helpers import PDF_BYTES
    from usecases.tests.test_attachments import upload

    w.co_forming_other = CoalitionFactory(
        name="Zuidas Stealth", slug="zuidas-stealth", status="forming"
    )
    MembershipFactory(coalition=w.co_forming_other, organisation=w.org_c)
    coalition_of = {
        "uc_b_selected": w.co_forming_other,
        "uc_a_review": w.co_forming_a,
        "uc_b_review": w.co_active,
    }
    for key, coalition in coalition_of.items():
        use_case = getattr(w, key)
        UseCase.objects.filter(pk=use_case.pk).update(
            coalition=coalition,
            decision_rationale=MARKERS[DECISION].format(key=key),
            updated=timezone.now(),
        )
        StatusChange.objects.filter(use_case=use_case).update(
            reason=MARKERS["reason"].format(key=key)
        )
        use_case.refresh_from_db()
        add_attachment(
            use_case=use_case,
            actor=w.board,
            upload=upload(MARKERS["attachment"].format(key=key), PDF_BYTES),
        )
        add_attachment(
            use_case=use_case,
            actor=w.board,
            upload=upload(MARKERS["public_attachment"].format(key=key), PDF_BYTES),
            is_public=True,
        )
    return w
