"""Settings of the Celery workers the webhook integration tests start.

The shared worker settings (a killed worker's unacknowledged task comes back
within seconds), loopback receivers allowed, and the sweep every second with a
claim lease of seconds instead of minutes, so a delivery left ``sending`` by a
killed worker is taken over within the test. The lease stays longer than the
send timeout, as in production: a live send is never taken over.
"""

from corridor.settings import CELERY_BEAT_SCHEDULE
from corridor.testing.worker_settings import *  # noqa: F403

WEBHOOKS_ALLOW_PRIVATE = True
WEBHOOKS_ALLOW_HTTP = True
WEBHOOKS_TIMEOUT_SECONDS = 3
CORRIDOR_SEND_LEASE_SECONDS = 6
CELERY_BEAT_SCHEDULE = {
    "webhooks-sweep": {
        **CELERY_BEAT_SCHEDULE["webhooks-sweep"],
        "schedule": 1.0,
        "options": {"expires": 0.9},
    },
}
