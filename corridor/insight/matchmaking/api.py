"""``/api/v1/use-cases/{id}/suggested-partners/``."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from coalitions.models import Capability
from coalitions.models import Organisation
from usecases.models import UseCase

from .suggestions import may_see_suggestions
from .suggestions import suggest_partners


class SuggestedOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices)
    region = serializers.CharField(source="region.slug")


class SuggestedPartnerSerializer(serializers.Serializer):
    organisation = SuggestedOrganisationSerializer()
    capabilities = serializers.ListField(
        child=serializers.ChoiceField(choices=Capability.choices),
        source="covered",
        help_text=_("The needed capabilities this organisation brings."),
    )
    other_pole = serializers.BooleanField(
        help_text=_("From the pole other than the submitter's (either pole for others).")
    )
    coalitions_on_intervention = serializers.IntegerField()
    reason = serializers.CharField()


class SuggestedPartnersSerializer(serializers.Serializer):
    use_case = serializers.IntegerField()
    results = SuggestedPartnerSerializer(many=True)


# Views -----------------------------------------------------------------------


class SuggestedPartnersView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="use_cases_suggested_partners",
        summary=_("Organisations suggested as partners of a use case"),
        description=_(
            "Organisations whose capabilities cover what the use case needs, those "
            "from the other pole first. For the Board and the submitting organisation "
            "only: others are answered 403, anonymous callers 401, and a use case you "
            "may not see 404."
        ),
        responses=SuggestedPartnersSerializer,
        tags=["use-cases"],
        # Anonymous callers are always refused (401, or 404 for what they may not see).
        auth=[{"tokenAuth": []}, {"cookieAuth": []}],
    )
    def get(self, request, pk: int):
        use_case = get_object_or_404(UseCase.objects.visible_to(request.user), pk=pk)
        if not may_see_suggestions(use_case=use_case, user=request.user):
            if not request.user.is_authenticated:
                raise NotAuthenticated()
            raise PermissionDenied(
                _("Only the Board and the submitting organisation see suggested partners.")
            )
        suggestions = suggest_partners(use_case=use_case)
        return Response(
            {
                "use_case": use_case.pk,
                "results": SuggestedPartnerSerializer(suggestions, many=True).data,
            }
        )
