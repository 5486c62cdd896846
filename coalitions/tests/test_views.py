import re

import pytest
from django.urls import reverse
from django.utils import translation

from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from coalitions.tests.factories import OrganisationFactory
from coalitions.tests.factories import RegionFactory
from corridor.versioning import version_of


@pytest.fixture
def coalition(org_a, org_b, intervention):
    coalition = CoalitionFactory(slug="chips", name="Chipcoalitie", interventions=[intervention])
    MembershipFactory(coalition=coalition, organisation=org_a, role="lead")
    MembershipFactory(coalition=coalition, organisation=org_b, role="member")
    return coalition


@pytest.mark.django_db
def test_directory_filters_by_kind_region_and_capability(client, org_a, org_b):
    url = reverse("coalitions:organisation-list")
    by_kind = client.get(url, {"kind": "municipality"}).context["page"].object_list
    assert list(by_kind) == [org_a]
    by_region = client.get(url, {"region": "brainport"}).context["page"].object_list
    assert list(by_region) == [org_b]
    by_capability = client.get(url, {"capability": "photonics"}).context["page"].object_list
    assert list(by_capability) == [org_b]
    by_name = client.get(url, {"q": "almere"}).context["page"].object_list
    assert list(by_name) == [org_a]


@pytest.mark.django_db
def test_directory_refuses_unknown_filter_values_with_a_message(client, org_a):
    response = client.get(
        reverse("coalitions:organisation-list"), {"kind": "<b>x</b>", "capability": "\u0000"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "<b>x</b>" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [10, 1000])
def test_organisation_directory_queries_stay_flat(
    client, region_mra, rows, django_assert_max_num_queries
):
    Organisation.objects.bulk_create(
        Organisation(name=f"Org {n}", slug=f"org-{n}", kind="company", region=region_mra)
        for n in range(rows)
    )
    with django_assert_max_num_queries(4):
        response = client.get(reverse("coalitions:organisation-list"), {"kind": "company"})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [10, 1000])
def test_coalition_list_queries_stay_flat(
    client, board, org_a, org_b, intervention, rows, django_assert_max_num_queries
):
    from coalitions.models import Coalition

    coalitions = Coalition.objects.bulk_create(
        Coalition(name=f"Coalitie {n}", slug=f"c-{n}", status="active") for n in range(rows)
    )
    Membership.objects.bulk_create(
        Membership(coalition=c, organisation=org, joined="2025-01-01")
        for c in coalitions
        for org in (org_a, org_b)
    )
    Coalition.interventions.through.objects.bulk_create(
        Coalition.interventions.through(coalition_id=c.pk, intervention_id=intervention.pk)
        for c in coalitions
    )
    client.force_login(board)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("coalitions:coalition-list"))
    assert response.status_code == 200
    assert "badge--corridor" in response.content.decode()


@pytest.mark.django_db
def test_organisation_profile_shows_coalitions_led_lines_and_only_visible_use_cases(
    client, org_a, partner_a, coalition, intervention
):
    from interventions.tests.factories import ActionLineFactory
    from usecases.tests.factories import UseCaseFactory

    ActionLineFactory(intervention=intervention, lead_organisation=org_a, title="Geleide lijn")
    UseCaseFactory(organisation=org_a, submitted_by=partner_a, title="Geheim concept")
    url = reverse("coalitions:organisation-detail", args=[org_a.slug])
    public = client.get(url).content.decode()
    assert "Chipcoalitie" in public and "Geleide lijn" in public
    assert "Geheim concept" not in public
    client.force_login(partner_a)
    assert "Geheim concept" in client.get(url).content.decode()


