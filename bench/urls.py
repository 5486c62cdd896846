from django.urls import path

from corridor.urls import urlpatterns as product_urlpatterns

from . import views

urlpatterns = [
    path("bench/pre-encoded/", views.pre_encoded),
    path("bench/values/", views.values_baseline),
    *product_urlpatterns,
]
