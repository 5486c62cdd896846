"""Fixtures shared by every app's tests: the five kinds of visitor.

Like Healthchecks' alice/bob/charlie, every test can check access as: the
Board, a reviewer, a partner of organisation A, a partner of organisation B,
and anonymous.
"""

import pytest

pytest_plugins = ["corridor.testing.browser"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Dutch): a request under /en/
    leaves English active in the thread, which would leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english():
    """Messages in English, for tests that read them (Dutch is the default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _no_login_lockout(settings):
    """django-axes needs a request to authenticate, which ``client.login`` has not;
    the lockout tests switch it back on."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _kept_results_follow_each_write(request, settings):
    """A test's transaction never commits, so the data version moves at each
    writing statement instead (``corridor.caching.tracking``); and a kept
    computation that reads an untracked table fails the test."""
    settings.CACHING_STRICT = True
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    uses_db = marker is not None or "db" in request.fixturenames
    if not uses_db or transactional or "transactional_db" in request.fixturenames:
        return
    request.getfixturevalue("db")
    from django.db import connection

    if connection.vendor == "postgresql":
        from corridor.caching.tracking import move_at_each_statement

        move_at_each_statement()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters and kept results live in the (local memory) cache:
    each test starts without them."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def region_mra(db):
    from coalitions.tests.factories import mra

    return mra()


@pytest.fixture
def region_brainport(db):
    from coalitions.tests.factories import brainport

    return brainport()


@pytest.fixture
def org_a(region_mra):
    from coalitions.tests.factories import OrganisationFactory

    return OrganisationFactory(
        name="Gemeente Almere", slug="gemeente-almere", kind="municipality", region=region_mra
    )


@pytest.fixture
def org_b(region_brainport):
    from coalitions.tests.factories import OrganisationFactory

    return OrganisationFactory(
        name="Brainport Development",
        slug="brainport-development",
        kind="regional_development",
        region=region_brainport,
        city="Eindhoven",
        capabilities=["semicon", "photonics"],
    )


@pytest.fixture
def board(db):
    from corridor.accounts.tests.factories import board_user

    return board_user(username="board")


@pytest.fixture
def reviewer(db):
    from corridor.accounts.tests.factories import reviewer_user

    return reviewer_user(username="reviewer")


@pytest.fixture
def partner_a(org_a):
    from corridor.accounts.tests.factories import partner_user

    return partner_user(org_a, username="partner-a")


@pytest.fixture
def partner_b(org_b):
    from corridor.accounts.tests.factories import partner_user

    return partner_user(org_b, username="partner-b")


@pytest.fixture
def intervention(db):
    from interventions.tests.factories import InterventionFactory

    return InterventionFactory(number=1, slug="ai-semicon", title_nl="AI voor semicon en HTSM")
