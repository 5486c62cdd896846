"""The data version: one row per database, moved by every commit that writes
a tracked table (``corridor.caching.tracking``)."""

import uuid

from django.db import models


class DataVersion(models.Model):
    """``value`` grows with every committed write to a tracked table; ``epoch``
    is new whenever the database's history starts again (a restore), so a
    value is never read twice for two different states."""

    value = models.BigIntegerField(default=0)
    epoch = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = "data version"

    def __str__(self):
        return f"{self.epoch}:{self.value}"
