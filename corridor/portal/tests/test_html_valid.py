"""Every portal page, as every role and in both languages, is valid HTML:
zero errors from the Nu Html Checker (the W3C's validator).

The checker is the npm package ``vnu-jar`` (``package.json``; ``make test``
runs ``npm ci``), a Java program: the pages are saved to one folder and
checked in a single run, since starting the JVM once per page would cost more
than the checking.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from corridor.portal.tests.pages import LANGUAGES
from corridor.portal.tests.pages import ROLES
from corridor.portal.tests.pages import enrich
from corridor.portal.tests.pages import is_html
from corridor.portal.tests.pages import portal_pages
from corridor.portal.tests.test_access import world  # noqa: F401 (the access table's fixture)

ROOT = Path(__file__).resolve().parents[3]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"))


def _check(folder: Path) -> list[dict]:
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.fail(
            f"The Nu Html Checker needs Java and {VNU_JAR} (npm ci installs it; make test does)."
        )
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
        + sorted(str(path) for path in folder.glob("*.html")),
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    return json.loads(result.stderr)["messages"]


@pytest.mark.django_db
def test_every_page_is_valid_html(world, tmp_path):  # noqa: F811
    enrich(world)
    saved = {}
    for role in ROLES:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        for language in LANGUAGES:
            for page in portal_pages(world, role, language):
                response = client.get(page.url)
                if response.status_code != 200 or not is_html(response["Content-Type"]):
                    continue
                path = tmp_path / f"{role}-{language}-{page.name}.html"
                path.write_bytes(response.content)
                saved[path.name] = f"{page.url} as {role}"
    assert len(saved) > 40, "the page list came out (nearly) empty"

    errors = [
        f"{saved.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))} "
        f"line {message.get('lastLine')}: "
        f"{message['message']} — {message.get('extract', '').strip()[:120]!r}"
        for message in _check(tmp_path)
        if message["type"] in ("error", "non-document-error")
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
