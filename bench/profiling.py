"""Where a build's time goes: a sampling profile of one command.

In: a wicguide command line. Out, on stdout: the call tree's top lines, the
functions that spend the most time themselves, and the time split between
what is ours (reading, validation, grouping, templates, QR codes, reports:
`wicguide` and the libraries it drives) and the engine (WeasyPrint and its
layout, drawing and PDF libraries).

    python -m bench.profiling build INVENTORY -o FILE.pdf
"""

from __future__ import annotations

import re
import sys
from collections import Counter

TREE_LINES = 45
FLAT_LINES = 20

OURS = ("/wicguide/", "/jinja2/", "/markupsafe/", "/openpyxl/", "/et_xmlfile/", "/qrcode/",
        "/babel/", "/icu/", "/phonenumbers/", "/slugify/", "/defusedxml/", "/typer/",
        "/click/", "/rich/", "/xml/", "/zipfile")
ENGINE = ("/weasyprint/", "/pydyf/", "/tinycss2/", "/cssselect2/", "/tinyhtml5/",
          "/html5lib/", "/fontTools/", "/cffi/", "/PIL/", "/pyphen/", "/zopfli", "/zlib")


def profile(arguments: list[str]) -> str:
    """Run `wicguide ARGUMENTS` under pyinstrument; return the profile's summary."""
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    from wicguide.cli import app

    profiler = Profiler(interval=0.005)
    profiler.start()
    try:
        app(arguments, standalone_mode=False)
    finally:
        profiler.stop()
    session = profiler.last_session
    assert session is not None
    tree = profiler.output(ConsoleRenderer(unicode=True))
    flat = profiler.output(ConsoleRenderer(unicode=True, flat=True))
    return "\n".join([
        "Call tree (top lines):", *_top(tree, TREE_LINES), "",
        "Self time by function (top lines):", *_top(flat, FLAT_LINES), "",
        "Split:", _split(session.root_frame()),
    ])


def _top(text: str, lines: int) -> list[str]:
    """Return the first lines of a rendering that hold a time or hidden frames."""
    kept = [line.rstrip() for line in text.splitlines() if _TIMED.match(line)]
    return kept[:lines]


_TIMED = re.compile(r"^[\s│├└─]*(\d+\.\d+ |\[\d+ frames hidden\])")


def _split(root) -> str:  # type: ignore[no-untyped-def]
    """Return the self time of our code vs the engine's, in seconds and percent."""
    totals: Counter[str] = Counter()
    stack = [(root, "other")]
    while stack:
        frame, inherited = stack.pop()
        side = _side(frame.file_path or "", inherited)
        totals[side] += frame.time - sum(child.time for child in frame.children)
        stack.extend((child, side) for child in frame.children)
    whole = sum(totals.values()) or 1.0
    return "  ".join(f"{side} {totals[side]:.2f} s ({100 * totals[side] / whole:.0f} %)"
                     for side in ("ours", "engine", "other"))


def _side(path: str, inherited: str) -> str:
    """Say whose code a frame runs; built-ins count for the caller's side."""
    if any(part in path for part in ENGINE):
        return "engine"
    if any(part in path for part in OURS):
        return "ours"
    return inherited


if __name__ == "__main__":
    print(profile(sys.argv[1:]))
