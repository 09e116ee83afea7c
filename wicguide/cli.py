"""The command line: parse options, call one function per command, print results.

Every `WicguideError` raised by the core becomes one line on stderr and exit
code 1; a traceback is shown only with --debug, and never with local values
(rows hold people's contact details).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from wicguide.errors import RenderError, WicguideError

app = typer.Typer(
    help="Construire le guide papier des initiatives collaboratives à partir de l'inventaire.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)

DEFAULT_INVENTORY = Path("data/initiatives.xlsx")

Inventory = Annotated[Path, typer.Argument(help="Inventaire .xlsx à lire.")]
EditionOption = Annotated[Optional[Path], typer.Option(
    "--edition", help="Réglages d'édition (TOML). Par défaut : ./wicguide.toml.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="N'afficher que les erreurs.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Afficher chaque avertissement.")]
Debug = Annotated[bool, typer.Option("--debug", help="Afficher la trace Python des erreurs.")]


@app.callback()
def _commands() -> None:
    """Construire le guide papier des initiatives collaboratives à partir de l'inventaire."""


@app.command()
def build(
    inventory: Inventory = DEFAULT_INVENTORY,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Fichier PDF à écrire.")] = Path("output/guide.pdf"),
    edition: EditionOption = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Échouer (code 1, rien d'écrit) si une ligne est écartée "
        "ou signalée.")] = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    debug: Debug = False,
) -> None:
    """Construire le guide PDF et son rapport à partir de l'inventaire."""
    from wicguide import build as building
    from wicguide.edition import load_edition

    _configure_logging(quiet, verbose)
    started = time.monotonic()
    with _errors_as_lines(debug):
        loaded = building.load(inventory)
        _print_problems(loaded, verbose=verbose, quiet=quiet)
        options = building.BuildOptions(output=output, strict=strict)
        result = building.build(loaded, load_edition(edition), options)
    if not quiet:
        typer.echo(result.summary.line())
        typer.echo(f"Guide écrit : {result.pdf} ({result.pages} pages, "
                   f"{time.monotonic() - started:.1f} s). Rapport : {result.report_html}")


def _print_problems(loaded, *, verbose: bool, quiet: bool) -> None:  # type: ignore[no-untyped-def]
    """Print errors always, warnings one by one only with --verbose."""
    from wicguide.records import Severity

    problems = loaded.problems()
    for problem in problems:
        if problem.severity is Severity.ERROR or verbose:
            typer.echo(problem.line(), err=True)
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    if warnings and not verbose and not quiet:
        typer.echo(f"{warnings} avertissement(s) : détail dans le rapport, ou relancez avec "
                   "--verbose.", err=True)


class _errors_as_lines:
    """Turn domain errors into one line and exit code 1 (a traceback with --debug)."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, trace) -> bool:  # type: ignore[no-untyped-def]
        if error is None or self.debug:
            return False
        if _is_fatal_fetch(error):
            error = RenderError(f"rendu arrêté : {error}. Une ressource non autorisée a été "
                                "demandée ; signalez-le aux développeurs")
        if isinstance(error, KeyboardInterrupt):
            typer.echo("Interrompu : aucun fichier n'a été remplacé à moitié.", err=True)
            raise typer.Exit(130)
        if isinstance(error, WicguideError):
            typer.echo(f"Erreur : {_sentence(str(error))}", err=True)
            raise typer.Exit(1)
        return False


def _sentence(message: str) -> str:
    """Return `message` ending with a full stop, as every printed message does."""
    message = message.rstrip()
    return message if message.endswith((".", "!", "?")) else message + "."


def _is_fatal_fetch(error: BaseException) -> bool:
    return type(error).__name__ == "FatalURLFetchingError"


def _configure_logging(quiet: bool, verbose: bool) -> None:
    level = logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def main() -> None:
    """Run the wicguide command line."""
    app()
