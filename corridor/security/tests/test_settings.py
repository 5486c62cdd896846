"""Production settings pass Django's own deployment checks, and refuse to start
without a real secret."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="corridor.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "secret", ["", "short-key", "dev-only-insecure-key-change-me-in-production"]
)
def test_production_refuses_a_missing_or_weak_secret_key(secret):
    result = manage("check", DEBUG="0", SECRET_KEY=secret, ALLOWED_HOSTS="corridor.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_malformed_boolean_is_refused_at_start():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_no_secret_in_the_repository():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert ".env" not in tracked
    example = (ROOT / ".env.example").read_text()
    assert "SECRET_KEY=\n" in example


def production(**env):
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "corridor.example.org",
        **env,
    }


def setting_values(names, **env):
    code = "from django.conf import settings; " + "; ".join(
        f"print('=', repr(settings.{name}))" for name in names
    )
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return [line[2:] for line in result.stdout.splitlines() if line.startswith("= ")]


def test_the_language_cookie_is_secure_in_production():
    names = ["LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_SAMESITE", "LANGUAGE_COOKIE_HTTPONLY"]
    assert setting_values(names, **production()) == ["True", "'Lax'", "True"]
    # On a laptop over plain http the cookie must still be sent back.
    assert setting_values(names, DEBUG="1")[0] == "False"


def test_trusted_proxies_default_to_none_so_headers_are_ignored():
    assert setting_values(["TRUSTED_PROXY_COUNT"], DEBUG="1") == ["0"]
    assert setting_values(
        ["TRUSTED_PROXY_COUNT", "CLIENT_IP_HEADER"], DEBUG="1", TRUSTED_PROXY_COUNT="1"
    ) == ["1", "'X-Forwarded-For'"]


@pytest.mark.parametrize("value", ["one", "-1", "1.5", "99"])
def test_a_malformed_trusted_proxy_count_is_refused_at_start(value):
    result = manage("check", DEBUG="1", TRUSTED_PROXY_COUNT=value)
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be a whole number" in result.stderr


def test_a_client_ip_header_without_trusted_proxies_is_refused_at_start():
    """The header would be ignored: say so, rather than count every client as the proxy."""
    result = manage("check", DEBUG="1", CLIENT_IP_HEADER="X-Forwarded-For")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr
