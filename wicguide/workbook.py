"""Reading the inventory workbook: from an .xlsx file to raw rows.

In: a path. Out: a `Sheet` whose `RawRow`s hold each known column's cell value
(as openpyxl gives it) and the row's location, plus the file-level problems
found in the header (unknown columns). Nothing is validated here beyond what
is needed to find the rows; a file that is not a usable inventory raises
`InventoryError` with one line saying why and what to do.
"""

from __future__ import annotations

import bisect
import logging
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wicguide.errors import InventoryError
from wicguide.inventory import REQUIRED, SHEET_NAME, Column, match_header
from wicguide.records import Location, Problem, Severity
from wicguide.text import CellValue, cell_text, clean, count

LOGGER = logging.getLogger(__name__)

HEADER_SEARCH_ROWS = 30
"""How many rows from the top may hold titles before the header row."""

MAX_ROWS = 10_000
"""The largest inventory read (filled rows below the header); see README, "Limits"."""

MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
"""A workbook whose members expand beyond this is refused before parsing."""


@dataclass(frozen=True)
class RawRow:
    """One non-empty row below the header: cell values by column, as read.

    `hyperlinks` holds the link target of a cell (an Excel link or a
    `HYPERLINK()` formula); `formulas` the formulas whose result was never saved
    in the file (their value is unknown, not empty); `errors` the cells whose
    saved result is a calculation error such as #REF!; `hidden` is True for a
    row hidden or filtered out in the spreadsheet.
    """

    location: Location
    values: dict[Column, CellValue]
    hyperlinks: dict[Column, str] = field(default_factory=dict)
    formulas: dict[Column, str] = field(default_factory=dict)
    hidden: bool = False
    errors: dict[Column, str] = field(default_factory=dict)

    def text(self, column: Column) -> str:
        """Return the cell of `column` as cleaned text ('' when empty)."""
        return clean(cell_text(self.values.get(column)))


@dataclass(frozen=True)
class Sheet:
    """The inventory sheet as read: its rows and the problems of its header."""

    file: str
    name: str
    header_row: int
    columns: tuple[Column, ...]
    rows: tuple[RawRow, ...]
    problems: tuple[Problem, ...] = ()


def read_inventory(path: Path) -> Sheet:
    """Read the inventory at `path`, or raise InventoryError saying why not."""
    _check_file(path)
    has_formulas = _check_worksheets(path)
    workbook = _open_workbook(path, data_only=True)
    try:
        worksheet, problems = _choose_sheet(workbook, path)
        formulas = _formulas(path, worksheet.title) if has_formulas else {}
        return _read_sheet(worksheet, path.name, formulas, problems)
    finally:
        workbook.close()


def _check_file(path: Path) -> None:
    """Refuse what is not a readable, plausible .xlsx before openpyxl sees it."""
    try:
        is_dir = path.is_dir()
        exists = path.exists()
    except PermissionError:  # a folder on the way cannot be opened
        raise _unreadable(path) from None
    if not exists:
        raise InventoryError(
            f"{path} : fichier introuvable. Vérifiez le chemin, ou créez un inventaire "
            "vierge avec « wicguide template FICHIER.xlsx »")
    if is_dir:
        raise InventoryError(
            f"{path} : c'est un dossier, pas un fichier. Donnez le chemin du fichier "
            ".xlsx de l'inventaire")
    try:
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except PermissionError:
        raise _unreadable(path) from None
    if not head:
        raise InventoryError(
            f"{path} : le fichier est vide. Enregistrez de nouveau l'inventaire depuis "
            "votre tableur au format Excel (.xlsx)")
    if not head.startswith(b"PK\x03\x04"):
        raise InventoryError(f"{path} : {_what_it_is(head)}")
    _check_zip(path)


def _unreadable(path: Path) -> InventoryError:
    return InventoryError(
        f"{path} : lecture refusée (droits du fichier). Donnez-vous le droit de "
        "lecture ou copiez le fichier ailleurs")


