"""Form widgets every app's pages share."""

import datetime

from django import forms


class DateInput(forms.DateInput):
    """A browser date picker (``<input type="date">``).

    Its ``value`` must be an ISO date or empty (HTML): a value typed by hand
    into the address (``?submitted_after=x``) is shown as empty, with the
    field's error saying why, rather than echoed into an invalid attribute.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            try:
                parsed = datetime.date.fromisoformat(value)
            except ValueError:
                return None
            return parsed.isoformat()
        return super().format_value(value)
