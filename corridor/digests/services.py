"""Writes of digests: compose, build and store one per period, and the copies
each subscriber is sent (sent through ``outbox``).

Tasks call these services; these enqueue tasks only by name, through
``corridor.tasks`` (the one ``on_commit`` seam), never by importing the task
module back.
"""

import logging

from django.conf import settings
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor import events
from corridor.tasks import enqueue_each_on_commit

from .content import build_content
from .content import organisations_to_cover
from .models import Delivery
from .models import Digest
from .models import OutgoingStatus
from .periods import Period
from .rendering import Rendered
from .rendering import render_digest
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


def run_periodic_digest(*, frequency: str, now=None) -> Digest:
    """What beat triggers: build the last complete period's digest and send it."""
    from .periods import last_complete_period

    digest = build_digest(period=last_complete_period(frequency, now=now))
    ids = create_deliveries(digest=digest)
    enqueue_each_on_commit("digests.send_delivery", ids)
    return digest
