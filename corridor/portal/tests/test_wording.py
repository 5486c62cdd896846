"""Things are named as Board staff name them, in both languages: the
calendar feeds are not "the agenda" (the joint agenda of an intervention),
and the organisations' network diagram is not a geographic map."""

import re

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "network", "feeds"),
    [("", "Netwerk", "Agenda-feeds"), ("/en", "Network", "Calendar feeds")],
)
def test_the_menu_and_footer_name_the_network_and_the_calendar_feeds(
    client, prefix, network, feeds
):
    html = client.get(f"{prefix}/").content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)[0]
    assert f">{network}</a>" in nav and "Kaart" not in nav and ">Map<" not in nav
    footer = re.search(r"<footer.*?</footer>", html, re.S)[0]
    assert f">{feeds}</a>" in footer
    assert "Agenda’s" not in footer and ">Calendars<" not in footer


@pytest.mark.django_db
def test_the_dutch_network_page_is_not_called_a_map(client):
    html = client.get("/kaart/").content.decode()
    assert "<h1>Corridornetwerk</h1>" in html and "Corridorkaart" not in html
