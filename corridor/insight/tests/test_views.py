import re

import pytest
from django.urls import reverse
from django.utils import translation

from coalitions.tests.factories import OrganisationFactory
from usecases.tests.factories import UseCaseFactory


@pytest.fixture
def use_case(org_a, partner_a, intervention):
    return UseCaseFactory(
        organisation=org_a,
        submitted_by=partner_a,
        intervention=intervention,
        needed_capabilities=["semicon"],
    )


def test_board_invites_a_suggested_organisation_which_is_then_pending(
    client, use_case, org_b, board
):
    client.force_login(board)
    response = client.post(
        reverse("insight:invite-partner", kwargs={"pk": use_case.pk}),
        {"organisation": org_b.slug},
    )
    assert response.status_code == 302
    assert list(use_case.partners.all()) == []
    assert use_case.invitations.get().organisation == org_b


def test_inviting_an_unknown_or_involved_organisation_changes_nothing(
    client, use_case, org_a, board
):
    client.force_login(board)
    url = reverse("insight:invite-partner", kwargs={"pk": use_case.pk})
    for slug in ("", "bestaat-niet", org_a.slug):
        response = client.post(url, {"organisation": slug}, follow=False)
        assert response.status_code == 302
    assert use_case.partners.count() == 0


def test_partners_cannot_invite(client, use_case, org_b, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("insight:invite-partner", kwargs={"pk": use_case.pk}),
        {"organisation": org_b.slug},
    )
    assert response.status_code == 403
    assert use_case.partners.count() == 0


def render_tag(source, **context):
    from django.template import Context
    from django.template import Template

    return Template("{% load insight %}" + source).render(Context(context))


def test_suggested_partners_tag_is_for_board_and_submitter(
    rf, use_case, org_b, board, partner_a, partner_b
):
    OrganisationFactory(name="Nog een", capabilities=["semicon"])
    for user, shown, invite in (
        (board, True, True),
        (partner_a, True, False),
        (partner_b, False, False),
    ):
        request = rf.get("/")
        request.user = user
        html = render_tag("{% suggested_partners use_case %}", use_case=use_case, request=request)
        assert (org_b.name in html) is shown
        assert ("uitnodigen/" in html) is invite


def test_corridor_index_trend_tag_renders_number_and_chart(corridor):
    html = render_tag("{% corridor_index_trend %}")
    assert "dossier" not in html
    assert "<svg" in html and "<polyline" in html
    assert "29%" in html
    first = corridor["interventions"][0]
    html = render_tag("{% corridor_index_trend intervention %}", intervention=first)
    assert "20%" in html


def test_dashboard_shows_the_index_and_the_board_a_dossier_link(client, corridor, board):
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert "29%" in html and "<polyline" in html
    assert reverse("insight:dossier") not in html
    client.force_login(board)
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("insight:dossier") in html
    assert reverse("insight:dossier-pdf") in html and reverse("insight:dossier-docx") in html
    with translation.override("en"):
        english_pdf = reverse("insight:dossier-pdf")
        english_page = client.get(reverse("portal:dashboard")).content.decode()
    assert english_pdf.startswith("/en/") and english_pdf in english_page


def test_intervention_page_shows_its_own_index(client, corridor):
    first = corridor["interventions"][0]
    html = client.get(first.get_absolute_url()).content.decode()
    assert "20%" in html


def test_use_case_page_shows_suggestions_to_the_submitter(client, use_case, org_b, partner_a):
    client.force_login(partner_a)
    html = client.get(use_case.get_absolute_url()).content.decode()
    assert "suggested-partners" in html and org_b.name in html


def test_map_is_in_the_navigation_and_open_data_in_the_footer(client, db):
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("insight:map") in html
    assert f'href="{reverse("insight:open-data")}"' in html  # the page that says what it is


def test_trend_chart_coordinates_are_not_localised(corridor):
    from django.utils import translation

    with translation.override("nl"):
        html = render_tag("{% corridor_index_trend %}")
    assert 'points="' in html
    points = html.split('points="', 1)[1].split('"', 1)[0]
    assert "," in points and all(p.count(",") == 1 for p in points.split())
    assert not re.search(r'(cx|cy|y1|y2)="\d+,\d', html)
