"""The changelog: what a new inventory changes in the guide, compared with the last one.

In: two validated inventories (the previous edition's and the new one). Out: a
`Changelog` of the initiatives printed in either: added, removed (with why,
when the row is still there but no longer printed) and changed field by field.
A change of « Mis à jour le » alone is counted as re-checked, not listed.
Rows are matched by identifier; an initiative whose identifier changed is
found again by its name and commune, or by its own website, and reported as
« nouvel identifiant » rather than removed and added; a new name under the
same identifier is « renommée ». An identifier reused for another initiative
(new name, other communes) is reported as one removed and one added. Printed
as terminal lines, or as a printable French page (HTML, or PDF via WeasyPrint).
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wicguide.collation import sort_key
from wicguide.edition import Edition
from wicguide.inventory import Column
from wicguide.records import Initiative, Outcome, RowOutcome
from wicguide.text import count, fold

if TYPE_CHECKING:
    from wicguide.build import Inventory

CHANGELOG = "le journal des modifications"
CHANGELOG_FORMATS = ("PDF", "HTML")
"""What `--output` of `wicguide diff` may be."""

SAME_NAME = 0.5
"""Below this likeness of names, an identifier whose communes also changed was reused."""


class ChangeKind(enum.Enum):
    """What happened to an initiative between two editions."""

    ADDED = "ajoutée"
    REMOVED = "retirée"
    CHANGED = "modifiée"


@dataclass(frozen=True)
class FieldChange:
    """One column whose printed value differs: its header, the old and new values."""

    column: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """One initiative added, removed or changed; `note` says why it left or came back."""

    kind: ChangeKind
    old: Initiative | None
    new: Initiative | None
    fields: tuple[FieldChange, ...] = ()
    note: str = ""

    @property
    def initiative(self) -> Initiative:
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def renamed(self) -> bool:
        return bool(self.old and self.new and self.old.name != self.new.name)

    @property
    def reidentified(self) -> bool:
        return bool(self.old and self.new and self.old.id != self.new.id)


@dataclass(frozen=True)
class Changelog:
    """The differences between two inventories, each list in French name order."""

    old_file: str
    new_file: str
    added: tuple[Change, ...]
    removed: tuple[Change, ...]
    changed: tuple[Change, ...]
    unchanged: int
    rechecked: int = 0

    def line(self) -> str:
        """Return the closing summary sentence, in French."""
        rechecked = (f"{count(self.rechecked, 'revérifiée', 'revérifiées')} sans changement, "
                     if self.rechecked else "")
        return (f"Bilan : {count(len(self.added), 'ajoutée', 'ajoutées')}, "
                f"{count(len(self.removed), 'retirée', 'retirées')}, "
                f"{count(len(self.changed), 'modifiée', 'modifiées')}, {rechecked}"
                f"{count(self.unchanged, 'inchangée', 'inchangées')}.")


def compare(old: Inventory, new: Inventory) -> Changelog:
    """Return what changed in the printed initiatives from `old` to `new`."""
    # 1. Pair initiatives by identifier, unless the identifier was reused.
    olds = {i.id: i for i in old.initiatives}
    news = {i.id: i for i in new.initiatives}
    pairs = [(olds[k], news[k]) for k in olds.keys() & news.keys()
             if not _reused(olds[k], news[k])]
    paired_old = {o.id for o, _ in pairs}
    paired_new = {n.id for _, n in pairs}
    gone = [i for i in old.initiatives if i.id not in paired_old]
    came = [i for i in new.initiatives if i.id not in paired_new]

    # 2. Find moved identifiers: same name and communes, else the same website.
    for key in (_name_key, _website_key):
        found = _unique_pairs(gone, came, key)
        pairs += found
        gone = [i for i in gone if all(i is not o for o, _ in found)]
        came = [i for i in came if all(i is not n for _, n in found)]

    # 3. Describe each pair field by field; say why the others came or went.
    changes = [Change(ChangeKind.CHANGED, o, n, differences(o, n)) for o, n in pairs]
    changed = [c for c in changes if _printed_change(c)]
    rechecked = [c for c in changes if c.fields and not _printed_change(c)]
    return Changelog(
        old.path.name, new.path.name,
        added=_ordered(Change(ChangeKind.ADDED, None, i, note=_was(old, i)) for i in came),
        removed=_ordered(Change(ChangeKind.REMOVED, i, None, note=_why_gone(new, i))
                         for i in gone),
        changed=_ordered(changed),
        unchanged=len(changes) - len(changed) - len(rechecked),
        rechecked=len(rechecked),
    )


def _printed_change(change: Change) -> bool:
    """True when more than the date of the last check changed."""
    checked = Column.CHECKED_ON.header
    return change.reidentified or any(f.column != checked for f in change.fields)


def _reused(old: Initiative, new: Initiative) -> bool:
    """True when an identifier now names another initiative (other name, other place)."""
    likeness = difflib.SequenceMatcher(None, fold(old.name), fold(new.name)).ratio()
    return likeness < SAME_NAME and set(old.communes) != set(new.communes)


def _name_key(initiative: Initiative) -> object:
    return (fold(initiative.name), tuple(sorted(c.insee for c in initiative.communes)))


def _website_key(initiative: Initiative) -> object:
    return initiative.website or initiative.listing_url or None


def _unique_pairs(gone: list[Initiative], came: list[Initiative],
                  key: Callable[[Initiative], object]) -> list[tuple[Initiative, Initiative]]:
    """Pair the initiatives whose key is set and found exactly once on each side."""
    def unique(items: list[Initiative]) -> dict[object, Initiative]:
        keys = [key(i) for i in items]
        return {k: i for k, i in zip(keys, items) if k is not None and keys.count(k) == 1}

    before, after = unique(gone), unique(came)
    return [(before[k], after[k]) for k in before.keys() & after.keys()]


def differences(old: Initiative, new: Initiative) -> tuple[FieldChange, ...]:
    """Return the printed fields whose value differs, in column order."""
    before, after = printed_fields(old), printed_fields(new)
    return tuple(FieldChange(column, before[column], after[column])
                 for column in before if before[column] != after[column])


def printed_fields(initiative: Initiative) -> dict[str, str]:
    """Return each printed field of `initiative` as text, by column header."""
    i = initiative
    values = {
        Column.NAME: i.name, Column.DESCRIPTION: i.description,
        Column.NEEDS: " ; ".join(n.label for n in i.needs),
        Column.KIND: i.kind.value if i.kind else "", Column.MODES: " ; ".join(i.modes),
        Column.ADDRESS: i.address, Column.POSTCODE: i.postcode,
        Column.COMMUNE: " ; ".join(c.name for c in i.communes), Column.PHONE: i.phone,
        Column.EMAIL: i.email, Column.WEBSITE: i.website, Column.HOURS: i.hours,
        Column.AUDIENCE: i.audience, Column.CONDITIONS: i.conditions,
        Column.LISTING: i.listing_url,
        Column.CHECKED_ON: i.checked_on.strftime("%d/%m/%Y") if i.checked_on else "",
    }
    return {column.header: text for column, text in values.items()}


def _row_of(inventory: Inventory, initiative: Initiative) -> RowOutcome | None:
    """Return the row of `inventory` with the identifier or name of `initiative`."""
    for outcome in inventory.outcomes:
        if outcome.id == initiative.id or fold(outcome.name) == fold(initiative.name):
            return outcome
    return None


def _why_gone(new: Inventory, initiative: Initiative) -> str:
    return _row_note(_row_of(new, initiative), initiative, "ligne supprimée de "
                     "l'inventaire", "maintenant", "identifiant repris par")


def _was(old: Inventory, initiative: Initiative) -> str:
    return _row_note(_row_of(old, initiative), initiative, "", "auparavant",
                     "identifiant déjà utilisé auparavant par")


def _row_note(row: RowOutcome | None, initiative: Initiative, absent: str, when: str,
              reused: str) -> str:
    """Say what the other inventory's row with this identifier or name became."""
    if row is None:
        return absent
    if row.outcome is Outcome.PRINTED:
        return f"{reused} « {row.name} »" if fold(row.name) != fold(initiative.name) else absent
    if row.outcome is Outcome.UNPUBLISHED:
        return f"{when} non publiée (« À publier » = Non)"
    why = row.errors[0].why if row.errors else "erreur"
    return f"{when} écartée, ligne {row.location.row} : {why}"


