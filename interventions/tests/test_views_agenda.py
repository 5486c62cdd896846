"""Editing the agenda: history, diff, restore, conflicts; Markdown and stored text kept inert."""

import pytest
from django.urls import reverse

from corridor.versioning import version_of
from interventions import services

from .factories import ActionLineFactory

XSS = (
    "<script>alert('x')</script>\n\n"
    '<img src="x" onerror="alert(1)">\n\n'
    "[click](javascript:alert(1))\n\n"
    '<a href="javascript:alert(2)">raw</a>'
)


def assert_inert(html: str):
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


@pytest.mark.django_db
def test_board_edits_agenda_and_finds_the_version_in_history(client, board, intervention):
    client.force_login(board)
    url = reverse("interventions:agenda-edit", args=[intervention.slug])
    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "agenda": "## Nieuw\n\nTweede versie.",
            "reason": "Bijgewerkt",
            "version": form["version"].value(),
        },
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert "Tweede versie" in intervention.agenda
    history = client.get(reverse("interventions:agenda-history", args=[intervention.slug]))
    html = history.content.decode()
    assert "Bijgewerkt" in html and str(board) in html
    assert intervention.history.count() == 2


@pytest.mark.django_db
def test_agenda_diff_shows_added_and_removed_lines(client, board, intervention):
    services.update_agenda(intervention=intervention, text="regel een\nregel drie", actor=board)
    old, new = intervention.history.order_by("history_date")[:2]
    client.force_login(board)
    response = client.get(
        reverse("interventions:agenda-diff", args=[intervention.slug]),
        {"old": old.history_id, "new": new.history_id},
    )
    html = response.content.decode()
    assert "<ins>regel een</ins>" in html
    assert "<del>Eerste versie.</del>" in html


@pytest.mark.django_db
def test_agenda_diff_with_bad_input_is_a_message_not_an_error(client, board, intervention):
    client.force_login(board)
    url = reverse("interventions:agenda-diff", args=[intervention.slug])
    assert client.get(url, {"old": "abc"}).status_code == 302
    assert client.get(url, {"old": 999999, "new": 999998}).status_code == 404


@pytest.mark.django_db
def test_restore_saves_the_old_text_as_a_new_version(client, board, intervention):
    first = intervention.history.get()
    services.update_agenda(intervention=intervention, text="weg ermee", actor=board)
    client.force_login(board)
    response = client.post(
        reverse("interventions:agenda-restore", args=[intervention.slug, first.history_id]),
        {"confirmed": "1"},
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.agenda == first.agenda
    assert intervention.history.count() == 3


@pytest.mark.django_db
def test_agenda_conflict_keeps_both_texts(client, board, intervention):
    from corridor.accounts.tests.factories import board_user

    client.force_login(board)
    url = reverse("interventions:agenda-edit", args=[intervention.slug])
    stale = version_of(intervention)
    services.update_agenda(intervention=intervention, text="Hun tekst", actor=board_user())
    response = client.post(url, {"agenda": "Mijn tekst", "version": stale})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Hun tekst" in html and "Mijn tekst" in html
    intervention.refresh_from_db()
    assert intervention.agenda == "Hun tekst"
    # Saving again, now carrying the current version, is a deliberate overwrite.
    again = client.post(
        url, {"agenda": "Mijn tekst", "version": response.context["form"]["version"].value()}
    )
    assert again.status_code == 302
    intervention.refresh_from_db()
    assert intervention.agenda == "Mijn tekst"


@pytest.mark.django_db
def test_markdown_preview_is_sanitised(client, partner_a):
    client.force_login(partner_a)
    response = client.post(reverse("portal:markdown-preview"), {"text": XSS + "\n\n**vet**"})
    html = response.content.decode()
    assert "<strong>vet</strong>" in html
    assert_inert(html)


@pytest.mark.django_db
def test_stored_script_payloads_are_inert_on_the_intervention_and_action_line(
    client, intervention, org_a
):
    intervention.agenda = XSS
    intervention.save()
    line = ActionLineFactory(
        intervention=intervention, title="<script>alert(3)</script>", description=XSS
    )
    for url in (
        f"/interventies/{intervention.slug}/",
        line.get_absolute_url(),
        reverse("portal:dashboard"),
    ):
        html = client.get(url).content.decode()
        assert_inert(html)
        assert "&lt;script&gt;alert(3)" in html
