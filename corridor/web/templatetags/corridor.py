"""Template tags and filters shared by every portal page."""

from django import template
from django.urls import NoReverseMatch
from django.urls import reverse

from corridor.web.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """``{{ intervention.agenda|markdown }}``: rendered and sanitised Markdown."""
    return render_markdown(text)


@register.simple_tag
def optional_url(name, *args, **kwargs):
    """The URL of a route, or an empty string while that route does not exist.

    Lets the navigation link to pages that other parts of the portal provide
    without breaking when they are absent.
    """
    try:
        return reverse(name, args=args, kwargs=kwargs)
    except NoReverseMatch:
        return ""


@register.filter
def percent(value):
    """0..1 as a whole percentage, empty for ``None``."""
    if value is None:
        return ""
    return round(float(value) * 100)


@register.simple_tag
def absolute_url(obj):
    """``obj.get_absolute_url()``, or an empty string while its page does not exist."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
