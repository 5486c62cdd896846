from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from corridor.api.serializers import CorridorModelSerializer

from ..models import Digest


class DigestListSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:digest-detail")
    first_day = serializers.DateField(
        read_only=True, help_text=_("First day of the period (Europe/Amsterdam).")
    )
    last_day = serializers.DateField(
        read_only=True, help_text=_("Last day of the period (Europe/Amsterdam).")
    )
    deliveries_sent = serializers.IntegerField(read_only=True)
    deliveries_waiting = serializers.IntegerField(read_only=True)
    deliveries_failed = serializers.IntegerField(read_only=True)

    class Meta:
        model = Digest
        fields = [
            "url",
            "id",
            "frequency",
            "period_start",
            "period_end",
            "first_day",
            "last_day",
            "generated_at",
            "sent_at",
            "deliveries_sent",
            "deliveries_waiting",
            "deliveries_failed",
        ]
        read_only_fields = fields


class DigestSerializer(DigestListSerializer):
    data = serializers.JSONField(
        read_only=True,
        help_text=_(
            "The structured content: per intervention and for the corridor, each section "
            "with its count and its first items; empty sections are left out."
        ),
    )

    class Meta(DigestListSerializer.Meta):
        fields = [*DigestListSerializer.Meta.fields, "data", "text", "html"]
        read_only_fields = fields