SNIFF_BYTES = 1 << 20
"""How much of a file is read to tell what it is when it is not an .xlsx."""


def _what_it_is(head: bytes) -> str:
    """Say what a non-xlsx file looks like and how to turn it into an .xlsx."""
    resave = "ouvrez-le dans votre tableur et enregistrez-le au format Excel (.xlsx)"
    if head.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in head:
        return ("ce classeur est protégé par un mot de passe, que wicguide ne lit pas ; "
                "ouvrez-le dans votre tableur, retirez le mot de passe (Fichier > Informations "
                "> Protéger le classeur) et enregistrez-le au format Excel (.xlsx)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return f"ce fichier est un ancien classeur Excel (.xls), que wicguide ne lit pas ; {resave}"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<", b"<!")):
        return ("ce fichier est une page web (HTML), pas un classeur : le téléchargement "
                f"a sans doute échoué ; téléchargez-le de nouveau, ou {resave}")
    return f"ce fichier n'est pas un classeur Excel (.xlsx) ; {resave}"


def _check_zip(path: Path) -> None:
    """Refuse truncated archives, other zip formats and zip bombs."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            total = sum(info.file_size for info in archive.infolist())
            mimetype = _head(archive, "mimetype")
            workbook = _head(archive, "xl/workbook.xml", 2000)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise InventoryError(
            f"{path} : le classeur est abîmé ou incomplet (téléchargement interrompu ?). "
            "Téléchargez-le ou enregistrez-le de nouveau au format .xlsx") from None
    if b"opendocument" in mimetype:
        raise InventoryError(
            f"{path} : ce fichier est un classeur OpenDocument (.ods). Dans LibreOffice, "
            "choisissez Fichier > Enregistrer sous > Excel 2007-365 (.xlsx)")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise InventoryError(
            f"{path} : cette archive n'est pas un classeur Excel. Enregistrez "
            "l'inventaire au format .xlsx depuis votre tableur")
    if "xl/workbook.bin" in names:
        raise InventoryError(
            f"{path} : ce fichier est un classeur Excel binaire (.xlsb), que wicguide ne lit "
            "pas ; dans Excel, choisissez Fichier > Enregistrer sous > Classeur Excel (.xlsx)")
    if b"purl.oclc.org/ooxml" in workbook:
        raise InventoryError(
            f"{path} : ce classeur est enregistré au format « Feuille de calcul Open XML "
            "Strict », que wicguide ne lit pas ; dans Excel, choisissez Fichier > Enregistrer "
            "sous > Classeur Excel (.xlsx)")
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InventoryError(
            f"{path} : le classeur décompressé dépasserait {total // 2**20} Mo (limite "
            f"{MAX_UNCOMPRESSED_BYTES // 2**20} Mo). Supprimez les images et les feuilles "
            "inutiles, puis enregistrez-le de nouveau")


def _head(archive: zipfile.ZipFile, name: str, size: int = 80) -> bytes:
    """Return the first bytes of a member (never more, whatever it expands to)."""
    if name not in archive.namelist():
        return b""
    with archive.open(name) as member:
        return member.read(size)


def _open_workbook(path: Path, *, data_only: bool):  # type: ignore[no-untyped-def]
    import openpyxl  # deferred: keeps `wicguide --help` fast

    if not openpyxl.DEFUSEDXML:
        raise InventoryError(
            "installation incomplète : la bibliothèque defusedxml manque, et sans elle un "
            "classeur piégé pourrait bloquer la machine. Relancez sh scripts/setup.sh")
    try:
        with warnings.catch_warnings():  # e.g. "Data Validation extension is not supported"
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=data_only, rich_text=False)
    except Exception as error:  # noqa: BLE001 (openpyxl raises many kinds on a broken file)
        raise InventoryError(f"{path} : {_why_unreadable(error, path)}") from None


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
"""The file names openpyxl opens: a workbook under another name is refused by name."""


def _why_unreadable(error: Exception, path: Path) -> str:
    """Say, in French, why openpyxl could not open a workbook."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    causes = [error]
    while causes[-1].__cause__ is not None or causes[-1].__context__ is not None:
        causes.append(causes[-1].__cause__ or causes[-1].__context__)  # type: ignore[arg-type]
    if any(isinstance(cause, DefusedXmlException) for cause in causes):
        return ("le classeur contient des déclarations XML interdites (entités), signe "
                "d'un fichier piégé ou abîmé ; il n'est pas lu. Copiez les données dans un "
                "classeur neuf et enregistrez-le au format .xlsx")
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return (f"c'est bien un classeur Excel, mais son nom ne finit pas par .xlsx et il "
                f"n'est lu que sous ce nom. Renommez-le « {path.stem}.xlsx »")
    if any(isinstance(cause, ParseError) for cause in causes):
        return ("une partie du classeur est abîmée (son XML est illisible). Ouvrez-le dans "
                "votre tableur et enregistrez-le de nouveau au format .xlsx, ou copiez les "
                "données dans un classeur neuf")
    return ("le classeur est abîmé ou d'un genre que wicguide ne lit pas. Ouvrez-le dans "
            "votre tableur et enregistrez-le de nouveau au format .xlsx")


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


