from .review_views import CommentViewSet
from .review_views import DeclaredConflictViewSet
from .review_views import QuestionViewSet
from .review_views import ReviewAssignmentViewSet
from .review_views import ReviewQueueViewSet
from .views import AssessmentViewSet
from .views import UseCaseViewSet

# (prefix, viewset, basename): registered in corridor.api.urls.
routes = [
    ("use-cases", UseCaseViewSet, "use-case"),
    ("assessments", AssessmentViewSet, "assessment"),
    ("review-assignments", ReviewAssignmentViewSet, "review-assignment"),
    ("review-conflicts", DeclaredConflictViewSet, "review-conflict"),
    ("review-questions", QuestionViewSet, "review-question"),
    ("review-comments", CommentViewSet, "review-comment"),
    ("review-queue", ReviewQueueViewSet, "review-queue"),
]
