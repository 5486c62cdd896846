"""``corridor.keeping``: a result is computed once, then read, until one of
the tables it is read from gains a row."""

import pytest

from corridor.keeping import kept
from interventions.models import Intervention
from interventions.tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db


def test_kept_until_a_source_changes_and_apart_per_variant(django_assert_num_queries):
    calls = []

    def compute():
        calls.append(1)
        return Intervention.objects.count()

    sources = (Intervention.history.model,)
    assert kept("test-keeping", sources, compute, vary=("nl",)) == 0
    with django_assert_num_queries(1):  # the signature only
        assert kept("test-keeping", sources, compute, vary=("nl",)) == 0
    assert kept("test-keeping", sources, compute, vary=("en",)) == 0
    assert len(calls) == 2

    InterventionFactory()  # a save records a history row
    assert kept("test-keeping", sources, compute, vary=("nl",)) == 1
    assert len(calls) == 3


def test_kept_for_the_public_and_the_board_apart_and_computed_for_anyone_else(board, partner_a):
    from django.contrib.auth.models import AnonymousUser

    from corridor.keeping import kept_for

    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    sources = (Intervention.history.model,)
    for reader in (AnonymousUser(), board):
        first = kept_for(reader, "test-audience", sources, compute)
        assert kept_for(reader, "test-audience", sources, compute) == first
    assert len(calls) == 2
    # A partner's view depends on who they are: computed every time.
    assert kept_for(partner_a, "test-audience", sources, compute) == 3
    assert kept_for(partner_a, "test-audience", sources, compute) == 4


@pytest.mark.django_db(transaction=True)
def test_a_write_committing_after_a_later_one_is_not_missed():
    """Keys are handed out at insert: a write that commits after a later write
    leaves the newest key as it was. What was read while it was open is not
    kept as the answer once it has committed."""
    import threading

    from django.db import connection
    from django.db import transaction

    written, commit = threading.Event(), threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                InterventionFactory()  # takes the lower history key
                written.set()
                commit.wait(10)
        finally:
            connection.close()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    try:
        assert written.wait(10)
        InterventionFactory()  # the higher key, committed first
        sources = (Intervention.history.model,)
        assert kept("test-in-progress", sources, Intervention.objects.count) == 1
    finally:
        commit.set()
        writer.join(10)
    assert kept("test-in-progress", sources, Intervention.objects.count) == 2
