"""``/api/v1/corridor-index/``: the corridor index over time."""

import datetime

from django.db.models import Q
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from corridor.parsing import whole_number
from interventions.models import Intervention

from .history import INTERVALS
from .history import MAX_POINTS
from .series import corridor_index_series
from .series import default_series_range
from .series import month_points

# The dates an index can be asked for: month arithmetic past year 9999 fails,
# and the corridor has no history before this century.
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)


def _within_range(value):
    if not FIRST_DAY <= value <= LAST_DAY:
        raise serializers.ValidationError(
            _("Pick a date from %(first)s to %(last)s.")
            % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()}
        )
    return value


class CorridorIndexQuerySerializer(serializers.Serializer):
    intervention = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=60,
        help_text=_("An intervention's slug or number; empty for the whole corridor."),
    )
    to = serializers.DateField(
        required=False, help_text=_("Last day (YYYY-MM-DD); today by default.")
    )
    interval = serializers.ChoiceField(choices=INTERVALS, required=False, default="month")
    # ``from`` is a Python keyword: declared through the class namespace.
    locals()["from"] = serializers.DateField(
        required=False, help_text=_("First month (YYYY-MM-DD).")
    )

    def validate_intervention(self, value):
        value = value.strip()
        if not value:
            return None
        lookup = Q(slug=value)
        if (number := whole_number(value)) is not None:
            lookup |= Q(number=number)
        intervention = Intervention.objects.filter(lookup).first()
        if intervention is None:
            raise serializers.ValidationError(
                _("Unknown intervention “%(value)s”.") % {"value": value}
            )
        return intervention

    def validate_to(self, value):
        return _within_range(value)

    def validate_from(self, value):
        return _within_range(value)

    def validate(self, attrs):
        end = attrs.get("to") or default_series_range()[1]
        start = attrs.get("from")
        if start is None:
            start, _end = default_series_range(end)
        if start > end:
            raise serializers.ValidationError({"from": _("“from” must not lie after “to”.")})
        if len(month_points(start, end)) > MAX_POINTS:
            raise serializers.ValidationError(
                {"from": _("Ask for at most %(count)d months at a time.") % {"count": MAX_POINTS}}
            )
        attrs["from"], attrs["to"] = start, end
        return attrs


# Responses -------------------------------------------------------------------


class IndexPartSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    corridor = serializers.IntegerField(help_text=_("Of those, joining both poles."))
    share = serializers.FloatField(allow_null=True)


class CorridorIndexPointSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.FloatField(
        allow_null=True, help_text=_("Corridor items over all counted items (0..1).")
    )
    coalitions = IndexPartSerializer(help_text=_("Active coalitions."))
    use_cases = IndexPartSerializer(help_text=_("Use cases selected, in execution or completed."))


class CorridorIndexSerializer(serializers.Serializer):
    intervention = serializers.CharField(allow_null=True)
    interval = serializers.CharField()
    to = serializers.DateField()
    locals()["from"] = serializers.DateField()
    results = CorridorIndexPointSerializer(many=True)


class CorridorIndexView(APIView):
    """The corridor index: the seed's own question (how much of the corridor
    joins both poles) as a number over time."""

    permission_classes = [AllowAny]

    def initial(self, request, *args, **kwargs):
        # Messages in the language asked for (Accept-Language), as the API's viewsets.
        translation.activate(translation.get_language_from_request(request))
        super().initial(request, *args, **kwargs)

    @extend_schema(
        operation_id="corridor_index",
        summary=_("The corridor index by month"),
        description=lazy(
            lambda: (
                _(
                    "The share of active coalitions and of selected use cases that join at "
                    "least one MRA and one Brainport organisation, per point in time, for the "
                    "whole corridor or one intervention. At most %(count)d months at a time; "
                    "`to` must not lie before `from`, and both lie from %(first)s to "
                    "%(last)s. An unknown intervention, a longer range or a reversed one "
                    "answers 400 with the parameter's error."
                )
                % {
                    "count": MAX_POINTS,
                    "first": FIRST_DAY.isoformat(),
                    "last": LAST_DAY.isoformat(),
                }
            ),
            str,
        )(),
        parameters=[
            OpenApiParameter(
                "intervention",
                str,
                description=_("An intervention's slug or number; empty for the whole corridor."),
            ),
            OpenApiParameter(
                "from",
                datetime.date,
                description=_("First month (YYYY-MM-DD); the twelve months up to `to` by default."),
            ),
            OpenApiParameter(
                "to",
                datetime.date,
                description=_("Last day (YYYY-MM-DD); today by default. Not before `from`."),
            ),
            OpenApiParameter("interval", str, enum=list(INTERVALS)),
        ],
        responses=CorridorIndexSerializer,
        tags=["corridor-index"],
    )
    def get(self, request):
        query = CorridorIndexQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        intervention = params.get("intervention")
        series = corridor_index_series(
            start=params["from"],
            end=params["to"],
            intervention=intervention,
            interval=params["interval"],
        )
        return Response(
            {
                "intervention": intervention.slug if intervention else None,
                "interval": params["interval"],
                "from": params["from"].isoformat(),
                "to": params["to"].isoformat(),
                "results": [point.as_dict() for point in series],
            }
        )