@pytest.mark.django_db
def test_partner_edits_only_the_allowed_fields_of_own_organisation(client, partner_a, org_a):
    client.force_login(partner_a)
    url = reverse("coalitions:organisation-edit", args=[org_a.slug])
    form = client.get(url).context["form"]
    assert set(form.fields) == {"version", "description", "website", "capabilities"}
    response = client.post(
        url,
        {
            "version": form["version"].value(),
            "description": "Wij bouwen de proeftuin.",
            "website": "almere.nl",
            "capabilities": ["ai", "data"],
            "name": "Gekaapt",
        },
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.name == "Gemeente Almere"
    assert org_a.capabilities == ["ai", "data"]
    assert org_a.website == "https://almere.nl"


@pytest.mark.django_db
def test_organisation_edit_conflict_shows_both_versions(client, board, org_a):
    client.force_login(board)
    url = reverse("coalitions:organisation-edit", args=[org_a.slug])
    stale = version_of(org_a)
    org_a.city = "Almere Haven"
    org_a.save()
    response = client.post(
        url,
        {
            "version": stale,
            "name": "Gemeente Almere",
            "kind": "municipality",
            "region": org_a.region_id,
            "city": "Almere Poort",
        },
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Almere Haven" in html and 'value="Almere Poort"' in html


@pytest.mark.django_db
def test_coalition_members_grouped_by_region_with_scope(client, coalition, region_mra):
    other = OrganisationFactory(slug="tno", name="TNO", region=RegionFactory(slug="zuid-holland"))
    MembershipFactory(coalition=coalition, organisation=other)
    response = client.get(reverse("coalitions:coalition-detail", args=[coalition.slug]))
    regions = [group["region"].slug for group in response.context["regions"]]
    assert regions == ["mra", "brainport", "zuid-holland"]
    assert response.context["coalition"].scope == "corridor"
    assert "badge--corridor" in response.content.decode()


@pytest.mark.django_db
def test_board_adds_changes_and_ends_memberships_inline(client, board, coalition):
    newcomer = OrganisationFactory(slug="tu-e", name="TU/e")
    client.force_login(board)
    htmx = {"HX-Request": "true"}
    added = client.post(
        reverse("coalitions:membership-add", args=[coalition.slug]),
        {"organisation": newcomer.pk, "role": "core"},
        headers=htmx,
    )
    assert added.status_code == 200
    assert "TU/e" in added.content.decode()
    membership = Membership.objects.get(coalition=coalition, organisation=newcomer)
    assert membership.created_by == board

    client.post(
        reverse("coalitions:membership-role", args=[membership.pk]), {"role": "lead"}, headers=htmx
    )
    membership.refresh_from_db()
    assert membership.role == "lead"

    ended = client.post(
        reverse("coalitions:membership-end", args=[membership.pk]), {"left": ""}, headers=htmx
    )
    assert ended.status_code == 200
    membership.refresh_from_db()
    assert membership.left is not None


@pytest.mark.django_db
def test_adding_an_existing_member_again_is_a_form_error(client, board, coalition, org_a):
    client.force_login(board)
    response = client.post(
        reverse("coalitions:membership-add", args=[coalition.slug]),
        {"organisation": org_a.pk, "role": "member"},
    )
    assert response.status_code == 400
    assert response.context["add_form"].errors
    assert Membership.objects.filter(coalition=coalition, organisation=org_a).count() == 1


@pytest.mark.django_db
def test_unknown_role_is_refused_with_a_message(client, board, coalition):
    membership = coalition.memberships.first()
    client.force_login(board)
    response = client.post(
        reverse("coalitions:membership-role", args=[membership.pk]), {"role": "king"}, follow=True
    )
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == "lead"


@pytest.mark.django_db
def test_stored_payloads_in_coalition_and_organisation_texts_are_inert(client, coalition, org_a):
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">[x](javascript:alert(3))'
    coalition.purpose = payload
    coalition.save()
    org_a.description = payload
    org_a.save()
    for url in (coalition.get_absolute_url(), org_a.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "onerror" not in html
        assert "javascript:" not in html


def _without_csrf(html: str) -> str:
    """A page without its CSRF token, which is new in every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.django_db
def test_the_unfiltered_directory_is_kept_until_an_organisation_changes(
    client, org_a, org_b, django_assert_num_queries
):
    url = reverse("coalitions:organisation-list")
    first = client.get(url).content.decode()
    assert org_a.name in first and org_b.name in first
    # Kept: one query, the newest history rows of organisations and regions.
    with django_assert_num_queries(1):
        again = client.get(url).content.decode()
    assert _without_csrf(again) == _without_csrf(first)
    added = OrganisationFactory(name="Zuidas Robotics", slug="zuidas-robotics", region=org_a.region)
    assert added.name in client.get(url).content.decode()
    added.name = "Zuidas Robotica"
    added.save()
    html = client.get(url).content.decode()
    assert "Zuidas Robotica" in html and "Zuidas Robotics" not in html
    added.delete()
    assert "Zuidas Robotica" not in client.get(url).content.decode()
    # A region renamed shows in the rows too.
    org_b.region.name = "Brainport Eindhoven"
    org_b.region.save()
    assert "Brainport Eindhoven" in client.get(url).content.decode()


@pytest.mark.django_db
def test_each_page_and_language_of_the_directory_is_kept_apart(client, region_mra):
    from coalitions.views import PAGE_SIZE

    Organisation.objects.bulk_create(
        Organisation(name=f"Org {n:03}", slug=f"org-{n}", kind="company", region=region_mra)
        for n in range(PAGE_SIZE + 1)
    )
    Organisation.history.bulk_history_create(list(Organisation.objects.all()))
    url = reverse("coalitions:organisation-list")
    one, two = client.get(url), client.get(url, {"page": 2})
    assert "Org 000" in one.content.decode() and "Org 000" not in two.content.decode()
    assert f"Org {PAGE_SIZE:03}" in two.content.decode()
    assert _without_csrf(client.get(url, {"page": 2}).content.decode()) == _without_csrf(
        two.content.decode()
    )
    with translation.override("en"):
        english = client.get(reverse("coalitions:organisation-list")).content.decode()
    # The directory's own words, not the Dutch page kept before.
    assert 'aria-label="Filter organisations"' in english
    assert 'aria-label="Filter organisations"' not in one.content.decode()


@pytest.mark.django_db
def test_membership_edit_conflict_keeps_the_input_and_saves_on_a_second_try(
    client, board, coalition, org_b
):
    membership = Membership.objects.get(coalition=coalition, organisation=org_b)
    client.force_login(board)
    url = reverse("coalitions:membership-edit", args=[membership.pk])
    stale = version_of(membership)
    Membership.objects.filter(pk=membership.pk).update(commitment="Twee dagen per week")
    data = {"role": "core", "joined": membership.joined.isoformat(), "commitment": "Een dag"}
    response = client.post(url, {**data, "version": stale})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Twee dagen per week" in html and "Een dag" in html
    membership.refresh_from_db()
    assert membership.role == "member"

    again = client.post(url, {**data, "version": response.context["form"]["version"].value()})
    assert again.status_code == 302
    assert again["Location"] == coalition.get_absolute_url()
    membership.refresh_from_db()
    assert (membership.role, membership.commitment) == ("core", "Een dag")
