"""Logging in with a username and password, and the user of a session."""

from django.contrib.auth import backends
from django.contrib.auth import get_user_model

from .roles import bits_of_user_roles
from .roles import names_from_bits


class ModelBackend(backends.ModelBackend):
    """Django's ``ModelBackend``; the user of a session comes with its roles.

    Every portal page asks whether its reader is on the Board, a reviewer or a
    partner. Loading the roles with the user makes that one query per request,
    not one for the user and one for its groups.
    """

    def get_user(self, user_id):
        User = get_user_model()
        user = User._default_manager.annotate(role_bits=bits_of_user_roles()).filter(pk=user_id)
        user = user.first()
        if user is None or not self.user_can_authenticate(user):
            return None
        user.remember_roles(names_from_bits(user.role_bits))
        return user
