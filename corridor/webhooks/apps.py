from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "corridor.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from corridor import events
        from usecases.services import on_transition

        from .services import record_event
        from .services import record_status_change

        # Written in the transaction of the write that happened (an outbox).
        events.subscribe(record_event)
        on_transition(record_status_change)
