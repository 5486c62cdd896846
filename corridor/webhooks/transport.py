"""One POST to a receiver: short timeouts, no redirects, no private addresses.

An address literal or a local name is refused when the URL is saved
(``check_url``); every address a name resolves to is checked when connecting,
and the connection goes to the very address that was checked, so a name
that resolves elsewhere the second time (DNS rebinding) reaches nothing
private. Private, loopback, link-local,
reserved and multicast addresses are refused unless ``WEBHOOKS_ALLOW_PRIVATE``
allows them. A redirect is an answer like any other (3xx: not a success).
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RESPONSE_START = 200


class Refused(Exception):
    """The receiver's address may not be reached."""


@dataclass
class Answer:
    status_code: int | None
    duration_ms: int
    response_start: str
    error: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _forbidden(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def resolve(host: str, port: int) -> list[tuple]:
    """The addresses ``host`` resolves to, each allowed; ``Refused`` otherwise."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(str(_("The host name does not resolve."))) from exc
    if not found:
        raise Refused(str(_("The host name does not resolve.")))
    if not settings.WEBHOOKS_ALLOW_PRIVATE and any(_forbidden(info[4][0]) for info in found):
        raise Refused(str(_("Private, loopback and link-local addresses are not allowed.")))
    return found


def _refused_at_save(host: str) -> bool:
    """A host plainly private when the URL is saved: an address literal, or a
    name for this machine. Names are resolved when connecting (no lookup on save)."""
    if settings.WEBHOOKS_ALLOW_PRIVATE:
        return False
    name = host.lower().rstrip(".")
    if name == "localhost" or name.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        return _forbidden(name)
    except ValueError:
        return False


def check_url(url: str) -> None:
    """A ``ValidationError`` for a URL no delivery may go to."""
    parts = urlsplit(url)
    allowed = ("https", "http") if settings.WEBHOOKS_ALLOW_HTTP else ("https",)
    if parts.scheme not in allowed or not parts.hostname:
        raise ValidationError({"url": _("Use an https:// URL.")})
    if parts.username or parts.password:
        raise ValidationError({"url": _("Leave user names and passwords out of the URL.")})
    if _refused_at_save(parts.hostname):
        raise ValidationError(
            {"url": _("Private, loopback and link-local addresses are not allowed.")}
        )


class _Guarded:
    """Connects to an address checked just now (``resolve``)."""

    def connect(self):
        last = None
        for family, kind, proto, _name, address in resolve(self.host, self.port):
            sock = socket.socket(family, kind, proto)
            sock.settimeout(self.timeout)
            try:
                sock.connect(address)
            except OSError as exc:
                sock.close()
                last = exc
                continue
            self.sock = sock
            return
        raise last or OSError("no address")


class GuardedHTTPConnection(_Guarded, http.client.HTTPConnection):
    pass


class GuardedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self):
        _Guarded.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict) -> Answer:
    """POST ``body`` once; never raises for the receiver's faults."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    timeout = settings.WEBHOOKS_TIMEOUT_SECONDS
    if parts.scheme == "https":
        connection = GuardedHTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = GuardedHTTPConnection(parts.hostname, parts.port, timeout=timeout)
    started = time.monotonic()
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        start = response.read(RESPONSE_START)
        return Answer(
            status_code=response.status,
            duration_ms=_elapsed(started),
            response_start=start.decode("utf-8", "replace"),
        )
    except Refused as exc:
        return Answer(None, _elapsed(started), "", error=str(exc))
    except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
        return Answer(None, _elapsed(started), "", error=f"{type(exc).__name__}: {exc}"[:300])
    finally:
        connection.close()


def _elapsed(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
