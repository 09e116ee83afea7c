"""Booklets: the part of the guide a social worker prints for one place or need.

In: the validated inventory, edition settings, a `Selection` (communes and/or
needs) and a layout. Out: `BuildOptions` for one booklet (its own cover,
contents and indexes, named after the commune or need), or, for
`--all-communes`, one PDF per commune in a folder, laid out in a process pool
(WeasyPrint is CPU-bound, one process per core) and one report for them all.
A commune with no initiative of its own is skipped and named in the result.

The workers are fresh processes (spawn): a script that calls
`build_all_communes` must do so under `if __name__ == "__main__":`, since
each worker imports the main module again.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from wicguide.build import BuildOptions, BuildResult, Inventory, render_guide, write_reports
from wicguide.communes import Commune
from wicguide.edition import Edition
from wicguide.grouping import Selection, group
from wicguide.imposition import printable_pdf
from wicguide.output import write_atomically
from wicguide.records import Initiative
from wicguide.rendering import Layout
from wicguide.selection import booklet_stem, booklet_title
from wicguide.validation import Vocabulary

LOGGER = logging.getLogger(__name__)

REPORT_NAME = "livrets.pdf"
"""The report of `--all-communes` is `livrets.report.json/.html` in the folder."""


def booklet_options(selection: Selection, edition: Edition, layout: Layout,
                    output: Path | None, strict: bool = False) -> BuildOptions:
    """Return the build options of the booklet of `selection`."""
    title, subtitle = booklet_title(selection, edition.title)
    target = output or Path("output") / f"{booklet_stem(selection)}{layout.file_suffix}.pdf"
    return BuildOptions(output=target, strict=strict, selection=selection, layout=layout,
                        title=title, subtitle=subtitle)


@dataclass(frozen=True)
class Booklet:
    """One booklet written by `--all-communes`."""

    commune: Commune
    pdf: Path
    pages: int


@dataclass(frozen=True)
class AllCommunes:
    """What `--all-communes` wrote and what it skipped."""

    booklets: tuple[Booklet, ...]
    skipped: tuple[Commune, ...]
    report: BuildResult


def build_all_communes(inventory: Inventory, edition: Edition, folder: Path,
                       selection: Selection, layout: Layout,
                       on_booklet: Callable[[Booklet], None] = lambda b: None,
                       workers: int | None = None) -> AllCommunes:
    """Write one booklet per commune into `folder`, one process per core (or `workers`)."""
    # 1. Decide which communes have something of their own to show.
    communes = Vocabulary().communes.communes
    shown = [c for c in communes if has_local(inventory.initiatives, c, selection)]
    skipped = tuple(c for c in communes if c not in shown)

    # 2. Lay out the booklets in parallel, one process per core.
    jobs = [(c, folder / f"{booklet_stem(Selection((c,)))}{layout.file_suffix}.pdf")
            for c in shown]
    booklets = _run_pool(inventory.initiatives, edition, selection, layout, jobs, on_booklet,
                         workers or os.cpu_count() or 1)

    # 3. One report for the whole run.
    report = write_reports(inventory, edition, folder / REPORT_NAME,
                           sum(b.pages for b in booklets))
    return AllCommunes(booklets, skipped, report)


def has_local(initiatives: list[Initiative], commune: Commune, selection: Selection) -> bool:
    """Return True when an initiative of `commune` itself (not département-wide) is selected."""
    return any(commune in i.communes
               and (not selection.needs or any(n in selection.needs for n in i.needs))
               for i in initiatives)


def _local_count(initiatives: list[Initiative], commune: Commune) -> int:
    return sum(commune in i.communes for i in initiatives)


def _run_pool(initiatives: list[Initiative], edition: Edition, selection: Selection,
              layout: Layout, jobs: list[tuple[Commune, Path]],
              on_booklet: Callable[[Booklet], None], workers: int) -> tuple[Booklet, ...]:
    workers = max(1, min(len(jobs), workers))
    # Fresh worker processes rather than forks: the parent may run a progress
    # thread (rich) whose locks a fork would copy mid-use. Starting costs about
    # one WeasyPrint import per worker, once.
    context = multiprocessing.get_context("spawn")

    done: dict[Commune, Booklet] = {}
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(initiatives, edition, selection, layout)) as pool:
        # Longest booklets first, so that no core is left alone with a long one at the end.
        largest_first = sorted(jobs, key=lambda job: -_local_count(initiatives, job[0]))
        futures = [pool.submit(_write_booklet, commune, target)
                   for commune, target in largest_first]
        for future in as_completed(futures):
            booklet = future.result()
            done[booklet.commune] = booklet
            on_booklet(booklet)
    return tuple(done[commune] for commune, _ in jobs)


@dataclass(frozen=True)
class _Work:
    """What every worker process needs, handed over once when it starts."""

    initiatives: list[Initiative]
    edition: Edition
    selection: Selection
    layout: Layout


_work: list[_Work] = []
"""The `_Work` of this worker process (set by `_start_worker`)."""


def _start_worker(initiatives: list[Initiative], edition: Edition, selection: Selection,
                  layout: Layout) -> None:
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    _work[:] = [_Work(initiatives, edition, selection, layout)]


def _write_booklet(commune: Commune, target: Path) -> Booklet:
    """Lay out and write the booklet of one commune (in a worker process)."""
    work = _work[0]
    selection = replace(work.selection, communes=(commune,))
    options = booklet_options(selection, work.edition, work.layout, target)
    guide = group(work.initiatives, Vocabulary().needs, selection)
    laid_out = render_guide(guide, work.edition, options)
    write_atomically(target, printable_pdf(laid_out.pdf, work.layout))
    return Booklet(commune, target, laid_out.pages)
