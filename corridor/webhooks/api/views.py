from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from corridor.api.viewsets import CorridorViewSet

from .. import services
from ..models import Delivery
from ..models import Endpoint
from .serializers import DeliverySerializer
from .serializers import EndpointSerializer
from .serializers import RedeliverSerializer

RECENT_DELIVERIES = 100


class EndpointViewSet(CorridorViewSet):
    """Webhook endpoints: the Board's hear every organisation's events, a
    partner's its own organisation's, each payload as the API shows the object
    to the endpoint's owner. Signed as Standard Webhooks."""

    model = Endpoint
    serializer_class = EndpointSerializer
    public_reads = False

    def detail_queryset(self, queryset):
        return queryset.select_related("owner", "organisation")

    def list_queryset(self, queryset):
        return queryset.select_related("owner", "organisation")

    def can_create(self, user):
        return services.may_keep_endpoints(user)

    def can_update(self, instance, user):
        return services.may_keep_endpoints(user)

    def can_destroy(self, instance, user):
        return services.may_keep_endpoints(user)

    def create_object(self, data, user):
        endpoint, secret = services.create_endpoint(actor=user, **data)
        self.shown_secret = secret
        return endpoint

    def update_object(self, instance, data, user):
        return services.update_endpoint(endpoint=instance, actor=user, **data)

    def destroy_object(self, instance, user):
        services.delete_endpoint(endpoint=instance, actor=user)

    def _respond(self, instance, status_code=200):
        response = super()._respond(instance, status_code)
        if getattr(self, "shown_secret", None):
            response.data["secret"] = self.shown_secret
        return response

    @extend_schema(
        request=None,
        responses={200: EndpointSerializer},
        summary=_("Rotate the endpoint's signing secret"),
        description=_(
            "A new secret, shown once in the answer. For 24 hours messages carry "
            "both signatures, the old secret's and the new one's, so receivers can "
            "switch without losing a message."
        ),
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret", filter_backends=[])
    def rotate_secret(self, request, pk=None):
        endpoint = self.get_object()
        with transaction.atomic():
            endpoint = self.check_if_match(endpoint)
            self.shown_secret = services.rotate_secret(endpoint=endpoint, actor=request.user)
        return self._respond(endpoint)

    @extend_schema(
        request=None,
        responses={200: DeliverySerializer},
        summary=_("Send a test event"),
        description=_(
            "Sends a `webhook.test` message to this endpoint alone, signed and "
            "retried like any other; its delivery is answered and logged."
        ),
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def test(self, request, pk=None):
        endpoint = self.get_object()
        with transaction.atomic():
            endpoint = self.check_if_match(endpoint)
            sent = services.send_test_event(endpoint=endpoint, actor=request.user)
        return Response(DeliverySerializer(sent).data)

    @extend_schema(
        responses={200: DeliverySerializer(many=True)},
        summary=_("The endpoint's delivery log"),
        description=_(
            "The latest deliveries, newest first, each with its tries: time, the "
            "receiver's status, the duration and the first bytes of its answer."
        ),
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def deliveries(self, request, pk=None):
        endpoint = self.get_object()
        recent = (
            Delivery.objects.filter(endpoint=endpoint)
            .select_related("event")
            .prefetch_related("log")
            .order_by("-created", "-id")[:RECENT_DELIVERIES]
        )
        return Response(DeliverySerializer(recent, many=True).data)

    @extend_schema(
        request=RedeliverSerializer,
        responses={200: DeliverySerializer},
        summary=_("Deliver a message again"),
        description=_(
            "Sends the delivery named by its `message_id` again, now, with the same "
            "`webhook-id`. 404 when the endpoint has no such delivery."
        ),
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def redeliver(self, request, pk=None):
        endpoint = self.get_object()
        body = RedeliverSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            endpoint = self.check_if_match(endpoint)
            delivery = get_object_or_404(
                Delivery, endpoint=endpoint, message_id=body.validated_data["message_id"]
            )
            delivery = services.redeliver(delivery=delivery, actor=request.user)
        return Response(DeliverySerializer(delivery).data)
