"""The archive says when the next digest is due and lets the Board preview it
now; every item of a digest links to the page it is about."""

import datetime
import re

import pytest
from django.urls import reverse

from corridor.digests import services
from corridor.digests.models import Digest
from corridor.digests.periods import next_due
from corridor.digests.periods import period_starting
from usecases.tests.factories import UseCaseFactory

from .scenario import WEEK_START
from .scenario import at
from .scenario import build_week
from .scenario import frozen
from .scenario import move

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (at(2026, 12, 2, 12), at(2026, 12, 7, 7)),  # a Wednesday: next Monday 07:00
        (at(2026, 12, 7, 6), at(2026, 12, 7, 7)),  # Monday before the hour: today
        (at(2026, 12, 7, 8), at(2026, 12, 14, 7)),  # Monday after it: next week
    ],
)
def test_the_next_weekly_digest_is_due_at_the_digest_hour(now, due):
    assert next_due("weekly", now=now) == due


def test_the_empty_archive_says_when_the_first_digest_comes(client, board):
    client.force_login(board)
    with frozen(at(2026, 12, 2, 12)):
        html = client.get(reverse("digests:digest-list")).content.decode()
    assert "De volgende weekdigest verschijnt op 7 december 2026 07:00" in html
    assert "30 november 2026 – 6 december 2026" in html
    assert "De eerste wordt op 7 december 2026 07:00 gemaakt en verstuurd" in html
    assert f'href="{reverse("digests:digest-preview")}"' in html


def test_the_board_previews_the_week_so_far_and_nothing_is_stored(
    client, board, partner_a, intervention
):
    with frozen(at(2026, 12, 1, 10)):
        use_case = UseCaseFactory(
            title="Slimme dijken",
            organisation=partner_a.organisation,
            submitted_by=partner_a,
            intervention=intervention,
        )
        move(use_case, "submitted", partner_a)
    client.force_login(board)
    with frozen(at(2026, 12, 2, 12)):
        response = client.get(reverse("digests:digest-preview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="{use_case.get_absolute_url()}">Slimme dijken' in html
    assert not Digest.objects.exists()


def test_every_item_of_a_stored_digest_links_to_its_page(
    client, board, reviewer, partner_a, partner_b, org_a, org_b, intervention
):
    week = build_week(
        board=board,
        reviewer=reviewer,
        partner_a=partner_a,
        partner_b=partner_b,
        org_a=org_a,
        org_b=org_b,
        intervention=intervention,
    )
    with frozen(at(2026, 3, 30, 7)):
        digest = services.build_digest(period=period_starting("weekly", WEEK_START))
    client.force_login(board)
    html = client.get(digest.get_absolute_url()).content.decode()
    article = re.search(r'<article class="digest">.*</article>', html, re.S)[0]
    items = re.findall(r"<li>(.*?)</li>", article, re.S)
    assert items
    unlinked = [item for item in items if not item.strip().startswith("<a href=")]
    assert unlinked == []
    assert f'href="{week.selected.get_absolute_url()}"' in article
    assert f'href="{week.at_risk.get_absolute_url()}"' in article
    assert f'href="{week.formed.get_absolute_url()}"' in article
    milestone = week.completed
    assert f'href="{milestone.action_line.get_absolute_url()}#milestone-{milestone.pk}"' in article
    # The email of the same digest has no links into a site it cannot name.
    assert 'href="/' not in digest.html
    assert datetime.date.fromisoformat(digest.data["first_day"]) == WEEK_START


def test_the_preview_costs_a_bounded_number_of_queries(
    client, board, partner_a, intervention, django_assert_max_num_queries
):
    client.force_login(board)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("digests:digest-preview")).status_code == 200
