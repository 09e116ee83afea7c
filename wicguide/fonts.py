"""The fonts of the guide: the shipped font files and the characters they can draw.

In: nothing (the files come with two PyPI packages: Atkinson Hyperlegible for
all Latin text, then Noto for what Atkinson lacks: Greek, Cyrillic, arrows and
symbols, emoji in black and white, Arabic, Hebrew, Ethiopic, Indic and other
scripts). Out: the `FontFace`s the style sheet declares, the CSS font stack
that makes WeasyPrint fall back from one to the next, and `undrawable`, the
characters of a text that no shipped font has, so that validation reports them
before printing instead of letting them come out as blank boxes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MAIN_FAMILY = "Atkinson"
"""The family of all text; the others only draw what it lacks."""


@dataclass(frozen=True)
class FontFace:
    """One font file as the style sheet declares it."""

    family: str
    path: Path
    weight: str

    @property
    def url(self) -> str:
        return self.path.as_uri()


def _atkinson_dir() -> Path:
    import fontpkg_atkinson_hyperlegible as atkinson

    return Path(atkinson.__file__).parent / "files"


def _noto_dir() -> Path:
    import manimgx_fonts as noto

    return Path(noto.__file__).parent


@cache
def font_faces() -> tuple[FontFace, ...]:
    """Return every face the guide may use, the main family first."""
    atkinson = _atkinson_dir()
    faces = [
        FontFace(MAIN_FAMILY, atkinson / "AtkinsonHyperlegible-Regular.ttf", "normal"),
        FontFace(MAIN_FAMILY, atkinson / "AtkinsonHyperlegible-Bold.ttf", "bold"),
    ]
    for path in sorted(_noto_dir().glob("Noto*.ttf"), key=_fallback_order):
        if "Italic" not in path.name:  # the guide sets no italics
            faces.append(FontFace(_family(path), path, "normal"))
    return tuple(faces)


def _family(path: Path) -> str:
    """Return "Noto Sans Arabic" for "NotoSansArabic[wght].ttf"."""
    stem = path.stem.split("[")[0]
    return "".join(f" {c}" if c.isupper() and n else c for n, c in enumerate(stem))


def _fallback_order(path: Path) -> tuple[int, str]:
    """Noto Sans (Latin, Greek, Cyrillic) first, then symbols, emoji, other scripts."""
    first = ["NotoSans[", "NotoSansSymbols[", "NotoEmoji["]
    rank = next((n for n, prefix in enumerate(first) if path.name.startswith(prefix)),
                len(first))
    return rank, path.name


def font_dirs() -> tuple[Path, ...]:
    """Return the folders holding the font files (the renderer may read them)."""
    return (_atkinson_dir().resolve(), _noto_dir().resolve())


@cache
def _codepoints(face: FontFace) -> frozenset[int]:
    """Return the characters `face` has a glyph for (its cmap, read once)."""
    from fontTools.ttLib import TTFont

    with TTFont(face.path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _main_codepoints() -> frozenset[int]:
    return _codepoints(font_faces()[0])


def _first_face(code: int) -> FontFace | None:
    """Return the face the font stack would draw `code` with, or None when none has it."""
    return next((face for face in font_faces() if code in _codepoints(face)), None)


def _needs_no_glyph(character: str) -> bool:
    """True for white space and the invisible marks that shape a neighbour."""
    code = ord(character)
    return (character.isspace() or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
            or 0xE0020 <= code <= 0xE007F or character in "\u200c\u200d"
            or unicodedata.category(character) == "Cf")


def undrawable(text: str) -> list[str]:
    """Return the characters of `text` that no font of the guide can draw, once each."""
    main = _main_codepoints()  # nearly all text: the fallbacks' tables stay unread
    missing = (c for c in dict.fromkeys(text) if ord(c) not in main
               and not _needs_no_glyph(c) and _first_face(ord(c)) is None)
    return list(missing)


FACES_MARK = "<wicguide-font-faces>"
STACK_MARK = "<wicguide-font-stack>"
"""Stand-ins that the page templates put where the font faces and the font stack go.

They hold a « < », which autoescaping turns into « &lt; » in any text from a
cell: only the templates themselves can write them.
"""


def with_fonts(html: str) -> str:
    """Return `html` declaring only the faces its characters need, Atkinson first.

    Each character keeps the face the full stack would draw it with (the first
    face that has it), so the pages are the same; a face no character needs is
    not declared, and WeasyPrint does not load it (a hand-out loads one family
    instead of twenty).
    """
    main = _main_codepoints()
    needed = {_first_face(ord(c)) for c in set(html)
              if ord(c) not in main and not _needs_no_glyph(c)}
    faces = [face for face in font_faces() if face.family == MAIN_FAMILY or face in needed]
    rules = "\n".join(f'@font-face {{ font-family: "{face.family}"; font-weight: '
                      f'{face.weight}; src: url("{face.url}"); }}' for face in faces)
    stack = ", ".join(f'"{family}"' for family in dict.fromkeys(face.family for face in faces))
    return html.replace(FACES_MARK, rules, 1).replace(STACK_MARK, stack)
