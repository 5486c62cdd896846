"""``.env.example`` lists every variable ``corridor/settings.py`` reads."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _first_string(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def _reads_the_environment(func: ast.expr) -> bool:
    """``env(…)``, ``env.str(…)``, ``env.db(…)``, and the settings' own helpers
    (``env_bool``, ``env_rate``, ``env_int_between``, …)."""
    if isinstance(func, ast.Name):
        return func.id == "env" or func.id.startswith("env_")
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and (func.value.id == "env")
    )


def variables_read_by_settings() -> set[str]:
    tree = ast.parse((ROOT / "corridor" / "settings.py").read_text())
    return {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _reads_the_environment(node.func)
        for name in [_first_string(node)]
        if name is not None
    }


def variables_in_example() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_the_settings_are_read_and_found():
    read = variables_read_by_settings()
    assert {"DEBUG", "DATABASE_URL", "THROTTLE_USER_RATE", "TRUSTED_PROXY_COUNT"} <= read
    assert "EMAIL_URL" in read and "CACHE_URL" in read


def test_every_variable_the_settings_read_is_in_the_example():
    missing = sorted(variables_read_by_settings() - variables_in_example())
    assert missing == []


def test_the_example_names_no_variable_the_settings_do_not_read():
    unknown = sorted(variables_in_example() - variables_read_by_settings())
    assert unknown == []
