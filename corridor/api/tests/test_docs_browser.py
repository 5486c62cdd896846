"""End to end, in the system Chromium: the API documentation renders under the
portal's strict Content-Security-Policy without reaching any other host.

An anonymous visitor opens Swagger UI and Redoc. Every request the page makes
is recorded and must go to the live server; the console must carry no error
(a refused script, image, font or worker is logged as one, and so is any
``securitypolicyviolation`` the page reports); and each page must show as many
operations as the schema has.
"""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

# Redoc's badge image, which no option removes (Redocly/redoc#2108): the policy
# refuses it before any request leaves, and that refusal is the one error allowed.
REDOC_BADGE = "https://cdn.redoc.ly/redoc/logo-mini.svg"
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _schema_operation_count(page) -> int:
    schema = page.request.get("/api/v1/schema/?format=json").json()
    paths = schema["paths"].values()
    return sum(1 for operations in paths for method in operations if method in HTTP_METHODS)


def _watch(page, live_server):
    """Record requests to other hosts, console errors and CSP violations."""
    own_host = urlsplit(live_server.url).netloc
    seen = {"foreign": [], "errors": [], "refused": []}

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != own_host:
            seen["foreign"].append(request.url)

    def on_console(message):
        if message.type == "error":
            seen["errors"].append(message.text)

    def on_failed(request):
        # Refused by the page's policy in the browser, before any connection.
        # Chromium names that failure "csp".
        if request.url in seen["foreign"] and request.failure == "csp":
            seen["foreign"].remove(request.url)
            seen["refused"].append(request.url)

    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("console", on_console)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) =>"
        " console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));"
    )
    return seen


def test_swagger_ui_shows_every_operation_without_leaving_the_host(page, live_server, screenshot):
    seen = _watch(page, live_server)
    expected = _schema_operation_count(page)
    assert expected > 20

    page.goto("/api/v1/docs/")
    page.locator(".opblock").first.wait_for()
    page.wait_for_load_state("networkidle")
    screenshot(page, "swagger")

    assert page.locator(".opblock").count() == expected
    assert seen["foreign"] == []
    assert seen["errors"] == []


def test_redoc_shows_every_operation_without_leaving_the_host(page, live_server, screenshot):
    seen = _watch(page, live_server)
    expected = _schema_operation_count(page)

    page.goto("/api/v1/redoc/")
    page.locator("[data-section-id^='operation/']").first.wait_for()
    page.wait_for_load_state("networkidle")
    screenshot(page, "redoc")

    assert page.locator("[data-section-id^='operation/']").count() == expected
    # The search runs in Redoc's worker, which this page's policy lets it make.
    page.locator("input.search-input").press_sequentially("milestone")
    page.locator("[data-role='search:results'] [data-item-id$='milestones_list']").wait_for()
    assert seen["foreign"] == []
    assert set(seen["refused"]) <= {REDOC_BADGE}
    assert [error for error in seen["errors"] if REDOC_BADGE not in error] == []
