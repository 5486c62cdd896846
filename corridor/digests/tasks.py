"""Celery tasks: thin wrappers that take ids and call the services.

Every task is idempotent — the claim in ``outbox`` decides who sends — so
``acks_late`` redelivery after a lost worker does nothing twice. Each task has
its own time limits.
"""

from celery import shared_task

from . import outbox
from . import services
from .models import Delivery
from .models import InvitationNotification
from .models import Notification
from .models import ProposalNotification


@shared_task(
    name="digests.send_periodic_digest",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
)
def send_periodic_digest(frequency: str) -> int:
    """Beat's entry point: build the last complete period's digest and send it."""
    return services.run_periodic_digest(frequency=frequency).pk


@shared_task(name="digests.send_delivery", acks_late=True, soft_time_limit=60, time_limit=90)
def send_delivery_task(delivery_id: int) -> str:
    return outbox.send(Delivery, delivery_id)


@shared_task(name="digests.send_notification", acks_late=True, soft_time_limit=60, time_limit=90)
def send_notification_task(notification_id: int) -> str:
    return outbox.send(Notification, notification_id)


@shared_task(
    name="digests.send_invitation_notification",
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
)
def send_invitation_notification_task(notification_id: int) -> str:
    return outbox.send(InvitationNotification, notification_id)


@shared_task(
    name="digests.send_proposal_notification", acks_late=True, soft_time_limit=60, time_limit=90
)
def send_proposal_notification_task(notification_id: int) -> str:
    return outbox.send(ProposalNotification, notification_id)


@shared_task(name="digests.sweep_outbox", acks_late=True, soft_time_limit=240, time_limit=300)
def sweep_outbox_task() -> dict:
    return outbox.sweep()
