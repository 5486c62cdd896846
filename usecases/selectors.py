"""Reads of use cases and assessments: visibility per role and derived scores.

``UseCase.objects.visible_to(user)`` is the one answer to "which use cases may
this user see", used by the portal, the API, exports and digests alike.
"""

from django.db import connections
from django.db import models
from django.db.models import BooleanField
from django.db.models import Count
from django.db.models import Exists
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models.expressions import Expression

from corridor.caching.kept import kept

PUBLIC_STATUSES = ("selected", "in_execution", "completed")
REVIEW_STATUSES = ("submitted", "in_review", "more_information_requested")
CRITERIA = ("complementarity", "existing_strengths", "feasibility", "scalability")


class SearchVectorMatches(Expression):
    """``search_vector @@ (dutch query || english query)`` on the queried table.

    A condition on the row itself (not ``id IN (SELECT …)``), so PostgreSQL can
    use the GIN index or walk the ordering index and stop at the page's end.
    """

    output_field = BooleanField()

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        sql = (
            f"{alias}.search_vector @@ (websearch_to_tsquery('dutch'::regconfig, %s) || "
            "websearch_to_tsquery('english'::regconfig, %s))"
        )
        return sql, (self.text, self.text)


def signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


class UseCaseQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def visible_to(self, user):
        """Anonymous: the public statuses. Partners: plus every use case of their
        own organisation. Reviewers: plus those in review and those they
        assessed. Board: everything."""
        if not signed_in(user):
            return self.public()
        if user.is_board:
            return self
        statuses = [*PUBLIC_STATUSES, *(REVIEW_STATUSES if user.is_reviewer else ())]
        visible = Q(status__in=statuses)
        if user.is_partner:
            visible |= Q(organisation_id=user.organisation_id)
        if user.is_reviewer:
            from .models import Assessment

            visible |= Q(
                Exists(Assessment.objects.filter(use_case_id=OuterRef("pk"), reviewer=user))
            )
        return self.filter(visible)

    def search(self, text: str):
        """Full-text search over title, summary, problem and expected outcome.

        On PostgreSQL this matches the ``search_vector`` column (migration 0003:
        Dutch and English stemming, GIN index), so ``gemeenten`` finds
        ``gemeente``. Elsewhere (the SQLite demo) every word must occur, ignoring case.
        """
        text = (text or "").strip()
        if not text:
            return self
        if connections[self.db].vendor == "postgresql":
            return self.filter(SearchVectorMatches(text))
        for word in text.split()[:20]:
            self = self.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(problem__icontains=word)
                | Q(expected_outcome__icontains=word)
            )
        return self

    def involving_organisation(self, organisation_id):
        """Submitted by the organisation or with it as a partner."""
        return self.filter(
            Q(organisation_id=organisation_id)
            | Q(
                pk__in=self.model.partners.through.objects.filter(
                    organisation_id=organisation_id
                ).values("usecase_id")
            )
        )

    def with_partner_slugs(self):
        """The partner organisations' slugs, ordered by name: on PostgreSQL as
        ``partner_slugs``, an array read in the row's own query; elsewhere
        prefetched."""
        if connections[self.db].vendor != "postgresql":
            return self.prefetch_related("partners")
        from django.contrib.postgres.expressions import ArraySubquery

        from coalitions.models import Organisation

        partners = Organisation.objects.filter(partner_use_cases=OuterRef("pk"))
        return self.annotate(
            partner_slugs=ArraySubquery(partners.order_by("name", "pk").values("slug"))
        )

    def with_scores(self, names=None):
        """Annotate the derived review values (``usecases.scoring``), one join.

        ``score_<criterion>``: mean over reviewers per criterion; ``score``: the
        Board-weighted mean of those; ``spread``: highest minus lowest reviewer
        overall score; ``consensus``: the shared recommendation, ``split`` when
        reviewers differ; ``assessment_count``. All ``None`` without assessments.
        ``names``: only these of them (a list shows the score alone).
        """
        from .scoring import VALUE_FIELDS

        names = VALUE_FIELDS if names is None else names
        return self.annotate(**{name: F(f"review_summary__{name}") for name in names})

    def with_disclosure(self, user, *, scores=None):
        """What ``usecases.policies`` needs to decide, for ``user``, which facts
        of each row to show, read in the rows' own query: the derived review
        values for those who may see some (the Board, reviewers; ``scores``
        names which, all by default), whether a reviewer assessed the row
        (``assessed_by_me``), and whether the row's coalition is one the reader
        may see (``coalition_visible``)."""
        from coalitions.models import Coalition

        from .models import Assessment

        if not signed_in(user):
            queryset = self
        elif user.is_board:
            return self.with_scores(scores)
        elif user.is_reviewer:
            mine = Assessment.objects.filter(use_case_id=OuterRef("pk"), reviewer_id=user.pk)
            queryset = self.with_scores(scores).annotate(assessed_by_me=Exists(mine))
        else:
            queryset = self
        visible = Coalition.objects.visible_to(user).filter(pk=OuterRef("coalition_id"))
        return queryset.annotate(coalition_visible=Exists(visible))


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Board: all. A reviewer: their own, and the others' on use cases they
        have assessed themselves. Everyone else: none."""
        if not signed_in(user):
            return self.none()
        if user.is_board:
            return self
        if user.is_reviewer:
            own_use_cases = self.model.objects.filter(reviewer=user).values("use_case_id")
            return self.filter(Q(reviewer=user) | Q(use_case_id__in=own_use_cases))
        return self.none()


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Attachments of the use cases ``user`` may see, as far as
        ``usecases.policies`` lets them see those use cases' attachments."""
        from .models import UseCase
        from .policies import UseCasePolicy

        rows = self.filter(use_case__in=UseCase.objects.visible_to(user))
        return UseCasePolicy(user).attachments(rows)


