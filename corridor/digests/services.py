"""Writes of digests, deliveries and notifications: build, claim, send, retry.

Exactly once: every email is a row (``Delivery`` or ``Notification``) that a
sender must first *claim* with a conditional UPDATE from ``pending`` to
``sending``. Only the one sender whose UPDATE matched sends; a redelivered or
duplicated task finds nothing to claim. A sender that dies mid-send leaves the
row in ``sending``; the sweep marks it failed after the claim lease (it may or
may not have gone out, so it is shown, not sent again).

Nothing lost: rows are written before any broker is involved (a use case move
writes its notifications in its own transaction); tasks are only a nudge, and
the periodic sweep sends whatever is still pending. Enqueue errors are logged,
never raised. Tasks call these services; these enqueue tasks only by name,
through ``corridor.tasks`` (the one ``on_commit`` seam), never by importing
the task module back.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.core.mail import get_connection
from django.db import IntegrityError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor import events
from corridor.tasks import enqueue_each_on_commit

from .content import build_content
from .content import organisations_to_cover
from .invitation_mail import render_invitation
from .models import Delivery
from .models import Digest
from .models import InvitationNotification
from .models import Notification
from .models import OutgoingStatus
from .models import ProposalNotification
from .periods import Period
from .rendering import Rendered
from .rendering import render_digest
from .rendering import render_notification
from .selectors import subscribers

logger = logging.getLogger(__name__)


class DigestLocked(Exception):
    """A digest that has been sent cannot be rebuilt."""


# -- digests ------------------------------------------------------------------


def compose_digest(*, period: Period) -> dict:
    """The content of ``period`` (nothing is stored)."""
    return build_content(period, organisations=organisations_to_cover(period.frequency))


def _rendered_for_board(data: dict) -> Rendered:
    return render_digest(data, language=settings.LANGUAGE_CODE)


def build_digest(*, period: Period, force: bool = False, now=None) -> Digest:
    """The stored digest of ``period``, built when it does not exist yet.

    Building twice returns the stored one; ``force`` rebuilds it, unless a copy
    has gone out already (``DigestLocked``): a sent digest does not change.
    """
    existing = Digest.objects.filter(
        frequency=period.frequency, period_start=period.start, period_end=period.end
    ).first()
    if existing is not None and not force:
        return existing
    if existing is not None and _is_locked(existing):
        raise DigestLocked(_("This digest has been sent and can no longer be rebuilt."))

    data = compose_digest(period=period)
    rendered = _rendered_for_board(data)
    values = {
        "generated_at": now or timezone.now(),
        "data": data,
        "html": rendered.html,
        "text": rendered.text,
    }
    with transaction.atomic():
        digest = (
            Digest.objects.select_for_update()
            .filter(frequency=period.frequency, period_start=period.start, period_end=period.end)
            .first()
        )
        if digest is None:
            try:
                with transaction.atomic():
                    digest = Digest.objects.create(
                        frequency=period.frequency,
                        period_start=period.start,
                        period_end=period.end,
                        **values,
                    )
                    events.publish("digest.published", digest)
                    return digest
            except IntegrityError:
                # Another builder stored the same period first: theirs stands.
                return Digest.objects.get(
                    frequency=period.frequency,
                    period_start=period.start,
                    period_end=period.end,
                )
        if not force:
            return digest
        if _is_locked(digest):
            raise DigestLocked(_("This digest has been sent and can no longer be rebuilt."))
        for name, value in values.items():
            setattr(digest, name, value)
        digest.save(update_fields=[*values])
    return digest


def _is_locked(digest: Digest) -> bool:
    return (
        digest.sent_at is not None
        or digest.deliveries.exclude(status=OutgoingStatus.PENDING).exists()
    )


def create_deliveries(*, digest: Digest, now=None) -> list[int]:
    """One delivery per subscriber of the digest's frequency (idempotent).

    Board users receive the whole digest; a partner user the part about their
    organisation, when the digest has one. Returns the ids of the digest's
    deliveries still pending.
    """
    now = now or timezone.now()
    parts = digest.data.get("organisations", {})
    rows = []
    for user in subscribers(digest.frequency):
        if user.is_board:
            organisation_id = None
        elif user.is_partner and str(user.organisation_id) in parts:
            organisation_id = user.organisation_id
        else:
            continue
        rows.append(
            Delivery(
                digest=digest,
                recipient=user,
                organisation_id=organisation_id,
                email=user.email,
                language=user.language,
                next_attempt_at=now,
            )
        )
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        digest.deliveries.filter(status=OutgoingStatus.PENDING).values_list("pk", flat=True)
    )


def render_delivery(delivery: Delivery) -> Rendered:
    return render_digest(
        delivery.digest.data,
        language=delivery.language,
        organisation_id=delivery.organisation_id,
    )


# -- claiming and sending -----------------------------------------------------


def claim(model, pk: int, *, now=None) -> datetime.datetime | None:
    """Claim a pending, due row for sending; the claim time, or ``None`` when
    another sender has it (or it is done, or not due yet)."""
    now = now or timezone.now()
    claimed = (
        model.objects.filter(pk=pk)
        .due(now)
        .update(status=OutgoingStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    return now if claimed == 1 else None


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff: base, 2×base, 4×base … after the 1st, 2nd, 3rd try."""
    return datetime.timedelta(seconds=settings.CORRIDOR_MAIL_RETRY_SECONDS * 2 ** (attempts - 1))


