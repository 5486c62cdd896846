"""What the schema says to people: summaries, descriptions, tags, servers, examples.

The usual actions of a resource's viewset (list, create, read, replace,
update, delete) get a summary and a description from the model's names and
the viewset's docstring; every other operation says its own with
``extend_schema(summary=..., description=...)`` (the contract test names the
operation that does not). The schema's top-level ``tags`` are the resources,
each described by its view's docstring.
"""

import inspect

from django.conf import settings
from django.utils.translation import gettext as _

SUMMARIES = {
    "list": lambda meta: _("List %(plural)s") % {"plural": meta.verbose_name_plural},
    "create": lambda meta: _("Create a %(name)s") % {"name": meta.verbose_name},
    "retrieve": lambda meta: _("Read one %(name)s") % {"name": meta.verbose_name},
    "update": lambda meta: _("Replace a %(name)s") % {"name": meta.verbose_name},
    "partial_update": lambda meta: (
        _("Change some fields of a %(name)s") % {"name": meta.verbose_name}
    ),
    "destroy": lambda meta: _("Delete a %(name)s") % {"name": meta.verbose_name},
}


def _descriptions(action: str, meta) -> str | None:
    names = {"name": meta.verbose_name, "plural": meta.verbose_name_plural}
    if action == "list":
        return (
            _(
                "The %(plural)s you may see, a page at a time (`page`, `page_size`), "
                "filtered and ordered by the parameters below. A filter that names an "
                "object that does not exist answers 400 with the parameter's error; "
                "`format=csv` answers every row the filters select as one CSV file."
            )
            % names
        )
    if action == "retrieve":
        return (
            _(
                "One %(name)s as you may see it (fields hidden from you are absent), with "
                "its version in the `ETag` header. 404 when it does not exist or is not "
                "yours to see."
            )
            % names
        )
    if action == "create":
        return (
            _(
                "Creates a %(name)s and answers it as a read would, with its `ETag`. 400 "
                "with per-field errors; 403 when you may not create one."
            )
            % names
        )
    if action in ("update", "partial_update"):
        whole = (
            _("Send every writable field.")
            if action == "update"
            else _("Send only the fields to change.")
        )
        return "{} {}".format(
            whole,
            _(
                "Send the `ETag` you read as `If-Match`: when someone saved the "
                "%(name)s since, the answer is 412 and nothing changes. 403 when it is "
                "not yours to change."
            )
            % names,
        )
    if action == "destroy":
        return (
            _(
                "Deletes the %(name)s. 409 with the dependent rows when other records "
                "still refer to it; 412 on a stale `If-Match`."
            )
            % names
        )
    return None


def _model_meta(view):
    model = getattr(view, "model", None)
    return model._meta if model is not None else None


def _plain(text: str) -> str:
    """A docstring as Markdown: reStructuredText's double back-quotes made single."""
    return text.replace("``", "`")


def view_description(view) -> str:
    return _plain(inspect.getdoc(view.__class__) or "") if view.__class__.__doc__ else ""


def default_summary(view, action: str | None) -> str | None:
    meta = _model_meta(view)
    if meta is None or action not in SUMMARIES:
        return None
    return SUMMARIES[action](meta)


def default_description(view, action: str | None) -> str | None:
    meta = _model_meta(view)
    if meta is None or action is None:
        return None
    own = _descriptions(action, meta)
    if own is None:
        return None
    about = view_description(view)
    return f"{own}\n\n{about}" if about else own


# Postprocessing hooks -------------------------------------------------------


def describe_tags(result, generator, request, public):
    """Top-level ``tags``, one per resource (the first segment of its path, or
    the tag its views name), described by the first paragraph of the first
    viewset's docstring that carries it (or, for a plain view, its own); a tag
    nobody describes is listed bare."""
    prefix = "/api/v1/"
    described: dict[str, str] = {}
    # Viewsets first: they describe the resource, extra views hang off it.
    endpoints = sorted(generator.endpoints, key=lambda e: not hasattr(e[3], "actions"))
    for path, _regex, method, callback in endpoints:
        operation = result["paths"].get(path, {}).get(method.lower())
        # A view may name its tag (``extend_schema(tags=…)``); else the path's.
        tags = operation["tags"] if operation else [path.removeprefix(prefix).split("/", 1)[0]]
        doc = _plain(inspect.getdoc(callback.cls) or "").split("\n\n", 1)[0]
        for tag in tags:
            if doc and not described.get(tag) and callback.cls.__doc__:
                described[tag] = doc.replace("\n", " ")
    used = sorted(
        {tag for item in result["paths"].values() for op in item.values() for tag in op["tags"]}
    )
    result["tags"] = [
        {"name": tag, "description": described[tag]} if described.get(tag) else {"name": tag}
        for tag in used
    ]
    return result


def add_servers_and_license(result, generator, request, public):
    """``servers`` is this portal (where the schema was asked for); the licence
    is the one the corridor's published data carries (``API_LICENSE_*``)."""
    url = request.build_absolute_uri("/").rstrip("/") if request is not None else None
    result["servers"] = [{"url": url or "/", "description": _("This portal")}]
    result["info"]["license"] = {
        "name": settings.API_LICENSE_NAME,
        "url": settings.API_LICENSE_URL,
    }
    return result


def _error_examples() -> dict:
    return {
        "400": {"title": [_("This field is required.")]},
        "401": {"detail": _("Authentication credentials were not provided.")},
        "403": {"detail": _("You may not change this.")},
        "404": {"detail": _("Not found.")},
        "406": {"detail": _("Could not satisfy the request Accept header.")},
        "409": {
            "detail": _("This cannot be deleted: other records depend on it."),
            "dependents": [{"type": "usecases.usecase", "name": _("use cases"), "count": 2}],
        },
        "412": {
            "detail": _("Someone else saved this in the meantime."),
            "current_version": "42-1733390000",
        },
        "415": {"detail": _('Unsupported media type "text/plain" in request.')},
        "429": {"detail": _("Request was throttled. Expected available in 30 seconds.")},
    }


def add_error_examples(result, generator, request, public):
    """Every documented error body gets an example of its JSON."""
    examples = _error_examples()
    for item in result["paths"].values():
        for operation in item.values():
            for code, response in operation.get("responses", {}).items():
                media = response.get("content", {}).get("application/json")
                if code in examples and media is not None and "example" not in media:
                    media.setdefault("examples", {}).setdefault(
                        "error",
                        {"summary": response.get("description", code), "value": examples[code]},
                    )
    return result
