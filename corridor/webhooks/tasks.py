"""Thin tasks: take ids, call a service (``services``, ``delivery``)."""

from celery import shared_task
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from . import delivery
from . import services
from .models import Endpoint
from .overdue import publish_overdue_milestones


@shared_task(name="webhooks.fan_out", acks_late=True, soft_time_limit=120, time_limit=150)
def fan_out_task(event_id: int) -> int:
    return services.fan_out(event_id=event_id)


@shared_task(name="webhooks.deliver", acks_late=True, soft_time_limit=60, time_limit=90)
def deliver_task(delivery_id: int) -> str:
    return delivery.deliver(delivery_id=delivery_id)


@shared_task(name="webhooks.sweep", acks_late=True, soft_time_limit=240, time_limit=300)
def sweep_task() -> dict:
    return delivery.sweep()


@shared_task(name="webhooks.publish_overdue_milestones", soft_time_limit=240, time_limit=300)
def publish_overdue_milestones_task() -> int:
    return publish_overdue_milestones()


@shared_task(name="webhooks.tell_owner_disabled", acks_late=True)
def tell_owner_disabled_task(endpoint_id: int) -> bool:
    endpoint = Endpoint.objects.select_related("owner").filter(pk=endpoint_id).first()
    if endpoint is None or not endpoint.owner.email:
        return False
    with translation.override(getattr(endpoint.owner, "language", None) or "nl"):
        send_mail(
            subject=_("Your webhook endpoint has been disabled"),
            message=_(
                "The webhook endpoint %(url)s has been disabled: %(reason)s "
                "Turn it on again in the portal once the receiver works."
            )
            % {"url": endpoint.url, "reason": endpoint.disabled_reason},
            from_email=None,
            recipient_list=[endpoint.owner.email],
        )
    return True
