"""The writes of the insight features, each in its feature's own ``services``:
private calendar feeds (``calendars.services``) and inviting a suggested
partner (``matchmaking.services``)."""

from .calendars.services import create_calendar_feed
from .calendars.services import revoke_calendar_feed
from .calendars.services import user_for_calendar_secret
from .matchmaking.services import invite_partner

__all__ = [
    "create_calendar_feed",
    "invite_partner",
    "revoke_calendar_feed",
    "user_for_calendar_secret",
]
