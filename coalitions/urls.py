from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "coalitions"

urlpatterns = [
    path(_("organisations/"), views.organisation_list, name="organisation-list"),
    path(_("organisations/<slug:slug>/"), views.organisation_detail, name="organisation-detail"),
    path(
        _("organisations/<slug:slug>/edit/"),
        views.OrganisationEdit.as_view(),
        name="organisation-edit",
    ),
    path(_("coalitions/"), views.coalition_list, name="coalition-list"),
    path(_("coalitions/<slug:slug>/"), views.coalition_detail, name="coalition-detail"),
    path(_("coalitions/<slug:slug>/members/add/"), views.membership_add, name="membership-add"),
    path(_("memberships/<int:pk>/edit/"), views.MembershipEdit.as_view(), name="membership-edit"),
    path(_("memberships/<int:pk>/role/"), views.membership_role, name="membership-role"),
    path(_("memberships/<int:pk>/end/"), views.membership_end, name="membership-end"),
]
