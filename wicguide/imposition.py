"""Imposition: from A5 pages to A4 sheets that fold into a booklet.

In: the laid-out pages of a guide or booklet. Out: PDF bytes ready for an
office printer: with `Layout.folded`, the A5 pages (already padded to a
multiple of four with "Notes" pages, see `notes_padding`) are placed two by
two on A4 landscape sides in saddle-stitch order, so that printing
double-sided (flip on the short edge), stacking and folding in the middle
gives the booklet in page order. Uses pypdf page transforms.

The imposed file is for the printer: pypdf does not carry the tags of the
A5 pages over to the A4 sides, so screen-reader users get the unimposed PDF
(built without --booklet), which is tagged.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wicguide.rendering import Layout

A4_LANDSCAPE = (841.89, 595.28)
"""Width and height of an A4 side, landscape, in PDF points."""


def notes_padding(pages: int) -> int:
    """Return how many "Notes" pages bring `pages` to a multiple of four."""
    return -pages % 4


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """Return the (left, right) page numbers (1-based) of each A4 side, in print order.

    Sheet s (from 0) carries pages n-2s and 2s+1 on its front, 2s+2 and
    n-2s-1 on its back; the outermost sheet holds the covers.
    """
    if pages % 4:
        raise ValueError(f"{pages} pages: a folded booklet needs a multiple of four")
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 2 * sheet, 2 * sheet + 1))
        sides.append((2 * sheet + 2, pages - 2 * sheet - 1))
    return sides


def printable_pdf(pdf: bytes, layout: Layout) -> bytes:
    """Return `pdf` as printed: imposed on A4 sheets when `layout.folded`."""
    return impose(pdf) if layout.folded else pdf


def impose(pdf: bytes) -> bytes:
    """Place the A5 pages of `pdf` two by two on A4 sides, in saddle-stitch order."""
    from pypdf import PdfReader, PdfWriter, Transformation

    reader = PdfReader(BytesIO(pdf))
    writer = PdfWriter()
    width, height = A4_LANDSCAPE
    for left, right in saddle_stitch_order(len(reader.pages)):
        side = writer.add_blank_page(width, height)
        for number, x in ((left, 0.0), (right, width / 2)):
            page = reader.pages[number - 1]
            dx = x + (width / 2 - float(page.mediabox.width)) / 2
            dy = (height - float(page.mediabox.height)) / 2
            side.merge_transformed_page(page, Transformation().translate(dx, dy))
    _copy_document_information(reader, writer)
    stream = BytesIO()
    writer.write(stream)
    return stream.getvalue()


def _copy_document_information(reader, writer) -> None:  # type: ignore[no-untyped-def]
    """Keep the title, author and language of the A5 document."""
    from pypdf.generic import NameObject, TextStringObject

    if reader.metadata:
        writer.add_metadata({key: str(value) for key, value in reader.metadata.items()})
    language = reader.trailer["/Root"].get("/Lang")
    if language:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(language))
