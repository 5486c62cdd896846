"""The open-data ZIP."""

from django.http import FileResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .archive import archive_path
from .archive import write_open_data


@require_GET
@cache_control(public=True, max_age=3600)
def open_data_zip(request):
    """The nightly open-data ZIP, served as the file it is (built once if missing)."""
    path = archive_path()
    if not path.is_file():
        path = write_open_data()
    return FileResponse(
        path.open("rb"), as_attachment=True, filename="corridor.zip", content_type="application/zip"
    )
