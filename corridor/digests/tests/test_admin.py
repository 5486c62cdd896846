import datetime

import pytest
from django.urls import reverse

from corridor.digests import services
from corridor.digests.models import Notification
from corridor.digests.periods import period_starting
from usecases.tests.factories import UseCaseFactory

from .scenario import at
from .scenario import frozen
from .scenario import move

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, board):
    board.is_staff = True
    board.save()
    client.force_login(board)
    return client


def test_the_admin_shows_digests_deliveries_and_notifications(admin, board, partner_a, org_a):
    use_case = UseCaseFactory(title="Open data", organisation=org_a, submitted_by=partner_a)
    move(use_case, "submitted", partner_a)
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=period_starting("weekly", datetime.date(2026, 3, 2)))
        services.create_deliveries(digest=digest)
    for name in ("digest", "delivery", "notification"):
        response = admin.get(reverse(f"admin:digests_{name}_changelist"))
        assert response.status_code == 200, name
    response = admin.get(reverse("admin:digests_digest_change", args=[digest.pk]))
    assert response.status_code == 200
    assert board.email in response.content.decode()
    # The move's notification to the organisation, and the Board's notice of the submission.
    for notification in Notification.objects.all():
        response = admin.get(reverse("admin:digests_notification_change", args=[notification.pk]))
        assert response.status_code == 200
    assert Notification.objects.filter(notice__kind="submitted", recipient=board).count() == 1


def test_the_admin_retry_action_queues_failed_notifications_again(admin, partner_a, org_a):
    use_case = UseCaseFactory(title="Open data", organisation=org_a, submitted_by=partner_a)
    move(use_case, "submitted", partner_a)
    Notification.objects.update(status="failed", attempts=6, last_error="SMTPServerDisconnected")
    response = admin.post(
        reverse("admin:digests_notification_changelist"),
        {
            "action": "retry",
            "_selected_action": list(Notification.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302
    assert set(Notification.objects.values_list("status", "attempts")) == {("pending", 0)}
