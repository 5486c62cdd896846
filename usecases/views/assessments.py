"""A reviewer's assessment of a use case in review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from corridor.web.editing import add_service_errors

from .. import services
from ..forms import AssessmentForm
from ..models import Assessment
from .detail import visible_use_case


@login_required
def assessment_edit(request, pk):
    use_case = visible_use_case(request, pk)
    user = request.user
    if not services.can_assess(use_case=use_case, user=user):
        raise PermissionDenied(_("Only reviewers assess use cases, and only while in review."))
    instance = Assessment.objects.filter(use_case=use_case, reviewer=user).first() or Assessment(
        use_case=use_case, reviewer=user
    )
    form = AssessmentForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        scores = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.record_assessment(use_case=use_case, reviewer=user, **scores)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your assessment is saved."))
            return redirect(use_case)
    return render(
        request,
        "usecases/assessment_form.html",
        {"form": form, "use_case": use_case, "nav_section": "usecases"},
    )