_MERGE_TAG = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')

MAX_MERGED_CELLS = 100_000
"""openpyxl makes an object for every cell of a merged range: larger merges are refused."""


def _check_worksheets(path: Path) -> bool:
    """Refuse merges too large to read; return True when a worksheet holds a formula.

    Reads the (already size-checked) worksheet XML before openpyxl does: a
    range merged down a whole column would make openpyxl build a million cells.
    """
    has_formulas = False
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                member = archive.read(name)
                has_formulas = has_formulas or _FORMULA_TAG.search(member) is not None
                _check_merges(path, member)
                _check_cell_count(path, member)
    return has_formulas


_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")

MAX_CELLS = 500_000
"""Cells a worksheet may hold, empty formatted ones included (2,000 rows use ~40,000)."""


def _check_cell_count(path: Path, member: bytes) -> None:
    count = sum(1 for _ in _CELL_TAG.finditer(member))
    if count > MAX_CELLS:
        raise InventoryError(
            f"{path} : une feuille contient {_thousands(count)} cases (vides mais mises en "
            f"forme pour la plupart), au-delà de la limite de {_thousands(MAX_CELLS)}. "
            "Sélectionnez les lignes et colonnes vides sous et à droite du tableau, "
            "supprimez-les (clic droit > Supprimer), puis enregistrez")


def _check_merges(path: Path, member: bytes) -> None:
    from openpyxl.utils.cell import range_boundaries

    for match in _MERGE_TAG.finditer(member):
        ref = match[1].decode()
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        area = (max_col - min_col + 1) * (max_row - min_row + 1)
        if area > MAX_MERGED_CELLS:
            raise InventoryError(
                f"{path} : la fusion de cellules {ref} couvre {_thousands(area)} cases, "
                f"au-delà de la limite de {_thousands(MAX_MERGED_CELLS)}. Sélectionnez-la et "
                "défusionnez-la (Accueil > Fusionner et centrer), puis enregistrez")


def _thousands(number: int) -> str:
    """Return 1048575 as "1 048 575", the French way."""
    return f"{number:,}".replace(",", "\u202f")


def _formulas(path: Path, title: str) -> dict[tuple[int, int], str]:
    """Return the formula of each formula cell of sheet `title`, by (row, column)."""
    workbook = _open_workbook(path, data_only=False)
    try:
        cells = _sparse_cells(workbook[title])
        return {key: cell.value for key, cell in cells.items()
                if cell.data_type == "f" and isinstance(cell.value, str)}
    finally:
        workbook.close()


