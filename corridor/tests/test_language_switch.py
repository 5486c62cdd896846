"""The language switcher takes the visitor to the same page in the chosen
language, whichever language the page it was sent from is in, and whatever the
language cookie said before."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation


def _detail(language: str) -> str:
    with translation.override(language):
        return reverse("interventions:intervention-detail", kwargs={"slug": "ai-semicon"})


SWITCHES = [("en", "nl"), ("nl", "en"), ("nl", "nl"), ("en", "en")]


@pytest.mark.parametrize("cookie", [None, "nl", "en"])
@pytest.mark.parametrize(("source", "target"), SWITCHES)
def test_switching_language_lands_on_the_same_page_in_that_language(client, cookie, source, target):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.post(
        reverse("set_language"), {"language": target, "next": _detail(source) + "?page=2"}
    )
    assert response.status_code == 302
    assert response["Location"] == _detail(target) + "?page=2"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == target


def test_a_next_outside_the_site_is_not_followed(client):
    response = client.post(
        reverse("set_language"), {"language": "nl", "next": "https://evil.example/en/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
