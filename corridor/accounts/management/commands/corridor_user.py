import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from corridor.accounts import roles
from corridor.accounts.services import create_or_update_user


class Command(BaseCommand):
    help = (
        "Create or update a portal account with one role. The password comes from "
        "CORRIDOR_PASSWORD or a prompt."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=" | ".join(roles.ROLES))
        parser.add_argument("--organisation", help="organisation slug (required for partners)")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, organisation=None, email="", **options):
        password = os.environ.get("CORRIDOR_PASSWORD")
        if not password:
            if not options.get("interactive", True) or not os.isatty(0):
                raise CommandError("Set CORRIDOR_PASSWORD or run interactively to be prompted.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            user, created = create_or_update_user(
                username=username,
                role=role,
                password=password,
                organisation_slug=organisation,
                email=email,
            )
        except ValidationError as exc:
            details = "; ".join(
                f"{field}: {' '.join(str(m) for m in messages)}"
                for field, messages in exc.message_dict.items()
            )
            raise CommandError(details) from exc
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {role} user “{user.username}”."))
