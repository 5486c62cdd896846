"""The Dutch catalogue is complete: every message the code and the templates
mark for translation is in ``locale/nl/LC_MESSAGES/django.po``, translated, and
none is left fuzzy (a fuzzy entry is not used: the page shows English).

The messages in use are extracted by Django's own ``makemessages``, run in a
temporary copy of the sources so the committed catalogue is never rewritten.
"""

import ast
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale") / "nl" / "LC_MESSAGES" / "django.po"
SOURCES = ("corridor", "coalitions", "interventions", "usecases", "templates", "locale")


@dataclass
class Entry:
    context: str | None = None
    msgid: str | None = None
    plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def key(self):
        return (self.context, self.msgid)


def read_catalogue(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete ``#~`` entries and the header left out)."""
    entries, entry, target = [], Entry(), None

    def close():
        nonlocal entry, target
        if entry.msgid:
            entries.append(entry)
        entry, target = Entry(), None

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            close()
        elif line.startswith("#,"):
            entry.fuzzy = entry.fuzzy or "fuzzy" in line[2:].replace(",", " ").split()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if target == "msgstr":
                entry.msgstrs[-1] += value
            else:
                setattr(entry, target, getattr(entry, target) + value)
        else:
            keyword, _, value = line.partition(" ")
            value = ast.literal_eval(value)
            if keyword == "msgctxt":
                if entry.msgid is not None:
                    close()
                entry.context, target = value, "context"
            elif keyword == "msgid":
                if entry.msgid is not None:
                    close()
                entry.msgid, target = value, "msgid"
            elif keyword == "msgid_plural":
                entry.plural, target = value, "plural"
            elif keyword.startswith("msgstr"):
                entry.msgstrs.append(value)
                target = "msgstr"
    close()
    return entries


def _describe(entries) -> str:
    return "\n".join(
        f"  {e.msgid!r}" + (f" (context {e.context!r})" if e.context else "") for e in entries
    )


def test_every_dutch_message_is_translated_and_none_is_fuzzy():
    entries = read_catalogue(ROOT / CATALOGUE)
    assert len(entries) > 500, "the catalogue could not be read"
    untranslated = [e for e in entries if not e.msgstrs or not all(e.msgstrs)]
    fuzzy = [e for e in entries if e.fuzzy]
    assert not untranslated, "Untranslated in the Dutch catalogue:\n" + _describe(untranslated)
    assert not fuzzy, "Fuzzy in the Dutch catalogue:\n" + _describe(fuzzy)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_every_message_in_use_is_in_the_dutch_catalogue(tmp_path):
    for name in SOURCES:
        shutil.copytree(
            ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    # Without settings makemessages reads only the copy (its ./locale), never the real tree.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nl", "-e", "html,txt,py"]
        + ["--no-location", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    committed = {e.key for e in read_catalogue(ROOT / CATALOGUE)}
    in_use = read_catalogue(tmp_path / CATALOGUE)
    missing = [e for e in in_use if e.key not in committed]
    assert not missing, "Used but missing from the Dutch catalogue:\n" + _describe(missing)


def test_the_dashboard_says_what_is_for_you():
    from django.utils import translation

    with translation.override("nl"):
        assert translation.gettext("Yours") == "Voor u"
