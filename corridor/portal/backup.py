"""Backups of the database of record: ``pg_dump`` custom-format archives and
their restore into an empty database."""

import datetime
import os
import subprocess
from pathlib import Path

from django.db import connections

from corridor.caching.tracking import start_again


class BackupError(RuntimeError):
    pass


def _libpq_env(alias: str = "default") -> dict[str, str]:
    db = connections[alias].settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("Backups are made of PostgreSQL, the database of record.")
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def backup(directory: Path, *, now: datetime.datetime | None = None) -> Path:
    """Write a timestamped custom-format archive into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = directory / f"corridor-{stamp}.dump"
    result = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)],
        env=_libpq_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        target.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return target


def restore(archive: Path) -> None:
    """Restore ``archive`` into the configured database, which must be empty."""
    if not archive.is_file():
        raise BackupError(f"No backup archive at {archive}.")
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        (tables,) = cursor.fetchone()
    connection.close()
    if tables:
        raise BackupError("The target database is not empty; restore into a new, empty database.")
    result = subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            _libpq_env()["PGDATABASE"],
            str(archive),
        ],
        env=_libpq_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    # The restored data version counts on from the archive's: a new epoch keeps
    # what was kept for the database's later states from being read as this one's.
    start_again()
