from django.urls import path

from . import views

app_name = "webhooks"

urlpatterns = [
    path("", views.endpoint_list, name="endpoint-list"),
    path("<int:pk>/", views.endpoint_detail, name="endpoint-detail"),
    path("<int:pk>/rotate/", views.endpoint_rotate, name="endpoint-rotate"),
    path("<int:pk>/test/", views.endpoint_test, name="endpoint-test"),
    path("<int:pk>/delete/", views.endpoint_delete, name="endpoint-delete"),
    path(
        "<int:pk>/deliveries/<str:message_id>/redeliver/",
        views.delivery_redeliver,
        name="delivery-redeliver",
    ),
]
