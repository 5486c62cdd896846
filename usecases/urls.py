from django.urls import path

from . import views

app_name = "usecases"

urlpatterns = [
    path("use-cases/", views.use_case_list, name="use-case-list"),
    path("use-cases/new/", views.use_case_create, name="use-case-create"),
    path("use-cases/<int:pk>/", views.use_case_detail, name="use-case-detail"),
    path("use-cases/<int:pk>/edit/", views.UseCaseEdit.as_view(), name="use-case-edit"),
    path("use-cases/<int:pk>/move/", views.use_case_transition, name="use-case-transition"),
    path("use-cases/<int:pk>/assessment/", views.assessment_edit, name="assessment-edit"),
    path("use-cases/<int:pk>/attachments/", views.attachment_add, name="attachment-add"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("attachments/<int:pk>/remove/", views.attachment_delete, name="attachment-delete"),
]
