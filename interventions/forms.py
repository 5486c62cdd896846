from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Organisation
from corridor.accounts.models import User
from corridor.web.editing import VersionedFormMixin

from .models import ActionLine
from .models import Milestone

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgendaForm(VersionedFormMixin, forms.Form):
    agenda = forms.CharField(
        label=_("Joint agenda"),
        required=False,
        max_length=100000,
        widget=forms.Textarea(attrs={"class": "code", "rows": 24}),
        help_text=_(
            "Markdown: ## for headings, - for lists, **bold**, [text](https://…) for links."
        ),
    )
    agenda_en = forms.CharField(
        label=_("Joint agenda in English"),
        required=False,
        max_length=100000,
        widget=forms.Textarea(attrs={"class": "code", "rows": 12}),
        help_text=_(
            "Optional. English pages and documents show it; without it they show the Dutch."
        ),
    )
    reason = forms.CharField(
        label=_("What did you change?"),
        required=False,
        max_length=100,
        help_text=_("Optional; shown in the version list."),
    )


class AsksForm(VersionedFormMixin, forms.Form):
    asks = forms.CharField(
        label=_("Asks of the Rijk and the EU"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "One ask per line, starting with whom it is asked of: “Rijk:”, “EU:” or "
            "“Rijk en EU:”. The positioning dossier shows them as a table."
        ),
    )
    reason = forms.CharField(
        label=_("What did you change?"),
        required=False,
        max_length=100,
        help_text=_("Optional; shown in the version list."),
    )


class ActionLineForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ActionLine
        fields = [
            "title",
            "description",
            "kind",
            "status",
            "lead_organisation",
            "responsible",
            "start_date",
            "end_date",
            "baseline_start",
            "baseline_end",
        ]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "baseline_start": DATE_WIDGET,
            "baseline_end": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "description": _("Markdown."),
            "baseline_start": _("The start first agreed. Left empty, it is the start date."),
            "baseline_end": _("The end first agreed. Left empty, it is the end date."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["responsible"].queryset = User.objects.filter(is_active=True).order_by(
            "first_name", "last_name", "username"
        )
        self.fields["baseline_start"].required = False
        self.fields["baseline_end"].required = False

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MilestoneForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "completed_on"]
        widgets = {"due_date": DATE_WIDGET, "completed_on": DATE_WIDGET}

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DiffForm(forms.Form):
    """Which two agenda versions to compare."""

    old = forms.IntegerField(label=_("Older version"), min_value=1)
    new = forms.IntegerField(label=_("Newer version"), min_value=1)
