from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include
from django.urls import path

from corridor.accounts.urls import auth_urlpatterns
from corridor.health import healthz
from corridor.insight.urls import file_urlpatterns as insight_file_urlpatterns
from corridor.web.language import set_language

# The portal's own error pages, JSON under /api/ (corridor/errors.py).
handler403 = "corridor.errors.permission_denied"
handler404 = "corridor.errors.page_not_found"
handler500 = "corridor.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include((insight_file_urlpatterns, "insight_files"))),
    path("api/v1/", include("corridor.insight.api")),
    path("api/v1/", include("corridor.api.urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("corridor.portal.urls")),
    path("", include("usecases.urls")),
    path("account/", include(auth_urlpatterns)),
    path("account/", include("corridor.accounts.urls")),
    path("", include("interventions.urls")),
    path("", include("coalitions.urls")),
    path("digests/", include("corridor.digests.urls")),
    path("webhooks/", include("corridor.webhooks.urls")),
    path("", include("corridor.insight.urls")),
    path("", include("corridor.results.urls")),
    prefix_default_language=False,
)
