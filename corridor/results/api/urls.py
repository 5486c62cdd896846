from .views import IndicatorViewSet
from .views import MeasurementViewSet

# (prefix, viewset, basename): registered in corridor.api.urls.
routes = [
    ("indicators", IndicatorViewSet, "indicator"),
    ("measurements", MeasurementViewSet, "measurement"),
]
