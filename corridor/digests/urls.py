from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("", views.digest_list, name="digest-list"),
    path("preview/", views.digest_preview, name="digest-preview"),
    path("<int:pk>/", views.digest_detail, name="digest-detail"),
]
