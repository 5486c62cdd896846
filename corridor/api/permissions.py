"""Who may write: each viewset answers ``can_create``/``can_update``/``can_destroy``.

Reading is governed by the viewset's queryset (the ``visible_to`` selectors):
what a user may not see answers 404. A viewset with ``public_reads = False``
(the digest archive, assessments) is read only by those who sign in: anonymous
reads answer 401, and the schema says so (``corridor.api.schema``). Writing
to a visible row the user may not change answers 403; anonymous writes answer
401.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS
from rest_framework.permissions import BasePermission


class CorridorPermission(BasePermission):
    message = _("You may not change this.")

    @staticmethod
    def allows_anonymous(view, method: str) -> bool:
        """Whether an anonymous caller may make a ``method`` request of ``view``."""
        return method in SAFE_METHODS and getattr(view, "public_reads", True)

    def has_permission(self, request, view):
        if self.allows_anonymous(view, request.method):
            return True
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        if view.action == "create":
            return view.can_create(user)
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        if view.action in ("update", "partial_update"):
            return view.can_update(obj, request.user)
        if view.action == "destroy":
            return view.can_destroy(obj, request.user)
        # Custom actions (such as ``transition``) are decided by their service.
        return True
