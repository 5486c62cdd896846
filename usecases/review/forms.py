"""The review round's forms in the portal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Capability

from ..models import Comment


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=None)

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you cannot judge it fairly"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OpenSwitchForm(forms.Form):
    open_to_all_reviewers = forms.BooleanField(
        label=_("Open to all reviewers without a conflict of interest"), required=False
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer to the Board's question"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The use case goes back in review; you may edit it before you answer."),
    )


class CommentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Who may read it"), choices=Comment.Kind.choices)
    body = forms.CharField(
        label=_("Comment"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown; mention someone with @username to notify them."),
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, v) for k, v in Comment.Kind.choices if k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
            self.fields["kind"].widget = forms.HiddenInput()


class CommentEditForm(forms.Form):
    body = CommentForm.base_fields["body"]


class ExpertiseForm(forms.Form):
    capabilities = forms.MultipleChoiceField(
        label=_("Your expertise"),
        choices=Capability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The Board's suggested reviewers favour matching expertise."),
    )
