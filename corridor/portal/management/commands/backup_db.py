from pathlib import Path

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from corridor.portal.backup import BackupError
from corridor.portal.backup import backup


class Command(BaseCommand):
    help = "Write a pg_dump custom-format archive of the database, with a timestamp."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default="backups")

    def handle(self, *args, directory, **options):
        try:
            archive = backup(Path(directory))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
