"""With JavaScript, withdrawing asks in a dialog: cancel keeps the use case,
confirm withdraws it (in the system Chromium)."""

import pytest

from usecases.models import UseCase
from usecases.models import UseCaseStatus as S
from usecases.tests.factories import UseCaseFactory

pytestmark = pytest.mark.browser


def test_withdraw_asks_in_a_dialog(new_page, login_as, partner_a, intervention):
    draft = UseCaseFactory(
        intervention=intervention, organisation=partner_a.organisation, submitted_by=partner_a
    )
    page = login_as(new_page(), partner_a)
    page.goto(draft.get_absolute_url())
    withdraw = page.locator("button[name=to][value=withdrawn]")
    withdraw.click()
    dialog = page.locator("dialog.confirm-dialog")
    assert dialog.is_visible()
    assert "terugtrekken?" in dialog.inner_text()
    dialog.get_by_role("button", name="Annuleren").click()
    dialog.wait_for(state="detached")
    assert UseCase.objects.get().status == S.DRAFT
    withdraw.click()
    page.locator("dialog.confirm-dialog").get_by_role(
        "button", name="Use case terugtrekken"
    ).click()
    page.wait_for_url(draft.get_absolute_url())
    page.wait_for_load_state()
    assert UseCase.objects.get().status == S.WITHDRAWN
    assert page.dialogs == [] and page.errors == []