def _ordered(changes: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(sorted(changes, key=lambda c: (sort_key(c.initiative.name),
                                                c.initiative.id)))


def terminal_lines(changelog: Changelog) -> list[str]:
    """Return the changelog as lines for the terminal, one initiative per line."""
    lines = [(f"Comparaison entre {changelog.old_file} (édition précédente) et "
             f"{changelog.new_file} :")]
    lines += [f"+ ajoutée : {_label(c.initiative)}{_note(c)}" for c in changelog.added]
    lines += [f"- retirée : {_label(c.initiative)}{_note(c)}" for c in changelog.removed]
    for change in changelog.changed:
        lines.append(f"~ {_headline(change)}")
        lines += [f"    {f.column} : {_quoted(f.old)} → {_quoted(f.new)}"
                  for f in change.fields]
    lines.append(changelog.line())
    return lines


def _label(initiative: Initiative) -> str:
    where = ", ".join(c.name for c in initiative.communes) or "tout le département"
    return f"{initiative.id} « {initiative.name} » ({where})"


def _note(change: Change) -> str:
    return f" : {change.note}" if change.note else ""


def _headline(change: Change) -> str:
    """Return « modifiée », « renommée » or « nouvel identifiant » with the initiative."""
    assert change.old is not None and change.new is not None
    if change.reidentified:
        return f"nouvel identifiant : {change.old.id} → {_label(change.new)}"
    if change.renamed:
        return f"renommée : {_label(change.new)}, ancien nom « {change.old.name} »"
    return f"modifiée : {_label(change.new)}"


def _quoted(value: str, limit: int = 60) -> str:
    """Return a field value on one line, shortened and quoted; « (vide) » when empty."""
    flat = " ".join(value.split())
    if not flat:
        return "(vide)"
    return f"« {flat if len(flat) <= limit else flat[: limit - 1] + '…'} »"


def changelog_html(changelog: Changelog, edition: Edition) -> str:
    """Return the printable changelog, in French, as a standalone HTML page."""
    from wicguide.fonts import with_fonts
    from wicguide.rendering import edition_label, template_environment

    return with_fonts(template_environment().get_template("changelog.html").render(
        changelog=changelog, edition=edition, edition_label=edition_label(edition),
        headline=_headline, label=_label))


def write_changelog(changelog: Changelog, edition: Edition, target: Path) -> None:
    """Write the changelog to `target`: a PDF for .pdf, HTML for .html."""
    from wicguide.output import check_target, write_atomically

    check_target(target, CHANGELOG, CHANGELOG_FORMATS)
    html = changelog_html(changelog, edition)
    if target.suffix.lower() != ".pdf":
        write_atomically(target, html)
        return
    from wicguide.rendering import pdf_bytes, render_document

    write_atomically(target, pdf_bytes(render_document(html)))
