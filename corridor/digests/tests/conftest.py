"""Fixtures of the digest tests: a real SMTP server on loopback, a closed port,
and a crafted week of corridor history."""

import asyncio
import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    """A port nothing listens on (bound and released at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """What the SMTP server received; ``hold`` makes it stall after receiving
    a message's data and before answering, as a slow server does."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.received = threading.Event()
        self.hold_seconds = 0.0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        self.received.set()
        if self.hold_seconds:
            await asyncio.sleep(self.hold_seconds)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        with self._lock:
            return [m for m in self.messages if address in m["To"]]

    def wait_for(self, count: int, timeout: float) -> bool:
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return True
            time.sleep(0.05)
        return False


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback (aiosmtpd); yields (mailbox, port)."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


def smtp_settings(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def mailbox(smtp_server, settings):
    """Django sends to the loopback SMTP server."""
    box, port = smtp_server
    smtp_settings(settings, port)
    return box


@pytest.fixture
def unreachable_smtp(settings):
    """Django sends to a port where nothing listens."""
    smtp_settings(settings, free_port())


def text_part(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()
