"""The API's JSON parser: whatever a body holds, a clear 400 or the data.

DRF's ``JSONParser`` answers 400 for text that is not JSON, but lets through
what Python's ``json`` module accepts and the rest of the request cannot
bear: nesting thousands deep (a ``RecursionError`` while parsing, or later
in a serializer), ``1e999`` (a float that is infinite, whose ``int()`` is an
``OverflowError``), ``NaN`` and ``Infinity`` (not JSON at all), and integers
of more digits than Python converts. ``CorridorJSONParser`` refuses each of
them with ``ParseError`` (400, ``{"detail": "..."}``), and so it does a key
given twice in one object: JSON leaves its meaning open, and taking the last
silently would let a body say one thing to a reader and another to the
server.
"""

import codecs
import json
import math

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.parsers import get_encoding

# No write of the API nests deeper than a few levels; 32 leaves room.
MAX_DEPTH = 32


class _Refused(ValueError):
    """A body the parser refuses; its message is the 400's detail."""


def _refuse_constant(name):
    raise _Refused(_("%(value)s is not a number JSON allows.") % {"value": name})


def _finite_float(text):
    value = float(text)
    if math.isinf(value):
        raise _Refused(_("The number %(value)s is too large.") % {"value": text[:40]})
    return value


def _unique_keys(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _Refused(_("The key “%(key)s” appears more than once.") % {"key": key[:100]})
        seen[key] = value
    return seen


def depth_of(data) -> int:
    """How deep lists and objects nest in ``data``, walked without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


class CorridorJSONParser(JSONParser):
    """JSON, refusing what no write can mean (see the module's docstring)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = get_encoding(parser_context or {})
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),
                parse_constant=_refuse_constant,
                parse_float=_finite_float,
                object_pairs_hook=_unique_keys,
            )
        except _Refused as exc:
            raise ParseError(str(exc)) from None
        except RecursionError:
            raise ParseError(self._too_deep()) from None
        except ValueError as exc:
            # Not JSON, or an integer of more digits than Python converts.
            raise ParseError(_("The body is not valid JSON: %(error)s") % {"error": exc}) from None
        if depth_of(data) > MAX_DEPTH:
            raise ParseError(self._too_deep())
        return data

    @staticmethod
    def _too_deep() -> str:
        return _("The body nests lists and objects too deep (at most %(max)d levels).") % {
            "max": MAX_DEPTH
        }
