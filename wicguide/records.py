"""The record model: what one inventory row becomes once validated.

In: nothing (pure data). Out: frozen, typed records shared by every step:
`Location` (where a row stands in the workbook), `Problem` (what is wrong with
a row, where, and how to fix it), `Initiative` (a printable row) and
`RowOutcome` (what happened to each row read: printed or left out, and why).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from wicguide.communes import Commune
from wicguide.needs import Need


@dataclass(frozen=True)
class Location:
    """Where a row stands: file name, sheet name and 1-based row number."""

    file: str
    sheet: str
    row: int

    def __str__(self) -> str:
        return f"{self.file}, feuille « {self.sheet} », ligne {self.row}"


class Severity(enum.Enum):
    """How bad a problem is: an error leaves the row out, a warning does not."""

    ERROR = "erreur"
    WARNING = "avertissement"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a row (or with the whole file), ready to print.

    `column` is the header as staff see it ("Commune"); `value` is the cell
    content as read, shortened for display; `why` and `fix` are French
    sentences without final punctuation.
    """

    severity: Severity
    location: Location
    column: str | None
    value: str
    why: str
    fix: str

    def line(self) -> str:
        """Return the one-line message: where, what value, why, how to fix."""
        where = str(self.location)
        if self.column:
            where += f", colonne « {self.column} »"
        shown = _shorten(self.value)
        value = f", valeur « {shown} »" if shown else ""
        return f"{where}{value} : {self.why}. {self.fix}."

    def __str__(self) -> str:
        return self.line()


def _shorten(value: str, limit: int = 60) -> str:
    """Return `value` on one line and at most `limit` characters."""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class Kind(enum.Enum):
    """The three kinds of initiative the guide lists (column « Type »)."""

    PLACE = "Lieu"
    INITIATIVE = "Initiative"
    WEBSITE = "Site internet"


@dataclass(frozen=True)
class Initiative:
    """One printable initiative, cleaned and validated, that knows its row."""

    id: str
    name: str
    description: str
    needs: tuple[Need, ...]
    communes: tuple[Commune, ...]
    location: Location
    kind: Kind | None = None
    modes: tuple[str, ...] = ()
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    hours: str = ""
    audience: str = ""
    conditions: str = ""
    listing_url: str = ""
    checked_on: date | None = None

    @property
    def is_departement_wide(self) -> bool:
        """True when no commune is named: the whole département, or online."""
        return not self.communes

    def __str__(self) -> str:
        return f"{self.location} ({self.id})"


class Outcome(enum.Enum):
    """What the build did with a row."""

    PRINTED = "dans le guide"
    LEFT_OUT = "écartée"
    UNPUBLISHED = "non publiée"


@dataclass(frozen=True)
class RowOutcome:
    """The fate of one row read: printed or not, with every problem found."""

    location: Location
    id: str
    name: str
    outcome: Outcome
    problems: tuple[Problem, ...] = field(default=())
    initiative: Initiative | None = None

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)
