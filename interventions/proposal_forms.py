"""Forms of the joint agenda proposals: the proposed text or fields with a
reason, a comment, and the Board's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Organisation

from .forms import DATE_WIDGET
from .joint import ProposalEvent
from .models import ActionLine

REASON = forms.CharField(
    label=_("Reason"),
    max_length=5000,
    widget=forms.Textarea(attrs={"rows": 3}),
    help_text=_("Why this change: the Board and the other co-owners read it."),
)


class AgendaProposalForm(forms.Form):
    agenda = forms.CharField(
        label=_("Joint agenda"),
        required=False,
        max_length=100000,
        widget=forms.Textarea(attrs={"class": "code", "rows": 24}),
        help_text=_("The full text as you propose it (Markdown)."),
    )
    reason = REASON

    def changes(self) -> dict:
        return {"agenda": self.cleaned_data["agenda"]}


class ActionLineProposalForm(forms.ModelForm):
    reason = REASON

    class Meta:
        model = ActionLine
        fields = ["title", "description", "status", "start_date", "end_date"]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def changes(self) -> dict:
        """Every field; the service keeps those that differ from the action line.
        Bind it to a copy of the line: validating a model form changes its instance."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProposalCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown. The Board and the co-owners of this intervention read it."),
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ProposalEvent.Kind.ACCEPTED, _("Accept: it becomes the next version")),
            (ProposalEvent.Kind.CHANGES_REQUESTED, _("Ask for changes")),
            (ProposalEvent.Kind.DECLINED, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The proposer is told, with this reason."),
    )


class CoOwnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    started = forms.DateField(label=_("From"), widget=DATE_WIDGET)
