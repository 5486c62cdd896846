"""The API documentation pages carry no inline script and no foreign host, so
they work under the portal's Content-Security-Policy (the browser test in
``test_docs_browser.py`` renders them)."""

import re

import pytest

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
FOREIGN_URL = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""", re.IGNORECASE)


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_api_docs_pages_have_no_inline_script_and_no_foreign_asset(client, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert not INLINE_SCRIPT.search(html)
    assert not FOREIGN_URL.search(html)
    assert _policy(response)["script-src"] == "'self'"


def test_swagger_ui_start_up_script_is_a_file_of_its_own(client):
    response = client.get("/api/v1/docs/?script=")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in response.content


def test_only_redoc_may_make_its_search_worker_from_a_blob(client):
    assert _policy(client.get("/api/v1/redoc/"))["worker-src"] == "'self' blob:"
    assert "worker-src" not in _policy(client.get("/api/v1/docs/"))
    assert "worker-src" not in _policy(client.get("/"))
