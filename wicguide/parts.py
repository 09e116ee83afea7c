"""Laying out in parts: a guide of any size in bounded memory, as one PDF.

In: a `Guide` and a function that writes the HTML of one `Part` (rendering.py).
Out: a `LaidOut`: the bytes of the guide's PDF and its page count.

Every guide is laid out in parts (`grouping.parts`): the front matter once to
count its pages; then the rest, numbered on from it, with the pages of earlier
parts printed as numbers (an entry is always printed before its
cross-references, the indexes after the chapters); then the front matter again,
with the page of every chapter and section as laid out. Each part is written
to PDF and dropped before the next; qpdf (pikepdf) then joins the parts into
one document with the tags (structure tree and parent tree), the named
destinations and the bookmarks of the whole.

WeasyPrint keeps every laid-out page in memory until the PDF is written, about
1.3 MB a page of the guide: 10,000 initiatives would need gigabytes. So beyond
`MAX_ENTRIES_PER_PART` entries the chapters are cut between entries and
the indexes after whole communes or lines, and only one part's pages are held
at once.

A link from one part to another (a contents or index line, a cross-reference)
has no target in its part: a stand-in anchor lets WeasyPrint make and tag it
as any other, and the joined document names its real destination.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

from wicguide.errors import RenderError
from wicguide.grouping import Guide, Part, parts
from wicguide.imposition import notes_padding
from wicguide.progress import step
from wicguide.rendering import pdf_bytes, render_document

if TYPE_CHECKING:
    from weasyprint import Document


MAX_ENTRIES_PER_PART = 300
"""Entries laid out at once: about 170 A5 pages and 250 MB while they are held."""

PX_TO_PT = 0.75
"""WeasyPrint positions are in CSS pixels (1/96 in), PDF ones in points (1/72 in)."""

HtmlOf = Callable[[Part, Mapping[str, int], int, int], str]
"""Write the HTML of a part: (part, pages of earlier anchors, first page, notes pages)."""


@dataclass(frozen=True)
class LaidOut:
    """The guide's pages as a PDF (before any imposition), tagged unless very long."""

    pdf: bytes
    pages: int
    tagged: bool = True


MAX_TAGGED_PAGES = 2_500
"""The longest guide joined as a tagged PDF (about 4,800 initiatives).

Joining the parts' structure trees, qpdf holds every structure element of the
whole guide at once, about 0.3 MB a page (1,289 pages: 391 MB, against 213 MB
untagged; 5,182 pages untagged: 530 MB). A longer guide is joined without its
tags, so that 10,000 initiatives stay under 1.5 GB; its commune booklets are
tagged. A joiner that writes each part's objects out as it goes would lift this.
"""


@dataclass(frozen=True)
class _Bookmark:
    page: int
    level: int
    label: str
    position: tuple[float, float]


@dataclass(frozen=True)
class _PartPdf:
    """One part written to PDF, with what joining the parts needs from its layout."""

    pdf: bytes
    first_page: int
    pages: int
    anchors: dict[str, int]
    """The page of each anchor of this part (of an element over several pages, its first)."""
    bookmarks: tuple[_Bookmark, ...]
    height: float

    @classmethod
    def of(cls, document: Document, first_page: int) -> _PartPdf:
        anchors: dict[str, int] = {}
        for index, page in enumerate(document.pages):
            for name in page.anchors:
                anchors.setdefault(name, first_page + index)
        bookmarks = tuple(_Bookmark(index, level, label, position)
                          for index, page in enumerate(document.pages)
                          for level, label, position, _ in page.bookmarks)
        _stand_in_for_other_parts(document, anchors)
        return cls(pdf_bytes(document), first_page, len(document.pages), anchors, bookmarks,
                   document.pages[0].height)


def _stand_in_for_other_parts(document: Document, anchors: dict[str, int]) -> None:
    """Give each target in another part a stand-in anchor, so that WeasyPrint links it.

    WeasyPrint then makes and tags the link as any other, its destination named
    after the target; `assemble` keeps only the real destination of each name.
    """
    elsewhere = {target for page in document.pages for kind, target, _, _ in page.links
                 if kind == "internal" and target not in anchors}
    for target in sorted(elsewhere):
        document.pages[0].anchors[target] = (0, 0, 0, 0)


