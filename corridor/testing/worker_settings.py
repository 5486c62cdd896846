"""Settings of the Celery worker processes the integration tests start.

The project's settings, with a redelivery delay of seconds instead of an hour
so a task left unacknowledged by a killed worker comes back within the test.
"""

from corridor.settings import *  # noqa: F403
from corridor.settings import CELERY_BROKER_TRANSPORT_OPTIONS

CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": 2,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