def use_case_counts(use_cases) -> models.QuerySet:
    """``(intervention_id, status, n)`` rows of ``use_cases``."""
    return (
        use_cases.values("intervention_id", "status")
        # COUNT(*), not COUNT(id): an index-only scan of (intervention, status).
        .annotate(n=Count("*"))
        .order_by("intervention_id", "status")
        .values_list("intervention_id", "status", "n")
    )


def corridor_use_case_counts() -> list[tuple[int, str, int]]:
    """Use cases per intervention and status over the whole corridor.

    Counting every use case on every visit of the home page or the list costs
    more than the rest of the page, so the counts are kept
    (``corridor.caching``) until the data changes.
    """
    from .models import UseCase

    return kept(
        "use-case-counts",
        lambda: list(use_case_counts(UseCase.objects.all())),
    )


def use_case_total() -> int:
    """How many use cases the corridor holds, from ``corridor_use_case_counts``."""
    return sum(n for _intervention, _status, n in corridor_use_case_counts())


def _reviewing(user):
    """The use cases ``user`` (a reviewer) is assigned to, as a subquery."""
    from .models import ReviewAssignment

    return ReviewAssignment.objects.filter(reviewer_id=user.pk).values("use_case_id")


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The Board: all. A reviewer: their own. Everyone else: none."""
        if not signed_in(user):
            return self.none()
        if user.is_board:
            return self
        if user.is_reviewer:
            return self.filter(reviewer_id=user.pk)
        return self.none()

    def open(self):
        """Assignments whose reviewer has not assessed the use case yet."""
        from .models import Assessment

        done = Assessment.objects.filter(
            use_case_id=OuterRef("use_case_id"), reviewer_id=OuterRef("reviewer_id")
        )
        return self.filter(~Exists(done))


class ConflictQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The Board sees every declared conflict; a reviewer their own."""
        if not signed_in(user):
            return self.none()
        if user.is_board:
            return self
        if user.is_reviewer:
            return self.filter(reviewer_id=user.pk)
        return self.none()


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The Board, the use case's assigned reviewers and its submitting
        organisation; never the public."""
        if not signed_in(user):
            return self.none()
        if user.is_board:
            return self
        shown = Q(pk__in=[])
        if user.is_reviewer:
            shown |= Q(use_case_id__in=_reviewing(user))
        if user.is_partner:
            shown |= Q(use_case__organisation_id=user.organisation_id)
        return self.filter(shown)


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Internal comments: the Board and the assigned reviewers. Shared ones:
        those, and the submitting organisation."""
        if not signed_in(user):
            return self.none()
        if user.is_board:
            return self
        shown = Q(pk__in=[])
        if user.is_reviewer:
            shown |= Q(use_case_id__in=_reviewing(user))
        if user.is_partner:
            shown |= Q(kind="shared", use_case__organisation_id=user.organisation_id)
        return self.filter(shown)
