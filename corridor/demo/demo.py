"""Loads the demo corridor: a year of the corridor's work, written through the
services with past dates (``year.py``), and the last eight weekly digests.

Idempotent: the year is written into an empty corridor only; run again, it
finds the corridor there and adds nothing but what is missing (demo logins, a
digest of a week that has ended since). ``reset_demo`` deletes the corridor's
data so that the year can be written again, ending yesterday.
"""

import datetime
from dataclasses import dataclass
from dataclasses import field

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region
from corridor.accounts.models import User
from corridor.digests.models import Delivery
from corridor.digests.models import Digest
from corridor.digests.models import Frequency
from corridor.digests.models import Notification
from corridor.digests.models import ProposalNotification
from corridor.digests.periods import last_complete_period
from corridor.digests.services import build_digest
from corridor.results.models import Indicator
from corridor.results.models import Measurement
from interventions.models import ActionLine
from interventions.models import CoOwnership
from interventions.models import Intervention
from interventions.models import Milestone
from interventions.models import Proposal
from interventions.models import ProposalComment
from interventions.models import ProposalEvent
from usecases.models import Assessment
from usecases.models import Attachment
from usecases.models import StatusChange
from usecases.models import UseCase

from .timeline import Timeline
from .year import DemoYear
from .year import demo_user

DEMO_PASSWORD = "corridor-demo"
DEMO_LOGINS = [
    # username, role, organisation slug
    ("board", "board", None),
    ("reviewer", "reviewer", None),
    ("partner", "partner", "gemeente-almere"),
]
DIGEST_WEEKS = 8

# The corridor's data, in an order in which each can be deleted once the ones
# before it are gone.
CORRIDOR_MODELS = [
    ProposalNotification,
    Measurement,
    Indicator,
    ProposalComment,
    ProposalEvent,
    Proposal,
    CoOwnership,
    Delivery,
    Digest,
    Notification,
    Attachment,
    Assessment,
    StatusChange,
    UseCase,
    Milestone,
    ActionLine,
    Membership,
    Coalition,
]
FRAME_MODELS = [Organisation, Region, Intervention]


class DemoRefused(Exception):
    """The demo cannot be (re)loaded here; the message says why."""


@dataclass
class DemoResult:
    loaded: bool
    counts: dict[str, int] = field(default_factory=dict)
    events: int = 0
    digests: int = 0


def is_demo_username(username: str) -> bool:
    return username.startswith("demo-") or username in {name for name, _r, _o in DEMO_LOGINS}


@transaction.atomic
def load_demo(*, with_demo_users: bool = False) -> DemoResult:
    """Write the demo's year into an empty corridor, add the demo logins and
    build the digests of the last ``DIGEST_WEEKS`` weeks."""
    loaded = not Intervention.objects.exists()
    events = 0
    if loaded:
        timeline = Timeline(timezone.localdate())
        DemoYear(timeline).schedule()
        events = timeline.run()
    if with_demo_users:
        organisations = {o.slug: o for o in Organisation.objects.filter(slug="gemeente-almere")}
        for username, role, org_slug in DEMO_LOGINS:
            user = demo_user(username, role, organisations.get(org_slug))
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
    digests = build_recent_digests()
    return DemoResult(loaded=loaded, counts=corridor_counts(), events=events, digests=digests)


def build_recent_digests(weeks: int = DIGEST_WEEKS) -> int:
    """The weekly digests of the last ``weeks`` complete weeks, stored as if
    built on the morning after each week and sent then — to no one: they
    have no deliveries, and being sent, they no longer change."""
    period = last_complete_period(Frequency.WEEKLY)
    built = 0
    for _week in range(weeks):
        morning = period.end + datetime.timedelta(hours=7)
        digest = build_digest(period=period, now=morning)
        if digest.sent_at is None:
            Digest.objects.filter(pk=digest.pk, sent_at__isnull=True).update(
                sent_at=digest.generated_at
            )
            built += 1
        period = period.previous()
    return built


SUMMARY_MODELS = [
    Intervention,
    Organisation,
    Coalition,
    ActionLine,
    Milestone,
    UseCase,
    Assessment,
    Digest,
]


def corridor_counts() -> dict[str, int]:
    """Rows per kind, named in the reader's language."""
    return {str(model._meta.verbose_name_plural): model.objects.count() for model in SUMMARY_MODELS}


@transaction.atomic
def reset_demo() -> None:
    """Delete the corridor's data — every use case, action line, coalition,
    organisation, region, intervention and digest, with their history — and
    the demo's users, so that ``load_demo`` writes the year again.

    ``DemoRefused`` when users other than the demo's belong to an organisation.
    """
    for model in CORRIDOR_MODELS:
        _delete_with_history(model)
    users = User.objects.values_list("pk", "username")
    demo_users = [pk for pk, username in users if is_demo_username(username)]
    User.objects.filter(pk__in=demo_users).delete()
    User.history.filter(id__in=demo_users).delete()
    try:
        for model in FRAME_MODELS:
            _delete_with_history(model)
    except ProtectedError as exc:
        names = sorted({str(obj) for obj in exc.protected_objects})
        raise DemoRefused(
            "These users belong to a demo organisation; remove them first: " + ", ".join(names)
        ) from exc


def _delete_with_history(model) -> None:
    for attachment in Attachment.objects.all() if model is Attachment else ():
        attachment.file.delete(save=False)
    model.objects.all().delete()
    history = getattr(model, "history", None)
    if history is None:
        return
    # Many-to-many history (a coalition's interventions, a use case's partners)
    # refers to the history rows, so it goes first.
    for related in history.model._meta.related_objects:
        related.related_model.objects.all().delete()
    history.all().delete()
