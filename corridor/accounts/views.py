"""Account pages: log in and out, passwords, the profile and personal API tokens.

Logging in, out and the password pages are Django's own views with the
portal's templates; the profile page also switches the portal to the
language the user chose.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from corridor.security.client_ip import client_ip
from corridor.security.throttling import rate_limited
from corridor.security.throttling import within_rate

from . import tokens
from .forms import ProfileForm
from .forms import TokenForm
from .models import ApiToken


def _in_language(view_name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(view_name, kwargs=kwargs or None)


def _set_language_cookie(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


@method_decorator(rate_limited("login"), name="dispatch")
class LoginView(auth_views.LoginView):
    """Django's login; without an explicit ``next`` it lands on the home page in
    the user's own language. Login posts are rate-limited per client IP."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        language = getattr(self.request.user, "language", None) or settings.LANGUAGE_CODE
        return _in_language(settings.LOGIN_REDIRECT_URL, language)

    def form_valid(self, form):
        response = super().form_valid(form)
        return _set_language_cookie(response, form.get_user().language)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, sending at most a few emails to one address an
    hour (``THROTTLE_PASSWORD_RESET_RATE``, counted per address, however it is
    written). Over the limit no email goes out, and the page answers exactly as
    it always does, so it tells nobody whether an account exists."""

    html_email_template_name = None
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        address = form.cleaned_data["email"].strip().casefold()
        if within_rate(self.request, "password_reset", address):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


def _profile_context(request, **extra):
    context = {
        "form": ProfileForm(instance=request.user),
        "token_form": TokenForm(),
        "tokens": ApiToken.objects.filter(user=request.user)
        .select_related("use")
        .order_by("-created", "-pk"),
        "nav_section": "account",
    }
    context.update(extra)
    return context


@login_required
def profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            user = form.save(commit=False)
            user._history_user = request.user
            user.save(update_fields=list(form.Meta.fields))
            translation.activate(user.language)
            messages.success(request, _("Your profile is saved."))
            response = redirect(_in_language("accounts:profile", user.language))
            return _set_language_cookie(response, user.language)
        return render(request, "accounts/profile.html", _profile_context(request, form=form))
    return render(request, "accounts/profile.html", _profile_context(request))


@never_cache
@login_required
@require_POST
def token_create(request):
    """Make a token and show it once, in this response only (never stored or cached)."""
    form = TokenForm(request.POST)
    created = None
    if form.is_valid():
        try:
            token, plaintext = tokens.create_token(
                request.user,
                expires_days=form.cleaned_data["expires_days"],
                name=form.cleaned_data["name"],
                actor=request.user,
                ip=client_ip(request),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            created = {"token": token, "plaintext": plaintext}
            form = TokenForm()
    response = render(
        request,
        "accounts/profile.html",
        _profile_context(request, token_form=form, created=created),
        status=200 if created else 400,
    )
    return response


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke_token(token, actor=request.user, ip=client_ip(request))
    messages.success(
        request,
        _("The token %(prefix)s… is revoked and no longer works.") % {"prefix": token.prefix},
    )
    return redirect("accounts:profile")
