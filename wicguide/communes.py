"""The communes of the Hauts-de-Seine, from the project's own table.

In: a commune name as staff typed it, or a postcode. Out: `Commune` records
(INSEE code, official name, postcodes), matched with the usual variants:
missing article, hyphens or accents, "St-" for "Saint-", short names.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from wicguide.text import fold, nearest


@dataclass(frozen=True)
class Commune:
    """One commune of the département."""

    insee: str
    name: str
    postcodes: tuple[str, ...]

    def __str__(self) -> str:
        return self.name


def _key(name: str) -> str:
    """Fold a commune name and drop what people leave out or abbreviate."""
    key = fold(name)
    key = re.sub(r"\bste?\b", lambda m: "sainte" if m[0] == "ste" else "saint", key)
    return re.sub(r"^(la|le|les|l) ", "", key)


@dataclass(frozen=True, eq=False)
class CommuneTable:
    """The 36 communes, looked up by name variant or by postcode."""

    communes: tuple[Commune, ...]
    variants: dict[str, Commune]

    def match(self, text: str) -> Commune | None:
        """Return the commune named by `text`, or None when unknown."""
        return self.variants.get(_key(text))

    def suggest(self, text: str) -> str | None:
        """Return the official name closest to an unknown `text`."""
        return nearest(_key(text), {k: c.name for k, c in self.variants.items()})

    def by_postcode(self, postcode: str) -> Commune | None:
        """Return the commune that owns `postcode`, or None."""
        return next((c for c in self.communes if postcode in c.postcodes), None)

    def by_insee(self, insee: str) -> Commune | None:
        """Return the commune with this INSEE code, or None."""
        return next((c for c in self.communes if c.insee == insee), None)


@cache
def default_communes() -> CommuneTable:
    """Return the table shipped with the package (`data/communes.csv`)."""
    text = resources.files("wicguide").joinpath("data/communes.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    communes = []
    variants: dict[str, Commune] = {}
    for row in rows:
        commune = Commune(row["insee"], row["nom"], tuple(row["codes_postaux"].split(";")))
        communes.append(commune)
        for name in (row["nom"], *filter(None, row["variantes"].split(";"))):
            variants[_key(name)] = commune
    return CommuneTable(tuple(communes), variants)
