"""Redocly CLI lints the served schema with the committed ``redocly.yaml``
(its recommended rules, each an error): zero problems.

``make test`` installs the pinned CLI into ``node_modules`` (``npm ci``); it
runs offline.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from .test_schema_contract import served_schema

pytestmark = pytest.mark.django_db

REDOCLY = Path(settings.BASE_DIR) / "node_modules" / ".bin" / "redocly"


def _where(problem) -> str:
    """A problem's place as ``METHOD path`` where it lies in an operation."""
    pointer = problem.get("location", [{}])[0].get("pointer", "")
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("#/").split("/")]
    if len(parts) >= 3 and parts[0] == "paths":
        return f"{parts[2].upper()} {parts[1]} ({'/'.join(parts[3:]) or 'operation'})"
    return pointer


@pytest.mark.parametrize("language", ["en", "nl"])
def test_redocly_finds_no_problem_in_the_served_schema(language, tmp_path):
    assert REDOCLY.exists(), "Redocly CLI is missing: run `npm ci` (make test does)"
    spec = tmp_path / "schema.json"
    spec.write_text(json.dumps(served_schema(HTTP_ACCEPT_LANGUAGE=language)))
    result = subprocess.run(
        [
            str(REDOCLY),
            "lint",
            str(spec),
            "--config",
            str(Path(settings.BASE_DIR) / "redocly.yaml"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "REDOCLY_TELEMETRY": "off",
            "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
        },
        check=False,
    )
    report = json.loads(result.stdout[result.stdout.index("{") :])
    problems = [
        f"{problem['severity']} {problem['ruleId']}: {_where(problem)}: {problem['message']}"
        for problem in report.get("problems", [])
    ]
    assert not problems, "\n".join(problems)
    assert result.returncode == 0, result.stderr[-2000:]
