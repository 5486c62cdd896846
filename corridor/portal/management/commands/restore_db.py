from pathlib import Path

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from corridor.portal.backup import BackupError
from corridor.portal.backup import restore


class Command(BaseCommand):
    help = "Restore a pg_dump custom-format archive into the (empty) configured database."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            restore(Path(archive))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {archive}"))
