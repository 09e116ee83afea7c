"""Validation: from raw rows to initiatives, with every problem reported.

In: the `Sheet` read from the workbook. Out: one `RowOutcome` per row read,
in sheet order: PRINTED with its `Initiative`, LEFT_OUT with the errors that
keep it out of print, or UNPUBLISHED when "À publier" says Non. Warnings
(problems that do not stop printing) ride along on printed rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import Any

from wicguide.communes import Commune, CommuneTable, default_communes
from wicguide.fields import (
    FieldError,
    parse_date,
    parse_email,
    parse_flag,
    parse_phone,
    parse_postcode,
    parse_url,
)
from wicguide.fonts import undrawable
from wicguide.inventory import Column
from wicguide.needs import Need, Taxonomy, default_taxonomy
from wicguide.records import Initiative, Kind, Outcome, Problem, RowOutcome, Severity
from wicguide.text import clean, fold, split_list
from wicguide.workbook import RawRow, Sheet, cell_text

MAX_DESCRIPTION = 600
"""A longer description breaks the entry layout; staff are warned."""

LONG_TEXT = {Column.NAME: 150, Column.ADDRESS: 200, Column.HOURS: 400,
             Column.AUDIENCE: 300, Column.CONDITIONS: 300}
"""Beyond these lengths a cell is printed whole but fills pages: staff are warned."""

MAX_CELL = 2_000
"""Longer text in any cell is refused: it cannot be printed in an entry."""


@dataclass(frozen=True)
class Vocabulary:
    """The closed lists rows are checked against."""

    needs: Taxonomy = field(default_factory=default_taxonomy)
    communes: CommuneTable = field(default_factory=default_communes)


def validate(sheet: Sheet, vocabulary: Vocabulary | None = None) -> list[RowOutcome]:
    """Return the outcome of every row of `sheet`, in order."""
    vocabulary = vocabulary or Vocabulary()
    outcomes = [_RowCheck(row, vocabulary).outcome() for row in sheet.rows]
    return _check_duplicates(outcomes)


class _RowCheck:
    """Collects the problems of one row while turning it into an initiative."""

    def __init__(self, row: RawRow, vocabulary: Vocabulary) -> None:
        self.row = row
        self.vocabulary = vocabulary
        self.problems: list[Problem] = []
        self.too_long: set[Column] = set()

    def error(self, column: Column, why: str, fix: str) -> None:
        self._add(Severity.ERROR, column, why, fix)

    def warn(self, column: Column, why: str, fix: str) -> None:
        self._add(Severity.WARNING, column, why, fix)

    def _add(self, severity: Severity, column: Column, why: str, fix: str) -> None:
        value = (cell_text(self.row.values.get(column)) or self.row.formulas.get(column, "")
                 or self.row.errors.get(column, ""))
        problem = Problem(severity, self.row.location, column.header, value, why, fix)
        if problem not in self.problems:  # a cell read twice is reported once
            self.problems.append(problem)

    def _row_problems(self) -> None:
        """Report what concerns the row as read: hidden, or formulas with no result."""
        if self.row.hidden:
            self.problems.append(Problem(
                Severity.WARNING, self.row.location, None, "",
                "ligne masquée dans le tableur (masquage ou filtre), imprimée quand même",
                "Pour la garder hors du guide, écrivez Non dans la colonne « À publier »"))
        for column in self.row.formulas:
            report = self.error if column.spec.required else self.warn
            report(column, "formule dont le résultat n'est pas enregistré dans le fichier "
                   "(enregistré par un programme, pas par un tableur)"
                   + ("" if column.spec.required else ", non imprimée"),
                   "Ouvrez le fichier dans votre tableur et enregistrez-le, ou remplacez la "
                   "formule par son résultat")
        for column, code in self.row.errors.items():
            report = self.error if column.spec.required else self.warn
            report(column, f"erreur de calcul « {code} » enregistrée dans la case"
                   + ("" if column.spec.required else ", non imprimée"),
                   "Corrigez la formule dans votre tableur, ou remplacez-la par sa valeur")

    def outcome(self) -> RowOutcome:
        """Return this row's outcome: printed, unpublished, or left out."""
        self._row_problems()
        name = self.row.text(Column.NAME)
        published = self._published()
        if published is False:
            return RowOutcome(self.row.location, self._id(name), name, Outcome.UNPUBLISHED,
                              tuple(self.problems))
        ident = self._id(name, warn=True)
        initiative = self._initiative(ident)
        if published is None:  # an unclear publish flag prints nothing until it says Oui
            initiative = None
        status = Outcome.PRINTED if initiative else Outcome.LEFT_OUT
        return RowOutcome(self.row.location, ident, name, status, tuple(self.problems),
                          initiative)

    def _initiative(self, ident: str) -> Initiative | None:
        name = self._required_text(Column.NAME)
        description = self._required_text(Column.DESCRIPTION)
        needs = self._needs()
        communes = self._communes()
        fields = self._optional_fields()
        if not (name and description and needs) or communes is None:
            return None
        initiative = Initiative(
            id=ident, name=name, description=description, needs=needs,
            communes=communes, location=self.row.location, **fields)
        return initiative if self._drawable(initiative) else None

    def _drawable(self, initiative: Initiative) -> bool:
        """Report characters no font of the guide can draw (they would print as boxes)."""
        printed = {
            Column.NAME: initiative.name, Column.DESCRIPTION: initiative.description,
            Column.ADDRESS: initiative.address, Column.HOURS: initiative.hours,
            Column.AUDIENCE: initiative.audience, Column.CONDITIONS: initiative.conditions,
            Column.MODES: " ".join(initiative.modes),
        }
        found = False
        for column, text in printed.items():
            missing = undrawable(text)
            if missing:
                found = True
                shown = ", ".join(f"« {c} » (U+{ord(c):04X})" for c in missing)
                self.error(column, f"caractère(s) {shown} qu'aucune police du guide ne sait "
                           "dessiner", "Remplacez-les ou supprimez-les : imprimés, ce seraient "
                           "des carrés vides")
        return not found

    def _text(self, column: Column, *, keep_lines: bool = False) -> str:
        value = self.row.values.get(column)
        text = clean(cell_text(value), keep_lines=keep_lines)
        if len(text) > MAX_CELL:
            self.too_long.add(column)
            self.error(column, f"texte trop long ({len(text)} caractères)",
                       f"Raccourcissez-le à {MAX_CELL} caractères au plus")
            return ""
        if isinstance(value, (date, time)):
            self.warn(column, f"date dans une colonne de texte, imprimée « {text} »",
                      "Vérifiez la case : le tableur a pu changer en date ce qui était écrit ; "
                      "pour garder le texte tel quel, commencez-le par une apostrophe (')")
        return text

    def _long_text(self, column: Column, *, keep_lines: bool = False) -> str:
        """Return the text of a cell printed whole, warning when it would fill pages."""
        text = self._text(column, keep_lines=keep_lines)
        limit = LONG_TEXT[column]
        if len(text) > limit:
            self.warn(column, f"texte long ({len(text)} caractères), imprimé en entier",
                      f"Raccourcissez-le à {limit} caractères pour que la fiche reste lisible")
        return text

    def _required_text(self, column: Column) -> str:
        text = self._long_text(column) if column in LONG_TEXT else self._text(column)
        unknown = self.too_long | set(self.row.formulas) | set(self.row.errors)
        if not text and column not in unknown:
            self.error(column, "case obligatoire vide", f"Remplissez la colonne « {column.header} »")
        elif column is Column.DESCRIPTION and len(text) > MAX_DESCRIPTION:
            self.warn(column, f"description longue ({len(text)} caractères)",
                      f"Raccourcissez-la à {MAX_DESCRIPTION} caractères pour qu'elle tienne "
                      "dans la fiche")
        return text

    def _id(self, name: str, *, warn: bool = False) -> str:
        """Return the row's identifier, derived from name and commune when empty."""
        given = self._text(Column.ID).upper().replace(" ", "")
        if given:
            return given
        commune = self._text(Column.COMMUNE)
        digest = hashlib.sha1(fold(f"{name}|{commune}").encode()).hexdigest()[:6].upper()
        derived = f"WIC-X{digest}"
        if warn:
            self.warn(Column.ID, f"identifiant vide, calculé : {derived}",
                      f"Recopiez {derived} dans la colonne « Identifiant » pour qu'il ne "
                      "change pas si le nom ou la commune change")
        return derived

    def _needs(self) -> tuple[Need, ...]:
        """Return the needs named; an unknown one is an error only when none is known."""
        parts = split_list(self._text(Column.NEEDS, keep_lines=True))
        if not parts:  # empty, or nothing but separators
            self.error(Column.NEEDS, "aucun besoin indiqué",
                       f"Indiquez au moins un besoin parmi : {', '.join(self._need_labels())}")
            return ()
        found = {part: self.vocabulary.needs.match(part) for part in parts}
        needs = {need for need in found.values() if need is not None}
        for part, need in found.items():
            if need is None:
                self._unknown_need(part, bool(needs))
        return tuple(sorted(needs, key=lambda n: n.order))

    def _unknown_need(self, part: str, other_found: bool) -> None:
        guess = self.vocabulary.needs.suggest(part)
        hint = f"Vouliez-vous dire « {guess} » ?" if guess else ""
        fix = f"{hint} Besoins possibles : {', '.join(self._need_labels())}".strip()
        why = f"besoin inconnu « {part} »"
        (self.warn if other_found else self.error)(Column.NEEDS, why, fix)

    def _need_labels(self) -> list[str]:
        return self.vocabulary.needs.labels

    def _communes(self) -> tuple[Commune, ...] | None:
        """Return the communes named (empty: whole département), None on error."""
        table = self.vocabulary.communes
        text = self._text(Column.COMMUNE, keep_lines=True)
        postcode = self._postcode()
        if not text:
            return self._commune_from_postcode(postcode)
        if not split_list(text):  # nothing but separators: not the same as empty
            self.error(Column.COMMUNE, "aucune commune lisible",
                       "Écrivez le nom d'une des 36 communes, ou videz la case pour tout le "
                       "département")
            return None
        communes: list[Commune] = []
        for part in split_list(text):
            commune = table.match(part)
            if commune is None:
                guess = table.suggest(part)
                hint = f"Vouliez-vous dire « {guess} » ? " if guess else ""
                self.error(Column.COMMUNE, f"commune « {part} » inconnue dans les Hauts-de-Seine",
                           f"{hint}Écrivez le nom d'une des 36 communes, ou laissez vide pour "
                           "tout le département")
                return None
            if commune not in communes:
                communes.append(commune)
        if postcode and len(communes) == 1 and postcode not in communes[0].postcodes:
            owner = table.by_postcode(postcode)
            also = f" (c'est celui de {owner.name})" if owner else ""
            self.warn(Column.POSTCODE, f"ce code postal ne correspond pas à {communes[0].name}{also}",
                      f"Codes postaux de {communes[0].name} : {', '.join(communes[0].postcodes)}")
        return tuple(communes)

    def _commune_from_postcode(self, postcode: str) -> tuple[Commune, ...]:
        commune = self.vocabulary.communes.by_postcode(postcode) if postcode else None
        if commune is None:
            return ()
        self.warn(Column.COMMUNE, f"commune vide, déduite du code postal {postcode} : "
                  f"{commune.name}", "Écrivez la commune pour confirmer")
        return (commune,)

    def _postcode(self) -> str:
        value = self.row.values.get(Column.POSTCODE)
        return self._parsed(Column.POSTCODE, parse_postcode) if value is not None else ""

    def _parsed(self, column: Column, parser: Callable[[object], str]) -> str:
        """Parse an optional cell; a bad value is a warning and is left blank."""
        value = self.row.values.get(column)
        if value is None:
            return ""
        try:
            return parser(value)
        except FieldError as problem:
            self.warn(column, f"{problem.why} ; la case n'est pas imprimée", problem.fix)
            return ""

    def _optional_fields(self) -> dict[str, Any]:
        website = self._url(Column.WEBSITE)
        link = self.row.hyperlinks.get(Column.NAME)
        if not website and link:
            website = self._parsed_text(Column.NAME, link, parse_url)
        return {
            "kind": self._kind(),
            "modes": self._modes(),
            "address": self._long_text(Column.ADDRESS),
            "postcode": self._postcode(),
            "phone": self._parsed(Column.PHONE, parse_phone),
            "email": self._parsed(Column.EMAIL, parse_email),
            "website": website,
            "hours": self._long_text(Column.HOURS, keep_lines=True),
            "audience": self._long_text(Column.AUDIENCE),
            "conditions": self._long_text(Column.CONDITIONS),
            "listing_url": self._url(Column.LISTING),
            "checked_on": self._checked_on(),
        }

    def _url(self, column: Column) -> str:
        """Parse a URL cell; the target of a link on the cell wins over its text."""
        link = self.row.hyperlinks.get(column)
        if link:
            return self._parsed_text(column, link, parse_url)
        return self._parsed(column, parse_url)

    def _modes(self) -> tuple[str, ...]:
        modes = split_list(self._text(Column.MODES, keep_lines=True))
        return tuple(dict.fromkeys(mode.lower() for mode in modes))

    def _parsed_text(self, column: Column, text: str, parser: Callable[[object], str]) -> str:
        try:
            return parser(text)
        except FieldError as problem:
            self.warn(column, f"lien « {text} » : {problem.why} ; la case n'est pas imprimée",
                      problem.fix)
            return ""

    def _kind(self) -> Kind | None:
        text = self._text(Column.KIND)
        if not text:
            return None
        kind = next((k for k in Kind if fold(k.value) == fold(text)), None)
        if kind is None:
            self.warn(Column.KIND, "type inconnu, non imprimé",
                      "Écrivez Lieu, Initiative ou Site internet")
        return kind

    def _checked_on(self) -> date | None:
        value = self.row.values.get(Column.CHECKED_ON)
        if value is None:
            return None
        try:
            return parse_date(value)
        except FieldError as problem:
            self.warn(Column.CHECKED_ON, f"{problem.why}, non imprimée", problem.fix)
            return None

    def _published(self) -> bool | None:
        """Return the publish flag (empty: Oui); None when it is neither Oui nor Non."""
        value = self.row.values.get(Column.PUBLISH)
        if value is None:
            return True
        try:
            return parse_flag(value)
        except FieldError as problem:
            self.error(Column.PUBLISH, f"{problem.why} ; la ligne n'est pas imprimée tant "
                       "que la case ne dit pas Oui", problem.fix)
            return None


