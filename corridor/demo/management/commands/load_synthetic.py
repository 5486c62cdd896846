import time

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from corridor.demo.synthetic import SyntheticCorridor
from corridor.demo.synthetic_base import SCALES


class Command(BaseCommand):
    help = "Load a deterministic synthetic corridor into an empty database (for the benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        started = time.monotonic()
        self.stdout.write(f"Loading the {scale} synthetic corridor (seed {seed})…")
        try:
            counts = SyntheticCorridor(scale=scale, seed=seed, log=self.stdout.write).load()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Loaded in {elapsed:.0f} s: {summary}."))
