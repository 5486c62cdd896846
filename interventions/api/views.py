from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from corridor.api.viewsets import CorridorViewSet
from corridor.api.viewsets import changed_fields

from .. import services
from ..models import ActionLine
from ..models import Intervention
from ..models import Milestone
from .filters import ActionLineFilterSet
from .filters import MilestoneFilterSet
from .serializers import ActionLineListSerializer
from .serializers import ActionLineSerializer
from .serializers import InterventionListSerializer
from .serializers import InterventionSerializer
from .serializers import MilestoneListSerializer
from .serializers import MilestoneSerializer


class InterventionViewSet(CorridorViewSet):
    """The four strategic interventions. The Board edits titles, descriptions, the
    joint agenda (Dutch, and English where written) and the asks of the Rijk and the
    EU (every save is a version); there are no new ones through the API."""

    model = Intervention
    serializer_class = InterventionSerializer
    list_serializer_class = InterventionListSerializer
    lookup_field = "slug"
    http_method_names = ["get", "put", "patch", "head", "options"]

    def update_object(self, instance, data, user):
        return services.update_intervention(intervention=instance, actor=user, **data)


class ActionLineViewSet(CorridorViewSet):
    """Action lines with their progress (from milestones) and overdue flag."""

    model = ActionLine
    serializer_class = ActionLineSerializer
    list_serializer_class = ActionLineListSerializer
    filterset_class = ActionLineFilterSet
    # Progress and overdue are subqueries: computed for the page's rows only.
    deferred_pages = True
    keep_pages = True

    def list_queryset(self, queryset):
        # Grouped rows are not ordered by ``Meta.ordering`` unless asked.
        return queryset.with_progress_grouped().order_by(*ActionLine._meta.ordering)

    def detail_queryset(self, queryset):
        return (
            queryset.select_related("intervention", "lead_organisation", "responsible")
            .prefetch_related("milestones")
            .with_progress()
            .with_overdue()
        )

    def create_object(self, data, user):
        return services.create_action_line(actor=user, **data)

    def update_object(self, instance, data, user):
        return services.update_action_line(action_line=instance, actor=user, **data)

    def destroy_object(self, instance, user):
        services.delete_action_line(action_line=instance, actor=user)


class MilestoneViewSet(CorridorViewSet):
    """Milestones. The Board plans them; a partner user of the lead organisation
    marks them done (``completed_on``) or reopens them (``completed_on: null``)."""

    model = Milestone
    serializer_class = MilestoneSerializer
    list_serializer_class = MilestoneListSerializer
    filterset_class = MilestoneFilterSet

    def list_queryset(self, queryset):
        return queryset.with_overdue()

    def detail_queryset(self, queryset):
        return queryset.select_related("action_line__intervention").with_overdue()

    def can_update(self, instance, user):
        return services.can_complete_milestone(milestone=instance, user=user)

    def create_object(self, data, user):
        return services.create_milestone(actor=user, **data)

    def update_object(self, instance, data, user):
        data = changed_fields(instance, data)
        if user.is_board:
            return services.update_milestone(milestone=instance, actor=user, **data)
        if set(data) - {"completed_on"}:
            raise PermissionDenied(
                _("Partners may only mark a milestone done or reopen it (completed_on).")
            )
        if "completed_on" not in data:
            return instance
        if data["completed_on"] is None:
            return services.reopen_milestone(milestone=instance, actor=user)
        return services.complete_milestone(milestone=instance, actor=user, on=data["completed_on"])

    def destroy_object(self, instance, user):
        services.delete_milestone(milestone=instance, actor=user)
