"""A use case's partners are other organisations: the submitting organisation
is refused as its own partner, by the service, the portal and the API alike."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from usecases import services
from usecases.models import UseCase

from .factories import UseCaseFactory


def test_creating_a_use_case_with_its_own_organisation_as_partner_is_refused(
    partner_a, org_a, org_b, intervention
):
    with pytest.raises(ValidationError) as refused:
        services.create_use_case(
            actor=partner_a,
            organisation=org_a,
            partners=[org_b, org_a],
            title="Eigen partner",
            intervention=intervention,
        )
    assert "partners" in refused.value.message_dict
    assert not UseCase.objects.exists()


def test_editing_a_use_case_to_list_its_own_organisation_as_partner_is_refused(
    partner_a, board, org_a, org_b, intervention
):
    use_case = UseCaseFactory(intervention=intervention, organisation=org_a, submitted_by=partner_a)
    for actor in (partner_a, board):
        with pytest.raises(ValidationError) as refused:
            services.update_use_case(use_case=use_case, actor=actor, partners=[org_a])
        assert "partners" in refused.value.message_dict
    services.update_use_case(use_case=use_case, actor=partner_a, partners=[org_b])
    assert list(use_case.partners.all()) == [org_b]


def test_the_portal_form_shows_the_refusal_on_the_partners_field(
    client, partner_a, org_a, intervention
):
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:use-case-create"),
        {"title": "Eigen partner", "intervention": intervention.pk, "partners": [org_a.pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["partners"] == [
        "De indienende organisatie kan niet ook partner zijn."
    ]
    assert not UseCase.objects.exists()


def test_the_api_answers_400_naming_the_partners_field(partner_a, org_a, intervention):
    client = APIClient()
    client.force_login(partner_a)
    response = client.post(
        "/api/v1/use-cases/",
        {"title": "Eigen partner", "intervention": intervention.slug, "partners": [org_a.slug]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400, response.content
    assert response.json()["partners"] == ["The submitting organisation cannot also be a partner."]
    assert not UseCase.objects.exists()


def test_the_portal_edit_form_shows_the_refusal_on_the_partners_field(
    client, partner_a, org_a, intervention
):
    use_case = UseCaseFactory(intervention=intervention, organisation=org_a, submitted_by=partner_a)
    client.force_login(partner_a)
    url = reverse("usecases:use-case-edit", args=[use_case.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["partners"] = [org_a.pk]
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["partners"] == [
        "De indienende organisatie kan niet ook partner zijn."
    ]
    assert not use_case.partners.exists()
