from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EventType

CHOOSABLE = [(value, label) for value, label in EventType.choices if value != EventType.TEST]


class EndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Receiver URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where the events are posted, https://…"),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    event_types = forms.MultipleChoiceField(
        label=_("Events"), choices=CHOOSABLE, widget=forms.CheckboxSelectMultiple
    )


class EndpointChangeForm(EndpointForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)
