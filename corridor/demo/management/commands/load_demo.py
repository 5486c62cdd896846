from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from corridor.demo.demo import DEMO_LOGINS
from corridor.demo.demo import DEMO_PASSWORD
from corridor.demo.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo corridor (idempotent: running it twice gives the same rows)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="Also create one login per role (refused when DEBUG is off).",
        )

    def handle(self, *args, with_demo_users=False, **options):
        if with_demo_users and not settings.DEBUG:
            raise CommandError(
                "Demo users have a published password and are refused when DEBUG is off."
            )
        counts = load_demo(with_demo_users=with_demo_users)
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo corridor loaded: {summary}."))
        if with_demo_users:
            for username, role, org in DEMO_LOGINS:
                where = f" ({org})" if org else ""
                self.stdout.write(f"  {role}: {username} / {DEMO_PASSWORD}{where}")
