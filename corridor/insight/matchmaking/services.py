"""Writes of matchmaking: inviting a suggested partner. The invitation and its
answer are the use case's (``usecases.invitations``); matchmaking only asks."""

from usecases.invitations import invite_partner

__all__ = ["invite_partner"]
