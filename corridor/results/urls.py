from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "results"

urlpatterns = [
    path(_("results/indicators/<int:pk>/"), views.indicator_detail, name="indicator-detail"),
    path(
        _("results/action-lines/<int:pk>/indicators/new/"),
        views.indicator_create_for_action_line,
        name="indicator-create-action-line",
    ),
    path(
        _("results/use-cases/<int:pk>/indicators/new/"),
        views.indicator_create_for_use_case,
        name="indicator-create-use-case",
    ),
]
