"""French sorting: the order a French reader expects in lists and indexes.

In: display text. Out: sort keys from ICU's French collator (accents
secondary, case tertiary, "Saint-" as "Saint"). Commune names sort without
their leading article, as in official lists ("Le Plessis-Robinson" under P).
"""

from __future__ import annotations

import re
from functools import cache

import icu


@cache
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("fr_FR"))


def sort_key(text: str) -> bytes:
    """Return the French collation key of `text`."""
    return bytes(_collator().getSortKey(text))


def commune_sort_key(name: str) -> bytes:
    """Return the key of a commune name, its leading article set aside."""
    return sort_key(re.sub(r"^(La |Le |Les |L')", "", name))
