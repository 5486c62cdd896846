"""The language switcher's view: Django's ``set_language``, read in the
language of the page the visitor comes from.

Django turns ``next`` into the same page in the chosen language only when
``next`` resolves in the active language. The switcher posts to an unprefixed
URL, which (with ``prefix_default_language=False``) is always read in Dutch, so
an English ``next`` (``/en/...``) never resolved and the visitor landed on the
English page again. Activating the language of ``next`` first lets Django's own
``translate_url`` do its work.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.views.i18n import set_language as django_set_language


def set_language(request):
    next_url = request.POST.get("next", request.GET.get("next")) or ""
    language = translation.get_language_from_path(urlsplit(next_url).path) or settings.LANGUAGE_CODE
    with translation.override(language):
        return django_set_language(request)


def fixed_language(response, language: str):
    """Mark ``response`` as written in ``language`` whatever the request asked:
    its address alone decides (``/en/...`` or not). ``LocaleMiddleware`` below
    then sends ``Content-Language`` and no ``Vary: Accept-Language``."""
    response.fixed_language = language
    response["Content-Language"] = language
    return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that an answer marked with ``fixed_language`` (a calendar
    feed, a file) does not claim to vary by ``Accept-Language``."""

    def process_response(self, request, response):
        if getattr(response, "fixed_language", None):
            return response
        return super().process_response(request, response)
