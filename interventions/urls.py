from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "interventions"

urlpatterns = [
    path(_("interventions/"), views.intervention_list, name="intervention-list"),
    path(_("interventions/<slug:slug>/"), views.intervention_detail, name="intervention-detail"),
    path(_("interventions/<slug:slug>/agenda/"), views.AgendaEdit.as_view(), name="agenda-edit"),
    path(
        _("interventions/<slug:slug>/agenda/versions/"),
        views.agenda_history,
        name="agenda-history",
    ),
    path(_("interventions/<slug:slug>/agenda/diff/"), views.agenda_diff, name="agenda-diff"),
    path(
        _("interventions/<slug:slug>/agenda/versions/<int:history_id>/restore/"),
        views.agenda_restore,
        name="agenda-restore",
    ),
    path(
        _("interventions/<slug:slug>/action-lines/new/"),
        views.action_line_create,
        name="action-line-create",
    ),
    path(_("action-lines/<int:pk>/"), views.action_line_detail, name="action-line-detail"),
    path(_("action-lines/<int:pk>/edit/"), views.ActionLineEdit.as_view(), name="action-line-edit"),
    path(
        _("action-lines/<int:pk>/milestones/new/"),
        views.milestone_create,
        name="milestone-create",
    ),
    path(_("milestones/<int:pk>/edit/"), views.MilestoneEdit.as_view(), name="milestone-edit"),
    path(_("milestones/<int:pk>/done/"), views.milestone_complete, name="milestone-complete"),
    path(_("milestones/<int:pk>/reopen/"), views.milestone_reopen, name="milestone-reopen"),
]
