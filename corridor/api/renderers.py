"""CSV for every list endpoint (``?format=csv``), streamed row by row.

The list viewsets hand a generator of serialised rows to ``stream_csv``; a
large export never sits in memory whole. Lists become ``a;b;c``, empty values
an empty cell; numbers stay numbers and text that a spreadsheet would run as a
formula is quoted (``corridor.csvsafe``).
"""

import json
from collections.abc import Iterable
from collections.abc import Iterator
from decimal import Decimal

from django.http import StreamingHttpResponse
from rest_framework import renderers

from corridor import csvsafe


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, int | float | Decimal):
        return value
    return str(value)


class _Echo:
    def write(self, value):
        return value


def csv_lines(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    writer = csvsafe.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_cell(row.get(column)) for column in columns])


def stream_csv(columns: list[str], rows: Iterable[dict], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(columns, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CSVRenderer(renderers.BaseRenderer):
    """Renders what is not streamed (errors, a single object) as a small CSV."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            data = data["results"]
        rows = data if isinstance(data, list) else [data]
        rows = [row if isinstance(row, dict) else {"value": row} for row in rows]
        columns: list[str] = []
        for row in rows:
            columns.extend(key for key in row if key not in columns)
        return "".join(csv_lines(columns, rows)).encode(self.charset)


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON renderer, for text that cannot be encoded as UTF-8 too.

    A 400 quotes what was sent (``"x\\ud800y" is not a valid choice``); JSON may
    spell a lone surrogate, which UTF-8 cannot encode, so DRF's renderer failed
    with a 500. Such a body is sent with non-ASCII characters escaped instead:
    the same JSON, valid and readable.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            self.ensure_ascii = True
            return super().render(data, accepted_media_type, renderer_context)
