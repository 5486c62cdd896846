"""Delivering to a real receiver on loopback, verified with ``standardwebhooks``."""

import datetime
import socket

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from corridor.webhooks import delivery as sending
from corridor.webhooks import services
from corridor.webhooks.models import Delivery
from corridor.webhooks.models import Endpoint
from corridor.webhooks.models import EventType
from interventions.tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db

S = Delivery.Status


def _milestone_done(board, actor=None):
    from interventions.services import complete_milestone

    milestone = MilestoneFactory()
    complete_milestone(milestone=milestone, actor=actor or board)
    return milestone


def _deliveries_of(endpoint):
    return list(Delivery.objects.filter(endpoint=endpoint).order_by("pk"))


def _fan_out_all():
    from corridor.webhooks.models import Event

    for event_id in Event.objects.filter(fanned_out_at__isnull=True).values_list("pk", flat=True):
        services.fan_out(event_id=event_id)


def test_a_delivery_is_signed_and_verifies(board, receiver):
    endpoint, secret = services.create_endpoint(
        actor=board, url=receiver.url, event_types=[EventType.MILESTONE_DONE]
    )
    milestone = _milestone_done(board)
    _fan_out_all()
    [item] = _deliveries_of(endpoint)
    assert sending.deliver(delivery_id=item.pk) == S.SUCCEEDED
    [got] = receiver.received
    payload = Webhook(secret).verify(got["body"], got["headers"])
    assert payload["type"] == "milestone.done"
    assert payload["data"]["object"]["id"] == milestone.pk
    assert got["headers"]["webhook-id"] == item.message_id
    [attempt] = item.log.all()
    assert (attempt.status_code, attempt.response_start) == (200, "thanks")
    assert attempt.duration_ms >= 0


def test_sending_leaves_kept_pages_alone(board, receiver):
    """Claims, attempts and outcomes are bookkeeping: a burst of deliveries
    must not empty every kept page at each step (``corridor.caching``)."""
    from corridor.caching.kept import data_version

    endpoint, _secret = services.create_endpoint(
        actor=board, url=receiver.url, event_types=[EventType.MILESTONE_DONE]
    )
    _milestone_done(board)
    _fan_out_all()
    [item] = _deliveries_of(endpoint)
    before = data_version()
    assert sending.deliver(delivery_id=item.pk) == S.SUCCEEDED
    assert data_version() == before


def test_receiver_down_is_retried_with_the_same_id_then_delivered(board, receiver):
    endpoint, secret = services.create_endpoint(
        actor=board, url=receiver.url, event_types=[EventType.MILESTONE_DONE]
    )
    _milestone_done(board)
    _fan_out_all()
    [item] = _deliveries_of(endpoint)
    receiver.answers = [503]
    assert sending.deliver(delivery_id=item.pk) == S.PENDING
    item.refresh_from_db()
    assert item.next_attempt_at > timezone.now()
    # Not due yet: nothing is sent.
    assert sending.deliver(delivery_id=item.pk) == "skipped"
    later = item.next_attempt_at + datetime.timedelta(seconds=1)
    assert sending.deliver(delivery_id=item.pk, now=later) == S.SUCCEEDED
    first, second = receiver.received
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"] == item.message_id
    Webhook(secret).verify(second["body"], second["headers"])
    assert [a.status_code for a in item.log.order_by("at", "id")] == [503, 200]


def test_nothing_listening_is_an_attempt_with_an_error_and_a_retry(board, loopback):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoint, _secret = services.create_endpoint(
        actor=board, url=f"http://127.0.0.1:{port}/", event_types=[EventType.MILESTONE_DONE]
    )
    _milestone_done(board)
    _fan_out_all()
    [item] = _deliveries_of(endpoint)
    assert sending.deliver(delivery_id=item.pk) == S.PENDING
    [attempt] = item.log.all()
    assert attempt.status_code is None and "Connection" in attempt.error


def test_an_interrupted_delivery_is_sent_again_by_the_sweep(board, receiver, settings):
    endpoint, secret = services.create_endpoint(
        actor=board, url=receiver.url, event_types=[EventType.MILESTONE_DONE]
    )
    _milestone_done(board)
    _fan_out_all()
    [item] = _deliveries_of(endpoint)
    # A worker claims it and dies before sending.
    assert sending.claim(item.pk) is not None
    assert sending.deliver(delivery_id=item.pk) == "skipped"
    later = timezone.now() + datetime.timedelta(seconds=settings.CORRIDOR_SEND_LEASE_SECONDS + 1)
    counts = sending.sweep(now=later)
    assert counts["interrupted"] == 1
    item.refresh_from_db()
    assert item.status == S.SUCCEEDED
    [got] = receiver.received
    assert got["headers"]["webhook-id"] == item.message_id
    Webhook(secret).verify(got["body"], got["headers"])


