"""Which page of a portal list a visitor asked for, and which pages are kept.

``?page=`` is read with ``corridor.parsing.whole_number``: anything but a
plain whole number (``²``, ``1e3``, 400 digits, empty) is page 1, and a page
past the last shows the last page (Django's ``Paginator.get_page``). A list
whose pages are kept (``corridor.keeping``) keeps its first ``KEPT_PAGES``
only: the pages most read, and no more entries than that whatever numbers a
visitor tries; later pages are computed on each request.
"""

from corridor.keeping import KEPT_PAGES
from corridor.parsing import whole_number


def page_number(request, parameter: str = "page") -> int:
    """The page asked for, 1 unless the parameter is a whole number from 1."""
    return whole_number(request.GET.get(parameter, "")) or 1


def keeps_page(number: int) -> bool:
    return number <= KEPT_PAGES
