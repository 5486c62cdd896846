"""Portal pages of use cases: list, detail, draft and edit, moves, assessments, attachments.

Every read is scoped by ``UseCase.objects.visible_to`` (a hidden use case
answers 404, exactly like a missing one); every write calls
``usecases.services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from coalitions.models import Capability
from corridor.caching.kept import keeps_page
from corridor.caching.kept import kept
from corridor.caching.kept import kept_for
from corridor.parsing import page_number
from corridor.security.throttling import rate_limited
from corridor.web.editing import VersionedEditView
from corridor.web.editing import add_service_errors

from . import services
from .filters import UseCaseFilterSet
from .filters import may_order_by_score
from .forms import CRITERION_LABELS
from .forms import AssessmentForm
from .forms import AttachmentForm
from .forms import TransitionForm
from .forms import UseCaseForm
from .models import CRITERIA
from .models import Assessment
from .models import Attachment
from .models import Sector
from .models import UseCase
from .policies import UseCasePolicy
from .selectors import use_case_total
from .uploads import MAX_UPLOAD_REQUEST_SIZE
from .uploads import AttachmentTooLarge
from .uploads import too_large_message

PAGE_SIZE = 25
# Parameters of the list that page it and do not filter it.
PAGING = frozenset({"page"})
# A spread of reviewers' overall scores this wide flags disagreement to discuss.
SPREAD_ALERT = 1.5


def _may_create(user) -> bool:
    return user.is_authenticated and (user.is_board or user.is_partner)


def too_large_response(request, use_case=None):
    return render(
        request,
        "usecases/attachment_too_large.html",
        {"use_case": use_case, "message": too_large_message()},
        status=413,
    )


def _upload_too_large(request) -> bool:
    """Refuse an oversized upload by its declared length, before reading it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > MAX_UPLOAD_REQUEST_SIZE


def _filter_fields(request, form) -> str:
    return render_to_string("usecases/_filter_fields.html", {"form": form}, request)


def _opening_filter_fields(request) -> str:
    """The filter form as the list opens, before any filter is chosen.

    It is the same for every reader of one language who may, or may not, order
    by score, so it is kept (``corridor.caching``) until the data changes,
    rather than rendering every choice of its widgets on each visit.
    """

    def render_fields() -> str:
        filterset = UseCaseFilterSet(queryset=UseCase.objects.none(), request=request)
        return _filter_fields(request, filterset.form)

    return kept(
        "use-case-filter-fields",
        render_fields,
        vary=(get_language(), int(may_order_by_score(request.user))),
    )


def _listing(request, rows, show_scores: bool) -> str:
    """The count, a page of ``rows`` and the pages, rendered."""
    user = request.user
    paginator = Paginator(rows, PAGE_SIZE)
    if not rows.query.has_filters():
        # Every use case: their number is the corridor's count the home page
        # keeps, not a count of every row on every visit.
        paginator.count = use_case_total()
    page = paginator.get_page(page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "usecases/_use_case_rows.html",
        {
            "page": page,
            "rows": [
                (use_case, UseCasePolicy(user).sees_review(use_case))
                for use_case in page.object_list
            ],
            "show_scores": show_scores,
            "query": query.urlencode(),
        },
    )


def use_case_list(request):
    """The use cases a reader may see, filtered. Unfiltered, the public all see
    the same pages, and so does the Board: those are kept
    (``corridor.caching``) per language and page (the first few,
    ``keeps_page``) until the data changes."""
    user = request.user
    queryset = (
        UseCase.objects.visible_to(user)
        .select_related("intervention", "organisation")
        .with_disclosure(user)
    )
    show_scores = user.is_authenticated and (user.is_board or user.is_reviewer)
    filterset = None
    if not PAGING.issuperset(request.GET):
        filterset = UseCaseFilterSet(request.GET, queryset=queryset, request=request)
        filter_fields = _filter_fields(request, filterset.form)
        listing = _listing(request, filterset.qs, show_scores)
    else:
        filter_fields = _opening_filter_fields(request)
        number = page_number(request)
        if not keeps_page(number):
            listing = _listing(request, queryset, show_scores)
        else:
            listing = kept_for(
                user,
                "use-case-list",
                lambda: _listing(request, queryset, show_scores),
                vary=(get_language(), number),
            )
    return render(
        request,
        "usecases/use_case_list.html",
        {
            "filter": filterset,
            "filter_fields": filter_fields,
            "listing": listing,
            "may_create": _may_create(user),
            "nav_section": "usecases",
        },
    )


def _labels(choices, codes):
    return [choices(code).label for code in codes if code in choices.values]


