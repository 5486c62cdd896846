"""Rooms of a size one can read: no Python module over 400 lines, but
migrations and the declarative tables named here (each with its reason)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("corridor", "coalitions", "interventions", "usecases", "bench")
LIMIT = 400

# Tables, not logic: one row per setting, route, role or field, read as a list.
TABLES = {
    "corridor/settings.py": "every setting the environment can change, each with its comment",
    "corridor/portal/tests/test_access.py": "the access table: every portal route and who sees it",
    "corridor/api/tests/matrix.py": "the permission matrix: every API operation and role",
    "corridor/api/tests/disclosure.py": "the disclosure matrix: every field and who sees it",
}


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), path


def test_no_module_is_over_the_limit():
    too_long = {
        name: length
        for name, path in _modules()
        if name not in TABLES
        and (length := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert too_long == {}, f"over {LIMIT} lines: {too_long}"


def test_every_table_named_still_exists():
    assert {name for name, _path in _modules()} >= set(TABLES)
