from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from corridor.accounts.models import User
from corridor.accounts.tokens import DEFAULT_EXPIRES_DAYS
from corridor.accounts.tokens import create_token


class Command(BaseCommand):
    help = "Make a personal API token for a user and print it (it is shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--expires-days",
            type=int,
            default=DEFAULT_EXPIRES_DAYS,
            help=f"Days the token stays valid (default {DEFAULT_EXPIRES_DAYS}).",
        )
        parser.add_argument("--name", default="", help="A label to recognise the token by.")

    def handle(self, *args, username, expires_days, name, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        try:
            token, plaintext = create_token(user, expires_days=expires_days, name=name)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stderr.write(f"Token for {user.username}, valid until {token.expires:%Y-%m-%d %H:%M}:")
        self.stdout.write(plaintext)
