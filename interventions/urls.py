from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import action_lines
from .views import agenda
from .views import interventions
from .views import milestones
from .views import proposals

app_name = "interventions"

urlpatterns = [
    path(_("interventions/"), interventions.intervention_list, name="intervention-list"),
    path(
        _("interventions/<slug:slug>/"),
        interventions.intervention_detail,
        name="intervention-detail",
    ),
    path(_("interventions/<slug:slug>/agenda/"), agenda.AgendaEdit.as_view(), name="agenda-edit"),
    path(_("interventions/<slug:slug>/asks/"), agenda.AsksEdit.as_view(), name="asks-edit"),
    path(
        _("interventions/<slug:slug>/agenda/versions/"),
        agenda.agenda_history,
        name="agenda-history",
    ),
    path(_("interventions/<slug:slug>/agenda/diff/"), agenda.agenda_diff, name="agenda-diff"),
    path(
        _("interventions/<slug:slug>/agenda/versions/<int:history_id>/restore/"),
        agenda.agenda_restore,
        name="agenda-restore",
    ),
    path(
        _("interventions/<slug:slug>/action-lines/new/"),
        action_lines.action_line_create,
        name="action-line-create",
    ),
    path(_("action-lines/<int:pk>/"), action_lines.action_line_detail, name="action-line-detail"),
    path(
        _("action-lines/<int:pk>/edit/"),
        action_lines.ActionLineEdit.as_view(),
        name="action-line-edit",
    ),
    path(
        _("action-lines/<int:pk>/milestones/new/"),
        milestones.milestone_create,
        name="milestone-create",
    ),
    path(_("milestones/<int:pk>/edit/"), milestones.MilestoneEdit.as_view(), name="milestone-edit"),
    path(_("milestones/<int:pk>/done/"), milestones.milestone_complete, name="milestone-complete"),
    path(_("milestones/<int:pk>/reopen/"), milestones.milestone_reopen, name="milestone-reopen"),
    path(_("interventions/<slug:slug>/proposals/"), proposals.proposal_list, name="proposal-list"),
    path(
        _("interventions/<slug:slug>/proposals/new/"),
        proposals.agenda_propose,
        name="agenda-propose",
    ),
    path(
        _("action-lines/<int:pk>/proposals/new/"),
        proposals.action_line_propose,
        name="action-line-propose",
    ),
    path(_("interventions/<slug:slug>/co-owners/"), proposals.co_owner_add, name="co-owner-add"),
    path(_("co-owners/<int:pk>/end/"), proposals.co_owner_end, name="co-owner-end"),
    path(_("proposals/<int:pk>/"), proposals.proposal_detail, name="proposal-detail"),
    path(_("proposals/<int:pk>/revise/"), proposals.proposal_revise, name="proposal-revise"),
    path(_("proposals/<int:pk>/comment/"), proposals.proposal_comment, name="proposal-comment"),
    path(_("proposals/<int:pk>/decide/"), proposals.proposal_decide, name="proposal-decide"),
]
