"""The blank inventory staff fill in (`wicguide template FILE.xlsx`).

In: the inventory format (`inventory.Column` and its help texts), the needs
taxonomy and the communes table. Out: an .xlsx workbook with three sheets:
« Initiatives » (the documented headers, frozen, with a help comment each,
drop-down lists and cell formats that keep postcodes and phone numbers as
text), « Aide » (each column explained, with an example row) and a hidden
« Listes » sheet holding the values of the drop-down lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wicguide.communes import default_communes
from wicguide.inventory import MODES, PUBLISH_VALUES, SHEET_NAME, Column
from wicguide.needs import default_taxonomy
from wicguide.output import write_atomically
from wicguide.records import Kind
from wicguide.workbook import HEADER_SEARCH_ROWS

TEMPLATE_ROWS = 2_000
"""Rows below the header that carry the drop-down lists and cell formats."""

WIDTHS: dict[Column, int] = {
    Column.ID: 12, Column.NAME: 32, Column.DESCRIPTION: 60, Column.NEEDS: 26,
    Column.KIND: 14, Column.MODES: 24, Column.ADDRESS: 34, Column.POSTCODE: 11,
    Column.COMMUNE: 22, Column.PHONE: 16, Column.EMAIL: 28, Column.WEBSITE: 30,
    Column.HOURS: 30, Column.AUDIENCE: 20, Column.CONDITIONS: 26, Column.LISTING: 30,
    Column.CHECKED_ON: 14, Column.PUBLISH: 11, Column.SOURCE: 30,
}
"""Column widths, in characters, so that each header and a usual value show."""

TEXT_COLUMNS = (Column.ID, Column.POSTCODE, Column.PHONE)
"""Cells formatted as text, so that the spreadsheet keeps leading zeros."""

MULTIPLE = "Plusieurs valeurs ? Choisissez-en une dans la liste puis ajoutez les autres, " \
    "séparées par « ; »."


def write_template(target: Path, title: str = "Guide des initiatives collaboratives") -> None:
    """Write a blank inventory workbook for the guide `title` to `target`."""
    from io import BytesIO

    import openpyxl  # deferred: start-up time

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    _help_sheet(workbook, title)
    lists = _lists_sheet(workbook)
    _header(sheet)
    _formats(sheet)
    _drop_downs(sheet, lists)
    stream = BytesIO()
    workbook.save(stream)
    write_atomically(target, stream.getvalue())


def _letter(column: Column) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(list(Column).index(column) + 1)


def _header(sheet: Any) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    for index, column in enumerate(Column, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD" if column.spec.required else "F2F2F2")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        required = "Obligatoire. " if column.spec.required else ""
        cell.comment = Comment(f"{required}{column.spec.help}\nExemple : {column.spec.example}",
                               "wicguide", width=300, height=120)
        sheet.column_dimensions[_letter(column)].width = WIDTHS[column]
    sheet.freeze_panes = "C2"  # the header and the identifier and name stay in view
    sheet.auto_filter.ref = f"A1:{_letter(Column.SOURCE)}1"


def _formats(sheet: Any) -> None:
    from openpyxl.styles import Alignment

    wrap = Alignment(vertical="top", wrap_text=True)
    for row in range(2, TEMPLATE_ROWS + 2):
        for column in TEXT_COLUMNS:
            sheet[f"{_letter(column)}{row}"].number_format = "@"
        sheet[f"{_letter(Column.CHECKED_ON)}{row}"].number_format = "DD/MM/YYYY"
        for column in (Column.DESCRIPTION, Column.HOURS):
            sheet[f"{_letter(column)}{row}"].alignment = wrap


def _list_values() -> dict[Column, list[str]]:
    return {
        Column.NEEDS: default_taxonomy().labels,
        Column.KIND: [kind.value for kind in Kind],
        Column.MODES: list(MODES),
        Column.COMMUNE: [commune.name for commune in default_communes().communes],
        Column.PUBLISH: list(PUBLISH_VALUES),
    }


def _lists_sheet(workbook: Any) -> dict[Column, str]:
    """Write the hidden « Listes » sheet; return each list's range reference."""
    sheet = workbook.create_sheet("Listes")
    sheet.sheet_state = "hidden"
    references = {}
    for index, (column, values) in enumerate(_list_values().items(), start=1):
        sheet.cell(row=1, column=index, value=column.header)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        letter = sheet.cell(row=1, column=index).column_letter
        references[column] = f"Listes!${letter}$2:${letter}${len(values) + 1}"
    return references


def _drop_downs(sheet: Any, lists: dict[Column, str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    for column, reference in lists.items():
        single = column in (Column.KIND, Column.PUBLISH)
        validation = DataValidation(
            type="list", formula1=f"={reference}", allow_blank=True,
            showErrorMessage=True, showInputMessage=True,
            errorStyle="stop" if single else "information",
            promptTitle=column.header[:32], prompt=column.spec.help[:255],
            errorTitle=column.header[:32],
            error=(f"Choisissez une valeur de la liste : {column.spec.help}" if single
                   else MULTIPLE)[:255])
        letter = _letter(column)
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(validation)
    checked = _letter(Column.CHECKED_ON)
    dates = DataValidation(
        type="date", operator="greaterThan", formula1="36526", allow_blank=True,
        showErrorMessage=True, errorStyle="stop", errorTitle="Mis à jour le",
        error="Écrivez une date, sous la forme jj/mm/aaaa.")
    dates.add(f"{checked}2:{checked}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(dates)


def _help_sheet(workbook: Any, title: str) -> None:
    """Write the « Aide » sheet: what to write in each column, and an example row."""
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet("Aide")
    bold = Font(bold=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    sheet["A1"] = f"Comment remplir l'inventaire du « {title} »"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = ("Une ligne par initiative, dans la feuille « Initiatives ». Les colonnes "
                   "obligatoires sont Nom, Description et Besoins. Vérifiez ensuite le "
                   "fichier avec « wicguide validate ».")
    for col, heading in enumerate(("Colonne", "Obligatoire", "Ce qu'il faut écrire",
                                 "Exemple"), start=1):
        sheet.cell(row=4, column=col, value=heading).font = bold
    for row, column in enumerate(Column, start=5):
        values = (column.header, "oui" if column.spec.required else "non",
                  column.spec.help, column.spec.example)
        for col, value in enumerate(values, start=1):
            sheet.cell(row=row, column=col, value=value).alignment = wrap
    # Below the rows where a header is looked for: were the « Initiatives » sheet
    # renamed, this example must not be read as an initiative.
    example_row = HEADER_SEARCH_ROWS + 2
    sheet.cell(row=example_row, column=1, value="Exemple de ligne complète").font = bold
    for col, column in enumerate(Column, start=1):
        sheet.cell(row=example_row + 1, column=col, value=column.header).font = bold
        sheet.cell(row=example_row + 2, column=col, value=column.spec.example)
    for letter, width in zip("ABCD", (18, 12, 70, 40)):
        sheet.column_dimensions[letter].width = width
