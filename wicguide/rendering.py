"""Rendering: from the guide structure to HTML, then to PDF with WeasyPrint.

In: a `Guide` and an `Edition`. Out: the HTML of the guide (Jinja2,
autoescaped, StrictUndefined) and the PDF bytes. The renderer may load only
the package's own assets and the shipped font files: `AssetFetcher` stops the
rendering on any other URL, so that no cell can make it read a file or reach
the network. Page numbers (table of contents, cross-references, indexes) are
resolved by WeasyPrint itself with `target-counter()`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from wicguide.edition import Edition
from wicguide.errors import LayoutError
from wicguide.fonts import FACES_MARK, STACK_MARK, font_dirs, with_fonts
from wicguide.grouping import Guide, Part
from wicguide.qrcodes import qr_svg, short_url
from wicguide.records import Initiative

if TYPE_CHECKING:
    from weasyprint import Document

LOGGER = logging.getLogger(__name__)

PACKAGE_DIR = Path(str(resources.files("wicguide")))
ASSETS_DIR = PACKAGE_DIR / "assets"


PAGE_HEIGHTS_MM = {"A5": 210, "A4": 297}


@dataclass(frozen=True)
class Layout:
    """How the pages are set: paper size and text size."""

    page_size: str = "A5"
    large_print: bool = False
    folded: bool = False
    """A5 pages imposed on A4 sheets to fold into a booklet (`imposition.py`)."""

    @classmethod
    def of(cls, page_size: str, *, large_print: bool = False, folded: bool = False) -> Layout:
        """Return the layout asked for on the command line, or say why it cannot be."""
        if large_print and folded:
            raise LayoutError("--booklet plie des pages A5 sur des feuilles A4 ; les gros "
                              "caractères sont en A4 : retirez --booklet ou --large-print")
        if folded and page_size != "A5":
            raise LayoutError(f"--booklet plie des pages A5 sur des feuilles A4, or le format "
                              f"de l'édition est {page_size} : mettez format = \"A5\" dans "
                              "les réglages d'édition, ou retirez --booklet")
        if large_print:
            return cls(page_size="A4", large_print=True)
        return cls(page_size=page_size, folded=folded)

    @property
    def file_suffix(self) -> str:
        """Return what the default file name adds for this layout ("-a-plier"…)."""
        return "-gros-caracteres" if self.large_print else "-a-plier" if self.folded else ""

    @property
    def page_height(self) -> int:
        """Return the page height in millimetres (portrait)."""
        return PAGE_HEIGHTS_MM[self.page_size]

    @property
    def margins(self) -> tuple[int, int]:
        """Return the top/bottom and the left/right page margins in millimetres."""
        return (20, 18) if self.large_print else (17, 13)


@cache
def template_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("wicguide", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Compiled once per process: no file check each time a loop includes entry.html.
        auto_reload=False,
    )
    environment.filters["month_year"] = month_year
    environment.filters["long_date"] = long_date
    environment.filters["short_url"] = short_url
    environment.filters["css_string"] = css_string
    # Every page template includes fonts.css; `with_fonts` fills in the faces each
    # page needs: Atkinson, then the Noto fallbacks its characters call for.
    environment.globals["font_faces"] = Markup(FACES_MARK)
    environment.globals["font_stack"] = Markup(STACK_MARK)
    return environment


def month_year(day: Any) -> str:
    """Return a date as French month and year: "décembre 2026"."""
    from babel.dates import format_date

    return format_date(day, "MMMM y", locale="fr_FR")


def long_date(day: Any) -> str:
    """Return a date in full French form: "3 décembre 2026"."""
    from babel.dates import format_date

    text = format_date(day, "d MMMM y", locale="fr_FR")
    return "1er" + text[1:] if day.day == 1 else text  # French writes « 1er décembre »


def css_string(text: str) -> Markup:
    """Return `text` escaped for a double-quoted CSS string (HTML escaping does not apply)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return Markup(escaped.replace("<", "\\3c "))


def edition_label(edition: Edition) -> str:
    """Return the edition as printed on the cover and in footers."""
    when = month_year(edition.date)
    return f"{edition.name} · {when}" if edition.name else f"Édition de {when}"


