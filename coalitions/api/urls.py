from .views import CoalitionViewSet
from .views import MembershipViewSet
from .views import OrganisationViewSet
from .views import RegionViewSet

# (prefix, viewset, basename): registered in corridor.api.urls.
routes = [
    ("regions", RegionViewSet, "region"),
    ("organisations", OrganisationViewSet, "organisation"),
    ("coalitions", CoalitionViewSet, "coalition"),
    ("memberships", MembershipViewSet, "membership"),
]
