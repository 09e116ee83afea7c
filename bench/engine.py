"""The engine alone: the HTML a build hands to WeasyPrint, and WeasyPrint on it.

In: a wicguide command line (`capture`), or an HTML file (`render`). Out:
`capture` runs the command in this process and saves every HTML document it
passes to `wicguide.rendering.render_document` (the very HTML of the build);
`render` lays out and writes one such file through that same function (same
fonts, same confined URL fetcher) and prints its page count. The difference
between a build and `render` on its HTML is what wicguide adds to the engine.

    python -m bench.engine capture DIR build INVENTORY -o FILE.pdf
    python -m bench.engine render FILE.html FILE.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path


def capture(folder: Path, arguments: list[str]) -> None:
    """Run `wicguide ARGUMENTS`, saving each rendered HTML as DIR/NNN.html."""
    import wicguide.build
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
    if hasattr(wicguide.build, "render_document"):
        wicguide.build.render_document = saving  # type: ignore[attr-defined]
    app(arguments, standalone_mode=False)


def render(html: Path, pdf: Path) -> int:
    """Lay out `html` and write `pdf` as the build does; return the page count."""
    from wicguide.rendering import pdf_bytes, render_document

    document = render_document(html.read_text(encoding="utf-8"))
    pdf.write_bytes(pdf_bytes(document))
    return len(document.pages)


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["capture"]:
        capture(Path(arguments[1]), arguments[2:])
    elif arguments[:1] == ["render"]:
        print(f"pages {render(Path(arguments[1]), Path(arguments[2]))}")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
