"""Withdrawing a use case and restoring an agenda version take a second,
confirming step: a page of its own without JavaScript, a dialog with it."""

import pytest
from django.urls import reverse

from interventions import services as intervention_services
from usecases.models import UseCaseStatus as S
from usecases.tests.factories import UseCaseFactory


@pytest.fixture
def draft(partner_a, intervention):
    return UseCaseFactory(
        intervention=intervention, organisation=partner_a.organisation, submitted_by=partner_a
    )


def test_withdrawing_asks_first_and_the_answer_carries_the_reason(client, partner_a, draft):
    client.force_login(partner_a)
    url = reverse("usecases:use-case-transition", args=[draft.pk])
    asked = client.post(url, {"to": "withdrawn", "reason": "Niet meer nodig"})
    assert asked.status_code == 200
    html = asked.content.decode()
    assert f"<h1>“{draft.title}” terugtrekken?</h1>" in html
    assert 'name="reason" value="Niet meer nodig"' in html
    assert 'name="confirmed" value="1"' in html
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    done = client.post(url, {"to": "withdrawn", "reason": "Niet meer nodig", "confirmed": "1"})
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.WITHDRAWN
    assert draft.status_changes.last().reason == "Niet meer nodig"


def test_submitting_needs_no_second_step(client, partner_a, draft):
    client.force_login(partner_a)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert 'value="withdrawn" class="button--secondary" data-confirm="' in html
    assert 'value="submitted" data-confirm' not in html


def test_restoring_a_version_asks_first(client, board, intervention):
    first = intervention.history.get()
    intervention_services.update_agenda(intervention=intervention, text="Nieuw", actor=board)
    client.force_login(board)
    url = reverse("interventions:agenda-restore", args=[intervention.slug, first.history_id])
    asked = client.post(url)
    assert asked.status_code == 200
    assert "Versie van" in asked.content.decode() or "versie van" in asked.content.decode()
    intervention.refresh_from_db()
    assert intervention.agenda == "Nieuw"
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    intervention.refresh_from_db()
    assert intervention.agenda == first.agenda
