"""The first run reads well: ``make run`` says what it did in a few lines, and
the Board finds the demo's digests in the portal at once."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from corridor.accounts.models import User
from corridor.demo.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[3]
MAX_LINES = 40


def run_recipe() -> tuple[str, list[str]]:
    """The mail URL ``make run`` sets, and the commands it runs before the server."""
    makefile = (ROOT / "Makefile").read_text()
    mail = re.search(r"^run: export EMAIL_URL \?= (\S+)$", makefile, re.MULTILINE)
    recipe = re.search(r"^run: venv\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert mail and recipe, "make run's recipe has moved; update this test"
    commands = []
    for line in recipe.group(1).splitlines():
        command = line.strip().lstrip("@")
        if "runserver" in command:
            break
        commands.append(command.replace("$(BIN)/python", sys.executable).replace("$(PORT)", "8000"))
    return mail.group(1), commands


def test_make_run_says_what_it_did_in_under_forty_lines(tmp_path):
    mail_url, commands = run_recipe()
    assert mail_url.startswith("filemail://")
    assert any("migrate" in c for c in commands) and any("load_demo" in c for c in commands)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "EMAIL_URL": f"filemail:///{tmp_path}/mail",  # absolute: four slashes
        "DEBUG": "true",
        "CELERY_BROKER_URL": "",
    }
    output = []
    for command in commands:
        done = subprocess.run(
            shlex.split(command),
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        output += (done.stdout + done.stderr).splitlines()

    assert len(output) < MAX_LINES, "\n".join(output)
    text = "\n".join(output)
    assert "http://127.0.0.1:8000/" in text
    for username in ("board", "reviewer", "partner"):
        assert re.search(rf"^\s+{username}\s+{DEMO_PASSWORD}", text, re.MULTILINE)
    assert f"{tmp_path}/mail" in text
    assert "Ctrl+C" in text
    assert list((tmp_path / "mail").iterdir()), "the notifications went to files"


@pytest.mark.browser
def test_the_board_finds_eight_digests_in_the_portal(settings, live_server, page, login_as):
    settings.DEBUG = True
    call_command("load_demo", "--with-demo-users")
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/")
    login_as(page, User.objects.get(username="board"), password=DEMO_PASSWORD)

    page.locator("nav.site-nav").get_by_role("link", name="Overzichten").click()
    page.wait_for_load_state()

    rows = page.locator("table tbody tr a")
    assert rows.count() == 8
    assert all("Wekelijks overzicht" in text for text in rows.all_inner_texts())
    rows.first.click()
    page.wait_for_load_state()
    assert "Een rustige periode" not in page.content()
