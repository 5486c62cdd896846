"""Drafting a use case and editing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.security.throttling import rate_limited
from corridor.web.editing import VersionedEditView

from .. import services
from ..forms import UseCaseForm
from ..models import UseCase
from ..uploads import AttachmentTooLarge
from .attachments import too_large_response
from .attachments import upload_too_large
from .detail import visible_use_case
from .kept_uploads import FIELD as KEPT_FIELD
from .kept_uploads import keep
from .kept_uploads import kept_upload
from .kept_uploads import open_kept
from .kept_uploads import release


def may_create(user) -> bool:
    return user.is_authenticated and (user.is_board or user.is_partner)


@login_required
@rate_limited("use_case_create")
def use_case_create(request):
    user = request.user
    if not may_create(user):
        raise PermissionDenied(_("Only partner users and the Board create use cases."))
    if request.method == "POST" and upload_too_large(request):
        return too_large_response(request)
    form = UseCaseForm(
        request.POST or None,
        request.FILES or None,
        user=user,
        with_attachment=True,
        choose_organisation=user.is_board,
        instance=UseCase(submitted_by=user),
    )
    kept = kept_upload(request) if request.method == "POST" else None
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data.get("organisation") or user.organisation
        upload = form.cleaned_data.get("attachment")
        if upload:
            release(request, kept)
            kept = None
        elif kept:
            upload = open_kept(kept)
        try:
            with transaction.atomic():
                use_case = services.create_use_case(
                    actor=user, organisation=organisation, **form.service_fields()
                )
                if upload:
                    services.add_attachment(
                        use_case=use_case,
                        actor=user,
                        upload=upload,
                        is_public=form.cleaned_data.get("attachment_public", False),
                    )
        except AttachmentTooLarge:
            return too_large_response(request)
        except ValidationError as error:
            _add_errors(form, error, file_field="attachment")
        else:
            release(request, kept)
            messages.success(request, _("The draft is saved. Submit it when it is complete."))
            return redirect(use_case)
    if form.is_bound:
        # Whatever else failed, a good file chosen now is kept for the next submit.
        chosen = form.cleaned_data.get("attachment") if "attachment" not in form.errors else None
        if chosen:
            release(request, kept)
            kept = keep(request, chosen)
        if kept:
            form.keep_attachment(kept, KEPT_FIELD)
    return render(
        request,
        "usecases/use_case_form.html",
        {"form": form, "nav_section": "usecases", "creating": True},
    )


def _add_errors(form, error: ValidationError, *, file_field=None):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(file_field if file_field in form.fields else None, error)


@method_decorator(login_required, name="dispatch")
class UseCaseEdit(VersionedEditView):
    form_class = UseCaseForm
    template_name = "usecases/use_case_form.html"
    success_message = gettext_lazy("Your changes are saved.")
    nav_section = "usecases"

    def get_object(self):
        use_case = visible_use_case(self.request, self.kwargs["pk"])
        if not services.can_edit_use_case(use_case=use_case, user=self.request.user):
            raise PermissionDenied(_("This use case can no longer be edited by you."))
        return use_case

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def save(self, current, form):
        return services.update_use_case(
            use_case=current, actor=self.request.user, **form.service_fields()
        )

    def get_context_data(self, use_case):
        return {"use_case": use_case}
