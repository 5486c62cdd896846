"""Assessments: a reviewer's scores, and the review summaries they feed.

Re-exported by ``usecases.services``, where callers find every write.
"""

from collections.abc import Iterable

from django.db import transaction

from corridor import events

from . import scoring
from .models import Assessment
from .models import CriterionWeights
from .models import ReviewNotice
from .models import UseCase
from .review.clock import required_assessments
from .review.notices import board_users
from .review.notices import notify


def can_assess(*, use_case: UseCase, user) -> bool:
    """A reviewer without a conflict of interest, while in review, assigned or
    with the use case open to all reviewers (``usecases.review.services``)."""
    from .review.services import may_assess

    return may_assess(use_case=use_case, user=user)


def record_assessment(*, use_case: UseCase, reviewer, when=None, **scores) -> Assessment:
    """Create or update ``reviewer``'s assessment while the use case is in review.

    ``when`` dates its history record (default now), as ``transition_use_case``'s does."""
    from .review.services import check_may_assess

    check_may_assess(use_case=use_case, user=reviewer)
    with transaction.atomic():
        assessment = (
            Assessment.objects.select_for_update()
            .filter(use_case=use_case, reviewer=reviewer)
            .first()
        ) or Assessment(use_case=use_case, reviewer=reviewer)
        for name, value in scores.items():
            setattr(assessment, name, value)
        if when is not None:
            assessment._history_date = when
        assessment.full_clean()
        _save_with_summaries(assessment, actor=reviewer, use_case_ids=[use_case.pk])
        key = f"assessed:{use_case.pk}"
        if (
            Assessment.objects.filter(use_case=use_case).count() >= required_assessments()
            and not ReviewNotice.objects.filter(key=key).exists()
        ):
            # Told once: the notice's key is the use case's.
            notify(
                kind="assessed",
                key=key,
                use_case=use_case,
                recipients=board_users(),
                actor=reviewer,
            )
            events.publish("use_case.assessments_completed", use_case)
    return assessment


def save_assessment(*, assessment: Assessment, actor=None) -> Assessment:
    """Save ``assessment`` as it stands and rewrite the review summaries it
    feeds (``usecases.scoring``) in the same transaction: its use case's, and
    the one it belonged to when the save moves it to another use case.

    ``record_assessment`` checks a reviewer's rules and saves the same way; the
    admin, whose staff may correct any assessment, calls this directly.
    """
    with transaction.atomic():
        use_case_ids = {assessment.use_case_id}
        if assessment.pk is not None:
            use_case_ids.update(
                Assessment.objects.filter(pk=assessment.pk).values_list("use_case_id", flat=True)
            )
        return _save_with_summaries(assessment, actor=actor, use_case_ids=use_case_ids)


def _save_with_summaries(assessment: Assessment, *, actor, use_case_ids) -> Assessment:
    if actor is not None:
        assessment._history_user = actor
    assessment.save()
    scoring.refresh(use_case_ids)
    return assessment


def delete_assessments(*, assessments: Iterable[Assessment], actor=None) -> None:
    """Delete ``assessments`` and rewrite their use cases' review summaries in
    the same transaction (a use case left without assessments has none)."""
    with transaction.atomic():
        use_case_ids = set()
        for assessment in assessments:
            use_case_ids.add(assessment.use_case_id)
            if actor is not None:
                assessment._history_user = actor
            assessment.delete()
        scoring.refresh(use_case_ids)


def save_criterion_weights(*, weights: CriterionWeights, actor=None) -> CriterionWeights:
    """Save the Board's criterion weights and rescore every assessed use case
    with them, in one transaction: no reader sees new weights with old scores."""
    with transaction.atomic():
        if actor is not None:
            weights._history_user = actor
        weights.full_clean()
        weights.save()
        scoring.refresh()
    return weights
