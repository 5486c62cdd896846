"""API v1 endpoints of corridor insight.

``GET /api/v1/corridor-index/?intervention=&from=&to=&interval=month`` — the
corridor index by month, public like the numbers it is made of.

``GET /api/v1/use-cases/{id}/suggested-partners/`` — matchmaking for one use
case: a use case the user may not see answers 404 (as its own page does);
one they may see but are neither the Board nor a partner user of the
submitting organisation answers 403.
"""

from django.urls import path

from .index.api import CorridorIndexView
from .matchmaking.api import SuggestedPartnersView

urlpatterns = [
    path("corridor-index/", CorridorIndexView.as_view(), name="corridor-index"),
    path(
        "use-cases/<int:pk>/suggested-partners/",
        SuggestedPartnersView.as_view(),
        name="use-case-suggested-partners",
    ),
]
