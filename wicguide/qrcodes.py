"""QR codes: from a URL to an inline vector drawing.

In: a URL. Out: SVG markup (error correction M, four-module quiet zone), each
dark run of a row drawn as one line a module thick, so that the code is
pixel-exact at any size. Codes are cached by URL: the same URL is encoded once
per process.
"""

from __future__ import annotations

from functools import cache
from html import escape

QUIET_ZONE = 4
"""Light modules around the code, as the QR standard requires."""


@cache
def qr_svg(url: str) -> str:
    """Return an <svg> element drawing the QR code of `url`."""
    import qrcode  # deferred: start-up time
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    path = "".join(_row_runs(y, row) for y, row in enumerate(matrix))
    return (
        f'<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges" role="img"><title>Code QR : {escape(short_url(url))}'
        f'</title><rect width="{size}" height="{size}" '
        f'fill="#fff"/><path fill="none" stroke="#000" stroke-width="1" d="{path}"/></svg>'
    )


def _row_runs(y: int, row: list[bool]) -> str:
    """Return path commands drawing each run of dark modules of one row.

    A run is a horizontal line through the middle of the row, one module thick
    with square ends at the run's edges: the same squares as a filled rectangle,
    in two path commands instead of five, which halved WeasyPrint's time to
    draw a code when it was measured (commit fad63e6).
    """
    commands = []
    x = 0
    while x < len(row):
        if row[x]:
            start = x
            while x < len(row) and row[x]:
                x += 1
            commands.append(f"M{start} {y}.5h{x - start}")
        else:
            x += 1
    return "".join(commands)


def short_url(url: str) -> str:
    """Return `url` as printed under a code: no scheme, no "www.", no final "/"."""
    text = url.split("://", 1)[-1]
    return text.removeprefix("www.").rstrip("/")
