"""Text helpers shared by reading and validation: cleaning cells, folding keys.

In: raw cell strings. Out: clean display text (`clean`) and comparison keys
(`fold`) that ignore case, accents, apostrophe and hyphen variants and spacing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date, datetime, time
from typing import TypeAlias

CellValue: TypeAlias = str | int | float | bool | datetime | date | time | None
"""A cell value as openpyxl reads it."""

# Characters that look like nothing or like a space in a cell pasted from the web.
# Bidirectional overrides and isolates are removed too: they can reorder printed text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"
                               "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u2002\u2003\u3000\t"), " ")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""How an .xlsx stores a control character (_x000D_) or a literal escape (_x005F_)."""
_APOSTROPHES = dict.fromkeys(map(ord, "’‘ʼ`´"), "'")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—−"), "-")


def clean(value: str, *, keep_lines: bool = False) -> str:
    """Return `value` in NFC with invisible characters removed and spaces folded.

    Line breaks become spaces unless `keep_lines`, in which case each line is
    cleaned and empty lines are dropped.
    """
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_INVISIBLE).translate(_SPACES).translate(_APOSTROPHES)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if keep_lines:
        lines = (" ".join(line.split()) for line in text.split("\n"))
        return "\n".join(line for line in lines if line)
    return " ".join(text.split())


def fold(value: str) -> str:
    """Return a comparison key: no accents, no case, '-' and "'" as spaces."""
    text = clean(value).translate(_DASHES).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("œ", "oe").replace("æ", "ae")
    text = re.sub(r"[-'.]", " ", text)
    return " ".join(text.split())


def split_list(value: str) -> list[str]:
    """Split a cell holding several values separated by ; , / or line breaks."""
    parts = re.split(r"[;,/\n]", value)
    return [p.strip() for p in parts if p.strip()]


def nearest(value: str, choices: dict[str, str]) -> str | None:
    """Return the display name whose folded key is closest to `value`, if any."""
    found = difflib.get_close_matches(fold(value), list(choices), n=1, cutoff=0.6)
    return choices[found[0]] if found else None


def cell_text(value: CellValue) -> str:
    """Return a cell value as text, as staff would read it in their spreadsheet.

    Numbers lose the float drift of a computed cell ("92000.00000000001" and
    "92000.0" -> "92000"); dates are written the French way ("01/05/2026").
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, float):
        rounded = round(value, 9)
        return str(int(rounded)) if rounded.is_integer() else repr(rounded)
    if isinstance(value, datetime):
        day = value.strftime("%d/%m/%Y")
        return day if value.time() == time(0) else f"{day} {value.strftime('%H:%M')}"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def count(number: int, one: str, many: str) -> str:
    """Return « 1 page », « 0 page », « 3 pages »: French puts 0 and 1 in the singular."""
    return f"{number} {one if number <= 1 else many}"
