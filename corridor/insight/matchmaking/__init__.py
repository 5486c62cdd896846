"""Matchmaking: the organisations a use case could add as partners, and inviting one."""

from .suggestions import join_words
from .suggestions import may_see_suggestions
from .suggestions import region_name
from .suggestions import suggest_partners

__all__ = ["join_words", "may_see_suggestions", "region_name", "suggest_partners"]
