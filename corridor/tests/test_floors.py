"""The floors of the product: every import points down (or sideways within a floor, one way).

Bottom to top: settings and small shared helpers; accounts (and the API's
base, which authenticates with its tokens); coalitions; interventions (which
may import coalitions, never the reverse); use cases; the features that read
across the apps (portal, insight, digests, demo); the site's root URLs; the
benchmark. Every product module's imports are read with ``ast`` (imports
inside functions too, and ``import_module("...")`` with a literal name), so
no import can hide from the rule. Tests, migrations and test helpers are not
product code.
"""

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = ("corridor", "coalitions", "interventions", "usecases", "bench")

# The floor of each package (the longest matching prefix wins); a module not
# named here sits on the floor of its parent.
FLOORS = {
    "corridor": 0,  # settings, celery, small shared helpers (corridor/*.py)
    "corridor.web": 0,  # the web helpers every app's pages use
    "corridor.security": 0,
    "corridor.accounts": 1,
    "corridor.api": 1,  # the API's base classes: they read the accounts' tokens
    "coalitions": 2,
    "interventions": 3,
    "usecases": 4,
    "corridor.portal": 5,
    "corridor.insight": 5,
    "corridor.digests": 5,
    "corridor.webhooks": 5,
    "corridor.demo": 5,
    "corridor.results": 5,  # indicators hang on action lines and on use cases
    "corridor.urls": 6,  # the root URLconf and the API's routes join everything
    "corridor.api.urls": 6,
    "corridor.asgi": 6,
    "corridor.wsgi": 6,
    "bench": 7,
}
FLOOR_NAMES = {
    0: "shared helpers",
    1: "accounts",
    2: "coalitions",
    3: "interventions",
    4: "use cases",
    5: "cross-app features",
    6: "site",
    7: "bench",
}
# Not product code: the tests and what only they use, migrations.
NOT_PRODUCT = ("tests", "migrations", "testing")

# ``apps.get_model`` on the global registry looks a model up by name, which
# hides an import from this test. Allowed only here:
GET_MODEL_ALLOWED: set[str] = set()


def product_files():
    for package in FIRST_PARTY:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if not any(part in NOT_PRODUCT for part in relative.parts[:-1]):
                yield relative


def module_of(path: Path) -> str:
    parts = list(path.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def floor_of(module: str) -> tuple[str, int] | None:
    """``(package, floor)`` of a first-party module, ``None`` for a third-party one."""
    parts = module.split(".")
    if parts[0] not in FIRST_PARTY:
        return None
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in FLOORS:
            return prefix, FLOORS[prefix]
    raise AssertionError(f"no floor for {module}")


def imports_of(path: Path):
    """``(line, module)`` of every import in the file, wherever it stands."""
    module = module_of(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    tree = ast.parse((ROOT / path).read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def upward_imports(files):
    found = []
    for path in files:
        source = floor_of(module_of(path))
        for line, target in imports_of(path):
            reached = floor_of(target)
            if reached and reached[1] > source[1]:
                found.append(
                    f"{path}:{line} imports {target}: floor {source[1]} ({FLOOR_NAMES[source[1]]})"
                    f" reaches up to floor {reached[1]} ({FLOOR_NAMES[reached[1]]})"
                )
    return found


def sideways_both_ways(files):
    """Packages on one floor that import each other."""
    edges: dict[tuple[str, str], str] = {}
    for path in files:
        source = floor_of(module_of(path))
        for line, target in imports_of(path):
            reached = floor_of(target)
            if reached and reached[0] != source[0] and reached[1] == source[1]:
                edges.setdefault((source[0], reached[0]), f"{path}:{line}")
    return [
        f"{a} and {b} import each other ({edges[(a, b)]}, {edges[(b, a)]})"
        for (a, b) in sorted(edges)
        if a < b and (b, a) in edges
    ]


def registry_lookups(path: Path):
    """``(line, text)`` of each ``get_model`` call on the global app registry:
    any ``X.get_model(...)`` where ``X`` is not a parameter of an enclosing
    function (a migration's ``apps`` passed in is fine)."""
    tree = ast.parse((ROOT / path).read_text(), filename=str(path))
    found = []

    def visit(node, parameters):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            arguments = node.args
            names = [
                a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
            ]
            parameters = parameters | set(names)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get_model"
        ):
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id in parameters):
                found.append((node.lineno, ast.unparse(node)))
        for child in ast.iter_child_nodes(node):
            visit(child, parameters)

    visit(tree, frozenset())
    return found


def test_every_product_module_has_a_floor():
    assert [str(path) for path in product_files() if floor_of(module_of(path)) is None] == []


def test_imports_only_point_down():
    assert upward_imports(product_files()) == []


def test_no_two_packages_on_one_floor_import_each_other():
    assert sideways_both_ways(product_files()) == []


def test_no_model_is_looked_up_by_name_to_dodge_an_import():
    found = [
        f"{path}:{line} {text}"
        for path in product_files()
        if str(path) not in GET_MODEL_ALLOWED
        for line, text in registry_lookups(path)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from corridor.portal.views import dashboard\n", "floor 3 (interventions) reaches up"),
        ("def f():\n    from usecases import models\n", "floor 3 (interventions) reaches up"),
        ("from importlib import import_module\nimport_module('corridor.digests.tasks')\n", "up"),
    ],
)
def test_the_rule_sees_every_kind_of_upward_import(tmp_path, monkeypatch, source, expected):
    package = tmp_path / "interventions"
    package.mkdir()
    (package / "probe.py").write_text(source)
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    [message] = upward_imports([Path("interventions/probe.py")])
    assert message.startswith("interventions/probe.py:") and expected in message


def test_the_rule_sees_a_model_looked_up_by_name(tmp_path, monkeypatch):
    (tmp_path / "probe.py").write_text(
        "from django.apps import apps\n"
        "def f(apps_given):\n"
        "    apps_given.get_model('usecases', 'UseCase')\n"
        "    return apps.get_model('usecases', 'UseCase')\n"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert [line for line, _text in registry_lookups(Path("probe.py"))] == [4]


def test_the_rule_sees_two_apps_importing_each_other(tmp_path, monkeypatch):
    for name, other in (("portal", "insight"), ("insight", "portal")):
        (tmp_path / f"{name}.py").write_text(f"from corridor.{other} import views\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.module_of", lambda path: f"corridor.{path.stem}.x")
    [message] = sideways_both_ways([Path("portal.py"), Path("insight.py")])
    assert "corridor.insight and corridor.portal import each other" in message


def services_importing_tasks(files):
    """Tasks call services; a service enqueues by name (``corridor.tasks``)."""
    return [
        f"{path}:{line} imports {target}"
        for path in files
        if module_of(path).rsplit(".", 1)[-1] == "services"
        for line, target in imports_of(path)
        if ".tasks." in f"{target}." and not target.startswith("corridor.tasks")
    ]


def test_services_never_import_their_tasks():
    assert services_importing_tasks(product_files()) == []


def test_the_rule_sees_a_service_importing_its_task(tmp_path, monkeypatch):
    (tmp_path / "corridor" / "digests").mkdir(parents=True)
    (tmp_path / "corridor/digests/services.py").write_text(
        "def f():\n    from .tasks import send_delivery_task\n"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    [message] = services_importing_tasks([Path("corridor/digests/services.py")])
    assert message.startswith("corridor/digests/services.py:2 imports corridor.digests.tasks")
