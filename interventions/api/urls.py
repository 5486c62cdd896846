from .views import ActionLineViewSet
from .views import InterventionViewSet
from .views import MilestoneViewSet

# (prefix, viewset, basename): registered in corridor.api.urls.
routes = [
    ("interventions", InterventionViewSet, "intervention"),
    ("action-lines", ActionLineViewSet, "action-line"),
    ("milestones", MilestoneViewSet, "milestone"),
]
