"""Edition settings: what changes from one printed edition to the next.

In: a TOML file (`wicguide.toml` by default, or `--edition FILE`). Out: an
`Edition` record: title, edition name and date, listing base URL and tracking
parameters for QR codes, the publisher's contact block, the default paper
format and the freshness limit. Every key is checked: an unknown key, a wrong
type or an unusable value raises `EditionError`, one line naming the file, the
key, the value and the fix.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from wicguide.errors import EditionError

DEFAULT_PATH = Path("wicguide.toml")

FORMATS = ("A5", "A4")
"""Paper formats the guide is laid out for."""

KEYS: dict[str, tuple[str, ...]] = {
    "edition": ("title", "subtitle", "name", "date", "listing_base_url", "tracking", "format"),
    "publisher": ("name", "lines", "phone", "email", "website"),
    "freshness": ("max_age_months",),
}
"""Every section and key the settings file may hold."""


@dataclass(frozen=True)
class Publisher:
    """Who publishes the guide, and how readers reach them (back cover)."""

    name: str = "Département des Hauts-de-Seine"
    lines: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    website: str = ""


@dataclass(frozen=True)
class Edition:
    """The settings of one edition of the guide."""

    title: str = "Guide des initiatives collaboratives"
    subtitle: str = "Hauts-de-Seine"
    name: str = ""
    date: date = field(default_factory=lambda: this_month())
    """Without one in the settings: the first day of the current month."""
    listing_base_url: str = ""
    tracking: tuple[tuple[str, str], ...] = ()
    page_size: str = "A5"
    publisher: Publisher = Publisher()
    max_age_months: int = 12

    @property
    def publisher_name(self) -> str:
        return self.publisher.name

    @property
    def publisher_lines(self) -> tuple[str, ...]:
        return self.publisher.lines

    def qr_url(self, listing_url: str, ident: str, website: str) -> str:
        """Return where an initiative's QR code points ('' when nowhere)."""
        return self.tracked(self.untracked_qr_url(listing_url, ident, website))

    def untracked_qr_url(self, listing_url: str, ident: str, website: str) -> str:
        """Return the QR target without tracking parameters: the address printed."""
        if listing_url:
            return listing_url
        if self.listing_base_url:
            return f"{self.listing_base_url.rstrip('/')}/{ident}"
        return website

    def tracked(self, url: str) -> str:
        """Return `url` with the tracking parameters added to its query string.

        A parameter the URL already sets is kept as it is.
        """
        if not url or not self.tracking:
            return url
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
        present = {key for key, _ in query}
        query += [(key, value) for key, value in self.tracking if key not in present]
        return urlunsplit(parts._replace(query=urlencode(query)))


def this_month() -> date:
    """Return the first day of the current month: the edition date nobody wrote."""
    return date.today().replace(day=1)


def find_settings(*folders: Path) -> Path | None:
    """Return the nearest `wicguide.toml`: in each folder in turn, then up its parents."""
    for folder in folders:
        start = folder.resolve()
        for candidate in (start, *start.parents):
            if _is_file(candidate / DEFAULT_PATH.name):
                return candidate / DEFAULT_PATH.name
    return None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder on the way that this user may not look into
        return False


def load_edition(path: Path | None = None) -> Edition:
    """Read the edition settings at `path`; None gives the built-in settings."""
    if path is None:
        return Edition()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, IsADirectoryError):
        raise EditionError(f"{path} : fichier de réglages d'édition introuvable. "
                           "Vérifiez le chemin donné à --edition") from None
    except UnicodeDecodeError:
        raise EditionError(f"{path} : réglages d'édition illisibles (le fichier n'est pas en "
                           "UTF-8). Enregistrez-le en UTF-8 depuis votre éditeur de "
                           "texte") from None
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"line (\d+), column (\d+)", str(error))
        at = f" à la ligne {where[1]}, colonne {where[2]}" if where else ""
        raise EditionError(f"{path} : réglages d'édition illisibles : erreur d'écriture{at}. "
                           "Comparez avec le wicguide.toml du dépôt : une valeur texte entre "
                           "guillemets, une date sans guillemets (2026-12-01)") from None
    except OSError as error:
        raise EditionError(f"{path} : réglages d'édition illisibles ({error.strerror}). "
                           "Vérifiez le fichier et ses droits") from None
    return _Settings(data, path).edition()


