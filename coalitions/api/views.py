from django.db.models import Prefetch

from corridor.api.viewsets import CorridorViewSet
from corridor.api.viewsets import ReadOnlyCorridorViewSet
from corridor.api.viewsets import changed_fields

from .. import services
from ..models import Coalition
from ..models import Membership
from ..models import Organisation
from ..models import Region
from .filters import CoalitionFilterSet
from .filters import MembershipFilterSet
from .filters import OrganisationFilterSet
from .serializers import CoalitionListSerializer
from .serializers import CoalitionSerializer
from .serializers import MembershipListSerializer
from .serializers import MembershipSerializer
from .serializers import OrganisationListSerializer
from .serializers import OrganisationSerializer
from .serializers import RegionSerializer


class RegionViewSet(ReadOnlyCorridorViewSet):
    """Regions where organisations sit; ``mra`` and ``brainport`` are the poles.
    Reference data, read-only through the API."""

    model = Region
    serializer_class = RegionSerializer
    lookup_field = "slug"

    def visible(self, user):
        return Region.objects.all()


class OrganisationViewSet(CorridorViewSet):
    """Organisations. The Board manages them; a partner user edits its own
    organisation's description, website and capabilities."""

    model = Organisation
    serializer_class = OrganisationSerializer
    list_serializer_class = OrganisationListSerializer
    filterset_class = OrganisationFilterSet
    lookup_field = "slug"
    keep_pages = True

    def detail_queryset(self, queryset):
        return queryset.select_related("region")

    def can_update(self, instance, user):
        return services.can_edit_organisation(organisation=instance, user=user)

    def create_object(self, data, user):
        return services.create_organisation(actor=user, **data)

    def update_object(self, instance, data, user):
        return services.update_organisation(
            organisation=instance, actor=user, **changed_fields(instance, data)
        )

    def destroy_object(self, instance, user):
        services.delete_organisation(organisation=instance, actor=user)


class CoalitionViewSet(CorridorViewSet):
    """Coalitions with their scope, derived from the current members' regions.
    Forming coalitions are seen by the Board and by their own members."""

    model = Coalition
    serializer_class = CoalitionSerializer
    list_serializer_class = CoalitionListSerializer
    filterset_class = CoalitionFilterSet

    def list_queryset(self, queryset):
        return queryset.with_scope().prefetch_related("interventions")

    def detail_queryset(self, queryset):
        members = Membership.objects.select_related("organisation").order_by("joined", "pk")
        return queryset.with_scope().prefetch_related(
            "interventions", Prefetch("memberships", queryset=members)
        )

    def create_object(self, data, user):
        return services.create_coalition(actor=user, **data)

    def update_object(self, instance, data, user):
        return services.update_coalition(coalition=instance, actor=user, **data)

    def destroy_object(self, instance, user):
        services.delete_coalition(coalition=instance, actor=user)


class MembershipViewSet(CorridorViewSet):
    """Memberships of organisations in coalitions, seen with their coalition."""

    model = Membership
    serializer_class = MembershipSerializer
    list_serializer_class = MembershipListSerializer
    filterset_class = MembershipFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("coalition", "organisation", "created_by")

    def create_object(self, data, user):
        return services.add_membership(actor=user, **data)

    def update_object(self, instance, data, user):
        return services.change_membership(membership=instance, actor=user, **data)

    def destroy_object(self, instance, user):
        services.delete_membership(membership=instance, actor=user)