def lay_out(guide: Guide, html_of: HtmlOf, *, folded: bool,
            max_entries: int = MAX_ENTRIES_PER_PART) -> LaidOut:
    """Lay out `guide` in parts, padded with notes pages when `folded`.

    The front matter is laid out once to count its pages, then the other parts
    from the page after it, then the front matter again with every page it
    names known: its page numbers are those of the pages laid out, not
    WeasyPrint's `target-counter()` of a forward target, which can be a page
    off when a heading moves to the next page.
    """
    front, *rest = parts(guide, max_entries)
    with _page_numbers_not_known_yet():
        front_pages = len(render_document(html_of(front, {}, 1, 0)).pages)
        for _ in range(3):
            laid = _lay_out_parts(front, rest, html_of, folded, front_pages)
            if laid[0].pages == front_pages:
                pages = sum(p.pages for p in laid)
                tagged = pages <= MAX_TAGGED_PAGES
                return LaidOut(assemble(laid, tagged=tagged), pages, tagged)
            front_pages = laid[0].pages  # the numbers made the contents longer: once more
    raise RenderError(f"le sommaire ne trouve pas son nombre de pages ({front_pages}) : "
                      "signalez-le aux développeurs, avec l'inventaire")


@contextlib.contextmanager
def _page_numbers_not_known_yet() -> Iterator[None]:
    """Keep WeasyPrint quiet about page numbers not known yet.

    The first layout of the front matter only counts its pages: the targets of
    its page numbers are not laid out yet.
    """
    def not_about_those(record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Content discarded: target ")

    engine = logging.getLogger("weasyprint")
    engine.addFilter(not_about_those)
    try:
        yield
    finally:
        engine.removeFilter(not_about_those)


def _lay_out_parts(front: Part, rest: Sequence[Part], html_of: HtmlOf, folded: bool,
                   front_pages: int) -> list[_PartPdf]:
    """Lay out the parts after the front matter, then the front matter, every page known.

    The last part, which ends on the back cover, is laid out again with notes
    pages when a folded booklet needs them.
    """
    numbers: dict[str, int] = {}
    laid = []
    first_page = front_pages + 1
    for number, part in enumerate(rest, start=1):
        if len(rest) > 1:  # WeasyPrint counts the pages of each part from 1
            step(f"Mise en page, partie {number} sur {len(rest)} (pages {first_page} et "
                 "suivantes)")
        written = _PartPdf.of(render_document(html_of(part, numbers, first_page, 0)),
                              first_page)
        padding = notes_padding(first_page - 1 + written.pages)
        if folded and padding and part is rest[-1]:
            written = _PartPdf.of(render_document(html_of(part, numbers, first_page, padding)),
                                  first_page)
        numbers.update(written.anchors)
        laid.append(written)
        first_page += written.pages
        if len(rest) > 1:  # a small guide is small: no use paying for a collection
            _release_memory()
    start = _PartPdf.of(render_document(html_of(front, numbers, 1, 0)), 1)
    return [start, *laid]


def assemble(laid: Sequence[_PartPdf], *, tagged: bool = True) -> bytes:
    """Join the PDFs of the parts into one PDF, links and bookmarks included.

    qpdf (pikepdf) copies each part's pages, then, when `tagged`, its structure
    tree: the elements' pages and annotations map to the copies already made.
    Untagged, the structure trees are left behind.
    """
    import pikepdf

    joined = pikepdf.Pdf.new()
    structure = _Structure(joined)
    destinations: dict[str, Any] = {}
    for number, part in enumerate(laid):
        with pikepdf.open(BytesIO(part.pdf)) as source:
            first = len(joined.pages)
            with warnings.catch_warnings():  # the destinations are joined below
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                joined.pages.extend(source.pages)
            if tagged:
                _move_parent_tree_keys(joined.pages[first:], structure.next_key)
                structure.graft(source)
            else:
                _drop_parent_tree_keys(joined.pages[first:])
            destinations.update(_named_destinations(joined, source, part.anchors))
            if number == 0:
                _take_catalogue(joined, source, tagged=tagged)
            _own_stream_data(joined.pages[first:])
    _finish_catalogue(joined, structure if tagged else None, destinations)
    _add_bookmarks(joined, laid)
    stream = BytesIO()
    joined.save(stream, deterministic_id=True, compress_streams=True,
                object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return stream.getvalue()


def _own_stream_data(pages: Any) -> None:
    """Hold the data of the streams of a part's copied pages, so that the part can close.

    qpdf copies a stream's data from its source only when the joined file is
    written: the sources would all stay open, every object of every part read.
    The streams are found from the pages (contents, fonts, images, forms), not
    from the page tree above them.
    """
    import pikepdf

    seen: set[tuple[int, int]] = set()
    todo: list[Any] = [page.obj for page in pages]
    while todo:
        item = todo.pop()
        if isinstance(item, pikepdf.Array):
            todo.extend(item)
            continue
        if not isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        if item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        if isinstance(item, pikepdf.Stream):
            encoding: Any = item.get("/Filter"), item.get("/DecodeParms")
            item.write(item.read_raw_bytes(), filter=encoding[0], decode_parms=encoding[1])
        todo.extend(value for key, value in item.items() if key not in ("/Parent", "/P"))


def _release_memory() -> None:
    """Give back to the system the memory of a part WeasyPrint has let go of.

    Python keeps freed memory for itself; glibc's malloc_trim hands it back,
    so that the next part, and the joining, start from a small process.
    """
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    name = ctypes.util.find_library("c")
    if name:
        with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
            ctypes.CDLL(name).malloc_trim(0)


def _drop_parent_tree_keys(pages: Any) -> None:
    for page in pages:
        if "/StructParents" in page.obj:
            del page.obj.StructParents
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                del annotation.StructParent


def _move_parent_tree_keys(pages: Any, offset: int) -> None:
    """Move the parent-tree keys of a part's pages and annotations past the parts before."""
    for page in pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset


class _Structure:
    """The structure tree of the joined document, grafted part by part."""

    def __init__(self, joined: Any) -> None:
        self.joined = joined
        self.root: Any = None
        self.document: Any = None
        self.nums: list[Any] = []
        self.next_key = 0

    def graft(self, source: Any) -> None:
        """Append the tagged content of one part (its pages already copied)."""
        import pikepdf

        tree = self.joined.copy_foreign(source.Root.StructTreeRoot)
        document = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
        parent_tree = tree.ParentTree
        if "/Kids" in parent_tree:  # WeasyPrint writes one flat /Nums array
            raise RenderError("une partie du guide a une arborescence de balises imprévue "
                              "(/Kids) : signalez-le aux développeurs")
        nums = list(parent_tree.Nums)
        keys = [int(key) for key in nums[::2]]
        for key, value in zip(keys, nums[1::2], strict=True):
            self.nums += [key + self.next_key, value]
        self.next_key += max(keys, default=-1) + 1
        if self.document is None:
            self.root, self.document = tree, document
            return
        for kid in document.K:
            kid.P = self.document
            self.document.K.append(kid)


def _named_destinations(joined: Any, source: Any, anchors: dict[str, int]) -> dict[str, Any]:
    """Return the destinations of the anchors of a part, leaving out the stand-ins."""
    if "/Names" not in source.Root or "/Dests" not in source.Root.Names:
        return {}
    import pikepdf

    names = list(source.Root.Names.Dests.Names)
    return {str(name): pikepdf.Array([joined.copy_foreign(place[0]), *place[1:]])
            for name, place in zip(names[::2], names[1::2], strict=True)
            if str(name) in anchors}  # place: [page, /XYZ, left, top, zoom]


def _take_catalogue(joined: Any, first: Any, *, tagged: bool) -> None:
    """Give the joined document the language, metadata and title of the first part.

    Untagged, it does not take the marks of a tagged PDF/UA document
    (/MarkInfo, the XMP metadata that names PDF/UA).
    """
    tags = ("/MarkInfo", "/Metadata") if tagged else ()
    for key in ("/Lang", "/ViewerPreferences", *tags):
        if key in first.Root:
            joined.Root[key] = joined.copy_foreign(first.make_indirect(first.Root[key]))
    joined.trailer.Info = joined.copy_foreign(first.trailer.Info)


def _finish_catalogue(joined: Any, structure: _Structure | None,
                      destinations: dict[str, Any]) -> None:
    """Give the joined document its structure tree (when tagged) and named destinations."""
    import pikepdf

    if structure is not None:
        structure.root.ParentTree = joined.make_indirect(
            pikepdf.Dictionary(Nums=pikepdf.Array(structure.nums)))
        structure.root.ParentTreeNextKey = structure.next_key
        joined.Root.StructTreeRoot = structure.root
    # A name tree is sorted. The array is made in one go: extending a pikepdf
    # Array copies it, and a guide of 10,000 entries has 20,000 names.
    names = pikepdf.Array([item for name in sorted(destinations)
                           for item in (pikepdf.String(name), destinations[name])])
    joined.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=names))


def _add_bookmarks(joined: Any, laid: Sequence[_PartPdf]) -> None:
    """Rebuild the outline of the whole guide from the bookmarks of every part."""
    import pikepdf

    with joined.open_outline() as outline:
        parents: list[Any] = []  # the open bookmark of each level above the next one
        for part in laid:
            for mark in part.bookmarks:
                x, y = mark.position
                item = pikepdf.OutlineItem(
                    mark.label, part.first_page - 1 + mark.page, pikepdf.PageLocation.XYZ,
                    left=round(x * PX_TO_PT, 3), top=round((part.height - y) * PX_TO_PT, 3))
                del parents[mark.level - 1:]
                (parents[-1].children if parents else outline.root).append(item)
                parents.append(item)