class _Settings:
    """Reads and checks the keys of one settings file."""

    def __init__(self, data: dict[str, Any], path: Path) -> None:
        self.data = data
        self.path = path
        self._check_known_keys()

    def edition(self) -> Edition:
        return Edition(
            title=self._text("edition", "title", Edition.title, required=True),
            subtitle=self._text("edition", "subtitle", Edition.subtitle),
            name=self._text("edition", "name", ""),
            date=self._date(),
            listing_base_url=self._base_url(),
            tracking=self._tracking(),
            page_size=self._format(),
            publisher=self._publisher(),
            max_age_months=self._max_age(),
        )

    def fail(self, section: str, key: str, value: object, why: str, fix: str) -> EditionError:
        where = f"[{section}] {key}".rstrip()
        shown = f" = {value!r}" if value is not None else ""
        return EditionError(f"{self.path}, {where}{shown} : {why}. {fix}")

    def _check_known_keys(self) -> None:
        from wicguide.text import nearest

        for section, table in self.data.items():
            if section not in KEYS:
                guess = nearest(section, {s: s for s in KEYS})
                hint = f"Vouliez-vous dire [{guess}] ? " if guess else ""
                raise EditionError(
                    f"{self.path}, [{section}] : section inconnue. {hint}Sections "
                    f"possibles : {', '.join(f'[{s}]' for s in KEYS)}")
            if not isinstance(table, dict):
                raise self.fail(section, "", None, "ce doit être une section",
                                f"Écrivez [{section}] sur sa propre ligne, puis ses réglages")
            for key in table:
                if key not in KEYS[section]:
                    guess = nearest(key, {k: k for k in KEYS[section]})
                    hint = f"Vouliez-vous dire « {guess} » ? " if guess else ""
                    raise self.fail(section, key, None, "réglage inconnu",
                                    f"{hint}Réglages possibles : {', '.join(KEYS[section])}")

    def _get(self, section: str, key: str) -> Any:
        return self.data.get(section, {}).get(key)

    def _text(self, section: str, key: str, default: str, *, required: bool = False) -> str:
        value = self._get(section, key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(section, key, value, "ce doit être un texte",
                            "Écrivez-le entre guillemets droits")
        if required and not value.strip():
            raise self.fail(section, key, value, "ne peut pas être vide",
                            "Écrivez le texte à imprimer")
        return value.strip()

    def _date(self) -> date:
        value = self._get("edition", "date")
        if value is None:
            return this_month()
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        raise self.fail("edition", "date", value, "ce n'est pas une date",
                        "Écrivez-la sans guillemets, sous la forme 2026-12-01")

    def _base_url(self) -> str:
        text = self._text("edition", "listing_base_url", "")
        if not text:
            return ""
        url = self._url("edition", "listing_base_url", text)
        if urlsplit(url).query or urlsplit(url).fragment:
            raise self.fail("edition", "listing_base_url", text,
                            "l'adresse de base ne peut pas contenir « ? » ni « # »",
                            "Mettez les paramètres de suivi dans [edition.tracking]")
        return url

    def _url(self, section: str, key: str, text: str) -> str:
        from wicguide.fields import FieldError, parse_url

        try:
            return parse_url(text)
        except FieldError as problem:
            raise self.fail(section, key, text, problem.why, problem.fix) from None

    def _tracking(self) -> tuple[tuple[str, str], ...]:
        table = self._get("edition", "tracking")
        if table is None:
            return ()
        if not isinstance(table, dict):
            raise self.fail("edition", "tracking", table, "ce doit être une table",
                            'Écrivez par exemple tracking = { utm_source = "guide-papier" }')
        pairs = []
        for key, value in table.items():
            if not isinstance(value, (str, int)) or isinstance(value, bool) or not key.strip():
                raise self.fail("edition", f"tracking.{key}", value,
                                "paramètre de suivi invalide",
                                'Donnez un nom et une valeur texte, par exemple '
                                'utm_source = "guide-papier"')
            pairs.append((key.strip(), str(value)))
        return tuple(pairs)

    def _format(self) -> str:
        value = self._text("edition", "format", Edition.page_size)
        for known in FORMATS:
            if value.upper() == known:
                return known
        raise self.fail("edition", "format", value, "format de papier inconnu",
                        f"Écrivez l'un de : {', '.join(FORMATS)}")

    def _publisher(self) -> Publisher:
        lines = self._get("publisher", "lines")
        if lines is None:
            lines = []
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            raise self.fail("publisher", "lines", lines, "ce doit être une liste de textes",
                            'Écrivez lines = ["première ligne", "deuxième ligne"]')
        return Publisher(
            name=self._text("publisher", "name", Publisher.name, required=True),
            lines=tuple(line.strip() for line in lines if line.strip()),
            phone=self._parsed("publisher", "phone"),
            email=self._parsed("publisher", "email"),
            website=self._parsed("publisher", "website"),
        )

    def _parsed(self, section: str, key: str) -> str:
        from wicguide.fields import FieldError, parse_email, parse_phone

        text = self._text(section, key, "")
        if not text:
            return ""
        if key == "website":
            return self._url(section, key, text)
        try:
            return parse_phone(text) if key == "phone" else parse_email(text)
        except FieldError as problem:
            raise self.fail(section, key, text, problem.why, problem.fix) from None

    def _max_age(self) -> int:
        value = self._get("freshness", "max_age_months")
        if value is None:
            return Edition.max_age_months
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail("freshness", "max_age_months", value,
                            "ce doit être un nombre entier de mois, au moins 1",
                            "Écrivez par exemple max_age_months = 12, sans guillemets")
        return value
