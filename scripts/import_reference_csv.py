"""Convert the reference CSV of real initiatives into data/initiatives.xlsx.

Run once, by hand, when the reference data changes:
    .venv/bin/python scripts/import_reference_csv.py ../shared/data/initiatives_real.csv

The CSV columns (nom, description, besoins, ...) become the documented inventory
columns; identifiers WIC-0001... follow the CSV order. Rows the sources report
as closed or moved get "À publier" = Non, so that the build reports them.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from wicguide.inventory import Column

CSV_TO_COLUMN = {
    "nom": Column.NAME, "description": Column.DESCRIPTION, "besoins": Column.NEEDS,
    "type": Column.KIND, "modes": Column.MODES, "adresse": Column.ADDRESS,
    "code_postal": Column.POSTCODE, "commune": Column.COMMUNE,
    "site_web": Column.WEBSITE, "telephone": Column.PHONE, "email": Column.EMAIL,
    "horaires": Column.HOURS, "public": Column.AUDIENCE, "source_url": Column.SOURCE,
}

NOT_PUBLISHED = {
    # name in the CSV: why it stays out of print
    "Vestiboutique de la Croix-Rouge de Fontenay-aux-Roses (fermée en 2022)": "fermée",
    "Agrocité (R-Urban Colombes)": "déménagée à Gennevilliers (ligne Agrocité de Gennevilliers)",
}

HEADERS = [Column.ID, Column.NAME, Column.DESCRIPTION, Column.NEEDS, Column.KIND,
           Column.MODES, Column.ADDRESS, Column.POSTCODE, Column.COMMUNE, Column.PHONE,
           Column.EMAIL, Column.WEBSITE, Column.HOURS, Column.AUDIENCE, Column.CONDITIONS,
           Column.LISTING, Column.CHECKED_ON, Column.PUBLISH, Column.SOURCE]


def main(source: Path, target: Path) -> None:
    with source.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Initiatives"
    sheet.append(["Inventaire des initiatives collaboratives des Hauts-de-Seine"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    sheet.append([c.header for c in HEADERS])
    for number, row in enumerate(rows, start=1):
        values = {column: row[key] for key, column in CSV_TO_COLUMN.items()}
        values[Column.ID] = f"WIC-{number:04d}"
        values[Column.KIND] = row["type"].capitalize()
        values[Column.PUBLISH] = "Non" if row["nom"] in NOT_PUBLISHED else "Oui"
        sheet.append([values.get(column) or None for column in HEADERS])
    sheet.freeze_panes = "A3"
    workbook.save(target)
    print(f"{len(rows)} initiatives written to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else "data/initiatives.xlsx"))
