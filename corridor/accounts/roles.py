"""The three roles are Django groups; these names are part of the interface."""

BOARD = "board"
REVIEWER = "reviewer"
PARTNER = "partner"
ROLES = (BOARD, REVIEWER, PARTNER)
