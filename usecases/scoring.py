"""The review values of use cases, kept in ``ReviewSummary`` as assessments change.

Per use case: the mean per criterion over its reviewers; ``score``, the
Board-weighted mean of those; ``spread``, highest minus lowest reviewer overall
score (weighted the same way); ``consensus``, the recommendation every reviewer
gave or ``split``; ``assessment_count``. A use case without assessments has no
summary, so its values read as ``None``.

``refresh`` recomputes them from the assessments in one aggregate query and
writes them with one upsert per batch. The services call it in the
transaction of every assessment write (``usecases.services.save_assessment``,
``delete_assessments``) and for every use case when the criterion weights
change (``save_criterion_weights``); whatever writes assessments past them (a
bulk insert, a test factory) calls it itself.
"""

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Avg
from django.db.models import Count
from django.db.models import Exists
from django.db.models import F
from django.db.models import FloatField
from django.db.models import Max
from django.db.models import Min
from django.db.models import OuterRef
from django.db.models import Value
from django.db.models.functions import Cast

from .models import CRITERIA

BATCH_SIZE = 2_000
SPLIT = "split"
KEYS = "use_case_id__in"
VALUE_FIELDS = (
    "score",
    *(f"score_{name}" for name in CRITERIA),
    "spread",
    "consensus",
    "assessment_count",
)


def aggregates(weights) -> dict:
    """The aggregate expressions over one use case's assessments."""
    w = {name: float(getattr(weights, name)) for name in CRITERIA}
    total = sum(w.values()) or 1.0
    reviewer_overall = sum(
        (Value(w[name] / total) * Cast(F(name), FloatField()) for name in CRITERIA),
        start=Value(0.0),
    )
    means = {f"score_{name}": Avg(Cast(F(name), FloatField())) for name in CRITERIA}
    return {
        **means,
        "score": sum(
            (
                Value(w[name] / total) * mean
                for name, mean in zip(CRITERIA, means.values(), strict=True)
            ),
            start=Value(0.0),
        ),
        "spread": Max(reviewer_overall) - Min(reviewer_overall),
        "assessment_count": Count("pk"),
        "recommendation_kinds": Count("recommendation", distinct=True),
        "first_recommendation": Min("recommendation"),
    }


def summary_of(ReviewSummary, row: dict):
    consensus = row["first_recommendation"] if row["recommendation_kinds"] == 1 else SPLIT
    return ReviewSummary(
        use_case_id=row["use_case_id"],
        consensus=consensus,
        **{name: row[name] for name in VALUE_FIELDS if name != "consensus"},
    )


def refresh(use_case_ids=None, *, apps=installed_apps) -> int:
    """Recompute the summaries of ``use_case_ids`` (all use cases when ``None``).

    The use cases are locked first, so two reviewers' assessments of one use
    case, saved at the same moment, cannot leave a summary that counts only one.
    ``apps`` is a migration's model state when a migration fills the table.
    Returns the number of summaries written.
    """
    UseCase = apps.get_model("usecases", "UseCase")
    Assessment = apps.get_model("usecases", "Assessment")
    ReviewSummary = apps.get_model("usecases", "ReviewSummary")
    Weights = apps.get_model("usecases", "CriterionWeights")
    expressions = aggregates(Weights.objects.order_by("pk").first() or Weights())
    rows = Assessment.objects.order_by().values("use_case_id").annotate(**expressions)
    written = 0
    with transaction.atomic():
        for lookup in _parts(UseCase, use_case_ids):
            if use_case_ids is not None:
                locked = UseCase.objects.select_for_update().filter(pk__in=lookup[KEYS])
                list(locked.values_list("pk"))
            ReviewSummary.objects.filter(**lookup).exclude(
                Exists(Assessment.objects.filter(use_case_id=OuterRef("use_case_id")))
            ).delete()
            batch = [summary_of(ReviewSummary, row) for row in rows.filter(**lookup)]
            if batch:
                ReviewSummary.objects.bulk_create(
                    batch,
                    update_conflicts=True,
                    unique_fields=["use_case"],
                    update_fields=list(VALUE_FIELDS),
                )
            written += len(batch)
    return written


def _parts(UseCase, use_case_ids):
    """Lookups on ``use_case_id`` covering the given keys (or every use case) in batches."""
    if use_case_ids is not None:
        keys = sorted(set(use_case_ids))
        for start in range(0, len(keys), BATCH_SIZE):
            yield {KEYS: keys[start : start + BATCH_SIZE]}
        return
    bounds = UseCase.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return
    for low in range(bounds["low"], bounds["high"] + 1, BATCH_SIZE):
        yield {"use_case_id__gte": low, "use_case_id__lt": low + BATCH_SIZE}
