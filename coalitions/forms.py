from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.web.editing import VersionedFormMixin

from .models import Capability
from .models import Membership
from .models import Organisation
from .models import Region
from .services import PARTNER_EDITABLE_ORGANISATION_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationFilterForm(forms.Form):
    """The directory's filters; unknown values are refused with a message, never a 500."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organisation.Kind.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All regions"),
    )
    capability = forms.ChoiceField(
        label=_("Capability"),
        required=False,
        choices=[("", _("All capabilities")), *Capability.choices],
    )

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("q"):
            queryset = queryset.filter(name__icontains=data["q"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("region"):
            queryset = queryset.filter(region=data["region"])
        if data.get("capability"):
            queryset = queryset.with_capability(data["capability"])
        return queryset


class OrganisationForm(VersionedFormMixin, forms.ModelForm):
    """The Board edits every field; a partner of the organisation only the
    fields ``update_organisation`` allows them."""

    website = forms.URLField(
        label=_("website"), required=False, max_length=300, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "region", "city", "website", "description", "capabilities"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"description": _("Markdown.")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None or not user.is_board:
            for name in list(self.fields):
                if name != "version" and name not in PARTNER_EDITABLE_ORGANISATION_FIELDS:
                    del self.fields[name]

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


class MembershipAddForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial="member")
    joined = forms.DateField(label=_("Joined"), required=False, widget=DATE_WIDGET)
    commitment = forms.CharField(
        label=_("Commitment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MembershipChangeForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "joined", "commitment"]
        widgets = {"joined": DATE_WIDGET, "commitment": forms.Textarea(attrs={"rows": 2})}

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MembershipEndForm(forms.Form):
    left = forms.DateField(label=_("Left on"), required=False, widget=DATE_WIDGET)
