"""Who issues the dossier: the letterhead of the title page and the documents'
author, from the ``CORRIDOR_PUBLISHER_*`` settings."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage


@dataclass(frozen=True)
class Publisher:
    name: str
    logo: str  # a static file's path
    address: str
    email: str
    website: str

    @property
    def logo_file(self) -> Path | None:
        """The logo on disk (collected or in a static folder), ``None`` when missing."""
        return static_file(self.logo)

    @property
    def contact(self) -> str:
        return " · ".join(part for part in (self.email, self.website) if part)


def static_file(name: str) -> Path | None:
    if not name:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    try:
        path = Path(staticfiles_storage.path(name))
    except (NotImplementedError, ValueError):
        return None
    return path if path.is_file() else None


def publisher() -> Publisher:
    return Publisher(
        name=settings.CORRIDOR_PUBLISHER_NAME,
        logo=settings.CORRIDOR_PUBLISHER_LOGO,
        address=settings.CORRIDOR_PUBLISHER_ADDRESS,
        email=settings.CORRIDOR_PUBLISHER_EMAIL,
        website=settings.CORRIDOR_PUBLISHER_WEBSITE,
    )