def _sparse_cells(worksheet) -> dict[tuple[int, int], Any]:  # type: ignore[no-untyped-def]
    """Return the cells the file really holds, by (row, column).

    openpyxl keeps them in the private `_cells` mapping; its public iterators
    walk the whole rectangle the sheet claims, which one stray value in cell
    XFD1048576 stretches to 17 billion cells. Reading the mapping keeps time and
    memory proportional to the cells present. (A public sparse accessor in
    openpyxl would lift this.)
    """
    return worksheet._cells  # type: ignore[no-any-return]


def _choose_sheet(workbook, path: Path):  # type: ignore[no-untyped-def]
    """Return the inventory sheet and its problems: visible sheets first.

    A visible sheet named "Initiatives", else the first visible one with a
    header row; only then a hidden sheet (with a warning), since a hidden
    sheet is often an old copy.
    """
    from wicguide.text import fold

    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    hidden = [ws for ws in workbook.worksheets if ws.sheet_state != "visible"]
    for candidates in (visible, hidden):
        chosen = next((ws for ws in candidates if fold(ws.title) == fold(SHEET_NAME)), None)
        chosen = chosen or next((ws for ws in candidates if _find_header(ws)), None)
        if chosen is not None:
            return chosen, [*_sheet_problems(chosen, hidden, path.name),
                            *_other_inventories(workbook, chosen, path.name)]
    names = ", ".join(f"« {ws.title} »" for ws in workbook.worksheets)
    raise InventoryError(
        f"{path} : aucune feuille ne contient la ligne d'en-tête de l'inventaire "
        f"(feuilles : {names}). Nommez la feuille « {SHEET_NAME} » et mettez en tête "
        "les colonnes « Nom », « Description » et « Besoins »")


def _sheet_problems(worksheet, hidden: list, file: str) -> list[Problem]:  # type: ignore[no-untyped-def]
    """Warn when the sheet read is hidden, or when a hidden "Initiatives" is not read."""
    from wicguide.text import fold

    if worksheet.sheet_state != "visible":
        return [Problem(
            Severity.WARNING, Location(file, worksheet.title, 1), None, "",
            "cette feuille est masquée dans le tableur ; aucune feuille visible ne contient "
            "l'inventaire, elle est donc lue", "Affichez-la (clic droit sur un onglet > "
            "Afficher) et vérifiez que c'est bien l'inventaire à imprimer")]
    return [Problem(
        Severity.WARNING, Location(file, other.title, 1), None, "",
        f"feuille masquée, non lue : l'inventaire lu est la feuille visible « {worksheet.title} »",
        "Si c'est la feuille masquée qui est à jour, affichez-la et supprimez l'autre")
        for other in hidden if fold(other.title) == fold(SHEET_NAME)]


def _other_inventories(workbook, chosen, file: str) -> list[Problem]:  # type: ignore[no-untyped-def]
    """Warn about each other sheet that has the inventory's header and filled rows.

    Only one sheet is read: rows typed on another one would be left out
    without a word.
    """
    from wicguide.text import fold

    problems = []
    for other in workbook.worksheets:
        if other is chosen or (other.sheet_state != "visible"
                               and fold(other.title) == fold(SHEET_NAME)):
            continue  # a hidden "Initiatives" has its own warning
        found = _find_header(other)
        if found is None:
            continue
        filled = sum(1 for row in other.iter_rows(min_row=found[0] + 1, values_only=True)
                     if any(_has_value(value) for value in row))
        if filled:
            problems.append(Problem(
                Severity.WARNING, Location(file, other.title, found[0]), None, "",
                f"feuille non lue, bien qu'elle ait les en-têtes de l'inventaire et "
                f"{count(filled, 'ligne remplie', 'lignes remplies')} : seule la feuille "
                f"« {chosen.title} » est lue",
                f"Copiez dans la feuille « {chosen.title} » celles qui n'y sont pas encore, "
                "puis supprimez ou renommez cette feuille"))
    return problems


