"""The client's IP address: the one decision the rate limits, the login lockout
(django-axes, ``AXES_CLIENT_IP_CALLABLE``) and the API token audit all use.

``TRUSTED_PROXY_COUNT`` says how many proxies stand in front of the portal.

- ``0`` (the default): no proxy. The connection's address (``REMOTE_ADDR``) is
  the client; forwarding headers are ignored, since the client writes them.
- ``N`` > 0: every request comes through N proxies, each appending the address
  it saw to ``CLIENT_IP_HEADER`` (``X-Forwarded-For``). The client is the
  address the outermost trusted proxy saw: the N-th from the right. Anything
  further left was written by the client and is never used. A request without
  enough addresses in the header did not come through the proxies and counts
  as its connection.

django-ipware reads the header. Its ``proxy_count`` counts the proxies whose
addresses are *in* the header, which is one fewer than ours: the nearest proxy
is the connection itself (``REMOTE_ADDR``), not an entry of the header.
"""

from django.conf import settings
from ipware import get_client_ip


def meta_key(header: str) -> str:
    """The ``request.META`` key of a request header: ``X-Forwarded-For`` →
    ``HTTP_X_FORWARDED_FOR``."""
    return "HTTP_" + header.upper().replace("-", "_")


def client_ip(request) -> str:
    connection = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return connection
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=[meta_key(settings.CLIENT_IP_HEADER)],
        strict=False,  # the client may have put addresses of its own in front
        algorithm="modern",
    )
    return address or connection
