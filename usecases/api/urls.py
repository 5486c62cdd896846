from .views import AssessmentViewSet
from .views import UseCaseViewSet

# (prefix, viewset, basename): registered in corridor.api.urls.
routes = [
    ("use-cases", UseCaseViewSet, "use-case"),
    ("assessments", AssessmentViewSet, "assessment"),
]
