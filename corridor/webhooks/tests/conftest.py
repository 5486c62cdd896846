import pytest

from .receiver import Receiver


@pytest.fixture
def loopback(settings):
    """Receivers on loopback allowed (as a private deployment would allow them)."""
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    settings.WEBHOOKS_ALLOW_HTTP = True
    settings.WEBHOOKS_TIMEOUT_SECONDS = 2


@pytest.fixture
def receiver(loopback):
    with Receiver() as running:
        yield running
