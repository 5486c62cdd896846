"""Calendars: the public milestone feed and each user's private feed (iCalendar)."""

from .feeds import milestone_uid
from .feeds import private_feed
from .feeds import public_feed
from .feeds import use_case_uid

__all__ = ["milestone_uid", "private_feed", "public_feed", "use_case_uid"]
