"""The map of the corridor's network."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from coalitions.models import Organisation
from interventions.models import Intervention

from .graph import build_network
from .graph import pole_regions


class MapFilterForm(forms.Form):
    intervention = forms.ModelChoiceField(
        label=gettext_lazy("Intervention"),
        queryset=Intervention.objects.order_by("number"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All interventions"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of organisation"),
        choices=[("", gettext_lazy("All kinds")), *Organisation.Kind.choices],
        required=False,
    )


@require_GET
def network_map(request):
    form = MapFilterForm(request.GET or None)
    intervention = kind = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            intervention = form.cleaned_data["intervention"]
            kind = form.cleaned_data["kind"] or None
        else:
            status = 400
    network = build_network(user=request.user, intervention=intervention, kind=kind)
    return render(
        request,
        "insight/map.html",
        {"form": form, "network": network, "poles": pole_regions(), "nav_section": "map"},
        status=status,
    )
