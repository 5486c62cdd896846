"""An indicator's page (its chart, its values, a form to add one) and the
page to define an indicator of an action line or of a selected use case."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from corridor.web.editing import add_service_errors
from interventions.models import ActionLine
from usecases.models import UseCase

from . import policies
from . import services
from .forms import IndicatorForm
from .forms import MeasurementForm
from .models import Indicator
from .panels import with_charts


def indicator_detail(request, pk):
    queryset = Indicator.objects.visible_to(request.user).with_latest()
    indicator = get_object_or_404(
        queryset.select_related("action_line__intervention", "use_case__intervention"), pk=pk
    )
    may_measure = policies.can_measure(request.user, indicator)
    form = MeasurementForm(request.POST or None) if may_measure else None
    if request.method == "POST":
        if not may_measure:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.record_measurement(
                    indicator=indicator, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The measurement is saved."))
                return redirect(indicator)
    (indicator,) = with_charts([indicator])
    owner = indicator.action_line or indicator.use_case
    measurements = indicator.measurements.select_related("entered_by").order_by("-date", "-id")
    return render(
        request,
        "results/indicator_detail.html",
        {
            "indicator": indicator,
            "owner": owner,
            "intervention": owner.intervention,
            "measurements": measurements,
            "form": form,
            "shows_who": request.user.is_authenticated and request.user.is_board,
            "nav_section": "interventions",
        },
        status=400 if form is not None and form.errors else 200,
    )


def _create(request, *, owner, owner_field: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not policies.can_define(request.user, **{owner_field: owner}):
        raise PermissionDenied
    # The form validates a copy bound to its owner (an indicator has exactly one).
    form = IndicatorForm(request.POST or None, instance=Indicator(**{owner_field: owner}))
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.create_indicator(
                actor=request.user, **{owner_field: owner}, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator is defined."))
            return redirect(indicator)
    return render(
        request,
        "results/indicator_form.html",
        {"form": form, "owner": owner, "nav_section": "interventions"},
        status=400 if form.errors else 200,
    )


def indicator_create_for_action_line(request, pk):
    return _create(request, owner=get_object_or_404(ActionLine, pk=pk), owner_field="action_line")


def indicator_create_for_use_case(request, pk):
    use_case = get_object_or_404(UseCase.objects.visible_to(request.user), pk=pk)
    return _create(request, owner=use_case, owner_field="use_case")
