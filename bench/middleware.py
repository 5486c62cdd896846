from django.db import connection


class QueryCountMiddleware:
    """Adds ``X-Query-Count``: the number of SQL queries the request made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        if not response.streaming:
            # A streamed export runs its queries while it streams, after the
            # headers are sent; the test suite pins its query count instead.
            response["X-Query-Count"] = str(count)
        return response
