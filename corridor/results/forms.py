from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Indicator
from .models import Measurement


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name_nl",
            "name_en",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "higher_is_better",
        ]
        widgets = {
            "baseline_date": forms.DateInput(attrs={"type": "date"}),
            "target_date": forms.DateInput(attrs={"type": "date"}),
        }


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value", "source_note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"source_note": _("Where the number comes from, so it can be checked.")}
