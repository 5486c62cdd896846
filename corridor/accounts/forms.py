"""Portal forms of the account pages: profile and personal API tokens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User
from .tokens import DEFAULT_EXPIRES_DAYS
from .tokens import MAX_EXPIRES_DAYS


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("first_name", "last_name", "email", "language", "digest_frequency")
        widgets = {
            "language": forms.RadioSelect,
            "digest_frequency": forms.RadioSelect,
        }
        help_texts = {
            "language": _("The portal and the emails you receive use this language."),
            "digest_frequency": _(
                "How often the progress digest is emailed to you: weekly (Monday), daily, "
                "or not at all. You can always read it in the portal."
            ),
        }


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text=_("So you can tell your tokens apart, for example the system that uses it."),
    )
    expires_days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_EXPIRES_DAYS,
        initial=DEFAULT_EXPIRES_DAYS,
    )
