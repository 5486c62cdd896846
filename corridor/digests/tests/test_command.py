import pytest
from django.core.management import CommandError
from django.core.management import call_command

from corridor.digests.models import Delivery
from corridor.digests.models import Digest
from usecases.tests.factories import UseCaseFactory

from .scenario import at
from .scenario import frozen
from .scenario import move

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(partner_a, org_a, intervention):
    use_case = UseCaseFactory(
        title="Slimme netten", organisation=org_a, submitted_by=partner_a, intervention=intervention
    )
    with frozen(at(2026, 3, 4)):
        move(use_case, "submitted", partner_a)
    return use_case


def test_dry_run_prints_the_text_and_stores_and_sends_nothing(submitted, board, capsys, mailoutbox):
    mailoutbox.clear()
    call_command("send_digest", "--period-start", "2026-03-02", "--dry-run")
    out = capsys.readouterr().out
    assert "Slimme netten" in out
    assert Digest.objects.count() == 0
    assert mailoutbox == []


def test_the_command_builds_and_sends_without_a_worker(submitted, board, mailoutbox):
    mailoutbox.clear()
    call_command("send_digest", "--frequency", "weekly", "--period-start", "2026-03-02")
    digest = Digest.objects.get()
    assert digest.period_start == at(2026, 3, 2, 0)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([board.email, "partner-a@example.org"])
    # Again: the stored digest, nothing sent twice.
    call_command("send_digest", "--period-start", "2026-03-02")
    assert Digest.objects.count() == 1
    assert len(mailoutbox) == 2
    with pytest.raises(CommandError):
        call_command("send_digest", "--period-start", "2026-03-02", "--force")


def test_the_last_complete_period_is_the_default(intervention):
    with frozen(at(2026, 3, 11, 9)):
        call_command("send_digest", "--frequency", "daily")
    digest = Digest.objects.get()
    assert (digest.frequency, digest.period_start) == ("daily", at(2026, 3, 10, 0))
    assert Delivery.objects.count() == 0


@pytest.mark.parametrize(
    "arguments",
    [
        ["--period-start", "2026-13-01"],
        ["--period-start", "gisteren"],
        ["--period-start", "2026-03-03"],  # a Tuesday: weekly periods start on Monday
    ],
)
def test_bad_input_gets_a_clear_error(arguments, intervention):
    with pytest.raises(CommandError) as error:
        call_command("send_digest", *arguments)
    assert str(error.value)
    assert Digest.objects.count() == 0


def test_force_rebuilds_an_unsent_digest(submitted):
    call_command("send_digest", "--period-start", "2026-03-02", "--dry-run")
    with frozen(at(2026, 3, 9, 7)):
        call_command("send_digest", "--period-start", "2026-03-02")
    generated = Digest.objects.get().generated_at
    Delivery.objects.all().delete()
    Digest.objects.update(sent_at=None)
    with frozen(at(2026, 3, 9, 8)):
        call_command("send_digest", "--period-start", "2026-03-02", "--force")
    assert Digest.objects.get().generated_at > generated
    assert Digest.objects.count() == 1
