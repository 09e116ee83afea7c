"""The build: from the inventory file to the guide PDF and its reports.

In: the inventory path, edition settings and build options. Out: the PDF and,
next to it, `NAME.report.json` and `NAME.report.html`. Everything is read and
validated before anything is written; with `strict`, any row left out or
warned about stops the build with nothing written.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from wicguide.edition import Edition
from wicguide.errors import InventoryError, StrictModeError
from wicguide.freshness import Review, review
from wicguide.grouping import Guide, Part, Selection, group
from wicguide.imposition import printable_pdf
from wicguide.output import write_atomically, write_together
from wicguide.parts import MAX_ENTRIES_PER_PART, LaidOut, lay_out
from wicguide.records import Initiative, Outcome, Problem, RowOutcome
from wicguide.rendering import Layout, render_html
from wicguide.report import Summary, report_html, report_json
from wicguide.text import count
from wicguide.validation import Vocabulary, validate
from wicguide.workbook import read_inventory

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Inventory:
    """An inventory read and validated: every row's outcome, and the file's problems."""

    path: Path
    outcomes: list[RowOutcome]
    file_problems: tuple[Problem, ...]
    review: Review = field(default_factory=Review)

    @property
    def initiatives(self) -> list[Initiative]:
        return [o.initiative for o in self.outcomes if o.initiative is not None]

    @property
    def summary(self) -> Summary:
        return Summary.of(self.outcomes, self.file_problems, self.review)

    def problems(self) -> list[Problem]:
        """Return every problem, file-level first, then row by row."""
        return [*self.file_problems, *(p for o in self.outcomes for p in o.problems)]

    def unpublished(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.outcome is Outcome.UNPUBLISHED]


@dataclass(frozen=True)
class BuildOptions:
    """What to build: where, which part of the guide, how it is laid out."""

    output: Path = Path("output/guide.pdf")
    strict: bool = False
    selection: Selection = field(default_factory=Selection)
    layout: Layout = field(default_factory=Layout)
    title: str | None = None
    subtitle: str | None = None
    entries_per_part: int = MAX_ENTRIES_PER_PART
    """Beyond this many entries, the guide is laid out in parts (`parts.py`)."""


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, with the counts of its closing summary."""

    pdf: Path
    report_json: Path
    report_html: Path
    pages: int
    summary: Summary
    entries: int = 0
    """Initiatives printed in full in this PDF (a booklet holds fewer than the inventory)."""
    tagged: bool = True
    """False for a guide too long to be joined with its tags (`parts.MAX_TAGGED_PAGES`)."""


def load(path: Path, vocabulary: Vocabulary | None = None,
         edition: Edition | None = None) -> Inventory:
    """Read and validate the inventory at `path`; with `edition`, review its freshness."""
    sheet = read_inventory(path)
    outcomes = validate(sheet, vocabulary)
    if edition is None:
        return Inventory(path, outcomes, sheet.problems)
    outcomes, due = review(outcomes, edition.date, edition.max_age_months)
    return Inventory(path, outcomes, sheet.problems, due)


def build(inventory: Inventory, edition: Edition, options: BuildOptions) -> BuildResult:
    """Build the guide PDF of `inventory` and write its reports beside it."""
    # 1. Stop before writing anything when nothing is printable, or strict and blocked.
    check_strict(inventory, options.strict)

    # 2. Arrange the initiatives into chapters and sections.
    guide = group(inventory.initiatives, Vocabulary().needs, options.selection)

    # 3. Lay out the pages (a large guide a part at a time).
    laid_out = render_guide(guide, edition, options)

    # 4. Write the PDF (imposed for folding with --booklet) and the reports:
    #    all of them whole, or none.
    result = write_reports(inventory, edition, options.output, laid_out.pages,
                           printable_pdf(laid_out.pdf, options.layout))
    return replace(result, entries=guide.entry_count, tagged=laid_out.tagged)


def render_guide(guide: Guide, edition: Edition, options: BuildOptions) -> LaidOut:
    """Return the PDF of `guide` (tagged unless very long) and its page count.

    A folded booklet gets "Notes" pages to reach a multiple of four, laid out
    with the rest so that every page number stays right.
    """
    def html_of(part: Part, page_numbers: Mapping[str, int], first_page: int,
                notes_pages: int) -> str:
        return render_html(guide, edition, options.layout, title=options.title,
                           subtitle=options.subtitle, notes_pages=notes_pages, part=part,
                           page_numbers=page_numbers, first_page=first_page)

    return lay_out(guide, html_of, folded=options.layout.folded,
                   max_entries=options.entries_per_part)


def check_strict(inventory: Inventory, strict: bool) -> None:
    """Stop, with nothing written, when nothing is printable, or when strict and blocked.

    Strict mode blocks on what `validate --strict` blocks on: rows left out by an
    error and warnings. Rows unpublished on purpose never block.
    """
    summary = inventory.summary
    if not summary.printed:
        raise InventoryError(
            f"{inventory.path} : aucune initiative à imprimer "
            f"({count(summary.rows_read, 'ligne lue', 'lignes lues')}) ; rien n'a été écrit. "
            "Remplissez la feuille « Initiatives », ou écrivez Oui dans « À publier »")
    blocker = summary.blocker(strict=True) if strict else None
    if blocker:
        raise StrictModeError(f"{inventory.path} : mode strict, rien n'a été écrit : {blocker}")


def report_paths(pdf: Path) -> tuple[Path, Path]:
    """Return where the JSON and HTML reports of `pdf` go."""
    return pdf.with_suffix(".report.json"), pdf.with_suffix(".report.html")


def write_reports(inventory: Inventory, edition: Edition, pdf: Path, pages: int,
                  pdf_data: bytes | None = None) -> BuildResult:
    """Write the JSON and HTML reports of `inventory` beside `pdf`, and `pdf_data` to `pdf`.

    All of them are written whole, or none is.
    """
    json_path, html_path = report_paths(pdf)
    files: dict[Path, bytes | str] = {} if pdf_data is None else {pdf: pdf_data}
    files[json_path] = report_text(inventory, edition, json_path)
    files[html_path] = report_text(inventory, edition, html_path)
    write_together(files)
    return BuildResult(pdf, json_path, html_path, pages, inventory.summary)


def write_report(inventory: Inventory, edition: Edition, target: Path) -> None:
    """Write the report of `inventory` to `target`: JSON for .json, else staff HTML."""
    write_atomically(target, report_text(inventory, edition, target))


def report_text(inventory: Inventory, edition: Edition, target: Path) -> str:
    """Return the report of `inventory` for `target`: JSON for .json, else staff HTML."""
    make = report_json if target.suffix.lower() == ".json" else report_html
    return make(inventory.outcomes, inventory.summary, inventory.file_problems,
                inventory.path.name, edition.date, inventory.review)
