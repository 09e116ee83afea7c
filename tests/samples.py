"""Small inventories for tests, written the way staff make them: the blank
template from `wicguide template`, filled with rows of the real inventory."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from wicguide.inventory import SHEET_NAME, Column, match_header
from wicguide.inventory_template import write_template

ROOT = Path(__file__).resolve().parent.parent
REAL_INVENTORY = ROOT / "data" / "initiatives.xlsx"

Cell = str | int | float | date | None
Row = dict[Column, Cell]


def real_rows() -> list[Row]:
    """Return every row of the real inventory, cell values by column."""
    workbook = openpyxl.load_workbook(REAL_INVENTORY)
    sheet = workbook[SHEET_NAME]
    header = next(r for r in sheet.iter_rows(max_row=30) if any(c.value == "Nom" for c in r))
    columns = {c.column: match_header(str(c.value)) for c in header if c.value}
    rows = []
    for cells in sheet.iter_rows(min_row=header[0].row + 1):
        row = {columns[c.column]: c.value for c in cells
               if c.column in columns and c.value is not None}
        if row:
            rows.append(row)
    return rows


def write_inventory(target: Path, rows: list[Row]) -> Path:
    """Write `rows` into a fresh template at `target`; return `target`."""
    write_template(target)
    workbook = openpyxl.load_workbook(target)
    sheet = workbook[SHEET_NAME]
    letters = {c.value: c.column for c in sheet[1]}
    for number, row in enumerate(rows, start=2):
        for column, value in row.items():
            sheet.cell(row=number, column=letters[column.header], value=value)
    workbook.save(target)
    return target
