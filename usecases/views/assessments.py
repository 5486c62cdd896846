"""A reviewer's assessment of a use case in review: the use case beside the
four criteria, a draft kept until it is submitted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from corridor.web.editing import add_service_errors

from ..forms import AssessmentForm
from ..models import Assessment
from ..models import AssessmentDraft
from ..models import Attachment
from ..review import services as review
from .detail import visible_use_case


@login_required
def assessment_edit(request, pk):
    use_case = visible_use_case(request, pk)
    user = request.user
    if not user.is_reviewer:
        raise PermissionDenied(_("Only reviewers assess use cases, and only while in review."))
    may_assess = review.may_assess(use_case=use_case, user=user)
    instance = Assessment.objects.filter(use_case=use_case, reviewer=user).first() or Assessment(
        use_case=use_case, reviewer=user
    )
    draft = AssessmentDraft.objects.filter(use_case=use_case, reviewer=user).first()
    initial = dict(draft.values) if draft else {}
    form = AssessmentForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST":
        if not may_assess:
            raise PermissionDenied(_("You may not assess this use case."))
        if "save_draft" in request.POST:
            review.save_draft_assessment(use_case=use_case, reviewer=user, values=request.POST)
            messages.success(request, _("Your draft is saved; only you see it."))
            return redirect("usecases:assessment-edit", pk=use_case.pk)
        if form.is_valid():
            scores = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                review.submit_assessment(use_case=use_case, reviewer=user, **scores)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your assessment is saved."))
                return redirect(use_case)
    return render(
        request,
        "usecases/assessment_form.html",
        {
            "form": form,
            "use_case": use_case,
            "may_assess": may_assess,
            "draft": draft,
            "partners": use_case.partners.select_related("region").order_by("name"),
            "attachments": Attachment.objects.visible_to(user).filter(use_case=use_case),
            "nav_section": "usecases",
        },
    )
