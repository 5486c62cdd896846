"""``manage.py send_digest``: build and send a digest without a worker.

Runs the same services as the beat task, in this process:

    python manage.py send_digest [--frequency weekly|daily]
        [--period-start YYYY-MM-DD] [--dry-run] [--force]

Without ``--period-start`` the last complete period is used. ``--dry-run``
prints the plain-text digest and stores and sends nothing; ``--force`` rebuilds
a stored digest that has not been sent yet.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from corridor.digests import outbox
from corridor.digests import services
from corridor.digests.models import Delivery
from corridor.digests.models import Frequency
from corridor.digests.periods import PeriodError
from corridor.digests.periods import last_complete_period
from corridor.digests.periods import period_starting
from corridor.digests.rendering import render_digest


class Command(BaseCommand):
    help = "Build the progress digest for a period and email it to its subscribers."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=Frequency.values, default=Frequency.WEEKLY.value)
        parser.add_argument(
            "--period-start",
            metavar="YYYY-MM-DD",
            help="First day of the period (default: the last complete period).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the text version; send nothing."
        )
        parser.add_argument(
            "--force", action="store_true", help="Rebuild a stored digest not yet sent."
        )

    def handle(self, *args, frequency, period_start, dry_run, force, **options):
        period = self._period(frequency, period_start)
        if dry_run:
            data = services.compose_digest(period=period)
            self.stdout.write(render_digest(data, language=settings.LANGUAGE_CODE).text)
            return
        try:
            digest = services.build_digest(period=period, force=force)
        except services.DigestLocked as exc:
            raise CommandError(str(exc.args[0])) from exc
        ids = services.create_deliveries(digest=digest)
        outcome = {"sent": 0, "pending": 0, "failed": 0, "skipped": 0}
        for delivery_id in ids:
            outcome[outbox.send(Delivery, delivery_id)] += 1
        self.stdout.write(
            _(
                "%(digest)s: %(sent)d sent, %(pending)d to retry, %(failed)d failed, "
                "%(skipped)d already handled."
            )
            % {"digest": digest, **outcome}
        )

    def _period(self, frequency, period_start):
        if not period_start:
            return last_complete_period(frequency)
        try:
            first_day = datetime.date.fromisoformat(period_start)
        except ValueError as exc:
            raise CommandError(
                _("--period-start must be a date as YYYY-MM-DD, not “%(value)s”.")
                % {"value": period_start}
            ) from exc
        try:
            return period_starting(frequency, first_day)
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
