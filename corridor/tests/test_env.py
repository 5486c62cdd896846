"""The settings' readers of the environment parse strictly and say what they refused."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from corridor import env


def test_postgres_prepares_hot_statements_and_skips_jit_unless_asked(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://corridor@db:5432/corridor")
    database = env.env_database(
        "DATABASE_URL", "sqlite:///x", conn_max_age=60, prepare_threshold=5, jit=False
    )
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"]
    assert database["OPTIONS"] == {
        "server_side_binding": True,
        "prepare_threshold": 5,
        "options": "-c jit=off",
    }
    database = env.env_database(
        "DATABASE_URL", "sqlite:///x", conn_max_age=0, prepare_threshold=0, jit=True
    )
    assert database["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": None}


def test_sqlite_gets_no_postgres_options(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    database = env.env_database(
        "DATABASE_URL", "sqlite:///demo.sqlite3", conn_max_age=60, prepare_threshold=5, jit=False
    )
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert "OPTIONS" not in database or "prepare_threshold" not in database["OPTIONS"]


def test_the_proxy_ssl_header_is_named_as_the_proxy_sends_it(monkeypatch):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    assert env.env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER", "") == (
        "HTTP_X_FORWARDED_PROTO",
        "https",
    )
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "")
    assert env.env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER", "") is None


@pytest.mark.parametrize("raw", ["1 ", "fast", "1/fortnight", "-3/hour"])
def test_a_malformed_rate_is_refused_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("THROTTLE_USER_RATE", raw)
    with pytest.raises(ImproperlyConfigured, match="THROTTLE_USER_RATE"):
        env.env_rate("THROTTLE_USER_RATE", "3000/hour")


def test_a_client_ip_header_must_be_a_header_name(monkeypatch):
    monkeypatch.setenv("CLIENT_IP_HEADER", "X-Real-IP; drop")
    with pytest.raises(ImproperlyConfigured, match="header name"):
        env.env_client_ip_header("CLIENT_IP_HEADER", "X-Forwarded-For", trusted_proxies=1)
    monkeypatch.setenv("CLIENT_IP_HEADER", "X-Real-IP")
    assert env.env_client_ip_header("CLIENT_IP_HEADER", "X-Forwarded-For", trusted_proxies=1) == (
        "X-Real-IP"
    )
