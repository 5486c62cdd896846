from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from corridor.api.serializers import CodeListField

from ..models import Attempt
from ..models import Delivery
from ..models import Endpoint
from ..models import EventType


class EndpointSerializer(serializers.ModelSerializer):
    """A webhook endpoint: where events go, which ones, and whether it is on."""

    url = serializers.URLField(
        max_length=500,
        help_text=_(
            "The receiver: https:// (http:// only where allowed), a valid URL with a "
            "public host; private, loopback and link-local addresses answer 400."
        ),
    )
    event_types = CodeListField(choices=EventType.choices, required=True, min_length=1)
    organisation = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text=_("Whose events it hears; empty: every organisation's (the Board's)."),
    )
    owner = serializers.CharField(source="owner.username", read_only=True)
    secret = serializers.SerializerMethodField(
        help_text=_(
            "The signing secret, shown once: in the answer to creating the endpoint "
            "and to rotate-secret. Present only then."
        )
    )

    class Meta:
        model = Endpoint
        fields = [
            "id",
            "url",
            "description",
            "event_types",
            "organisation",
            "owner",
            "is_active",
            "disabled_reason",
            "failing_since",
            "previous_secret_until",
            "created",
            "updated",
            "secret",
        ]
        read_only_fields = [
            "id",
            "disabled_reason",
            "failing_since",
            "previous_secret_until",
            "created",
            "updated",
        ]

    def get_secret(self, obj) -> str:
        return getattr(obj, "shown_secret", "")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not data.get("secret"):
            data.pop("secret", None)
        return data


class AttemptSerializer(serializers.ModelSerializer):
    """One try: when, the receiver's status (empty when none came), how long, its first bytes."""

    class Meta:
        model = Attempt
        fields = ["at", "status_code", "duration_ms", "response_start", "error"]


class DeliverySerializer(serializers.ModelSerializer):
    """One event's message to the endpoint, the same webhook-id on every try."""

    type = serializers.CharField(source="event.type")
    log = AttemptSerializer(many=True)

    class Meta:
        model = Delivery
        fields = [
            "message_id",
            "type",
            "status",
            "attempts",
            "next_attempt_at",
            "delivered_at",
            "created",
            "log",
        ]


class RedeliverSerializer(serializers.Serializer):
    message_id = serializers.CharField(max_length=60, help_text=_("The delivery's webhook-id."))
