"""Helpers of long portal pages: counts of what a page leaves out, and labels
made once per page rather than once per row."""

from django.db import connection
from django.db.models import QuerySet


def more_than(*pages: tuple[list, QuerySet, int]) -> list[int]:
    """For each ``(shown, queryset, limit)``, how many rows ``queryset`` holds
    beyond ``shown``: counted only when the page is full, all in one query."""
    full = [(queryset, limit) for shown, queryset, limit in pages if len(shown) == limit]
    totals = iter(counts([queryset for queryset, _limit in full]))
    return [
        max(0, next(totals) - limit) if len(shown) == limit else 0
        for shown, _queryset, limit in pages
    ]


def counts(querysets: list[QuerySet]) -> list[int]:
    """``[queryset.count() for queryset in querysets]`` in one round trip."""
    if not querysets:
        return []
    columns, params = [], []
    for queryset in querysets:
        sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
        columns.append(f"(SELECT COUNT(*) FROM ({sql}) AS page_rows)")
        params += query_params
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        return list(cursor.fetchone())


def counted(message):
    """``{% blocktranslate count counter=… %}`` of the same message for a page of
    rows: each count's text is translated once, not per row. ``message`` is an
    ``ngettext_lazy(singular, plural, "counter")``, so ``makemessages`` finds it."""
    texts: dict[int, str] = {}

    def text(counter: int) -> str:
        if counter not in texts:
            texts[counter] = message % {"counter": counter}
        return texts[counter]

    return text


def with_status_labels(objects, choices):
    """``status_label`` on each: the labels translated once, not per row."""
    labels = {value: str(label) for value, label in choices}
    for obj in objects:
        obj.status_label = labels.get(obj.status, obj.status)
    return objects
