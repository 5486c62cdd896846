from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CachingConfig(AppConfig):
    name = "corridor.caching"
    label = "caching"
    verbose_name = "Kept results"

    def ready(self):
        from .tracking import track_every_table

        post_migrate.connect(track_every_table, dispatch_uid="corridor-caching-track")
