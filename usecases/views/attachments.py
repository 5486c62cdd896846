"""Attachments of a use case: add, download (only to those who may see it), remove."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import AttachmentForm
from ..models import Attachment
from ..uploads import MAX_UPLOAD_REQUEST_SIZE
from ..uploads import AttachmentTooLarge
from ..uploads import too_large_message
from .detail import detail_context
from .detail import visible_use_case


def too_large_response(request, use_case=None):
    return render(
        request,
        "usecases/attachment_too_large.html",
        {"use_case": use_case, "message": too_large_message()},
        status=413,
    )


def upload_too_large(request) -> bool:
    """Refuse an oversized upload by its declared length, before reading it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > MAX_UPLOAD_REQUEST_SIZE


@login_required
@require_POST
def attachment_add(request, pk):
    use_case = visible_use_case(request, pk)
    if not services.can_edit_use_case(use_case=use_case, user=request.user):
        raise PermissionDenied(_("You may not add attachments to this use case."))
    if upload_too_large(request):
        return too_large_response(request, use_case)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(
                use_case=use_case,
                actor=request.user,
                upload=form.cleaned_data["file"],
                is_public=form.cleaned_data["is_public"],
            )
        except AttachmentTooLarge:
            return too_large_response(request, use_case)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The attachment is added."))
            return redirect(use_case)
    context = detail_context(request, use_case, attachment_form=form)
    return render(request, "usecases/use_case_detail.html", context, status=400)


def _visible_attachment(request, pk):
    return get_object_or_404(
        Attachment.objects.visible_to(request.user).select_related("use_case"), pk=pk
    )


def attachment_download(request, pk):
    """Serve an attachment as a download, only to those who may see its use case."""
    attachment = _visible_attachment(request, pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404(_("The file of this attachment is missing.")) from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = _visible_attachment(request, pk)
    use_case = attachment.use_case
    services.remove_attachment(attachment=attachment, actor=request.user)
    messages.success(request, _("The attachment is removed."))
    return redirect(use_case)
