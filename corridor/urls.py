from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include
from django.urls import path

from corridor.accounts.urls import auth_urlpatterns
from corridor.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
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
    prefix_default_language=False,
)
