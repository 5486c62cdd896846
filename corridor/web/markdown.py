"""Markdown rendered once, sanitised always.

Every piece of user-written Markdown (agendas, descriptions, purposes) passes
through ``render_markdown``: Markdown to HTML, then nh3 with a small allowlist,
so stored ``<script>``, event handlers and ``javascript:`` links come out inert.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["extra", "sane_lists"]


def render_markdown(text: str | None) -> SafeString:
    """Render ``text`` as sanitised HTML safe to place in a page."""
    if not text:
        return mark_safe("")
    html = markdown_lib.markdown(str(text), extensions=EXTENSIONS, output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
