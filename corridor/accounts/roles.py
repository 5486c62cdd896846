"""The three roles are Django groups; these names are part of the interface."""

BOARD = "board"
REVIEWER = "reviewer"
PARTNER = "partner"
ROLES = (BOARD, REVIEWER, PARTNER)


def group(name: str):
    """The Django group of a role, made if it is missing (the migration makes
    them; a flushed test database or a restored partial dump may not have them)."""
    from django.contrib.auth.models import Group

    if name not in ROLES:
        raise ValueError(f"Unknown role {name!r}")
    return Group.objects.get_or_create(name=name)[0]
