"""Open data: the public corridor as CSV tables in one ZIP, built nightly."""

from .archive import archive_path
from .archive import build_archive
from .archive import write_open_data

__all__ = ["archive_path", "build_archive", "write_open_data"]
