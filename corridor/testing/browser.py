"""A pytest plugin that drives the system Chromium with Playwright.

Registered from the root ``conftest.py`` (``pytest_plugins``). The ``page``
fixture opens a fresh browser context against pytest-django's ``live_server``
(with ``transactional_db``, so the server thread sees the test's rows);
``login_as`` logs a user in through the real login form; ``screenshot`` saves
a full-page image under ``test-artifacts/``.

Playwright never downloads a browser here: it launches the Debian package's
``/usr/bin/chromium`` (``CHROMIUM_PATH`` overrides). Playwright's sync API runs
an event loop in the test thread, which Django would otherwise refuse to make
database calls from — hence ``DJANGO_ALLOW_ASYNC_UNSAFE``.

Every test using these fixtures must carry ``@pytest.mark.browser``.
"""

import os
import re
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
DEFAULT_TIMEOUT_MS = 15_000
TEST_PASSWORD = "corridor-test-pw"


@pytest.fixture(autouse=True)
def _browser_test_database(request):
    """Browser tests run with ``transactional_db`` (the live server is another
    thread), which empties the tables after each test, including the role
    groups a migration made; recreate them first. Autouse, so this runs before
    the user fixtures that join those groups."""
    if request.node.get_closest_marker("browser") is None:
        return
    request.getfixturevalue("transactional_db")
    from django.contrib.auth.models import Group

    from corridor.accounts.roles import ROLES

    for name in ROLES:
        Group.objects.get_or_create(name=name)


@pytest.fixture(scope="session")
def _browser():
    """One Chromium for the whole session; contexts keep the tests apart."""
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM_PATH}. Install the Debian package 'chromium' "
            "(make browser) or set CHROMIUM_PATH."
        )
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
            )
            try:
                yield browser
            finally:
                browser.close()
                # While Playwright's loop runs in this thread, Django keeps the
                # thread's database connections apart from those made before
                # it (asgiref's Local under a running event loop): close them
                # while they can still be reached, or they outlive the session
                # and hold the test database open when it is dropped.
                connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_context_factory(_browser, live_server, transactional_db):
    """Make isolated browser contexts (separate cookies: separate people)."""
    contexts = []

    def make(locale="nl-NL"):
        context = _browser.new_context(
            base_url=live_server.url,
            locale=locale,
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


class Dialogs(list):
    """Every JavaScript dialog (alert, confirm, prompt) a page opened."""


@pytest.fixture
def new_page(browser_context_factory):
    """``new_page()`` opens a page in a fresh context; its ``dialogs`` records
    (and dismisses) any dialog, so a test can assert none fired."""

    def make(locale="nl-NL"):
        page = browser_context_factory(locale).new_page()
        page.dialogs = Dialogs()

        def on_dialog(dialog):
            page.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    return make


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def login_as():
    """``login_as(page, user, prefix="")`` logs in through the login form."""

    def login(page, user, *, prefix="", password=TEST_PASSWORD):
        page.goto(f"{prefix}/account/login/")
        page.locator("input[name=username]").fill(user.get_username())
        page.locator("input[name=password]").fill(password)
        page.locator("form.login-form button[type=submit]").click()
        page.wait_for_load_state()
        return page

    return login


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "step")`` saves test-artifacts/<test>-<step>.png."""

    def save(page, step="final"):
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{request.node.name}-{step}")
        path = ARTIFACTS_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
