"""Resampled inventories: the real rows, many times, each made a new initiative.

In: the real inventory (`data/initiatives.xlsx`) and a row count. Out: an
.xlsx file with the same header and that many rows, each a copy of a real row
drawn at random (fixed seed) with a fresh identifier, name, commune (with its
postcode) and website, so that validation deduplicates nothing and no QR code
is shared: the cost measured is the cost of that many distinct initiatives.
Rows the real inventory leaves out (unpublished, incomplete) are drawn too, in
the same proportion.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl

from wicguide.communes import Commune, default_communes
from wicguide.inventory import Column, match_header

SEED = 6
"""Same seed, same inventories: two runs of the benchmark measure the same rows."""


def make_inventory(source: Path, rows: int, target: Path) -> Path:
    """Write an inventory of `rows` rows resampled from `source` to `target`."""
    header, samples = _real_rows(source)
    columns = {match_header(str(text)): index for index, text in enumerate(header) if text}
    chance = random.Random(SEED)
    communes = default_communes().communes
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Initiatives"
    sheet.append(list(header))
    for number in range(1, rows + 1):
        row = list(chance.choice(samples))
        _refresh(row, columns, number, chance, communes)
        sheet.append(row)
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def _real_rows(source: Path) -> tuple[tuple[object, ...], list[tuple[object, ...]]]:
    """Return the header and the data rows of the real inventory's sheet."""
    sheet = openpyxl.load_workbook(source, read_only=True, data_only=True)["Initiatives"]
    rows = list(sheet.iter_rows(values_only=True))
    start = next(n for n, row in enumerate(rows) if match_header(str(row[0] or "")) is Column.ID)
    return rows[start], [row for row in rows[start + 1:] if any(v is not None for v in row)]


def _refresh(row: list[object], columns: dict[Column | None, int], number: int,
             chance: random.Random, communes: tuple[Commune, ...]) -> None:
    """Make a copied row a new initiative: identifier, name, commune, website."""
    row[columns[Column.ID]] = f"BENCH-{number:05d}"
    row[columns[Column.NAME]] = f"{row[columns[Column.NAME]] or ''} {number}".strip()
    if row[columns[Column.COMMUNE]]:  # département-wide rows stay département-wide
        commune = chance.choice(communes)
        row[columns[Column.COMMUNE]] = commune.name
        row[columns[Column.POSTCODE]] = commune.postcodes[0]
    website = row[columns[Column.WEBSITE]]
    if isinstance(website, str) and website.startswith("http"):
        joiner = "&" if "?" in website else "?"
        row[columns[Column.WEBSITE]] = f"{website.split('#')[0]}{joiner}fiche={number}"
