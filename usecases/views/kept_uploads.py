"""A file chosen on a form that failed for another reason is kept: stored
aside under a random name, remembered in the session, and offered as
"kept: plan.pdf" so it need not be chosen again. A new file replaces it; a
successful save takes it and lets it go."""

import datetime
import secrets

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

SESSION_KEY = "kept_uploads"
FIELD = "attachment_kept"
# Kept per session, the oldest let go first: a visitor cannot fill the disk.
MAX_KEPT = 3
# Files of forms never submitted again are let go after a day.
KEEP_FOR = datetime.timedelta(days=1)


def _let_go_of_old() -> None:
    try:
        _dirs, names = default_storage.listdir("kept")
    except FileNotFoundError:
        return
    before = timezone.now() - KEEP_FOR
    for name in names:
        path = f"kept/{name}"
        try:
            if default_storage.get_modified_time(path) < before:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def keep(request, upload) -> dict:
    _let_go_of_old()
    token = secrets.token_urlsafe(16)
    upload.seek(0)
    path = default_storage.save(f"kept/{token}", upload)
    upload.seek(0)
    kept = dict(request.session.get(SESSION_KEY, {}))
    kept[token] = {"path": path, "name": upload.name}
    while len(kept) > MAX_KEPT:
        oldest = next(iter(kept))
        default_storage.delete(kept.pop(oldest)["path"])
    request.session[SESSION_KEY] = kept
    return {"token": token, "name": upload.name}


def kept_upload(request) -> dict | None:
    """The file kept by an earlier submit of this form, if the session holds it."""
    token = request.POST.get(FIELD, "")
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or not default_storage.exists(entry["path"]):
        return None
    return {"token": token, **entry}


def open_kept(kept: dict) -> File:
    return File(default_storage.open(kept["path"]), name=kept["name"])


def release(request, kept: dict | None) -> None:
    if not kept:
        return
    default_storage.delete(kept["path"])
    remaining = dict(request.session.get(SESSION_KEY, {}))
    remaining.pop(kept["token"], None)
    request.session[SESSION_KEY] = remaining
