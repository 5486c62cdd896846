"""Links for a page of rows, reversed once per route rather than once per row."""

from urllib.parse import quote

from django.utils.http import RFC3986_SUBDELIMS
from rest_framework.reverse import reverse

# What ``reverse`` leaves unquoted in a path.
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"
STAND_IN = "9876543210"


def url_maker(viewname: str, kwarg: str = "pk", *, request=None):
    """``url(value)``: what ``reverse(viewname, kwargs={kwarg: value})`` gives
    (absolute when a ``request`` is given, as DRF's hyperlinked fields write it).
    The route is reversed once around a stand-in value (a primary key or a
    slug), and each row's value is put in its place, quoted as ``reverse``
    quotes it."""
    url = reverse(viewname, kwargs={kwarg: STAND_IN}, request=request)
    prefix, found, suffix = url.partition(STAND_IN)
    if not found or STAND_IN in suffix:
        raise ValueError(f"{viewname} does not take one {kwarg} in its path")
    return lambda value: f"{prefix}{quote(str(value), safe=URL_SAFE)}{suffix}"
