"""Account pages: logging in and out, passwords, the profile and personal API tokens."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from corridor.accounts.models import ApiToken
from corridor.accounts.tokens import create_token
from corridor.accounts.tokens import user_for_token

PASSWORD = "corridor-test-pw"


def test_login_with_the_form_lands_on_the_home_page_in_the_users_language(client, partner_a):
    partner_a.language = "en"
    partner_a.save()
    response = client.post(reverse("login"), {"username": partner_a.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_login_follows_next_when_given(client, partner_a):
    response = client.post(
        reverse("login"),
        {"username": partner_a.username, "password": PASSWORD, "next": "/use-cases/"},
    )
    assert response["Location"] == "/use-cases/"


def test_login_refuses_an_external_next(client, partner_a):
    response = client.post(
        reverse("login"),
        {"username": partner_a.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert "evil" not in response["Location"]


def test_a_wrong_password_shows_an_error_not_a_server_error(client, partner_a):
    response = client.post(reverse("login"), {"username": partner_a.username, "password": "x"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_logout_is_a_post(client, partner_a):
    client.force_login(partner_a)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change(client, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "een-Lang-nieuw-wachtwoord-42",
            "new_password2": "een-Lang-nieuw-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    partner_a.refresh_from_db()
    assert partner_a.check_password("een-Lang-nieuw-wachtwoord-42")


def test_password_reset_by_email(client, partner_a):
    response = client.post(reverse("password_reset"), {"email": partner_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [partner_a.email]
    link = re.search(r"https?://[^/]+(/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "nog-een-Lang-wachtwoord-7",
            "new_password2": "nog-een-Lang-wachtwoord-7",
        },
    )
    assert done.status_code == 302
    partner_a.refresh_from_db()
    assert partner_a.check_password("nog-een-Lang-wachtwoord-7")


def test_password_reset_does_not_tell_whether_an_address_exists(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_profile_saves_language_and_digest_frequency_and_switches_the_language(client, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Anne",
            "last_name": "de Vries",
            "email": "anne@example.org",
            "language": "en",
            "digest_frequency": "daily",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/account/profile/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    partner_a.refresh_from_db()
    assert (partner_a.language, partner_a.digest_frequency) == ("en", "daily")
    page = client.get(response["Location"])
    assert page.context["LANGUAGE_CODE"] == "en"


@pytest.mark.parametrize(
    "bad",
    [{"language": "fr"}, {"digest_frequency": "hourly"}, {"email": "geen-adres"}],
)
def test_profile_refuses_bad_values_with_field_errors(client, partner_a, bad):
    client.force_login(partner_a)
    data = {"language": "nl", "digest_frequency": "weekly", "email": "a@example.org", **bad}
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 200
    assert set(bad) <= set(response.context["form"].errors)


def test_a_new_token_is_shown_once_and_works(client, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("accounts:token-create"), {"name": "dashboard", "expires_days": "30"}
    )
    assert response.status_code == 200
    plaintext = response.context["created"]["plaintext"]
    assert plaintext.encode() in response.content
    assert "no-store" in response["Cache-Control"]
    assert user_for_token(plaintext) == partner_a
    token = ApiToken.objects.get(user=partner_a)
    assert token.name == "dashboard"
    assert plaintext not in (token.digest, token.prefix)
    # Not on the profile page afterwards.
    assert plaintext.encode() not in client.get(reverse("accounts:profile")).content


@pytest.mark.parametrize("days", ["0", "5000", "abc", ""])
def test_token_validity_out_of_range_is_a_form_error(client, partner_a, days):
    client.force_login(partner_a)
    response = client.post(reverse("accounts:token-create"), {"expires_days": days})
    assert response.status_code == 400
    assert response.context["token_form"].errors["expires_days"]
    assert not ApiToken.objects.exists()


def test_revoking_a_token_stops_it(client, partner_a):
    token, plaintext = create_token(partner_a)
    client.force_login(partner_a)
    response = client.post(reverse("accounts:token-revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    assert user_for_token(plaintext) is None


def test_nobody_revokes_another_users_token_through_the_page(client, partner_a, board):
    token, plaintext = create_token(partner_a)
    client.force_login(board)
    assert client.post(reverse("accounts:token-revoke", kwargs={"pk": token.pk})).status_code == 404
    assert user_for_token(plaintext) == partner_a


def test_profile_lists_only_the_users_own_tokens(client, partner_a, partner_b):
    create_token(partner_a, name="mijn token")
    create_token(partner_b, name="token van b")
    client.force_login(partner_a)
    response = client.get(reverse("accounts:profile"))
    assert b"mijn token" in response.content
    assert b"token van b" not in response.content


def test_password_reset_mails_one_address_only_a_few_times_an_hour(client, partner_a, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.THROTTLE_RATES, "password_reset": "3/hour"},
    }
    url = reverse("password_reset")
    answers = [client.post(url, {"email": partner_a.email}) for _ in range(12)]
    # The page answers every time exactly as it does for an unknown address ...
    assert {(r.status_code, r["Location"]) for r in answers} == {
        (302, reverse("password_reset_done"))
    }
    # ... but the address gets three emails, not twelve.
    assert len(mail.outbox) == 3
    # The address is counted however it is written, and from any client address.
    client.post(url, {"email": partner_a.email.upper()}, REMOTE_ADDR="198.51.100.7")
    assert len(mail.outbox) == 3


def test_password_reset_limits_each_address_on_its_own(client, partner_a, partner_b, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.THROTTLE_RATES, "password_reset": "1/hour"},
    }
    url = reverse("password_reset")
    for _ in range(3):
        client.post(url, {"email": partner_a.email})
        client.post(url, {"email": partner_b.email})
    assert sorted(m.to[0] for m in mail.outbox) == sorted([partner_a.email, partner_b.email])


def test_password_reset_has_a_default_limit_per_address(client, partner_a):
    url = reverse("password_reset")
    for _ in range(12):
        assert client.post(url, {"email": partner_a.email}).status_code == 302
    assert 1 <= len(mail.outbox) <= 5


@pytest.mark.parametrize(
    ("prefix", "sentence"),
    [
        ("", "Stuur het mee als “Authorization: Bearer &lt;token&gt;”."),
        ("/en", "Send it as “Authorization: Bearer &lt;token&gt;”."),
    ],
)
def test_profile_shows_the_token_header_with_its_placeholder(client, partner_a, prefix, sentence):
    client.force_login(partner_a)
    html = client.get(f"{prefix}/account/profile/" if prefix else reverse("accounts:profile"))
    assert sentence in html.content.decode()
