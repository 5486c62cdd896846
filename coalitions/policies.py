"""What a reader may see *within* the coalitions rows they may see.

``Coalition.objects.visible_to(user)`` decides the rows (a coalition still
forming is its members' and the Board's, and so are its memberships); within a
membership, who recorded it is the Board's bookkeeping.
"""

MEMBERSHIP_AUTHOR_FIELDS = ("created_by",)


def membership_fields_hidden(user) -> frozenset[str]:
    """Of a membership: who recorded it, for the Board only."""
    if user is not None and user.is_authenticated and user.is_board:
        return frozenset()
    return frozenset(MEMBERSHIP_AUTHOR_FIELDS)
