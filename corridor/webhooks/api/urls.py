from .views import EndpointViewSet

# (prefix, viewset, basename): registered in corridor.api.urls.
routes = [
    ("webhooks", EndpointViewSet, "webhook"),
]
