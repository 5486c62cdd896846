"""What an intervention asks of the Rijk and the EU, and its agenda in English:
both versioned like the agenda, edited by the Board, in the API."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from interventions import services
from interventions.models import Addressee
from interventions.models import parse_asks

ASKS = "Rijk: Cofinanciering testomgeving\nEU: Erkenning als pilotlijn\n- Rijk en EU: Data\nLos"


def test_asks_are_read_per_addressee():
    assert parse_asks(ASKS) == [
        (Addressee.RIJK, "Cofinanciering testomgeving"),
        (Addressee.EU, "Erkenning als pilotlijn"),
        (Addressee.BOTH, "Data"),
        (Addressee.BOTH, "Los"),
    ]
    assert parse_asks("") == []


@pytest.mark.django_db
def test_board_edits_asks_as_a_new_version(client, board, intervention):
    client.force_login(board)
    url = reverse("interventions:asks-edit", args=[intervention.slug])
    form = client.get(url).context["form"]
    response = client.post(
        url, {"asks": ASKS, "reason": "Vragen", "version": form["version"].value()}
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.asks == ASKS.replace("\n", "\r\n") or intervention.asks == ASKS
    latest = intervention.history.first()
    assert latest.history_change_reason == "Vragen" and latest.history_user == board
    assert "Cofinanciering" in latest.asks
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert "Erkenning als pilotlijn" in page and "Europese Unie" in page


@pytest.mark.django_db
def test_partner_cannot_edit_asks(client, partner_a, intervention):
    client.force_login(partner_a)
    url = reverse("interventions:asks-edit", args=[intervention.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"asks": "Rijk: nee"}).status_code == 403
    intervention.refresh_from_db()
    assert intervention.asks == ""


@pytest.mark.django_db
def test_asks_conflict_answers_409_and_keeps_theirs(client, board, intervention):
    from corridor.accounts.tests.factories import board_user
    from corridor.versioning import version_of

    client.force_login(board)
    url = reverse("interventions:asks-edit", args=[intervention.slug])
    stale = version_of(intervention)
    services.update_asks(intervention=intervention, text="EU: hun vraag", actor=board_user())
    response = client.post(url, {"asks": "Rijk: mijn vraag", "version": stale})
    assert response.status_code == 409
    intervention.refresh_from_db()
    assert intervention.asks == "EU: hun vraag"


@pytest.mark.django_db
def test_english_agenda_is_saved_with_the_agenda_and_read_in_english(client, board, intervention):
    client.force_login(board)
    url = reverse("interventions:agenda-edit", args=[intervention.slug])
    form = client.get(url).context["form"]
    client.post(
        url,
        {
            "agenda": "Nederlandse agenda",
            "agenda_en": "English agenda",
            "version": form["version"].value(),
        },
    )
    intervention.refresh_from_db()
    assert intervention.agenda_en == "English agenda"
    with translation.override("en"):
        assert intervention.agenda_text == "English agenda"
    with translation.override("nl"):
        assert intervention.agenda_text == "Nederlandse agenda"
    with translation.override("en"):
        english_url = intervention.get_absolute_url()
    english = client.get(english_url).content.decode()
    assert "English agenda" in english and "Nederlandse agenda" not in english
    # Restoring an older version restores both texts.
    first = intervention.history.order_by("history_date").first()
    services.restore_agenda(intervention=intervention, history_id=first.history_id, actor=board)
    intervention.refresh_from_db()
    assert intervention.agenda_en == first.agenda_en


@pytest.mark.django_db
def test_api_reads_and_board_writes_asks(client, board, intervention):
    url = f"/api/v1/interventions/{intervention.slug}/"
    assert client.get(url).json()["asks"] == ""
    client.force_login(board)
    etag = client.get(url)["ETag"]
    response = client.patch(
        url,
        json.dumps({"asks": "EU: Erkenning", "agenda_en": "In English"}),
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content
    assert response.json()["asks"] == "EU: Erkenning"
    intervention.refresh_from_db()
    assert intervention.agenda_en == "In English"
    assert intervention.history.first().history_user == board
