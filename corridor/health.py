"""``/healthz``: is the database reachable, and the broker when one is configured."""

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True, "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        logger.warning("Health check: database unreachable: %s", exc)
        return False, "unreachable"


def check_broker() -> tuple[bool, str]:
    url = settings.CELERY_BROKER_URL
    if not url:
        return True, "not configured (tasks run in-process)"
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return True, "ok"
    except Exception as exc:  # noqa: BLE001
        logger.warning("Health check: broker unreachable: %s", exc)
        return False, "unreachable"


def healthz(request):
    checks = {"database": check_database(), "broker": check_broker()}
    healthy = all(ok for ok, _detail in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: detail for name, (_ok, detail) in checks.items()},
        "failed": [name for name, (ok, _detail) in checks.items() if not ok],
    }
    return JsonResponse(body, status=200 if healthy else 503)