def _find_header(worksheet) -> tuple[int, dict[int, str]] | None:  # type: ignore[no-untyped-def]
    """Return (row number, {column index: header text}) of the header row."""
    best: tuple[int, dict[int, str]] | None = None
    best_score = 0
    for row in worksheet.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=HEADER_SEARCH_COLUMNS):
        headers = {c.column: clean(cell_text(c.value)) for c in row if c.value is not None}
        headers = {index: text for index, text in headers.items() if text}
        score = sum(1 for text in headers.values() if match_header(text))
        if score > best_score and any(match_header(t) is Column.NAME for t in headers.values()):
            best, best_score = (row[0].row, headers), score
    return best if best_score >= 2 else None


HEADER_SEARCH_COLUMNS = 60
"""How many columns from the left may hold headers."""


def _read_sheet(worksheet, file: str, formulas: dict[tuple[int, int], str],  # type: ignore[no-untyped-def]
                problems: list[Problem]) -> Sheet:
    found = _find_header(worksheet)
    if found is None:
        raise InventoryError(
            f"{file}, feuille « {worksheet.title} » : ligne d'en-tête introuvable dans "
            f"les {HEADER_SEARCH_ROWS} premières lignes. Ajoutez une ligne avec au moins "
            "les colonnes « Nom », « Description » et « Besoins »")
    header_row, headers = found
    where = Location(file, worksheet.title, header_row)
    columns, header_problems = _map_columns(headers, where)
    grid = _Grid(worksheet, header_row, formulas)
    rows = tuple(_rows(grid, file, columns))
    stray = _stray_cells(grid, set(headers), where)
    return Sheet(file, worksheet.title, header_row, tuple(columns.values()), rows,
                 tuple(problems + header_problems + stray))


def _map_columns(
    headers: dict[int, str], where: Location
) -> tuple[dict[int, Column], list[Problem]]:
    """Map column indexes to columns; refuse duplicates and missing required ones."""
    columns: dict[int, Column] = {}
    problems: list[Problem] = []
    for index, text in sorted(headers.items()):
        column = match_header(text)
        if column is None:
            problems.append(Problem(
                Severity.WARNING, where, text, text, "colonne inconnue, ignorée",
                "Renommez-la selon la liste des colonnes (docs/inventory.md) si elle "
                "doit être imprimée"))
        elif column in columns.values():
            raise InventoryError(
                f"{where}, colonne « {text} » : la colonne « {column.header} » apparaît "
                "deux fois. Supprimez ou renommez l'une des deux")
        else:
            columns[index] = column
    missing = [c.header for c in REQUIRED if c not in columns.values()]
    if missing:
        raise InventoryError(
            f"{where} : colonne(s) obligatoire(s) absente(s) : "
            f"{', '.join(f'« {m} »' for m in missing)}. Ajoutez-les à la ligne d'en-tête")
    return columns, problems


class _Grid:
    """The cells below the header that hold something, read sparsely."""

    def __init__(self, worksheet, header_row: int,  # type: ignore[no-untyped-def]
                 formulas: dict[tuple[int, int], str]) -> None:
        self.worksheet = worksheet
        self.header_row = header_row
        self.formulas = {key: f for key, f in formulas.items() if key[0] > header_row}
        self.cells = {key: cell for key, cell in _sparse_cells(worksheet).items()
                      if key[0] > header_row and _has_value(cell.value)}

    def rows_with_values(self, columns: dict[int, Column]) -> list[int]:
        """Return the numbers of the rows holding a value in one of `columns`."""
        keys = [*self.cells, *self.formulas]
        return sorted({r for r, c in keys if c in columns})

    def hidden(self, row: int) -> bool:
        dimension = self.worksheet.row_dimensions.get(row)
        return bool(dimension is not None and dimension.hidden)


def _has_value(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not clean(value))


