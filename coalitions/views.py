"""Portal pages of organisations and coalitions, with inline membership edits."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from corridor.caching.kept import keeps_page
from corridor.caching.kept import kept
from corridor.parsing import page_number
from corridor.web.access import board_required
from corridor.web.editing import VersionedEditView
from corridor.web.editing import add_service_errors

from . import services
from .forms import MembershipAddForm
from .forms import MembershipChangeForm
from .forms import MembershipEndForm
from .forms import OrganisationFilterForm
from .forms import OrganisationForm
from .models import Coalition
from .models import Membership
from .models import Organisation
from .selectors import POLES
from .selectors import current_membership_q

PAGE_SIZE = 50
ROLE_ORDER = {role: index for index, role in enumerate(Membership.Role.values)}


def _directory(request, form) -> str:
    """The filter form, the count, a page of organisations and the pages."""
    organisations = Organisation.objects.visible_to(request.user).select_related("region")
    if form.is_bound:
        organisations = form.filter(organisations) if form.is_valid() else organisations.none()
    organisations = organisations.order_by("name", "id")
    page = Paginator(organisations, PAGE_SIZE).get_page(page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "coalitions/_organisation_directory.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def organisation_list(request):
    """The directory. Organisations are public, so its unfiltered pages are
    the same for every reader: they are kept (``corridor.caching``) per
    language and page (the first few, ``keeps_page``) until the data changes."""
    number = page_number(request)
    if set(request.GET) - {"page"} or not keeps_page(number):
        directory = _directory(request, OrganisationFilterForm(request.GET or None))
    else:
        directory = kept(
            "organisation-directory",
            lambda: _directory(request, OrganisationFilterForm()),
            vary=(get_language(), number),
        )
    return render(
        request,
        "coalitions/organisation_list.html",
        {"directory": directory, "nav_section": "organisations"},
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user).select_related("region"), slug=slug
    )
    memberships = (
        Membership.objects.current()
        .filter(
            organisation=organisation,
            coalition__in=Coalition.objects.visible_to(request.user),
        )
        .select_related("coalition")
        .order_by("coalition__name")
    )
    led_action_lines = (
        organisation.led_action_lines.with_progress()
        .select_related("intervention")
        .order_by("intervention__number", "start_date")
    )
    # Reverse relations carry the use case app's own visibility rule.
    submitted = (
        organisation.submitted_use_cases.visible_to(request.user)
        .select_related("organisation")
        .order_by("-created")
    )
    partnering = (
        organisation.partner_use_cases.visible_to(request.user)
        .select_related("organisation")
        .order_by("-created")
    )
    return render(
        request,
        "coalitions/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "led_action_lines": led_action_lines,
            "submitted_use_cases": submitted,
            "partner_use_cases": partnering,
            "can_edit": services.can_edit_organisation(
                organisation=organisation, user=request.user
            ),
            "nav_section": "organisations",
        },
    )


@method_decorator(login_required, name="dispatch")
class OrganisationEdit(VersionedEditView):
    form_class = OrganisationForm
    template_name = "coalitions/organisation_form.html"
    success_message = gettext_lazy("The organisation profile is saved.")
    nav_section = "organisations"

    def get_object(self):
        organisation = get_object_or_404(Organisation, slug=self.kwargs["slug"])
        if not services.can_edit_organisation(organisation=organisation, user=self.request.user):
            raise PermissionDenied
        return organisation

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def save(self, current, form):
        return services.update_organisation(
            organisation=current, actor=self.request.user, **form.service_fields()
        )

    def get_context_data(self, organisation):
        return {"organisation": organisation}


def coalition_list(request):
    coalitions = (
        Coalition.objects.visible_to(request.user)
        .with_scope()
        .annotate(
            member_count=Count(
                "memberships", filter=current_membership_q(prefix="memberships__"), distinct=True
            )
        )
        .prefetch_related("interventions")
        .order_by("name", "id")
    )
    page = Paginator(coalitions, PAGE_SIZE).get_page(page_number(request))
    return render(
        request,
        "coalitions/coalition_list.html",
        {"page": page, "nav_section": "coalitions"},
    )


def _region_sort_key(membership):
    slug = membership.organisation.region.slug
    return (POLES.index(slug) if slug in POLES else len(POLES), membership.organisation.region.name)


def members_by_region(memberships):
    """Current memberships grouped by region (the two poles first), by role within."""
    ordered = sorted(
        memberships,
        key=lambda m: (
            _region_sort_key(m),
            ROLE_ORDER.get(m.role, 99),
            m.organisation.name,
        ),
    )
    return [
        {"region": key_members[0].organisation.region, "members": key_members}
        for _key, group in groupby(ordered, key=lambda m: m.organisation.region_id)
        if (key_members := list(group))
    ]


def _coalition_context(request, coalition, *, add_form=None):
    memberships = list(
        Membership.objects.filter(coalition=coalition)
        .select_related("organisation__region")
        .order_by("joined", "id")
    )
    current = [m for m in memberships if m.is_current]
    ended = [m for m in memberships if not m.is_current]
    return {
        "coalition": coalition,
        "regions": members_by_region(current),
        "ended": ended,
        "add_form": add_form or MembershipAddForm(),
        "role_choices": Membership.Role.choices,
        "nav_section": "coalitions",
    }


def coalition_detail(request, slug):
    coalition = get_object_or_404(
        Coalition.objects.visible_to(request.user).with_scope().prefetch_related("interventions"),
        slug=slug,
    )
    context = _coalition_context(request, coalition)
    context["use_cases"] = (
        coalition.use_cases.visible_to(request.user)
        .select_related("organisation")
        .order_by("title")
    )
    return render(request, "coalitions/coalition_detail.html", context)


def _members_response(request, coalition, *, add_form=None, status=200):
    """htmx gets the members section; a plain post goes back to the coalition."""
    if request.htmx:
        coalition = Coalition.objects.with_scope().get(pk=coalition.pk)
        return render(
            request,
            "coalitions/_members.html",
            _coalition_context(request, coalition, add_form=add_form),
            status=status,
        )
    if add_form is not None and add_form.errors:
        context = _coalition_context(
            request, Coalition.objects.with_scope().get(pk=coalition.pk), add_form=add_form
        )
        context["use_cases"] = coalition.use_cases.visible_to(request.user).select_related(
            "organisation"
        )
        return render(request, "coalitions/coalition_detail.html", context, status=status)
    return redirect(reverse("coalitions:coalition-detail", kwargs={"slug": coalition.slug}))


@board_required
@require_POST
def membership_add(request, slug):
    coalition = get_object_or_404(Coalition, slug=slug)
    form = MembershipAddForm(request.POST)
    if form.is_valid():
        try:
            services.add_membership(coalition=coalition, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s joined the coalition.")
                % {"organisation": form.cleaned_data["organisation"]},
            )
            return _members_response(request, coalition)
    return _members_response(request, coalition, add_form=form, status=400)


@board_required
@require_POST
def membership_role(request, pk):
    """The inline role change on the coalition page."""
    membership = get_object_or_404(Membership.objects.select_related("coalition"), pk=pk)
    role = request.POST.get("role", "")
    if role not in Membership.Role.values:
        messages.error(request, _("Choose one of the listed roles."))
    else:
        services.change_membership(membership=membership, actor=request.user, role=role)
        messages.success(request, _("The role is changed."))
    return _members_response(request, membership.coalition)


@board_required
@require_POST
def membership_end(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("coalition"), pk=pk)
    form = MembershipEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
    else:
        try:
            services.end_membership(
                membership=membership, actor=request.user, left=form.cleaned_data["left"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The membership has ended."))
    return _members_response(request, membership.coalition)


@method_decorator(board_required, name="dispatch")
class MembershipEdit(VersionedEditView):
    form_class = MembershipChangeForm
    template_name = "coalitions/membership_form.html"
    success_message = gettext_lazy("The membership is saved.")
    nav_section = "coalitions"

    def get_object(self):
        return get_object_or_404(
            Membership.objects.select_related("coalition", "organisation"), pk=self.kwargs["pk"]
        )

    def save(self, current, form):
        return services.change_membership(
            membership=current, actor=self.request.user, **form.service_fields()
        )

    def get_success_url(self, membership):
        return membership.coalition

    def get_context_data(self, membership):
        return {"membership": membership, "coalition": membership.coalition}
