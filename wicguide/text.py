"""Text helpers shared by reading and validation: cleaning cells, folding keys.

In: raw cell strings. Out: clean display text (`clean`) and comparison keys
(`fold`) that ignore case, accents, apostrophe and hyphen variants and spacing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

# Characters that look like nothing or like a space in a cell pasted from the web.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u2002\u2003\u3000\t"), " ")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_APOSTROPHES = dict.fromkeys(map(ord, "’‘ʼ`´"), "'")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—−"), "-")


def clean(value: str, *, keep_lines: bool = False) -> str:
    """Return `value` in NFC with invisible characters removed and spaces folded.

    Line breaks become spaces unless `keep_lines`, in which case each line is
    cleaned and empty lines are dropped.
    """
    text = unicodedata.normalize("NFC", value)
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