def _rows(grid: _Grid, file: str, columns: dict[int, Column]) -> Iterator[RawRow]:
    """Yield each non-empty row below the header, merged cells filled in."""
    numbers = grid.rows_with_values(columns)
    if len(numbers) > MAX_ROWS:
        raise InventoryError(
            f"{file}, feuille « {grid.worksheet.title} » : {len(numbers)} lignes remplies "
            f"sous l'en-tête, au-delà de la limite de {MAX_ROWS}. Supprimez les lignes "
            "inutiles ou partagez l'inventaire en plusieurs fichiers")
    merged = _merged_values(grid, numbers)
    for number in numbers:
        values: dict[Column, CellValue] = {}
        links: dict[Column, str] = {}
        formulas: dict[Column, str] = {}
        errors: dict[Column, str] = {}
        for index, column in columns.items():
            cell = grid.cells.get((number, index))
            value = cell.value if cell is not None else merged.get((number, index))
            formula = grid.formulas.get((number, index))
            if cell is not None and cell.data_type == "e":  # #REF!, #N/A… saved as a result
                errors[column] = str(value)
            elif value is not None:
                values[column] = value
            elif formula is not None:
                formulas[column] = formula
            link = _link(cell, formula)
            if link:
                links[column] = link
        yield RawRow(Location(file, grid.worksheet.title, number), values, links, formulas,
                     grid.hidden(number), errors)


_HYPERLINK = re.compile(r'^=\s*HYPERLINK\(\s*"([^"]*)"', re.IGNORECASE)


def _link(cell, formula: str | None) -> str | None:  # type: ignore[no-untyped-def]
    """Return the target of a cell's link or of its HYPERLINK() formula."""
    if cell is not None and cell.hyperlink is not None and cell.hyperlink.target:
        return str(cell.hyperlink.target)
    match = _HYPERLINK.match(formula or "")
    return match[1] if match else None


def _merged_values(grid: _Grid, numbers: list[int]) -> dict[tuple[int, int], CellValue]:
    """Spread each merged range's value over the rows below the header that hold data.

    Only rows that hold values of their own are filled, so a range merged down a
    whole column costs no more than the rows present.
    """
    values: dict[tuple[int, int], CellValue] = {}
    for cell_range in grid.worksheet.merged_cells.ranges:
        if cell_range.min_row <= grid.header_row:
            continue
        top = grid.cells.get((cell_range.min_row, cell_range.min_col))
        if top is None:
            continue
        first = bisect.bisect_left(numbers, cell_range.min_row)
        last = bisect.bisect_right(numbers, cell_range.max_row)
        for row in numbers[first:last]:
            for col in range(cell_range.min_col, cell_range.max_col + 1):
                values[(row, col)] = top.value
    return values


def _stray_cells(grid: _Grid, headed: set[int], where: Location) -> list[Problem]:
    """Warn once per column about values below the header in columns without a header."""
    from openpyxl.utils import get_column_letter

    by_column: dict[int, list[tuple[int, int]]] = {}
    for row, col in sorted(grid.cells):
        if col not in headed:
            by_column.setdefault(col, []).append((row, col))
    problems = []
    for col, keys in sorted(by_column.items()):
        row = keys[0][0]
        others = f" (et {len(keys) - 1} autre(s) case(s) de cette colonne)" if len(keys) > 1 else ""
        problems.append(Problem(
            Severity.WARNING, Location(where.file, where.sheet, row),
            f"{get_column_letter(col)} (sans en-tête)", cell_text(grid.cells[keys[0]].value),
            f"case {get_column_letter(col)}{row} hors des colonnes de l'inventaire, "
            f"ignorée{others}",
            "Déplacez la valeur dans la bonne colonne, donnez un en-tête à la colonne, "
            "ou effacez-la"))
    return problems


__all__ = ["CellValue", "RawRow", "Sheet", "cell_text", "read_inventory"]
