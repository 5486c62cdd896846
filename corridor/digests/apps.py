from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    name = "corridor.digests"
    label = "digests"
    verbose_name = _("Digests")

    def ready(self):
        from interventions.services import on_proposal_event
        from usecases.invitations import on_invitation
        from usecases.review.notices import on_notices
        from usecases.services import on_transition

        from .announce import queue_invitation_notifications
        from .announce import queue_notice_notifications
        from .announce import queue_proposal_notifications
        from .announce import queue_status_notifications

        # The notification outbox is written inside every use case move,
        # invitation, review notice and step of a joint agenda proposal.
        on_transition(queue_status_notifications)
        on_invitation(queue_invitation_notifications)
        on_notices(queue_notice_notifications)
        on_proposal_event(queue_proposal_notifications)