def render_html(guide: Guide, edition: Edition, layout: Layout | None = None,
                *, title: str | None = None, subtitle: str | None = None,
                notes_pages: int = 0, part: Part | None = None,
                page_numbers: Mapping[str, int] | None = None, first_page: int = 1) -> str:
    """Return the HTML of the guide (of a booklet when `title` names its part).

    With `part`, only that part of it, its pages numbered from `first_page`;
    `page_numbers` gives the page of each anchor laid out in earlier parts.
    """
    layout = layout or Layout()
    known = page_numbers or {}
    template = template_environment().get_template("guide.html")
    title = title or edition.title
    return with_fonts(template.render(
        guide=guide,
        edition=edition,
        layout=layout,
        title=title,
        subtitle=edition.subtitle if subtitle is None else subtitle,
        document_title=f"{title} – {subtitle}" if subtitle else title,
        edition_label=edition_label(edition),
        qr=lambda initiative: _qr(initiative, edition),
        pictograms=ASSETS_DIR.joinpath("pictograms").as_uri(),
        tabs=thumb_tabs(layout),
        notes_pages=notes_pages,
        note_lines=16 if layout.page_size == "A5" else 22,
        part=part or Part.whole(guide),
        page_of=known.get,
        first_page=first_page,
    ))


@dataclass(frozen=True)
class ThumbTab:
    """A need's tab on the outer page edge; offsets from the page area's corner (mm)."""

    key: str
    colour: str
    top: float
    height: float
    outside: float
    width: float = 9

    @property
    def image(self) -> str:
        """Return the tab as an SVG data URL (WeasyPrint does not size gradients on pages)."""
        from urllib.parse import quote

        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}mm" '
               f'height="{self.height}mm"><rect width="100%" height="100%" '
               f'fill="{self.colour}"/></svg>')
        return "data:image/svg+xml," + quote(svg)


def thumb_tabs(layout: Layout) -> tuple[ThumbTab, ...]:
    """Return the tab of every need: its colour, and one height band per need."""
    from wicguide.needs import default_taxonomy

    needs = default_taxonomy().needs
    top_margin, side_margin = layout.margins
    edge = 20  # no tab in the top and bottom 20 mm, where office printers do not print
    band = (layout.page_height - 2 * edge) / len(needs)
    return tuple(ThumbTab(n.key, n.colour, top=round(edge - top_margin + n.order * band, 1),
                          height=round(band - 2, 1), outside=-side_margin) for n in needs)


def render_handout_html(initiatives: Sequence[Initiative], edition: Edition,
                        printed_on: date) -> str:
    """Return the HTML of the hand-out sheet of `initiatives`, printed on `printed_on`."""
    template = template_environment().get_template("handout.html")
    return with_fonts(template.render(
        initiatives=initiatives,
        edition=edition,
        printed_on=printed_on,
        qr=lambda initiative: _qr(initiative, edition),
        first_sentence=first_sentence,
    ))


def first_sentence(text: str, limit: int = 160) -> str:
    """Return the first sentence of `text`, cut at a word before `limit` characters."""
    sentence = text.split(". ", 1)[0].rstrip(".")
    if len(sentence) <= limit:
        return sentence + "."
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


@dataclass(frozen=True)
class QrCode:
    """The code printed for one entry: target URL, drawing and printed text."""

    url: str
    svg: Markup
    text: str


def _qr(initiative: Initiative, edition: Edition) -> QrCode | None:
    printed = edition.untracked_qr_url(initiative.listing_url, initiative.id,
                                       initiative.website)
    if not printed:
        return None
    url = edition.tracked(printed)
    return QrCode(url, Markup(qr_svg(url)), short_url(printed))


def _allowed_roots() -> tuple[Path, ...]:
    return (ASSETS_DIR.resolve(), *font_dirs())


def render_document(html: str) -> Document:
    """Lay out `html` with WeasyPrint, loading only the project's own files."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _asset_fetcher()
    return HTML(string=html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=fetcher).render(
        font_config=FontConfiguration(), pdf_variant=PDF_VARIANT)


PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF (structure tree, reading order, language, title) for screen readers."""


def pdf_bytes(document: Document) -> bytes:
    """Return the tagged PDF of a laid-out document, with a fixed identifier."""
    return document.write_pdf(  # type: ignore[no-any-return]
        pdf_identifier=b"wicguide", pdf_variant=PDF_VARIANT)


@cache
def _asset_fetcher():  # type: ignore[no-untyped-def]
    """Return a WeasyPrint URL fetcher confined to the project's own files."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    roots = _allowed_roots()

    class AssetFetcher(URLFetcher):
        """Fetch package assets and shipped fonts; stop on anything else."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            if url.startswith("data:image/"):
                return super().fetch(url, headers)
            # The CLI prints the error as its one line; a log line would be a second.
            LOGGER.debug("refused resource %s", url[:200])
            raise FatalURLFetchingError(f"ressource refusée : {url[:200]}")

    return AssetFetcher(allowed_protocols=("file", "data"))
