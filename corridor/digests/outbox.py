"""The outbox: every email is a row, written with what it announces, then
claimed, sent and recorded by one path.

Exactly once: a sender must first *claim* a row with a conditional UPDATE
from ``pending`` to ``sending``. Only the one sender whose UPDATE matched
sends; a redelivered or duplicated task finds nothing to claim. A sender that
dies mid-send leaves the row in ``sending``; the sweep marks it failed after
the claim lease (it may or may not have gone out, so it is shown, not sent
again).

Nothing lost: rows are written before any broker is involved (``write`` runs
inside the transaction of what it announces); tasks are only a nudge, and the
periodic sweep sends whatever is still pending. Enqueue errors are logged,
never raised. Tasks call these functions; these enqueue tasks only by name,
through ``corridor.tasks`` (the one ``on_commit`` seam).

Each kind of row (``KINDS``) names its model, its task and how it renders; a
new kind of email is one more row of that table.
"""

import datetime
import logging
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.tasks import enqueue_each_on_commit

from .invitation_mail import render_invitation
from .models import Delivery
from .models import Digest
from .models import InvitationNotification
from .models import Notification
from .models import OutgoingStatus
from .models import ProposalNotification
from .proposals import render_proposal_notification
from .rendering import Rendered
from .rendering import render_digest
from .rendering import render_notification

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    model: type
    task: str
    render: Callable[[object], Rendered]
    after_sent: Callable[[int], None] | None = None


def _digest_sent(delivery_id: int) -> None:
    Digest.objects.filter(deliveries__pk=delivery_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )


KINDS = (
    Kind(
        Notification,
        "digests.send_notification",
        lambda row: render_notification(row, language=row.language),
    ),
    Kind(
        InvitationNotification,
        "digests.send_invitation_notification",
        lambda row: render_invitation(row, language=row.language),
    ),
    Kind(
        ProposalNotification,
        "digests.send_proposal_notification",
        lambda row: render_proposal_notification(row, language=row.language),
    ),
    Kind(
        Delivery,
        "digests.send_delivery",
        lambda row: render_digest(
            row.digest.data, language=row.language, organisation_id=row.organisation_id
        ),
        after_sent=_digest_sent,
    ),
)
KIND_OF = {kind.model: kind for kind in KINDS}


# -- writing ----------------------------------------------------------------------


def write(model, recipients: Iterable, **about) -> list:
    """One row of ``model`` per active recipient with an address, each about
    ``about``; the send is enqueued after the surrounding transaction commits."""
    return write_each(model, ((user, about) for user in recipients))


def write_each(model, items: Iterable[tuple[object, dict]]) -> list:
    """``write`` for rows about different things: ``(recipient, about)`` pairs."""
    now = timezone.now()
    rows = model.objects.bulk_create(
        [
            model(
                **about,
                recipient=user,
                email=user.email,
                language=user.language,
                next_attempt_at=now,
            )
            for user, about in items
            if user.is_active and user.email
        ]
    )
    ids = [row.pk for row in rows]
    if ids:
        enqueue_each_on_commit(KIND_OF[model].task, ids)
    return rows


# -- claiming and sending -----------------------------------------------------------


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


def send(model, pk: int, *, now=None) -> str:
    """Claim, render, send and record one row, at most once. Returns the
    resulting status, or ``"skipped"`` when the row was not ours to send."""
    kind = KIND_OF[model]
    claimed_at = claim(model, pk, now=now)
    if claimed_at is None:
        return "skipped"
    outgoing = model.objects.get(pk=pk)
    try:
        _send_email(outgoing, kind.render(outgoing))
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
    status = _finish(model, pk, claimed_at, error=None, attempts=outgoing.attempts)
    if status == OutgoingStatus.SENT and kind.after_sent is not None:
        kind.after_sent(pk)
    return status


def sweep(*, now=None, limit: int = 200) -> dict[str, int]:
    """Send what is due and still pending; fail what a dead sender left behind.

    Runs periodically, so a move made while the broker was down is announced
    once a worker runs again, and retries happen on their schedule.
    """
    now = now or timezone.now()
    lease = datetime.timedelta(seconds=settings.CORRIDOR_SEND_LEASE_SECONDS)
    counts = {"interrupted": 0, "sent": 0, "pending": 0, "failed": 0, "skipped": 0}
    for kind in KINDS:
        counts["interrupted"] += kind.model.objects.stale(now - lease).update(
            status=OutgoingStatus.FAILED,
            failed_at=now,
            last_error=str(
                _(
                    "Interrupted while sending: it may or may not have been delivered, "
                    "so it is not sent again automatically."
                )
            ),
        )
    for kind in KINDS:
        ids = list(
            kind.model.objects.due(now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        for pk in ids:
            counts[send(kind.model, pk, now=now)] += 1
    return counts


def retry(queryset) -> int:
    """Put failed rows back in the queue (an admin action); returns how many."""
    return queryset.filter(status=OutgoingStatus.FAILED).update(
        status=OutgoingStatus.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        failed_at=None,
    )
