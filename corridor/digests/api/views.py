from corridor.api.viewsets import ReadOnlyCorridorViewSet

from ..models import Digest
from .filters import DigestFilterSet
from .serializers import DigestListSerializer
from .serializers import DigestSerializer


class DigestViewSet(ReadOnlyCorridorViewSet):
    """The progress digests, newest first. The Board's: others who sign in see
    none, and anonymous callers are asked to sign in."""

    model = Digest
    serializer_class = DigestSerializer
    list_serializer_class = DigestListSerializer
    filterset_class = DigestFilterSet
    public_reads = False

    def list_queryset(self, queryset):
        return (
            queryset.with_delivery_counts()
            .defer("data", "html", "text")
            .order_by("-period_start", "frequency")
        )

    def detail_queryset(self, queryset):
        return queryset.with_delivery_counts()
