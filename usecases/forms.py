"""Portal forms for use cases: the draft and its edits, moves, assessments, attachments.

Forms only collect and check input; every write goes through ``usecases.services``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Coalition
from coalitions.models import Organisation
from corridor.web.editing import VersionedFormMixin
from interventions.models import ActionLine
from interventions.models import Intervention

from .models import CRITERIA
from .models import Assessment
from .models import Attachment
from .models import UseCase
from .models import UseCaseStatus
from .uploads import ACCEPT_ATTRIBUTE
from .uploads import MAX_ATTACHMENT_SIZE
from .uploads import inspect_upload

USE_CASE_FIELDS = (
    "title",
    "intervention",
    "action_line",
    "coalition",
    "summary",
    "problem",
    "expected_outcome",
    "sectors",
    "needed_capabilities",
    "partners",
    "location",
    "planned_start",
    "planned_end",
)


class AttachmentField(forms.FileField):
    widget = forms.ClearableFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Attachment"))
        kwargs.setdefault(
            "help_text",
            _("PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG or JPEG, at most 10 MB."),
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs


class UseCaseForm(VersionedFormMixin, forms.ModelForm):
    """Create or edit a use case; ``version`` is the version the form was loaded from."""

    class Meta:
        model = UseCase
        fields = USE_CASE_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "problem": forms.Textarea(attrs={"rows": 6}),
            "expected_outcome": forms.Textarea(attrs={"rows": 6}),
            "planned_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "planned_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "partners": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "summary": _("Two or three sentences that tell a reader what this use case is."),
            "problem": _("Which problem or opportunity does it address, and for whom?"),
            "expected_outcome": _("What is there when it succeeds, and how will it be visible?"),
            "partners": _("Other organisations taking part. Hold Ctrl or ⌘ to choose several."),
            "location": _("Where it is tested or applied, for example Almere."),
            "action_line": _("Optional: the action line of the intervention it contributes to."),
        }

    def __init__(self, *args, user, with_attachment=False, choose_organisation=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["intervention"].queryset = Intervention.objects.order_by("number")
        self.fields["action_line"].queryset = ActionLine.objects.select_related(
            "intervention"
        ).order_by("intervention__number", "title")
        self.fields["coalition"].queryset = Coalition.objects.visible_to(user).order_by("name")
        self.fields["partners"].queryset = Organisation.objects.order_by("name")
        if choose_organisation:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Submitting organisation"),
                queryset=Organisation.objects.order_by("name"),
            )
            self.order_fields(["title", "organisation"])
        if with_attachment:
            self.fields["attachment"] = AttachmentField(required=False)
            self.fields["attachment_public"] = public_attachment_field()

    def keep_attachment(self, kept: dict, field_name: str):
        """Say that the file chosen before is kept, and carry its key on."""
        self.fields[field_name] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.initial[field_name] = kept["token"]
        if self.is_bound:
            self.data = self.data.copy()
            self.data[field_name] = kept["token"]
        self.kept_attachment = kept["name"]
        help_text = _("Kept: %(name)s. Choose another file to replace it.") % {"name": kept["name"]}
        self.fields["attachment"].help_text = help_text
        self["attachment"].help_text = help_text

    def clean_attachment(self):
        """A file of a type not allowed is an error with all the others (its
        size is refused before the form is read: 413)."""
        upload = self.cleaned_data.get("attachment")
        if upload and upload.size <= MAX_ATTACHMENT_SIZE:
            inspect_upload(upload)
            upload.seek(0)
        return upload

    def service_fields(self) -> dict:
        """The cleaned values as keyword arguments for the use case services."""
        data = {name: self.cleaned_data[name] for name in USE_CASE_FIELDS if name != "partners"}
        data["partners"] = list(self.cleaned_data["partners"])
        return data


class TransitionForm(forms.Form):
    """One move of the workflow; the choices are exactly the user's allowed moves."""

    to = forms.ChoiceField(label=_("Move to"), choices=())
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the Board selects or declines: the submitters read it."),
    )

    def __init__(self, *args, moves, override_needed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(m, UseCaseStatus(m).label) for m in moves]
        if UseCaseStatus.MORE_INFORMATION_REQUESTED in moves:
            self.fields["reason"].help_text = _(
                "Required when the Board selects or declines, or asks the partner a "
                "question (“More information requested”): the submitters read it."
            )
        if not {
            UseCaseStatus.SELECTED,
            UseCaseStatus.DECLINED,
            UseCaseStatus.MORE_INFORMATION_REQUESTED,
        } & set(moves):
            self.fields["reason"].label = _("Note (optional)")
            self.fields["reason"].help_text = _("Shown with this step in the status timeline.")
        self.override_needed = override_needed
        if override_needed:
            self.fields["confirm_override"] = forms.BooleanField(
                label=_("Select anyway, with fewer assessments than required"),
                required=False,
            )
            self.fields["override_reason"] = forms.CharField(
                label=_("Why the selection cannot wait for more assessments"),
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def service_options(self) -> dict:
        """The override's confirmation and reason for ``transition_use_case``."""
        return {
            "confirm_override": bool(self.cleaned_data.get("confirm_override")),
            "override_reason": self.cleaned_data.get("override_reason", ""),
        }


SCORE_CHOICES = [
    (1, _("1 – very weak")),
    (2, _("2 – weak")),
    (3, _("3 – reasonable")),
    (4, _("4 – strong")),
    (5, _("5 – very strong")),
]

# The four selection criteria, in the words of the Board's cover note.
CRITERION_LABELS = {
    "complementarity": _("Complementarity between the Amsterdam metropolitan region and Brainport"),
    "existing_strengths": _("Fit with existing strengths"),
    "feasibility": _("Feasibility in the short term"),
    "scalability": _("Potential for further scaling up in the longer term"),
}
CRITERION_HELP = {
    "complementarity": _(
        "Does the use case join what the Amsterdam metropolitan region and Brainport each do "
        "best, so that the two regions achieve together what neither would alone?"
    ),
    "existing_strengths": _(
        "Does it build on the strengths already present in both ecosystems — companies, "
        "knowledge institutions, facilities — rather than starting from nothing?"
    ),
    "feasibility": _(
        "Can it deliver concrete results in the short term, with partners, means and a "
        "location ready to start?"
    ),
    "scalability": _(
        "Once it works, can it grow in the longer term: to other sectors, regions or a "
        "national and European scale?"
    ),
}


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = (*CRITERIA, "recommendation", "rationale")
        widgets = {
            "recommendation": forms.RadioSelect,
            "rationale": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "rationale": _("Explain your scores; the Board and the other reviewers read this."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CRITERIA:
            self.fields[name] = forms.TypedChoiceField(
                label=CRITERION_LABELS[name],
                help_text=CRITERION_HELP[name],
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "score-choices"}),
                initial=getattr(self.instance, name, None),
            )
        self.fields["recommendation"].choices = Assessment.Recommendation.choices
        self.order_fields([*CRITERIA, "recommendation", "rationale"])


def public_attachment_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Public attachment"),
        required=False,
        initial=False,
        help_text=Attachment._meta.get_field("is_public").help_text,
    )


class AttachmentForm(forms.Form):
    file = AttachmentField()
    is_public = public_attachment_field()
