"""The REST API v1 under ``/api/v1/``: every resource's routes, the schema and docs.

Each app's ``api/urls.py`` exposes ``routes``, a list of ``(prefix, viewset,
basename)``; list its module in ``ROUTE_MODULES`` to publish it. The permission
matrix test (``corridor/api/tests/matrix.py``) fails for a route it has no
entry for.
"""

from importlib import import_module

from csp.decorators import csp_update
from django.urls import include
from django.urls import path
from django.urls import re_path
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from drf_spectacular.views import SpectacularRedocView
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from corridor.errors import page_not_found

ROUTE_MODULES = [
    "interventions.api.urls",
    "coalitions.api.urls",
    "usecases.api.urls",
    "corridor.digests.api.urls",
    "corridor.webhooks.api.urls",
    "corridor.results.api.urls",
]


class SchemaView(SpectacularAPIView):
    """The schema in English, or in the language the request asks for
    (``Accept-Language``, or ``?lang=``); its identifiers are English always."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # As the API's views do (the portal's rule, no prefix = Dutch, does not apply).
        language = "en"
        if request.headers.get("Accept-Language"):
            language = translation.get_language_from_request(request)
        translation.activate(language)


class CorridorRouter(DefaultRouter):
    include_format_suffixes = False


router = CorridorRouter()
for module in ROUTE_MODULES:
    for prefix, viewset, basename in import_module(module).routes:
        router.register(prefix, viewset, basename=basename)


# Redoc's search runs in a worker it makes from a blob: URL; this page alone may.
redoc = csp_update({"worker-src": ["'self'", "blob:"]})(
    SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
)

app_name = "api"

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    # Swagger UI's start-up script is served as a file of its own (``?script``):
    # the Content-Security-Policy allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", redoc, name="redoc"),
    path("", include(router.urls)),
    # Whatever else lies under /api/v1/ is a JSON 404, never the portal's HTML page.
    re_path(r"^.*$", page_not_found, name="not-found"),
]
