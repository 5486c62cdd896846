"""The client's IP address, behind a proxy whose header is configurable.

``CLIENT_IP_HEADER`` names the request header a trusted proxy sets (for example
``X-Forwarded-For``); the left-most address in it is the client. Without it,
``REMOTE_ADDR`` is used, so a client cannot spoof its address by sending the
header itself.
"""

from django.conf import settings


def client_ip(request) -> str:
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        value = request.META.get(meta_key, "")
        if value:
            return value.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")
