from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _grant_board_permissions(sender, using="default", **kwargs):
    """After each app's migrations (and Django's own creation of its model
    permissions, connected before this), the ``board`` group gets that app's
    share of ``roles.BOARD_PERMISSIONS``: a fresh database, a new model and an
    existing deployment all end up the same after ``migrate``."""
    from . import roles

    if using == "default":
        roles.grant_board_permissions(sender.label)


class AccountsConfig(AppConfig):
    name = "corridor.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        post_migrate.connect(_grant_board_permissions, dispatch_uid="accounts.board_permissions")
