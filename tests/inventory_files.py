"""Writing small inventories for tests: a header row and the given rows.

Test helper only. Each test names its file after the case it exercises, so the
messages asserted read like the ones staff will see.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HEADERS = ("Identifiant", "Nom", "Description", "Besoins", "Type", "Commune",
           "Code postal", "Téléphone", "Site internet", "Fiche web", "À publier")


def write_inventory(path: Path, rows: list[dict[str, object]],
                    headers: tuple[str, ...] = HEADERS) -> Path:
    """Write `rows` (header → value) under a header row in sheet "Initiatives"."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Initiatives"
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    workbook.save(path)
    return path


def row(number: int, values: dict[str, object] | None = None) -> dict[str, object]:
    """Return a valid row (id WIC-000n), with `values` (by header) replacing defaults."""
    base: dict[str, object] = {
        "Identifiant": f"WIC-{number:04d}", "Nom": f"Initiative {number}",
        "Description": "Des bénévoles aident à réparer.", "Besoins": "S'équiper",
        "Commune": "Nanterre",
    }
    base.update(values or {})
    return base
