"""Choosing part of the guide: from the names typed on the command line to a `Selection`.

In: commune and need names as a social worker types them ("Asnières",
"alimentation"). Out: a `grouping.Selection` of `Commune` and `Need` records,
matched like the inventory matches them (case, accents, hyphens, synonyms), and
the cover title of the booklet it gives. An unknown name raises
`SelectionError` with the nearest known name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from wicguide.communes import Commune
from wicguide.errors import SelectionError
from wicguide.grouping import Selection
from wicguide.needs import Need
from wicguide.validation import Vocabulary

T = TypeVar("T")


def select(communes: Sequence[str] = (), needs: Sequence[str] = (),
           vocabulary: Vocabulary | None = None) -> Selection:
    """Return the selection named by `communes` and `needs` (empty: everything)."""
    vocabulary = vocabulary or Vocabulary()
    return Selection(
        communes=_unique(_commune(name, vocabulary) for name in communes),
        needs=_unique(_need(name, vocabulary) for name in needs),
    )


def _commune(name: str, vocabulary: Vocabulary) -> Commune:
    found = vocabulary.communes.match(name)
    if found is None:
        raise SelectionError(f"--commune « {name} » : commune inconnue des Hauts-de-Seine. "
                             + _did_you_mean(vocabulary.communes.suggest(name)))
    return found


def _need(name: str, vocabulary: Vocabulary) -> Need:
    found = vocabulary.needs.match(name)
    if found is None:
        labels = ", ".join(vocabulary.needs.labels)
        raise SelectionError(f"--need « {name} » : besoin inconnu. "
                             + _did_you_mean(vocabulary.needs.suggest(name),
                                             f"Besoins possibles : {labels}"))
    return found


def _did_you_mean(suggestion: str | None, otherwise: str = "") -> str:
    if suggestion:
        return f"Vouliez-vous dire « {suggestion} » ?"
    return otherwise or "Vérifiez l'orthographe"


def _unique(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(items))


def booklet_title(selection: Selection, guide_title: str) -> tuple[str, str | None]:
    """Return the cover title and subtitle of the booklet of `selection` (None: whole guide)."""
    communes = [c.name for c in selection.communes]
    needs = [n.label for n in selection.needs]
    if communes:
        return _join(communes), _join(needs) if needs else guide_title
    if needs:
        return _join(needs), guide_title
    return guide_title, None


def booklet_stem(selection: Selection) -> str:
    """Return the file name (without .pdf) of the booklet of `selection`."""
    keys = [c.name for c in selection.communes] + [n.key for n in selection.needs]
    from slugify import slugify

    return slugify("-".join(keys)) or "guide"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
