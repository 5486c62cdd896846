"""The portal's URLs plus views that fail on purpose, for the error page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from corridor.urls import handler403  # noqa: F401 - the handlers of the root URLconf
from corridor.urls import handler404  # noqa: F401
from corridor.urls import handler500  # noqa: F401
from corridor.urls import urlpatterns as portal_urlpatterns


def refuse(request):
    raise PermissionDenied


def fail(request):
    raise RuntimeError("a bug")


failing = [
    path("failing/403/", refuse),
    path("failing/500/", fail),
]

urlpatterns = [
    path("api/failing/403/", refuse),
    path("api/failing/500/", fail),
    *i18n_patterns(*failing, prefix_default_language=False),
    *portal_urlpatterns,
]
