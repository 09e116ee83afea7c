"""The engine alone: the HTML a build hands to WeasyPrint, and WeasyPrint on it.

In: a wicguide command line (`capture`), or an HTML file (`render`). Out:
`capture` runs the command in this process and saves every HTML document it
passes to `wicguide.rendering.render_document` (the very HTML of the build);
`render` lays out and writes such files through that same function (same
fonts, same confined URL fetcher), one after the other as the build does, and
prints their page count. The difference between a build and `render` on its
HTML is what wicguide adds to the engine.

A large guide is laid out in parts (`wicguide/parts.py`): the build hands
WeasyPrint the front matter once to count its pages, then each part, the back
matter, and the front matter again. The engine alone is given the parts of the
final PDF: every HTML captured but the first, the count.

    python -m bench.engine capture DIR build INVENTORY -o FILE.pdf
    python -m bench.engine render FILE.pdf FILE.html [FILE.html...]
"""

from __future__ import annotations

import sys
from pathlib import Path


def capture(folder: Path, arguments: list[str]) -> None:
    """Run `wicguide ARGUMENTS`, saving each rendered HTML as DIR/NNN.html."""
    import wicguide.build
    import wicguide.parts
    import wicguide.rendering
    from wicguide.cli import app

    original = wicguide.rendering.render_document
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def saving(html: str):  # type: ignore[no-untyped-def]
        saved.append(folder / f"{len(saved):03d}.html")
        saved[-1].write_text(html, encoding="utf-8")
        return original(html)

    wicguide.rendering.render_document = saving  # type: ignore[assignment]
    for module in (wicguide.build, wicguide.parts):
        if hasattr(module, "render_document"):
            module.render_document = saving
    app(arguments, standalone_mode=False)


def render(pdf: Path, htmls: list[Path]) -> int:
    """Lay out each of `htmls` and write it as the build does; return the page count."""
    from wicguide.rendering import pdf_bytes, render_document

    pages = 0
    for number, html in enumerate(htmls):
        document = render_document(html.read_text(encoding="utf-8"))
        target = pdf if len(htmls) == 1 else pdf.with_suffix(f".{number:03d}.pdf")
        target.write_bytes(pdf_bytes(document))
        pages += len(document.pages)
    return pages


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["capture"]:
        capture(Path(arguments[1]), arguments[2:])
    elif arguments[:1] == ["render"]:
        print(f"pages {render(Path(arguments[1]), [Path(a) for a in arguments[2:]])}")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
