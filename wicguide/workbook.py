"""Reading the inventory workbook: from an .xlsx file to raw rows.

In: a path. Out: a `Sheet` whose `RawRow`s hold each known column's cell value
(as openpyxl gives it) and the row's location, plus the file-level problems
found in the header (unknown columns). Nothing is validated here beyond what
is needed to find the rows; a file that is not a usable inventory raises
`InventoryError` with one line saying why and what to do.
"""

from __future__ import annotations

import logging
import os
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Union

from wicguide.errors import InventoryError
from wicguide.inventory import REQUIRED, SHEET_NAME, Column, match_header
from wicguide.records import Location, Problem, Severity
from wicguide.text import clean

LOGGER = logging.getLogger(__name__)

CellValue = Union[str, int, float, bool, datetime, date, time, None]

HEADER_SEARCH_ROWS = 30
"""How many rows from the top may hold titles before the header row."""

MAX_ROWS = 20_000
"""The largest inventory read (rows below the header); see README, "Limits"."""

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""A workbook whose members expand beyond this is refused before parsing."""


@dataclass(frozen=True)
class RawRow:
    """One non-empty row below the header: cell values by column, as read."""

    location: Location
    values: dict[Column, CellValue]
    hyperlinks: dict[Column, str] = field(default_factory=dict)

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
    workbook = _open_workbook(path)
    try:
        worksheet = _choose_sheet(workbook, path)
        return _read_sheet(worksheet, path.name)
    finally:
        workbook.close()


def _check_file(path: Path) -> None:
    """Refuse what is not a readable, plausible .xlsx before openpyxl sees it."""
    if not path.exists():
        raise InventoryError(
            f"{path} : fichier introuvable. Vérifiez le chemin, ou créez un inventaire "
            "vierge avec « wicguide template FICHIER.xlsx »")
    if path.is_dir():
        raise InventoryError(
            f"{path} : c'est un dossier, pas un fichier. Donnez le chemin du fichier "
            ".xlsx de l'inventaire")
    if not os.access(path, os.R_OK):
        raise InventoryError(
            f"{path} : lecture refusée (droits du fichier). Donnez-vous le droit de "
            "lecture ou copiez le fichier ailleurs")
    with path.open("rb") as stream:
        head = stream.read(8)
    if not head:
        raise InventoryError(
            f"{path} : le fichier est vide. Enregistrez de nouveau l'inventaire depuis "
            "votre tableur au format Excel (.xlsx)")
    if not head.startswith(b"PK\x03\x04"):
        raise InventoryError(f"{path} : {_what_it_is(head)}")
    _check_zip(path)


def _what_it_is(head: bytes) -> str:
    """Say what a non-xlsx file looks like and how to turn it into an .xlsx."""
    resave = "ouvrez-le dans votre tableur et enregistrez-le au format Excel (.xlsx)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ("ce fichier est un ancien classeur Excel (.xls) ou un classeur protégé "
                f"par mot de passe, que wicguide ne lit pas ; {resave}, sans mot de passe")
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
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise InventoryError(
            f"{path} : le classeur est abîmé ou incomplet ({error}). Téléchargez-le ou "
            "enregistrez-le de nouveau au format .xlsx") from None
    if b"opendocument" in mimetype:
        raise InventoryError(
            f"{path} : ce fichier est un classeur OpenDocument (.ods). Dans LibreOffice, "
            "choisissez Fichier > Enregistrer sous > Excel 2007-365 (.xlsx)")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise InventoryError(
            f"{path} : cette archive n'est pas un classeur Excel. Enregistrez "
            "l'inventaire au format .xlsx depuis votre tableur")
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InventoryError(
            f"{path} : le classeur décompressé dépasserait {total // 2**20} Mo (limite "
            f"{MAX_UNCOMPRESSED_BYTES // 2**20} Mo). Supprimez les images et les feuilles "
            "inutiles, puis enregistrez-le de nouveau")


def _open_workbook(path: Path):  # type: ignore[no-untyped-def]
    import openpyxl  # deferred: keeps `wicguide --help` fast

    try:
        return openpyxl.load_workbook(path, data_only=True, rich_text=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise InventoryError(
            f"{path} : le classeur ne peut pas être lu ({type(error).__name__}: "
            f"{str(error)[:120]}). Ouvrez-le dans votre tableur et enregistrez-le de "
            "nouveau au format .xlsx") from None


def _choose_sheet(workbook, path: Path):  # type: ignore[no-untyped-def]
    """Return the sheet named "Initiatives", else the first with a header."""
    from wicguide.text import fold

    for worksheet in workbook.worksheets:
        if fold(worksheet.title) == fold(SHEET_NAME):
            return worksheet
    for worksheet in workbook.worksheets:
        if _find_header(worksheet) is not None:
            return worksheet
    names = ", ".join(f"« {ws.title} »" for ws in workbook.worksheets)
    raise InventoryError(
        f"{path} : aucune feuille ne contient la ligne d'en-tête de l'inventaire "
        f"(feuilles : {names}). Nommez la feuille « {SHEET_NAME} » et mettez en tête "
        "les colonnes « Nom », « Description » et « Besoins »")


def _find_header(worksheet) -> tuple[int, dict[int, str]] | None:  # type: ignore[no-untyped-def]
    """Return (row number, {column index: header text}) of the header row."""
    best: tuple[int, dict[int, str]] | None = None
    best_score = 0
    for row in worksheet.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=60):
        headers = {c.column: clean(cell_text(c.value)) for c in row if c.value is not None}
        score = sum(1 for text in headers.values() if match_header(text))
        if score > best_score and any(match_header(t) is Column.NAME for t in headers.values()):
            best, best_score = (row[0].row, headers), score
    return best if best_score >= 2 else None


def _read_sheet(worksheet, file: str) -> Sheet:  # type: ignore[no-untyped-def]
    found = _find_header(worksheet)
    if found is None:
        raise InventoryError(
            f"{file}, feuille « {worksheet.title} » : ligne d'en-tête introuvable dans "
            f"les {HEADER_SEARCH_ROWS} premières lignes. Ajoutez une ligne avec au moins "
            "les colonnes « Nom », « Description » et « Besoins »")
    header_row, headers = found
    columns, problems = _map_columns(headers, Location(file, worksheet.title, header_row))
    rows = tuple(_rows(worksheet, file, header_row, columns))
    return Sheet(file, worksheet.title, header_row, tuple(columns.values()), rows,
                 tuple(problems))


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


def _rows(worksheet, file: str, header_row: int, columns: dict[int, Column]):  # type: ignore[no-untyped-def]
    """Yield each non-empty row below the header, merged cells filled in."""
    merged = _merged_values(worksheet, header_row)
    last = _last_used_row(worksheet)
    if last - header_row > MAX_ROWS:
        raise InventoryError(
            f"{file}, feuille « {worksheet.title} » : {last - header_row} lignes sous "
            f"l'en-tête, au-delà de la limite de {MAX_ROWS}. Supprimez les lignes vides "
            "ou partagez l'inventaire en plusieurs fichiers")
    for row_number in range(header_row + 1, last + 1):
        values: dict[Column, CellValue] = {}
        links: dict[Column, str] = {}
        for index, column in columns.items():
            cell = worksheet._cells.get((row_number, index))  # sparse: no cell creation
            value = merged.get((row_number, index), cell.value if cell else None)
            if isinstance(value, str) and not clean(value):
                value = None
            if value is not None:
                values[column] = value
            if cell is not None and cell.hyperlink is not None and cell.hyperlink.target:
                links[column] = cell.hyperlink.target
        if values:
            yield RawRow(Location(file, worksheet.title, row_number), values, links)


def _last_used_row(worksheet) -> int:  # type: ignore[no-untyped-def]
    """Return the last row holding a value (not the sheet's claimed dimension)."""
    rows = [r for (r, _), cell in worksheet._cells.items() if cell.value is not None]
    return max(rows, default=0)


def _merged_values(worksheet, header_row: int) -> dict[tuple[int, int], CellValue]:  # type: ignore[no-untyped-def]
    """Spread each merged range's value over its cells below the header."""
    values: dict[tuple[int, int], CellValue] = {}
    for cell_range in worksheet.merged_cells.ranges:
        if cell_range.max_row <= header_row:
            continue
        value = worksheet.cell(cell_range.min_row, cell_range.min_col).value
        for row in range(max(cell_range.min_row, header_row + 1), cell_range.max_row + 1):
            for col in range(cell_range.min_col, cell_range.max_col + 1):
                values[(row, col)] = value
    return values


def cell_text(value: CellValue) -> str:
    """Return a cell value as text, without float drift ("92000.0" -> "92000")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(round(value, 9))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