def _check_duplicates(outcomes: list[RowOutcome]) -> list[RowOutcome]:
    """Leave out a second row with an identifier already used; warn on twin names."""
    first_by_id: dict[str, RowOutcome] = {}
    first_by_name: dict[tuple[str, tuple[str, ...]], RowOutcome] = {}
    checked: list[RowOutcome] = []
    for outcome in outcomes:
        initiative = outcome.initiative
        if initiative is None:
            checked.append(outcome)
            continue
        first = first_by_id.setdefault(initiative.id, outcome)
        if first is not outcome:
            checked.append(_duplicate_id(outcome, first))
            continue
        key = (fold(initiative.name), tuple(c.insee for c in initiative.communes))
        twin = first_by_name.setdefault(key, outcome)
        if twin is not outcome:
            outcome = _twin_name(outcome, twin)
        checked.append(outcome)
    return checked


def _duplicate_id(outcome: RowOutcome, first: RowOutcome) -> RowOutcome:
    problem = Problem(
        Severity.ERROR, outcome.location, Column.ID.header, outcome.id,
        f"identifiant déjà utilisé ligne {first.location.row} ({first.name})",
        "Donnez un identifiant unique à chaque initiative, ou supprimez le doublon")
    return replace(outcome, outcome=Outcome.LEFT_OUT, initiative=None,
                   problems=outcome.problems + (problem,))


def _twin_name(outcome: RowOutcome, twin: RowOutcome) -> RowOutcome:
    problem = Problem(
        Severity.WARNING, outcome.location, Column.NAME.header, outcome.name,
        f"même nom et même commune que la ligne {twin.location.row} ({twin.id})",
        "Supprimez le doublon, ou précisez le nom si ce sont deux initiatives")
    return replace(outcome, problems=outcome.problems + (problem,))


