"""Template tags and filters shared by every portal page."""

import datetime

from django import template
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils.timezone import template_localtime

from corridor import dates
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


@register.filter
def iso(value):
    """``<time datetime="{{ when|iso }}">``: a date, or a date-time to the second
    with its offset in the current time zone. ``|date:'c'`` adds microseconds,
    which are no valid HTML date-time."""
    if isinstance(value, datetime.datetime):
        return template_localtime(value).replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.filter
def short_date(value):
    """``{{ day|short_date }}``: "5 mrt 2026" in Dutch, "5 Mar 2026" in English
    (``|date:"j M Y"`` would write "5 Mrt 2026"); empty for no date."""
    if isinstance(value, datetime.datetime):
        value = template_localtime(value).date()
    return dates.short_date(value) if isinstance(value, datetime.date) else ""


@register.filter
def month_year(value):
    """``{{ day|month_year }}``: "mrt 2026" in Dutch, "Mar 2026" in English."""
    if isinstance(value, datetime.datetime):
        value = template_localtime(value).date()
    return dates.month_year(value) if isinstance(value, datetime.date) else ""


@register.filter
def error_anchor(bound_field) -> str:
    """The id an error summary links to: the field, or the first of its
    checkboxes or radio buttons (a group has no element of its own)."""
    widget = bound_field.field.widget
    if getattr(widget, "input_type", None) in ("checkbox", "radio") and getattr(
        widget, "allow_multiple_selected", widget.input_type == "radio"
    ):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id
