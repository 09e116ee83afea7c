"""Progress of long commands: what step is running, and which page is being laid out.

In: step messages logged with `step()` (logger `wicguide.progress`) and
WeasyPrint's own progress log (`weasyprint.progress`: one message per page
laid out). Out, chosen once per command by `show_progress`: a transient rich
spinner with the step, page and elapsed time on an interactive terminal; plain
« … step » lines on stderr with --verbose; nothing at all otherwise (pipes, CI,
--quiet), so that logs and scripts stay clean.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

LOGGER = logging.getLogger("wicguide.progress")
WEASYPRINT = logging.getLogger("weasyprint.progress")

_PAGE = re.compile(r"Step 5 - Creating layout - Page (\d+)")


_live: list = []  # type: ignore[type-arg]
"""The rich console of the spinner while it turns, to print lines above it."""


def say(line: str) -> None:
    """Print `line` on stderr, above the spinner when one turns (never through it)."""
    if _live:
        _live[0].print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        print(line, file=sys.stderr, flush=True)


def step(message: str) -> None:
    """Announce the step that starts now, in French ("Mise en page du guide")."""
    LOGGER.info("%s", message)


def interactive() -> bool:
    """True when stderr is a terminal a person watches (not a pipe, not CI)."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


@contextmanager
def show_progress(*, quiet: bool, verbose: bool) -> Iterator[None]:
    """Show progress for the duration of the block, in the way the context allows."""
    if quiet or not (interactive() or verbose):
        with _routed(logging.NullHandler(), pages=False):
            yield
        return
    if not interactive():
        lines = logging.StreamHandler(sys.stderr)
        lines.setFormatter(logging.Formatter("… %(message)s"))
        with _routed(lines, pages=False):
            yield
        return
    with _spinner() as handler, _routed(handler, pages=True):
        yield


@contextmanager
def _routed(handler: logging.Handler, *, pages: bool) -> Iterator[None]:
    """Send progress messages to `handler` only (never to the general log)."""
    loggers = [(LOGGER, True), (WEASYPRINT, pages)]
    saved = [(log, log.level, log.propagate, list(log.handlers)) for log, _ in loggers]
    for log, wanted in loggers:
        log.handlers = [handler] if wanted else [logging.NullHandler()]
        log.setLevel(logging.INFO if wanted else logging.WARNING)
        log.propagate = False
    try:
        yield
    finally:
        for log, level, propagate, handlers in saved:
            log.handlers, log.level, log.propagate = handlers, level, propagate


class _SpinnerHandler(logging.Handler):
    """Turns progress messages into the description of one rich task."""

    def __init__(self, progress, task) -> None:  # type: ignore[no-untyped-def]
        super().__init__(logging.INFO)
        self.progress = progress
        self.task = task
        self.current = ""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        page = _PAGE.match(message)
        if record.name == LOGGER.name:
            self.current = message
            self.progress.update(self.task, description=message)
        elif page:
            self.progress.update(self.task, description=f"{self.current} : page {page[1]}")
        elif message.startswith("Step 6"):
            self.progress.update(self.task, description="Écriture du PDF")


@contextmanager
def _spinner() -> Iterator[_SpinnerHandler]:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        _live.append(progress.console)
        try:
            yield _SpinnerHandler(progress, progress.add_task("Démarrage", total=None))
        finally:
            _live.clear()
