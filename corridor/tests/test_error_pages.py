"""The portal's own 403, 404, 500 and CSRF-failure pages.

Each is a page in the portal's layout (header and main navigation), in the
visitor's language (Dutch by default, English under /en/), with a way back:
home, and for an anonymous visitor a sign-in link. Under /api/ the same
failures answer JSON ``{"detail": ...}``.
"""

import pytest
from django.test import Client
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from corridor import errors

FAILING_URLS = "corridor.tests.error_urls"

DUTCH = {
    "403": "Geen toegang",
    "404": "Pagina niet gevonden",
    "500": "Er ging iets mis",
    "csrf": "Formulier niet aangenomen",
    "home": "Naar de voorpagina",
    "login": "Log in en probeer het opnieuw",
}
ENGLISH = {
    "403": "No access",
    "404": "Page not found",
    "500": "Something went wrong",
    "csrf": "Form not accepted",
    "home": "Go to the home page",
    "login": "Log in and try again",
}
LANGUAGES = [("", DUTCH), ("/en", ENGLISH)]


def _client(user=None, **kwargs) -> Client:
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def _assert_page(response, *, status, title, words, prefix, anonymous):
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<header class="site-header">' in html
    assert '<nav class="site-nav"' in html
    assert f'<html lang="{"en" if prefix else "nl"}">' in html
    assert f"<h1>{title}</h1>" in html
    assert f'href="{prefix}/">{words["home"]}</a>' in html
    if anonymous:
        assert f'href="{prefix}/account/login/?next=' in html
        assert words["login"] in html
    else:
        assert words["login"] not in html


@pytest.fixture(params=["anonymous", "partner"])
def visitor(request):
    return None if request.param == "anonymous" else request.getfixturevalue("partner_a")


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words"), LANGUAGES)
def test_a_missing_page_has_the_portals_404_page(visitor, prefix, words):
    response = _client(visitor).get(f"{prefix}/bestaat-niet/")
    _assert_page(
        response,
        status=404,
        title=words["404"],
        words=words,
        prefix=prefix,
        anonymous=visitor is None,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words"), LANGUAGES)
def test_a_partner_opening_the_agenda_editor_gets_the_portals_403_page(
    partner_a, intervention, prefix, words
):
    with translation.override("en" if prefix else "nl"):
        url = reverse("interventions:agenda-edit", kwargs={"slug": intervention.slug})
    response = _client(partner_a).get(url)
    _assert_page(
        response, status=403, title=words["403"], words=words, prefix=prefix, anonymous=False
    )


@pytest.mark.django_db
@pytest.mark.urls(FAILING_URLS)
@pytest.mark.parametrize(("prefix", "words"), LANGUAGES)
def test_a_refused_page_has_the_portals_403_page(visitor, prefix, words):
    response = _client(visitor).get(f"{prefix}/failing/403/")
    _assert_page(
        response,
        status=403,
        title=words["403"],
        words=words,
        prefix=prefix,
        anonymous=visitor is None,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words"), LANGUAGES)
def test_a_form_without_csrf_token_gets_the_portals_csrf_page(visitor, prefix, words):
    client = _client(visitor, enforce_csrf_checks=True)
    response = client.post(f"{prefix}/account/login/", {"username": "x", "password": "y"})
    _assert_page(
        response,
        status=403,
        title=words["csrf"],
        words=words,
        prefix=prefix,
        anonymous=visitor is None,
    )


@pytest.mark.django_db
@pytest.mark.urls(FAILING_URLS)
@pytest.mark.parametrize(("prefix", "words"), LANGUAGES)
def test_a_failing_page_has_the_portals_500_page(visitor, prefix, words):
    response = _client(visitor, raise_request_exception=False).get(f"{prefix}/failing/500/")
    html = response.content.decode()
    assert response.status_code == 500
    assert '<header class="site-header">' in html
    assert '<nav class="site-nav"' in html
    assert f'<html lang="{"en" if prefix else "nl"}">' in html
    assert f"<h1>{words['500']}</h1>" in html
    assert f'href="{prefix}/">{words["home"]}</a>' in html
    assert "a bug" not in html


@pytest.mark.parametrize(("language", "words"), [("nl", DUTCH), ("en", ENGLISH)])
def test_the_500_page_renders_without_database_or_session(language, words):
    """No ``db`` fixture: any query here fails the test."""
    request = RequestFactory().get("/failing/500/")
    with translation.override(language):
        response = errors.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert words["500"] in html
    assert 'href="/static/css/corridor.css"' in html


@pytest.mark.django_db
@pytest.mark.urls(FAILING_URLS)
@pytest.mark.parametrize(
    ("method", "path", "status", "detail"),
    [
        ("get", "/api/failing/403/", 403, "U hebt geen toestemming om deze actie uit te voeren."),
        ("get", "/api/failing/500/", 500, "Er ging aan onze kant iets mis."),
        ("get", "/api/v2/use-cases/", 404, "Niet gevonden."),
        ("get", "/api/v1/bestaat-niet/", 404, "Niet gevonden."),
        (
            "post",
            "/api/v1/bestaat-niet/",
            403,
            "Het verzoek is geweigerd: het CSRF-token ontbreekt of is verlopen.",
        ),
    ],
)
def test_api_paths_answer_json_for_every_failure(method, path, status, detail):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": detail}


@pytest.mark.django_db
def test_the_footer_links_to_the_api_documentation(client):
    response = client.get("/bestaat-niet/")
    assert 'href="/api/v1/docs/"' in response.content.decode()
