"""Portal pages where the Board and partner users keep their webhook endpoints."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import services
from .forms import EndpointChangeForm
from .forms import EndpointForm
from .models import Delivery

RECENT = 50


def _keeper(request):
    if not services.may_keep_endpoints(request.user):
        raise PermissionDenied(_("Only the Board and partner users keep webhook endpoints."))


def _endpoint(request, pk):
    return get_object_or_404(services.endpoints_of(request.user).select_related("owner"), pk=pk)


def _errors_to(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@never_cache
@login_required
def endpoint_list(request):
    _keeper(request)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = services.create_endpoint(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to(form, error)
        else:
            return _detail(request, endpoint, secret=secret)
    endpoints = services.endpoints_of(request.user).select_related("owner", "organisation")
    return render(
        request,
        "webhooks/endpoint_list.html",
        {"form": form, "endpoints": endpoints, "nav_section": "account"},
        status=400 if form.errors else 200,
    )


def _detail(request, endpoint, *, secret=None, form=None, status=200):
    form = form or EndpointChangeForm(
        initial={
            "url": endpoint.url,
            "description": endpoint.description,
            "event_types": endpoint.event_types,
            "is_active": endpoint.is_active,
        }
    )
    deliveries = (
        Delivery.objects.filter(endpoint=endpoint)
        .select_related("event")
        .prefetch_related("log")
        .order_by("-created", "-id")[:RECENT]
    )
    context = {
        "endpoint": endpoint,
        "secret": secret,
        "form": form,
        "deliveries": deliveries,
        "nav_section": "account",
    }
    return render(request, "webhooks/endpoint_detail.html", context, status=status)


@never_cache
@login_required
def endpoint_detail(request, pk):
    _keeper(request)
    endpoint = _endpoint(request, pk)
    if request.method != "POST":
        return _detail(request, endpoint)
    form = EndpointChangeForm(request.POST)
    if form.is_valid():
        try:
            services.update_endpoint(endpoint=endpoint, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The endpoint is saved."))
            return redirect("webhooks:endpoint-detail", pk=endpoint.pk)
    return _detail(request, endpoint, form=form, status=400)


@never_cache
@login_required
@require_POST
def endpoint_rotate(request, pk):
    _keeper(request)
    endpoint = _endpoint(request, pk)
    secret = services.rotate_secret(endpoint=endpoint, actor=request.user)
    return _detail(request, endpoint, secret=secret)


@login_required
@require_POST
def endpoint_test(request, pk):
    _keeper(request)
    endpoint = _endpoint(request, pk)
    services.send_test_event(endpoint=endpoint, actor=request.user)
    messages.success(request, _("A test event is on its way."))
    return redirect("webhooks:endpoint-detail", pk=endpoint.pk)


@login_required
@require_POST
def delivery_redeliver(request, pk, message_id):
    _keeper(request)
    endpoint = _endpoint(request, pk)
    delivery = get_object_or_404(Delivery, endpoint=endpoint, message_id=message_id)
    services.redeliver(delivery=delivery, actor=request.user)
    messages.success(request, _("The message is sent again."))
    return redirect("webhooks:endpoint-detail", pk=endpoint.pk)


@login_required
@require_POST
def endpoint_delete(request, pk):
    _keeper(request)
    endpoint = _endpoint(request, pk)
    services.delete_endpoint(endpoint=endpoint, actor=request.user)
    messages.success(request, _("The endpoint is deleted."))
    return redirect("webhooks:endpoint-list")
