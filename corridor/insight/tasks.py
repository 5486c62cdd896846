"""The insight app's periodic jobs: thin, each calls one function and is safe to repeat."""

from celery import shared_task

from .opendata.archive import write_open_data


@shared_task(name="insight.build_open_data", ignore_result=True)
def build_open_data() -> str:
    """Rebuild the open-data ZIP (nightly). Repeating it only writes the same file again."""
    return str(write_open_data())
