"""``?format=``: a format the view renders, or a JSON 404 that names them.

DRF ignores an empty ``?format=`` (and then keeps it on every link it
builds: ``url``, ``next``), and answers an unknown one with a bare 404. Here
both, and a ``format`` given more than once, are a 404 whose ``detail``
names the formats the view offers; the links of a page only ever carry a
format that exists. 404 rather than 400, as DRF answers an unknown format:
the resource is not there in that form.
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation


class CorridorContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        parameter = self.settings.URL_FORMAT_OVERRIDE
        if not format_suffix and parameter and parameter in request.query_params:
            offered = [renderer.format for renderer in renderers]
            given = request.query_params.getlist(parameter)
            if len(given) != 1 or given[0] not in offered:
                raise NotFound(
                    _("Unknown format “%(format)s”: ask for one of %(formats)s.")
                    % {"format": given[-1][:40].replace("\x00", ""), "formats": ", ".join(offered)}
                )
        return super().select_renderer(request, renderers, format_suffix)
