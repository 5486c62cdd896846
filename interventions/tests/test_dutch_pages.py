"""What the intervention pages write in Dutch: every word translated, dates as
the locale writes them."""

import datetime

import pytest
from django.utils import timezone
from django.utils import translation

from interventions import services

from .factories import ActionLineFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "late"), [("nl", "(100 dagen te laat)"), ("en", "(100 days late)")]
)
def test_an_action_lines_delay_is_written_in_the_pages_language(
    client, intervention, language, late
):
    ActionLineFactory(
        intervention=intervention,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        baseline_start=datetime.date(2026, 1, 1),
        baseline_end=datetime.date(2026, 12, 31) - datetime.timedelta(days=100),
    )
    with translation.override(language):
        url = intervention.get_absolute_url()
    assert late in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_restored_agenda_names_the_version_by_its_local_date(intervention, board):
    first = intervention.history.get()
    services.update_agenda(intervention=intervention, text="weg ermee", actor=board)
    services.restore_agenda(intervention=intervention, history_id=first.history_id, actor=board)
    reason = intervention.history.first().history_change_reason
    moment = timezone.localtime(first.history_date)
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
    months += ["september", "oktober", "november", "december"]
    when = f"{moment.day} {months[moment.month - 1]} {moment.year} {moment:%H:%M}"
    assert reason == f"Versie van {when} teruggezet"