def _criteria_rows(use_case, assessments):
    return [
        {
            "label": CRITERION_LABELS[name],
            "mean": getattr(use_case, f"score_{name}"),
            "scores": [getattr(a, name) for a in assessments],
        }
        for name in CRITERIA
    ]


def _detail_context(request, use_case, **extra):
    user = request.user
    policy = UseCasePolicy(user)
    sees_review = policy.sees_review(use_case)
    assessments = []
    if sees_review:
        assessments = list(
            Assessment.objects.visible_to(user)
            .filter(use_case=use_case)
            .select_related("reviewer")
            .order_by("created", "pk")
        )
    own_assessment = None
    if user.is_authenticated and user.is_reviewer:
        own_assessment = Assessment.objects.filter(use_case=use_case, reviewer=user).first()
    moves = services.allowed_moves(use_case=use_case, user=user)
    may_edit = services.can_edit_use_case(use_case=use_case, user=user)
    context = {
        "use_case": use_case,
        "nav_section": "usecases",
        "status_changes": use_case.status_changes.select_related("actor").all(),
        "partners": use_case.partners.select_related("region").order_by("name"),
        "attachments": Attachment.objects.visible_to(user).filter(use_case=use_case),
        "sees_review": sees_review,
        "sees_decision": policy.sees_decision(use_case),
        "sees_coalition": policy.sees_coalition(use_case),
        "assessments": assessments,
        "criteria": _criteria_rows(use_case, assessments) if sees_review else [],
        "spread_alert": sees_review and (use_case.spread or 0) >= SPREAD_ALERT,
        "sector_labels": _labels(Sector, use_case.sectors),
        "capability_labels": _labels(Capability, use_case.needed_capabilities),
        "own_assessment": own_assessment,
        "may_assess": services.can_assess(use_case=use_case, user=user),
        "may_edit": may_edit,
        "transition_form": TransitionForm(moves=moves) if moves else None,
        "attachment_form": AttachmentForm() if may_edit else None,
    }
    context.update(extra)
    return context


def _visible_use_case(request, pk):
    queryset = UseCase.objects.visible_to(request.user).select_related(
        "intervention",
        "organisation",
        "organisation__region",
        "action_line",
        "coalition",
        "submitted_by",
    )
    return get_object_or_404(queryset.with_disclosure(request.user), pk=pk)


def use_case_detail(request, pk):
    use_case = _visible_use_case(request, pk)
    return render(request, "usecases/use_case_detail.html", _detail_context(request, use_case))


@login_required
@rate_limited("use_case_create")
def use_case_create(request):
    user = request.user
    if not _may_create(user):
        raise PermissionDenied(_("Only partner users and the Board create use cases."))
    if request.method == "POST" and _upload_too_large(request):
        return too_large_response(request)
    form = UseCaseForm(
        request.POST or None,
        request.FILES or None,
        user=user,
        with_attachment=True,
        choose_organisation=user.is_board,
        instance=UseCase(submitted_by=user),
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data.get("organisation") or user.organisation
        upload = form.cleaned_data.get("attachment")
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
            messages.success(request, _("The draft is saved. Submit it when it is complete."))
            return redirect(use_case)
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
        use_case = _visible_use_case(self.request, self.kwargs["pk"])
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


def _add_transition_errors(form, error: ValidationError):
    """Errors of the move itself go to its fields; missing use case fields are named."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        if field in form.fields:
            form.add_error(field, errors)
            continue
        label = UseCase._meta.get_field(field).verbose_name
        for item in errors:
            for text in item.messages:
                form.add_error(None, f"{str(label).capitalize()}: {text}")


@login_required
@require_POST
def use_case_transition(request, pk):
    use_case = _visible_use_case(request, pk)
    moves = services.allowed_moves(use_case=use_case, user=request.user)
    if not moves:
        raise PermissionDenied(_("You cannot move this use case now."))
    form = TransitionForm(request.POST, moves=moves)
    if form.is_valid():
        try:
            change = services.transition_use_case(
                use_case=use_case,
                to=form.cleaned_data["to"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_transition_errors(form, error)
        else:
            messages.success(
                request,
                _("The use case is now “%(status)s”.") % {"status": change.get_to_status_display()},
            )
            return redirect(use_case)
    context = _detail_context(request, use_case, transition_form=form)
    return render(request, "usecases/use_case_detail.html", context, status=400)


@login_required
def assessment_edit(request, pk):
    use_case = _visible_use_case(request, pk)
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


@login_required
@require_POST
def attachment_add(request, pk):
    use_case = _visible_use_case(request, pk)
    if not services.can_edit_use_case(use_case=use_case, user=request.user):
        raise PermissionDenied(_("You may not add attachments to this use case."))
    if _upload_too_large(request):
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
    context = _detail_context(request, use_case, attachment_form=form)
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
