from django.urls import path

from .views import assessments
from .views import attachments
from .views import detail
from .views import edits
from .views import finding
from .views import listing
from .views import moves
from .views import review

app_name = "usecases"

urlpatterns = [
    path("use-cases/", listing.use_case_list, name="use-case-list"),
    path("use-cases/choices/<slug:kind>/", finding.use_case_choices, name="use-case-choices"),
    path("use-cases/new/", edits.use_case_create, name="use-case-create"),
    path("use-cases/review-queue/", review.review_queue, name="review-queue"),
    path("use-cases/my-reviews/", review.my_reviews, name="my-reviews"),
    path("use-cases/<int:pk>/decision/", review.decision, name="decision"),
    path("use-cases/<int:pk>/assign/", review.assign, name="assign"),
    path("use-cases/<int:pk>/open-to-reviewers/", review.open_switch, name="open-switch"),
    path("use-cases/<int:pk>/conflict/", review.declare_conflict, name="declare-conflict"),
    path("use-cases/<int:pk>/answer/", review.answer, name="answer"),
    path("use-cases/<int:pk>/comments/", review.comment_add, name="comment-add"),
    path("assignments/<int:pk>/remove/", review.unassign, name="unassign"),
    path("comments/<int:pk>/edit/", review.comment_edit, name="comment-edit"),
    path("use-cases/<int:pk>/", detail.use_case_detail, name="use-case-detail"),
    path("use-cases/<int:pk>/edit/", edits.UseCaseEdit.as_view(), name="use-case-edit"),
    path("use-cases/<int:pk>/move/", moves.use_case_transition, name="use-case-transition"),
    path("use-cases/<int:pk>/assessment/", assessments.assessment_edit, name="assessment-edit"),
    path("use-cases/<int:pk>/attachments/", attachments.attachment_add, name="attachment-add"),
    path("attachments/<int:pk>/", attachments.attachment_download, name="attachment-download"),
    path("attachments/<int:pk>/remove/", attachments.attachment_delete, name="attachment-delete"),
]
