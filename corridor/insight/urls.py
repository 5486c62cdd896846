"""Routes of corridor insight.

``urlpatterns`` are portal pages, mounted inside ``i18n_patterns`` (namespace
``insight``); ``file_urlpatterns`` are the calendar feeds and the open-data
download, mounted outside it so their addresses never change with the
language (namespace ``insight_files``).
"""

from django.urls import path

from .calendars import views as calendars
from .dossier import views as dossier
from .matchmaking import views as matchmaking
from .network import views as network
from .opendata import views as opendata

app_name = "insight"

urlpatterns = [
    path("kaart/", network.network_map, name="map"),
    path("dossier/", dossier.dossier, name="dossier"),
    path("dossier/docx/", dossier.dossier_download, name="dossier-docx"),
    path("dossier/pdf/", dossier.dossier_pdf_download, name="dossier-pdf"),
    path("dossier/<slug:slug>/", dossier.dossier, name="dossier-intervention"),
    path("dossier/<slug:slug>/docx/", dossier.dossier_download, name="dossier-intervention-docx"),
    path("dossier/<slug:slug>/pdf/", dossier.dossier_pdf_download, name="dossier-intervention-pdf"),
    path("kalender/", calendars.calendar_page, name="calendar"),
    path("open-data/", opendata.open_data_page, name="open-data"),
    path("kalender/prive/nieuw/", calendars.calendar_feed_create, name="calendar-feed-create"),
    path("kalender/prive/intrekken/", calendars.calendar_feed_revoke, name="calendar-feed-revoke"),
    path(
        "use-cases/<int:pk>/partners/uitnodigen/", matchmaking.invite_partner, name="invite-partner"
    ),
    path("uitnodigingen/", matchmaking.invitation_list, name="invitations"),
    path(
        "uitnodigingen/<int:pk>/antwoord/", matchmaking.answer_invitation, name="invitation-answer"
    ),
    path(
        "uitnodigingen/<int:pk>/intrekken/",
        matchmaking.withdraw_invitation,
        name="invitation-withdraw",
    ),
]

file_urlpatterns = [
    path("calendar/milestones.ics", calendars.public_milestones_ics, name="public-milestones"),
    path(
        "en/calendar/milestones.ics",
        calendars.public_milestones_ics,
        {"language": "en"},
        name="public-milestones-en",
    ),
    path("calendar/private/<str:secret>.ics", calendars.private_ics, name="private-calendar"),
    path("open-data/corridor.zip", opendata.open_data_zip, name="open-data"),
    path("open-data/corridor.jsonld", opendata.open_data_dcat, name="open-data-dcat"),
    path("open-data/context.jsonld", opendata.open_data_context, name="open-data-context"),
]