def _send_email(outgoing, rendered: Rendered) -> None:
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[outgoing.email],
        headers={
            "Auto-Submitted": "auto-generated",
            "X-Corridor-Outgoing": f"{outgoing._meta.model_name}-{outgoing.pk}",
        },
        connection=get_connection(fail_silently=False),
    )
    message.attach_alternative(rendered.html, "text/html")
    message.send()


def _finish(model, pk: int, claimed_at, *, error: str | None, attempts: int) -> str:
    """Record the outcome of a claimed send; returns the new status."""
    now = timezone.now()
    mine = model.objects.filter(pk=pk, status=OutgoingStatus.SENDING, claimed_at=claimed_at)
    if error is None:
        mine.update(status=OutgoingStatus.SENT, sent_at=now, last_error="")
        return OutgoingStatus.SENT
    if attempts >= settings.CORRIDOR_MAIL_MAX_ATTEMPTS:
        mine.update(status=OutgoingStatus.FAILED, failed_at=now, last_error=error)
        return OutgoingStatus.FAILED
    mine.update(
        status=OutgoingStatus.PENDING,
        next_attempt_at=now + retry_delay(attempts),
        last_error=error,
    )
    return OutgoingStatus.PENDING


def _deliver(model, pk: int, render, *, now=None) -> str:
    """Claim, render, send and record one row. Returns the resulting status,
    or ``"skipped"`` when the row was not ours to send."""
    claimed_at = claim(model, pk, now=now)
    if claimed_at is None:
        return "skipped"
    outgoing = model.objects.get(pk=pk)
    try:
        _send_email(outgoing, render(outgoing))
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
        logger.warning(
            "Sending %s %s to %s failed (attempt %s): %s",
            model._meta.model_name,
            pk,
            outgoing.email,
            outgoing.attempts,
            exc,
        )
        error = f"{type(exc).__name__}: {exc}"[:2000]
        return _finish(model, pk, claimed_at, error=error, attempts=outgoing.attempts)
    return _finish(model, pk, claimed_at, error=None, attempts=outgoing.attempts)


