"""The needs taxonomy: the chapters of the guide, read from `data/needs.toml`.

In: the "Besoins" text of a cell. Out: `Need` records (label, order, colour,
pictogram), matched without regard to case, accents or synonyms.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from wicguide.text import fold, nearest


@dataclass(frozen=True)
class Need:
    """One need, which is one chapter of the guide."""

    key: str
    label: str
    order: int
    colour: str
    pictogram: str
    synonyms: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Taxonomy:
    """The configured needs, in chapter order, with their lookup keys."""

    needs: tuple[Need, ...]

    def match(self, text: str) -> Need | None:
        """Return the need named by `text` (label or synonym), or None."""
        return self._keys().get(fold(text))

    def suggest(self, text: str) -> str | None:
        """Return the label closest to an unknown `text`, for a fix message."""
        return nearest(text, {k: n.label for k, n in self._keys().items()})

    def by_key(self, key: str) -> Need | None:
        """Return the need whose stable key is `key`, or None."""
        return next((n for n in self.needs if n.key == key), None)

    def _keys(self) -> dict[str, Need]:
        return _lookup(self)

    @property
    def labels(self) -> list[str]:
        return [n.label for n in self.needs]


@cache
def _lookup(taxonomy: Taxonomy) -> dict[str, Need]:
    keys: dict[str, Need] = {}
    for need in taxonomy.needs:
        for name in (need.label, need.key, *need.synonyms):
            keys[fold(name)] = need
    return keys


@cache
def default_taxonomy() -> Taxonomy:
    """Return the taxonomy shipped with the package (`data/needs.toml`)."""
    text = resources.files("wicguide").joinpath("data/needs.toml").read_text("utf-8")
    return parse_taxonomy(text)


def parse_taxonomy(text: str) -> Taxonomy:
    """Build a taxonomy from TOML text holding `[[need]]` tables."""
    entries = tomllib.loads(text)["need"]
    needs = tuple(
        Need(
            key=entry["key"],
            label=entry["label"],
            order=order,
            colour=entry["colour"],
            pictogram=entry["pictogram"],
            synonyms=tuple(entry.get("synonyms", ())),
        )
        for order, entry in enumerate(entries)
    )
    return Taxonomy(needs)
