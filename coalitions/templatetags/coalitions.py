"""Template filters of the coalitions app."""

from django import template

from coalitions.models import Capability

register = template.Library()


@register.filter
def capability_labels(codes):
    """Display labels of a list of capability codes, in the reader's language."""
    labels = dict(Capability.choices)
    return [labels.get(code, code) for code in codes or ()]
