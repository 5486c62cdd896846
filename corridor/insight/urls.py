"""Routes of corridor insight.

``urlpatterns`` are portal pages, mounted inside ``i18n_patterns`` (namespace
``insight``); ``file_urlpatterns`` are the calendar feeds and the open-data
download, mounted outside it so their addresses never change with the
language (namespace ``insight_files``).
"""

from django.urls import path

from . import views

app_name = "insight"

urlpatterns = [
    path("kaart/", views.network_map, name="map"),
    path("dossier/", views.dossier, name="dossier"),
    path("dossier/docx/", views.dossier_download, name="dossier-docx"),
    path("dossier/<slug:slug>/", views.dossier, name="dossier-intervention"),
    path("dossier/<slug:slug>/docx/", views.dossier_download, name="dossier-intervention-docx"),
    path("kalender/", views.calendar_page, name="calendar"),
    path("kalender/prive/nieuw/", views.calendar_feed_create, name="calendar-feed-create"),
    path("kalender/prive/intrekken/", views.calendar_feed_revoke, name="calendar-feed-revoke"),
    path("use-cases/<int:pk>/partners/uitnodigen/", views.invite_partner, name="invite-partner"),
]

file_urlpatterns = [
    path("calendar/milestones.ics", views.public_milestones_ics, name="public-milestones"),
    path("calendar/private/<str:secret>.ics", views.private_ics, name="private-calendar"),
    path("open-data/corridor.zip", views.open_data_zip, name="open-data"),
]
