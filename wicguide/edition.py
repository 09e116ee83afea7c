"""Edition settings: what changes from one printed edition to the next.

In: a TOML file (`wicguide.toml` by default). Out: an `Edition` record: title,
edition date, listing base URL for QR codes, publisher block. A missing or
invalid file raises `EditionError` with the key and the fix.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wicguide.errors import EditionError

DEFAULT_PATH = Path("wicguide.toml")


@dataclass(frozen=True)
class Edition:
    """The settings of one edition of the guide."""

    title: str = "Guide des initiatives collaboratives"
    subtitle: str = "Hauts-de-Seine"
    date: date = date(2026, 12, 1)
    listing_base_url: str = ""
    publisher_name: str = "Département des Hauts-de-Seine"
    publisher_lines: tuple[str, ...] = ()

    def qr_url(self, listing_url: str, ident: str, website: str) -> str:
        """Return where an initiative's QR code points ('' when nowhere)."""
        if listing_url:
            return listing_url
        if self.listing_base_url:
            return f"{self.listing_base_url.rstrip('/')}/{ident}"
        return website


def load_edition(path: Path | None = None) -> Edition:
    """Read the edition settings at `path` (default: ./wicguide.toml if present)."""
    if path is None:
        if not DEFAULT_PATH.exists():
            return Edition()
        path = DEFAULT_PATH
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EditionError(f"{path} : fichier de réglages d'édition introuvable. "
                           "Vérifiez le chemin donné à --edition") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise EditionError(f"{path} : réglages d'édition illisibles ({error}). "
                           "Corrigez la syntaxe TOML") from None
    return _edition(data, path)


def _edition(data: dict, path: Path) -> Edition:  # type: ignore[type-arg]
    edition = data.get("edition", {})
    publisher = data.get("publisher", {})
    when = edition.get("date", Edition.date)
    if not isinstance(when, date):
        raise EditionError(f"{path}, [edition] date = {when!r} : ce n'est pas une date. "
                           "Écrivez-la sans guillemets, sous la forme 2026-12-01")
    return Edition(
        title=str(edition.get("title", Edition.title)),
        subtitle=str(edition.get("subtitle", Edition.subtitle)),
        date=when,
        listing_base_url=str(edition.get("listing_base_url", "")),
        publisher_name=str(publisher.get("name", Edition.publisher_name)),
        publisher_lines=tuple(str(line) for line in publisher.get("lines", ())),
    )