def send_delivery(*, delivery_id: int, now=None) -> str:
    """Send one digest copy, at most once."""
    status = _deliver(Delivery, delivery_id, render_delivery, now=now)
    if status == OutgoingStatus.SENT:
        Digest.objects.filter(deliveries__pk=delivery_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
    return status


def send_notification(*, notification_id: int, now=None) -> str:
    """Send one use case notification, at most once."""

    def render(notification):
        return render_notification(notification, language=notification.language)

    return _deliver(Notification, notification_id, render, now=now)


def send_invitation_notification(*, notification_id: int, now=None) -> str:
    """Send one partner invitation email, at most once."""

    def render(notification):
        return render_invitation(notification, language=notification.language)

    return _deliver(InvitationNotification, notification_id, render, now=now)


def send_proposal_notification(*, notification_id: int, now=None) -> str:
    """Send one joint agenda proposal notification, at most once."""
    from .proposals import render_proposal_notification

    def render(notification):
        return render_proposal_notification(notification, language=notification.language)

    return _deliver(ProposalNotification, notification_id, render, now=now)


def sweep_outbox(*, now=None, limit: int = 200) -> dict[str, int]:
    """Send what is due and still pending; fail what a dead sender left behind.

    Runs periodically, so a move made while the broker was down is announced
    once a worker runs again, and retries happen on their schedule.
    """
    now = now or timezone.now()
    lease = datetime.timedelta(seconds=settings.CORRIDOR_SEND_LEASE_SECONDS)
    counts = {"interrupted": 0, "sent": 0, "pending": 0, "failed": 0, "skipped": 0}
    for model in (Notification, InvitationNotification, ProposalNotification, Delivery):
        counts["interrupted"] += model.objects.stale(now - lease).update(
            status=OutgoingStatus.FAILED,
            failed_at=now,
            last_error=str(
                _(
                    "Interrupted while sending: it may or may not have been delivered, "
                    "so it is not sent again automatically."
                )
            ),
        )
    for model, send in (
        (Notification, lambda pk: send_notification(notification_id=pk, now=now)),
        (
            InvitationNotification,
            lambda pk: send_invitation_notification(notification_id=pk, now=now),
        ),
        (
            ProposalNotification,
            lambda pk: send_proposal_notification(notification_id=pk, now=now),
        ),
        (Delivery, lambda pk: send_delivery(delivery_id=pk, now=now)),
    ):
        ids = list(
            model.objects.due(now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        for pk in ids:
            counts[send(pk)] += 1
    return counts


def retry_outgoing(queryset) -> int:
    """Put failed rows back in the queue (an admin action); returns how many."""
    return queryset.filter(status=OutgoingStatus.FAILED).update(
        status=OutgoingStatus.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        failed_at=None,
    )


# -- notifications: the outbox written by a use case move -----------------------


def queue_status_notifications(change) -> list[Notification]:
    """Write one notification per active user of the submitting organisation.

    Registered with ``usecases.services.on_transition``, so it runs inside the
    move's transaction; the send is enqueued only after commit.
    """
    use_case = change.use_case
    if use_case.organisation_id is None:
        return []
    return _queue(Notification, "digests.send_notification", use_case.organisation_id, change)


def queue_invitation_notifications(invitation) -> list[InvitationNotification]:
    """Write one email per active user of the invited organisation.

    Registered with ``usecases.invitations.on_invitation``: inside the
    invitation's transaction; the send is enqueued only after commit.
    """
    return _queue(
        InvitationNotification,
        "digests.send_invitation_notification",
        invitation.organisation_id,
        invitation,
    )


def _queue(model, task: str, organisation_id: int, about) -> list:
    users = (
        get_user_model()
        .objects.filter(is_active=True, organisation_id=organisation_id)
        .exclude(email="")
        .order_by("pk")
    )
    now = timezone.now()
    field = "status_change" if model is Notification else "invitation"
    rows = model.objects.bulk_create(
        [
            model(
                **{field: about},
                recipient=user,
                email=user.email,
                language=user.language,
                next_attempt_at=now,
            )
            for user in users
        ]
    )
    ids = [row.pk for row in rows]
    if ids:
        enqueue_each_on_commit(task, ids)
    return rows


def queue_notice_notifications(notices) -> list[Notification]:
    """Write one notification per review notice (``usecases.review.notices``),
    inside the notice's transaction; the send is enqueued after commit."""
    now = timezone.now()
    rows = Notification.objects.bulk_create(
        [
            Notification(
                notice=notice,
                recipient=notice.recipient,
                email=notice.recipient.email,
                language=notice.recipient.language,
                next_attempt_at=now,
            )
            for notice in notices
            if notice.recipient.is_active and notice.recipient.email
        ]
    )
    ids = [row.pk for row in rows]
    if ids:
        enqueue_each_on_commit("digests.send_notification", ids)
    return rows


def run_periodic_digest(*, frequency: str, now=None) -> Digest:
    """What beat triggers: build the last complete period's digest and send it."""
    from .periods import last_complete_period

    digest = build_digest(period=last_complete_period(frequency, now=now))
    ids = create_deliveries(digest=digest)
    enqueue_each_on_commit("digests.send_delivery", ids)
    return digest
