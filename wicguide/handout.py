"""The hand-out: a one- or two-page A4 sheet a social worker prints at the desk.

In: the validated initiatives and what was chosen: identifiers, or commune and
need filters with a cap. Out: the `Initiative`s to print, in the order asked
(filters: the commune's own first, then the whole département, by name), and
the PDF of the sheet: large and plain, each with its QR code and short URL,
the date of printing and a lined "Notes / rendez-vous" box to fill in by hand.
Nothing about the person is asked for, printed or kept.
Only the chosen initiatives are laid out and encoded, and the inventory is
read while WeasyPrint starts (`load_while_renderer_starts`), so that the sheet
is ready in about a second.
"""

from __future__ import annotations

import difflib
import multiprocessing
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from wicguide.build import Inventory, load
from wicguide.collation import sort_key
from wicguide.edition import Edition
from wicguide.errors import SelectionError
from wicguide.grouping import Selection
from wicguide.output import write_atomically
from wicguide.records import Initiative, Outcome, RowOutcome
from wicguide.text import fold

MAX_ENTRIES = 5
"""What fits on two A4 pages at 16 pt with the notes box, even for the longest entries."""


def choose_by_id(initiatives: Sequence[Initiative], ids: Sequence[str],
                 cap: int = MAX_ENTRIES,
                 not_printed: Sequence[RowOutcome] = ()) -> tuple[Initiative, ...]:
    """Return the initiatives named by `ids`, in that order; unknown ids are refused.

    An id of a row that is not in the guide (`not_printed`: unpublished, or left
    out by an error) is refused with the reason and the row to correct.
    """
    by_key = {_id_key(i.id): i for i in initiatives}
    outside = {_id_key(o.id): o for o in not_printed}
    for ident in ids:
        if _id_key(ident) not in by_key and _id_key(ident) in outside:
            raise SelectionError(_not_in_guide(ident, outside[_id_key(ident)]))
    unknown = [ident for ident in ids if _id_key(ident) not in by_key]
    if unknown:
        raise SelectionError(_unknown_ids(unknown, initiatives))
    chosen = tuple(dict.fromkeys(by_key[_id_key(ident)] for ident in ids))
    if len(chosen) > cap:
        raise SelectionError(f"{len(chosen)} initiatives demandées : la feuille en tient au "
                             f"plus {cap}. Retirez-en, ou imprimez un livret avec "
                             "wicguide build --commune")
    return chosen


def choose_by_filter(initiatives: Sequence[Initiative], selection: Selection,
                     cap: int = MAX_ENTRIES) -> tuple[tuple[Initiative, ...], int]:
    """Return the first `cap` initiatives of `selection`, and how many more there were."""
    if not selection.communes and not selection.needs:
        raise SelectionError("wicguide sheet : donnez des identifiants (ex. WIC-0001), "
                             "ou --commune et/ou --need")
    kept = sorted((i for i in initiatives if _in(i, selection)), key=_filter_order)
    if not kept:
        raise SelectionError("aucune initiative pour ce choix de commune et de besoin. "
                             "Élargissez le choix (retirez un --need)")
    return tuple(kept[:cap]), max(0, len(kept) - cap)


def _id_key(ident: str) -> str:
    """Fold an identifier and drop leading zeros: "wic-1" finds "WIC-0001"."""
    return re.sub(r"\b0+(?=\d)", "", fold(ident))


def _in(initiative: Initiative, selection: Selection) -> bool:
    in_commune = (not selection.communes or initiative.is_departement_wide
                  or any(c in selection.communes for c in initiative.communes))
    return in_commune and (not selection.needs
                           or any(n in selection.needs for n in initiative.needs))


def _filter_order(initiative: Initiative) -> tuple[bool, bytes, str]:
    return initiative.is_departement_wide, sort_key(initiative.name), initiative.id


def _not_in_guide(ident: str, outcome: RowOutcome) -> str:
    """Say why the row of `ident` is not printed, and where to change that."""
    if outcome.outcome is Outcome.UNPUBLISHED:
        return (f"« {ident} » ({outcome.name}) n'est pas publiée : {outcome.location} dit Non "
                "dans « À publier ». Écrivez-y Oui pour l'imprimer")
    first = outcome.errors[0].line().rstrip(".") if outcome.errors else str(outcome.location)
    return f"« {ident} » ({outcome.name}) est écartée du guide : {first}"


def _unknown_ids(unknown: list[str], initiatives: Sequence[Initiative]) -> str:
    """Say which ids are unknown and which initiatives come closest to each."""
    shown = {fold(i.id): i for i in initiatives} | {fold(i.name): i for i in initiatives}
    parts = []
    for ident in unknown:
        near = difflib.get_close_matches(fold(ident), list(shown), n=3, cutoff=0.5)
        found = list(dict.fromkeys(shown[key] for key in near))
        hint = (" ; proches : " + ", ".join(f"{i.id} ({i.name})" for i in found)
                if found else "")
        parts.append(f"« {ident} »{hint}")
    return (f"identifiant{'s' if len(unknown) > 1 else ''} inconnu"
            f"{'s' if len(unknown) > 1 else ''} : " + " ; ".join(parts)
            + ". Les identifiants sont dans la colonne « Identifiant » de l'inventaire "
            "et dans le rapport")


def load_while_renderer_starts(path: Path) -> Inventory:
    """Read and validate the inventory in a second process while this one imports WeasyPrint.

    The two take about as long (0.4 s each here), and the machine has two cores:
    a social worker at the desk waits for the longer one only. A problem with
    the file is raised here as it would be by `load`. Where processes cannot be
    forked, the inventory is read first, then WeasyPrint is imported.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return load(path)
    # A fork starts in milliseconds with every module already imported; this
    # command runs no thread whose locks the child could inherit mid-use.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        reading = pool.submit(load, path)
        import weasyprint  # noqa: F401  (warmed up for write_handout)
        return reading.result()


def write_handout(chosen: Sequence[Initiative], edition: Edition, printed_on: date,
                  target: Path) -> int:
    """Lay out the hand-out of `chosen`, write it to `target`; return its page count."""
    from wicguide.rendering import pdf_bytes, render_document, render_handout_html

    document = render_document(render_handout_html(chosen, edition, printed_on))
    write_atomically(target, pdf_bytes(document))
    return len(document.pages)
