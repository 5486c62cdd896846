import logging
import os
import time
from contextlib import contextmanager
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalitions.models import Organisation
from corridor.demo.demo import DEMO_LOGINS
from corridor.demo.demo import DEMO_PASSWORD
from corridor.demo.demo import DemoRefused
from corridor.demo.demo import load_demo
from corridor.demo.demo import reset_demo
from corridor.digests.models import Notification

# Loggers that speak per task or per connection; the summary says it once.
CHATTY_LOGGERS = ("celery.app.trace", "kombu.connection")


@contextmanager
def quiet_loggers(names=CHATTY_LOGGERS, level=logging.ERROR):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, previous in zip(loggers, levels, strict=True):
            logger.setLevel(previous)


def mail_destination() -> str:
    """Where the portal's email goes, in words."""
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "filebased":
        path = Path(settings.EMAIL_FILE_PATH)
        with suppress(ValueError):  # outside the working directory: the full path
            path = path.resolve().relative_to(Path.cwd())
        return _("written to %(path)s") % {"path": f"{path}{os.sep}"}
    if backend == "console":
        return _("printed to the console")
    if backend == "smtp":
        return _("sent through %(host)s") % {"host": settings.EMAIL_HOST}
    return _("handed to %(backend)s") % {"backend": settings.EMAIL_BACKEND}


class Command(BaseCommand):
    help = (
        "Load the demo corridor: a year of work and the last eight weekly digests "
        "(idempotent: running it twice gives the same rows)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="Also create one login per role (refused when DEBUG is off).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Start the demo over: delete the corridor's data (use cases, action lines, "
                "coalitions, organisations, interventions, digests, with their history) and "
                "the demo users, then load again (refused when DEBUG is off)."
            ),
        )
        parser.add_argument(
            "--url", help="The address the portal is served at, to print for the reader."
        )

    def handle(self, *args, with_demo_users=False, reset=False, url=None, **options):
        if with_demo_users and not settings.DEBUG:
            raise CommandError(
                "Demo users have a published password and are refused when DEBUG is off."
            )
        if reset and not settings.DEBUG:
            raise CommandError(
                "--reset deletes the corridor's data and is refused when DEBUG is off."
            )
        started = time.monotonic()
        notifications = Notification.objects.count()
        with quiet_loggers():
            if reset:
                try:
                    reset_demo()
                except DemoRefused as exc:
                    raise CommandError(str(exc)) from exc
            result = load_demo(with_demo_users=with_demo_users)
        written = Notification.objects.count() - notifications if result.loaded else 0
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{n} {name}" for name, n in result.counts.items())
        if result.loaded:
            line = _("Demo corridor loaded in %(seconds).1f s: a year of work, %(summary)s.")
        else:
            line = _("Demo corridor already there (load_demo --reset starts over): %(summary)s.")
        self.stdout.write(self.style.SUCCESS(line % {"seconds": elapsed, "summary": summary}))
        if written:
            self.stdout.write(
                ngettext(
                    "%(count)d notification email %(where)s.",
                    "%(count)d notification emails %(where)s.",
                    written,
                )
                % {"count": written, "where": mail_destination()}
            )
        if with_demo_users:
            self._welcome(url)

    def _welcome(self, url):
        self.stdout.write("")
        if url:
            self.stdout.write(_("Open %(url)s and sign in as:") % {"url": url})
        else:
            self.stdout.write(_("Sign in as:"))
        names = dict(Organisation.objects.values_list("slug", "name"))
        for username, role, organisation in DEMO_LOGINS:
            where = f" ({names.get(organisation, organisation)})" if organisation else ""
            self.stdout.write(f"  {username:<9} {DEMO_PASSWORD}   {role}{where}")
        self.stdout.write(_("Mail is %(where)s.") % {"where": mail_destination()})
        if url:
            self.stdout.write(_("Stop the server with Ctrl+C."))
