"""What the synthetic corridor is made of: its scales, its words and places,
and the writer's helpers (text, moments, bulk inserts with their history)."""

import contextlib
import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from coalitions.models import Membership


@dataclass(frozen=True)
class Scale:
    organisations: int
    coalitions: int
    memberships: int
    use_cases: int
    action_lines: int
    milestones: int
    reviewers: int


SCALES = {
    "small": Scale(
        organisations=300,
        coalitions=40,
        memberships=400,
        use_cases=500,
        action_lines=100,
        milestones=600,
        reviewers=10,
    ),
    "large": Scale(
        organisations=5_000,
        coalitions=1_000,
        memberships=20_000,
        use_cases=100_000,
        action_lines=5_000,
        milestones=50_000,
        reviewers=100,
    ),
}

# Status of a use case, its share, and the moves that bring it there.
STATUS_MIX = [
    ("draft", 0.05, []),
    ("submitted", 0.08, ["submitted"]),
    ("in_review", 0.10, ["submitted", "in_review"]),
    ("more_information_requested", 0.02, ["submitted", "in_review", "more_information_requested"]),
    ("selected", 0.15, ["submitted", "in_review", "selected"]),
    ("declined", 0.17, ["submitted", "in_review", "declined"]),
    ("in_execution", 0.18, ["submitted", "in_review", "selected", "in_execution"]),
    ("completed", 0.17, ["submitted", "in_review", "selected", "in_execution", "completed"]),
    ("withdrawn", 0.08, ["submitted", "withdrawn"]),
]

WORDS_NL = (
    "gemeente gemeenten regio samenwerking toepassing toepassingen chips machines data "
    "netwerk zorg defensie industrie energie mobiliteit media talent onderwijs campus "
    "testomgeving proeftuin opschaling uitvoering innovatie verbinding keten fabriek "
    "sensoren systemen digitale infrastructuur rekenkracht veiligheid inwoners bedrijven "
    "kennisinstellingen ontwikkeling haven logistiek landbouw water klimaat"
).split()
WORDS_EN = (
    "artificial intelligence semiconductor lithography photonics robotics platform "
    "federated learning compute cluster edge cloud pipeline quality inspection "
    "predictive maintenance digital twin dataset model training inference vision "
    "language speech immersive video streaming hardware software security privacy"
).split()
CITIES = {
    "mra": ["Amsterdam", "Almere", "Hilversum", "Haarlem", "Zaandam", "Hoofddorp", "Lelystad"],
    "brainport": ["Eindhoven", "Veldhoven", "Helmond", "Best", "Son", "Waalre"],
}
OTHER_CITIES = ["Utrecht", "Enschede", "Groningen", "Den Haag", "Delft", "Brussel", "Leuven"]


@contextlib.contextmanager
def keep_given_timestamps(*models):
    """Let bulk inserts keep the created/updated values we give them."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class SyntheticWriter:
    """Deterministic text, moments and bulk inserts for one seed and scale."""

    BATCH = 5_000

    def __init__(self, *, scale: str, seed: int = 1, now=None, log=print):
        self.scale = SCALES[scale]
        self.rng = random.Random(seed)
        self.now = now or timezone.now().replace(microsecond=0)
        self.today = timezone.localdate(self.now)
        self.log = log

    # -- text -------------------------------------------------------------------------

    def words(self, n: int) -> str:
        pool = WORDS_NL if self.rng.random() < 0.6 else WORDS_EN
        return " ".join(
            self.rng.choice(pool if self.rng.random() < 0.8 else WORDS_EN) for _ in range(n)
        )

    def sentence(self, n: int) -> str:
        text = self.words(n)
        return text[:1].upper() + text[1:] + "."

    def past(self, max_days: int, min_days: int = 0) -> datetime.datetime:
        """A moment between ``min_days`` and ``max_days`` ago, more often recent:
        the programme grows, so recent weeks are busier than early ones."""
        skewed = self.rng.random() ** 2
        seconds = int((min_days + skewed * (max_days - min_days)) * 86400)
        return self.now - datetime.timedelta(seconds=seconds)

    # -- writing ----------------------------------------------------------------------

    def bulk(self, model, objs, *, history: bool = True, user=None):
        """Insert ``objs`` and, for models with history, one '+' record each,
        dated at the row's ``created`` (or now)."""
        created = model.objects.bulk_create(objs, batch_size=self.BATCH)
        if history and hasattr(model, "history"):
            for obj in created:
                obj._history_date = getattr(obj, "created", None) or self.now
                if isinstance(obj, Membership):
                    obj._history_date = datetime.datetime.combine(
                        obj.joined, datetime.time(9), tzinfo=datetime.UTC
                    )
                obj._history_user = user
            model.history.bulk_history_create(created, batch_size=self.BATCH)
        return created
