"""Reading numbers a visitor typed into a URL.

``str.isdigit()`` is true for ``²`` and ``٣``, whose ``int()`` fails or
reads another script's digit, and ``int()`` reads 4,000 digits; a page or
key number is a few ASCII digits. ``whole_number`` is the one reading every
query parameter of that kind goes through.
"""


def whole_number(text, *, max_digits: int = 9) -> int | None:
    """``text`` as a whole number when it is 1 to ``max_digits`` ASCII digits, else ``None``."""
    if not isinstance(text, str) or not 0 < len(text) <= max_digits:
        return None
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def page_number(request, parameter: str = "page") -> int:
    """The page asked for, 1 unless the parameter is a whole number from 1;
    a page past the last shows the last (Django's ``Paginator.get_page``)."""
    return whole_number(request.GET.get(parameter, "")) or 1
