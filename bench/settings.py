"""Benchmark settings: the product's production settings, plus the two baseline
views in the benchmark's own URLconf and a header reporting queries per request.

Nothing here is part of the product's URLs.
"""

from corridor.settings import *  # noqa: F403
from corridor.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
# Loopback HTTP: no TLS in front of gunicorn here.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# The load generator is one client hammering the API; throttling would measure itself.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": [], "DEFAULT_THROTTLE_RATES": {}}  # noqa: F405
AXES_ENABLED = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
