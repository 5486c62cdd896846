import datetime
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from corridor.accounts.models import ApiToken
from corridor.accounts.tokens import create_token
from corridor.accounts.tokens import digest_of
from corridor.accounts.tokens import revoke_token
from corridor.accounts.tokens import user_for_token


def test_create_token_stores_only_a_digest_and_expires_in_90_days(partner_a):
    token, plaintext = create_token(partner_a)
    assert plaintext.startswith("ctp_")
    assert token.digest == digest_of(plaintext)
    stored = ApiToken.objects.get(pk=token.pk)
    assert plaintext not in {stored.digest, stored.prefix, stored.name}
    assert plaintext.startswith(stored.prefix)
    assert abs(
        stored.expires - (timezone.now() + datetime.timedelta(days=90))
    ) < datetime.timedelta(minutes=1)


def test_user_for_token_finds_the_user_and_records_last_use(partner_a):
    token, plaintext = create_token(partner_a, expires_days=7)
    assert user_for_token(plaintext) == partner_a
    token.refresh_from_db()
    assert token.last_used is not None


def test_expired_token_no_longer_authenticates(partner_a):
    _token, plaintext = create_token(partner_a, expires_days=1)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert user_for_token(plaintext) is None


def test_revoked_token_no_longer_authenticates(partner_a):
    token, plaintext = create_token(partner_a)
    revoke_token(token, actor=partner_a)
    assert user_for_token(plaintext) is None
    assert ApiToken.objects.get(pk=token.pk).revoked is not None


def test_a_token_in_use_is_refused_from_the_moment_it_is_revoked(partner_a):
    token, plaintext = create_token(partner_a)
    assert user_for_token(plaintext) == partner_a  # looked up once, then kept
    assert user_for_token(plaintext) == partner_a
    revoke_token(token, actor=partner_a)
    assert user_for_token(plaintext) is None


def test_a_token_in_use_carries_its_users_roles_and_state_as_they_are_now(partner_a):
    from corridor.accounts import roles

    _token, plaintext = create_token(partner_a)
    assert user_for_token(plaintext).is_partner
    partner_a.groups.remove(roles.group(roles.PARTNER))
    assert not user_for_token(plaintext).is_partner
    partner_a.is_active = False
    partner_a.save()
    assert user_for_token(plaintext) is None


def test_unknown_tokens_leave_nothing_in_the_cache(db):
    from django.core.cache import cache

    before = len(cache._cache)
    for n in range(50):
        assert user_for_token(f"ctp_{n:043d}") is None
    assert len(cache._cache) == before


def test_token_of_inactive_user_does_not_authenticate(partner_a):
    _token, plaintext = create_token(partner_a)
    partner_a.is_active = False
    partner_a.save()
    assert user_for_token(plaintext) is None


def test_only_owner_or_board_may_revoke(partner_a, partner_b, board):
    token, _plaintext = create_token(partner_a)
    with pytest.raises(PermissionDenied):
        revoke_token(token, actor=partner_b)
    revoke_token(token, actor=board)
    assert not ApiToken.objects.get(pk=token.pk).is_active


@pytest.mark.parametrize("days", [0, -1, 10_000])
def test_expiry_out_of_range_is_refused(partner_a, days):
    with pytest.raises(ValidationError):
        create_token(partner_a, expires_days=days)


def test_garbage_and_unknown_tokens_are_ignored(partner_a):
    create_token(partner_a)
    for candidate in ("", "ctp_", "ctp_nope", "x" * 500, "ctp_\x00\udcff"):
        assert user_for_token(candidate) is None


def test_corridor_token_command_prints_a_working_token(partner_a):
    out = io.StringIO()
    call_command(
        "corridor_token", "partner-a", "--expires-days", "5", stdout=out, stderr=io.StringIO()
    )
    plaintext = out.getvalue().strip()
    assert user_for_token(plaintext) == partner_a
    token = ApiToken.objects.get(digest=digest_of(plaintext))
    assert token.expires - timezone.now() < datetime.timedelta(days=5, minutes=1)


def test_corridor_token_command_refuses_unknown_user(db):
    with pytest.raises(CommandError):
        call_command("corridor_token", "nobody", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize(
    ("who", "is_board", "is_reviewer", "is_partner"),
    [
        ("board", True, False, False),
        ("reviewer", False, True, False),
        ("partner_a", False, False, True),
    ],
)
def test_a_token_its_user_and_the_users_roles_cost_one_query(
    who, is_board, is_reviewer, is_partner, request, django_assert_num_queries
):
    owner = request.getfixturevalue(who)
    _token, plaintext = create_token(owner)
    user_for_token(plaintext)  # the first use is recorded
    with django_assert_num_queries(1):
        user = user_for_token(plaintext)
        assert (user.is_board, user.is_reviewer, user.is_partner) == (
            is_board,
            is_reviewer,
            is_partner,
        )
        assert user.organisation == owner.organisation
    assert user.role_names == type(owner).objects.get(pk=owner.pk).role_names
    assert fields_of(user) == fields_of(type(owner).objects.get(pk=owner.pk))
    if owner.organisation is not None:
        stored = type(owner.organisation).objects.get(pk=owner.organisation_id)
        assert fields_of(user.organisation) == fields_of(stored)
        assert user.organisation.capabilities == stored.capabilities != []
    token = ApiToken.objects.get(pk=user._api_token.pk)
    assert fields_of(user._api_token) == fields_of(token)


def fields_of(instance) -> dict:
    return {
        field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }


def test_a_superuser_without_roles_is_board_through_a_token(db, django_assert_num_queries):
    from corridor.accounts.tests.factories import UserFactory

    admin = UserFactory(username="admin", is_superuser=True)
    _token, plaintext = create_token(admin)
    user_for_token(plaintext)
    with django_assert_num_queries(1):
        user = user_for_token(plaintext)
        assert user.is_board
        assert not (user.is_reviewer or user.is_partner)


def test_a_user_with_several_roles_and_another_group_has_just_those_roles(
    org_a, django_assert_num_queries
):
    from django.contrib.auth.models import Group

    from corridor.accounts.tests.factories import UserFactory

    owner = UserFactory(username="both", roles=["reviewer", "partner"], organisation=org_a)
    owner.groups.add(Group.objects.create(name="redactie"))
    _token, plaintext = create_token(owner)
    user_for_token(plaintext)
    with django_assert_num_queries(1):
        user = user_for_token(plaintext)
        assert user.role_names == {"reviewer", "partner"}
        assert (user.is_board, user.is_reviewer, user.is_partner) == (False, True, True)
