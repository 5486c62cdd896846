"""The Celery application: Redis broker from ``CELERY_BROKER_URL``, JSON only.

With no broker configured, tasks run in-process (``task_always_eager``) so the
demo needs nothing but Python.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")

app = Celery("corridor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
