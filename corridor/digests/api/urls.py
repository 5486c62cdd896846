from .views import DigestViewSet

# (prefix, viewset, basename): registered in corridor.api.urls.
routes = [
    ("digests", DigestViewSet, "digest"),
]