def test_410_disables_the_endpoint(board, receiver, mailoutbox, django_capture_on_commit_callbacks):
    endpoint, _secret = services.create_endpoint(
        actor=board, url=receiver.url, event_types=[EventType.MILESTONE_DONE]
    )
    _milestone_done(board)
    _fan_out_all()
    [item] = _deliveries_of(endpoint)
    receiver.answers = [410]
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.deliver(delivery_id=item.pk) == S.FAILED
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert "410" in endpoint.disabled_reason
    assert [m.to for m in mailoutbox] == [[board.email]]


def test_failing_for_a_day_disables_the_endpoint(board, receiver):
    endpoint, _secret = services.create_endpoint(
        actor=board, url=receiver.url, event_types=[EventType.MILESTONE_DONE]
    )
    Endpoint.objects.filter(pk=endpoint.pk).update(
        failing_since=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    _milestone_done(board)
    _fan_out_all()
    [item] = _deliveries_of(endpoint)
    receiver.answers = [500]
    sending.deliver(delivery_id=item.pk)
    endpoint.refresh_from_db()
    assert not endpoint.is_active


def test_retries_stop_after_about_a_day(settings):
    total = sum(settings.WEBHOOKS_RETRY_SCHEDULE)
    assert 20 * 3600 <= total <= 36 * 3600
    assert sending.retry_delay(len(settings.WEBHOOKS_RETRY_SCHEDULE) + 1) is None


def test_a_rotated_secret_signs_beside_the_new_one_for_a_day(board, receiver):
    endpoint, old = services.create_endpoint(
        actor=board, url=receiver.url, event_types=[EventType.MILESTONE_DONE]
    )
    new = services.rotate_secret(endpoint=endpoint, actor=board)
    _milestone_done(board)
    _fan_out_all()
    [item] = _deliveries_of(endpoint)
    sending.deliver(delivery_id=item.pk)
    [got] = receiver.received
    assert len(got["headers"]["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(got["body"], got["headers"])
    Webhook(new).verify(got["body"], got["headers"])
    # After the day only the new secret signs.
    endpoint.refresh_from_db()
    after = endpoint.previous_secret_until + datetime.timedelta(seconds=1)
    header = sending.signatures(endpoint, "msg_x", after, "{}")
    assert len(header.split(" ")) == 1


def test_private_addresses_are_refused_unless_allowed(board, receiver, settings):
    endpoint, _secret = services.create_endpoint(
        actor=board, url=receiver.url, event_types=[EventType.MILESTONE_DONE]
    )
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    for url in (
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://169.254.169.254/",
        "http://[::1]/",
    ):
        with pytest.raises(ValidationError):
            services.create_endpoint(actor=board, url=url, event_types=[EventType.MILESTONE_DONE])
    # Checked again when connecting: the saved endpoint reaches nothing.
    _milestone_done(board)
    _fan_out_all()
    [item] = _deliveries_of(endpoint)
    assert sending.deliver(delivery_id=item.pk) == S.PENDING
    assert receiver.received == []
    [attempt] = item.log.all()
    assert "not allowed" in attempt.error


def test_https_is_required_unless_allowed(board, settings):
    settings.WEBHOOKS_ALLOW_HTTP = False
    with pytest.raises(ValidationError):
        services.create_endpoint(
            actor=board, url="http://example.org/", event_types=[EventType.MILESTONE_DONE]
        )


def test_redirects_are_not_followed(board, loopback):
    import http.server
    import threading

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(307)
            self.send_header("Location", "http://127.0.0.1:1/")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint, _secret = services.create_endpoint(
            actor=board,
            url=f"http://127.0.0.1:{server.server_address[1]}/",
            event_types=[EventType.MILESTONE_DONE],
        )
        _milestone_done(board)
        _fan_out_all()
        [item] = _deliveries_of(endpoint)
        assert sending.deliver(delivery_id=item.pk) == S.PENDING
        assert item.log.get().status_code == 307
    finally:
        server.shutdown()
        server.server_close()
