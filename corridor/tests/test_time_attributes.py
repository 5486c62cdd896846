"""``<time datetime="…">`` carries a valid HTML date or date-time: no
microseconds (the Nu HTML checker rejects ``|date:'c'``'s six fraction digits)."""

import datetime
import re
from pathlib import Path

from django.template import Context
from django.template import Template
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]
VALID = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")


def _iso(value) -> str:
    return Template("{% load corridor %}{{ value|iso }}").render(Context({"value": value}))


def test_iso_drops_the_microseconds_and_keeps_the_offset():
    moment = datetime.datetime(2026, 12, 5, 0, 0, 9, 475677, tzinfo=datetime.UTC)
    written = _iso(moment)
    assert written == timezone.localtime(moment).replace(microsecond=0).isoformat()
    assert VALID.match(written)


def test_iso_writes_a_date_as_a_date_and_nothing_for_nothing():
    assert _iso(datetime.date(2026, 5, 19)) == "2026-05-19"
    assert _iso(None) == ""
    assert _iso("") == ""


def test_no_template_writes_a_time_attribute_with_microseconds():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""\|date:\s*["']c["']""", line)
    ]
    assert not offenders, "Use |iso for datetime attributes: " + ", ".join(offenders)
