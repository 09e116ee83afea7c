"""The command line: parse options, call one function per command, print results.

Every `WicguideError` raised by the core becomes one line on stderr and exit
code 1; a traceback is shown only with --debug, and never with local values
(rows hold people's contact details).
"""

from __future__ import annotations

import logging
import re
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from wicguide.errors import RenderError, WicguideError
from wicguide.output import check_target
from wicguide.text import count

if TYPE_CHECKING:  # deferred at run time: `wicguide --help` starts fast
    from wicguide import build as building
    from wicguide.edition import Edition
    from wicguide.grouping import Selection
    from wicguide.records import Initiative
    from wicguide.rendering import Layout

app = typer.Typer(
    help="Construire le guide papier des initiatives collaboratives à partir de l'inventaire.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)

DEFAULT_INVENTORY = Path("data/initiatives.xlsx")

# readable=False: an unreadable file gets wicguide's one-line message, not click's box.
Inventory = Annotated[Path, typer.Argument(help="Inventaire .xlsx à lire.", readable=False)]
EditionOption = Annotated[Path | None, typer.Option(
    "--edition", help="Réglages d'édition (TOML). Par défaut : ./wicguide.toml.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="N'afficher que les erreurs.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Afficher chaque avertissement.")]
Debug = Annotated[bool, typer.Option("--debug", help="Afficher la trace Python des erreurs.")]
Communes = Annotated[list[str], typer.Option(
    "--commune", help="Livret d'une commune (répétable), ex. --commune Nanterre.")]
Needs = Annotated[list[str], typer.Option(
    "--need", help="Seulement ce besoin (répétable), ex. --need \"Se nourrir\".")]


@app.callback()
def _commands() -> None:
    """Construire le guide papier des initiatives collaboratives à partir de l'inventaire."""


@app.command()
def build(
    inventory: Inventory = DEFAULT_INVENTORY,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Fichier PDF à écrire. Par défaut : output/guide.pdf, ou "
        "output/NOM.pdf pour un livret (NOM-gros-caracteres.pdf, NOM-a-plier.pdf).")] = None,
    edition: EditionOption = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Échouer (code 1, rien d'écrit) si une ligne est écartée "
        "ou signalée.")] = False,
    commune: Communes = [],  # noqa: B006  (typer reads the default, never mutates it)
    need: Needs = [],  # noqa: B006
    all_communes: Annotated[bool, typer.Option(
        "--all-communes", help="Un livret par commune, écrits dans --output-dir.")] = False,
    output_dir: Annotated[Path, typer.Option(
        "--output-dir", help="Dossier des livrets de --all-communes.")] = Path(
            "output/communes"),
    large_print: Annotated[bool, typer.Option(
        "--large-print", help="Gros caractères (16 à 18 pt) sur A4, une colonne.")] = False,
    booklet: Annotated[bool, typer.Option(
        "--booklet", help="Livret à plier : pages A5 placées sur des feuilles A4, à "
        "imprimer en recto verso (bord court).")] = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    debug: Debug = False,
) -> None:
    """Construire le guide PDF et son rapport à partir de l'inventaire."""
    from wicguide.progress import show_progress, step

    _configure_logging(quiet, verbose)
    started = time.monotonic()
    with _errors_as_lines(debug), show_progress(quiet=quiet, verbose=verbose):
        from wicguide import build as building
        from wicguide.booklets import booklet_options

        if output is not None:
            check_target(output, "le guide", ("PDF",), (inventory, edition))
        settings, notice = _edition_settings(edition, inventory)
        selection = _selection(commune, need, all_communes, output)
        layout = _layout(settings.page_size, large_print, booklet)
        step("Lecture et vérification de l'inventaire")
        loaded = building.load(inventory, edition=settings)
        # With nothing to print no report is written: every warning is shown here.
        _print_problems(loaded, verbose=verbose or strict or not loaded.summary.printed,
                        quiet=quiet)
        if loaded.summary.rows_read and not loaded.summary.printed and not quiet:  # refused below
            _echo_summary(loaded.summary)  # say what each row became: no report will
        if all_communes:
            step("Mise en page des livrets")
            _build_all_communes(loaded, settings, output_dir, selection, layout,
                                strict=strict, quiet=quiet)
            _echo_notice(notice, quiet)
            return
        options = booklet_options(selection, settings, layout, output, strict)
        step("Mise en page du guide")
        result = building.build(loaded, settings, options)
    _warn_communes_without_their_own(loaded, selection, quiet)
    if not quiet:
        _echo_summary(result.summary)
        what = "Livret" if options.title != settings.title else "Guide"
        typer.echo(f"{what} écrit : {result.pdf} ("
                   f"{count(result.entries, 'initiative', 'initiatives')}, "
                   f"{count(result.pages, 'page', 'pages')}, {time.monotonic() - started:.1f} s). "
                   f"Rapport : {result.report_html}")
        _echo_folding(layout, result.pages)
        if not result.tagged:
            from wicguide.parts import MAX_TAGGED_PAGES

            typer.echo(f"PDF sans balisage pour lecteur d'écran : au-delà de "
                       f"{MAX_TAGGED_PAGES} pages, la mémoire ne suffirait pas. Les livrets "
                       "par commune (--commune, --all-communes) sont balisés.")
    _echo_notice(notice, quiet)


@app.command()
def sheet(
    ids: Annotated[list[str] | None, typer.Argument(
        help="Identifiants des initiatives (ex. WIC-0001 WIC-0042).",
        show_default=False)] = None,
    commune: Annotated[list[str], typer.Option(
        "--commune", help="Initiatives de cette commune et de tout le département.")
    ] = [],  # noqa: B006  (typer reads the default, never mutates it)
    need: Annotated[list[str], typer.Option(
        "--need", help="Initiatives de ce besoin (répétable).")] = [],  # noqa: B006
    cap: Annotated[int, typer.Option(
        "--max", min=1, max=5, help="Avec --commune/--need : nombre d'initiatives au plus.")
    ] = 5,
    inventory: Annotated[Path, typer.Option(
        "--inventory", help="Inventaire .xlsx à lire.", readable=False)] = DEFAULT_INVENTORY,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Fichier PDF à écrire.")] = Path("output/feuille.pdf"),
    edition: EditionOption = None,
    debug: Debug = False,
) -> None:
    """Imprimer une feuille A4 (1 ou 2 pages) de quelques initiatives, avec codes QR et
    un cadre « Notes / rendez-vous » à remplir à la main."""
    from wicguide.handout import write_handout

    _configure_logging(quiet=False, verbose=False)
    with _errors_as_lines(debug):
        check_target(output, "la feuille", ("PDF",), (inventory, edition))
        chosen, more = _handout_choice(ids or [], commune, need, cap, inventory)
        settings, notice = _edition_settings(edition, inventory)
        pages = write_handout(chosen, settings, date.today(), output)
    typer.echo(f"Feuille écrite : {output} ({count(len(chosen), 'initiative', 'initiatives')}, "
               f"{count(pages, 'page', 'pages')}).")
    if more:
        narrow = ("donnez les identifiants voulus" if need
                  else "précisez --need, ou donnez les identifiants voulus")
        others = count(more, "autre initiative correspond", "autres initiatives correspondent")
        typer.echo(f"{others} : {narrow}.")
    _echo_notice(notice)


def _handout_choice(ids: list[str], communes: list[str], needs: list[str], cap: int,
                    inventory: Path) -> tuple[tuple[Initiative, ...], int]:
    """Return the initiatives of the hand-out, and how many more the filters matched."""
    from wicguide.errors import SelectionError
    from wicguide.handout import choose_by_filter, choose_by_id, load_while_renderer_starts
    from wicguide.selection import select

    if ids and (communes or needs):
        raise SelectionError("wicguide sheet : donnez soit des identifiants, soit "
                             "--commune/--need, pas les deux")
    selection = select(communes, needs)
    loaded = load_while_renderer_starts(inventory)
    initiatives = loaded.initiatives
    if ids:
        not_printed = [o for o in loaded.outcomes if o.initiative is None]
        return choose_by_id(initiatives, ids, not_printed=not_printed), 0
    return choose_by_filter(initiatives, selection, cap)


def _edition_settings(given: Path | None, near: Path) -> tuple[Edition, str]:
    """Read the edition settings: `--edition`, else the nearest wicguide.toml.

    The nearest is looked for from the current folder up, then from the
    inventory's folder up (a command run from elsewhere still finds the
    repository's). With none, the built-in settings are used, and the second
    value is the line that says so, for the command to print once it is done.
    """
    from wicguide.edition import Edition, find_settings, load_edition
    from wicguide.rendering import long_date

    path = given or find_settings(Path.cwd(), near.parent)
    notice = "" if path else (
        f"Aucun fichier wicguide.toml ici ni près de {near} : réglages d'édition par défaut "
        f"(édition du {long_date(Edition().date)}). Donnez --edition FICHIER pour les vôtres.")
    return load_edition(path), notice


def _echo_notice(notice: str, quiet: bool = False) -> None:
    if notice and not quiet:
        typer.echo(notice, err=True)


def _selection(communes: list[str], needs: list[str], all_communes: bool,
               output: Path | None) -> Selection:
    """Check the booklet options and return the chosen communes and needs."""
    from wicguide.errors import SelectionError
    from wicguide.selection import select

    if all_communes and (communes or output):
        raise SelectionError("--all-communes écrit un livret par commune dans --output-dir : "
                             "retirez --commune et --output")
    return select(communes, needs)


def _layout(page_size: str, large_print: bool, booklet: bool) -> Layout:
    from wicguide.rendering import Layout

    return Layout.of(page_size, large_print=large_print, folded=booklet)


def _echo_folding(layout: Layout, pages: int) -> None:
    """Tell how to print a folded booklet, which most printers' menus do not say."""
    if layout.folded:
        typer.echo(f"À plier : {pages} pages A5 sur {count(pages // 4, 'feuille', 'feuilles')} A4. Imprimez en "
                   "recto verso, retournement sur le bord court, puis pliez en deux.")


def _warn_communes_without_their_own(loaded: building.Inventory, selection: Selection,
                                     quiet: bool) -> None:
    """Say when a commune asked for has no initiative of its own in the booklet."""
    from wicguide.booklets import has_local

    for commune in selection.communes:
        if not quiet and not has_local(loaded.initiatives, commune, selection):
            typer.echo(f"{commune.name} : aucune initiative de la commune elle-même ; le "
                       "livret ne tient que celles de tout le département et en ligne.",
                       err=True)


def _build_all_communes(loaded: building.Inventory, edition: Edition, folder: Path,
                        selection: Selection, layout: Layout, *, strict: bool,
                        quiet: bool) -> None:
    """Write one booklet per commune, saying which communes had nothing to show."""
    from wicguide import build as building
    from wicguide.booklets import build_all_communes

    started = time.monotonic()
    building.check_strict(loaded, strict)
    result = build_all_communes(
        loaded, edition, folder, selection, layout,
        on_booklet=lambda b: None if quiet else typer.echo(
            f"  {b.commune.name} : {b.pdf} ({b.pages} pages)"))
    if quiet:
        return
    if result.skipped:
        names = ", ".join(c.name for c in result.skipped)
        typer.echo(f"Pas de livret pour {count(len(result.skipped), 'commune', 'communes')} "
                   "sans initiative propre (seulement celles de tout le département) : "
                   f"{names}.")
    _echo_summary(result.report.summary)
    typer.echo(f"{len(result.booklets)} livrets écrits dans {folder} "
               f"({time.monotonic() - started:.1f} s), "
               f"{count(len(result.skipped), 'commune', 'communes')} sans livret. Rapport : {result.report.report_html}")
    if layout.folded:
        typer.echo("Livrets à plier : imprimez en recto verso, retournement sur le bord court, "
                   "puis pliez en deux.")


def _echo_summary(summary) -> None:  # type: ignore[no-untyped-def]
    """Print the closing summary, then the count of entries to check, if reviewed."""
    typer.echo(summary.line())
    if summary.freshness_line():
        typer.echo(summary.freshness_line())


def _print_problems(loaded, *, verbose: bool, quiet: bool) -> None:  # type: ignore[no-untyped-def]
    """Print errors always, warnings one by one only with --verbose."""
    from wicguide.progress import say
    from wicguide.records import Severity

    problems = loaded.problems()
    for problem in problems:
        if problem.severity is Severity.ERROR or verbose:
            say(problem.line())
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    if warnings and not verbose and not quiet:
        say(f"{count(warnings, 'avertissement', 'avertissements')} : détail dans le rapport, "
            "ou relancez avec --verbose.")


@app.command()
def validate(
    inventory: Inventory = DEFAULT_INVENTORY,
    report: Annotated[Path | None, typer.Option(
        "--report", help="Écrire aussi le rapport pour l'équipe (HTML, ou JSON si le nom "
        "finit par .json).")] = None,
    edition: EditionOption = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Compter aussi les avertissements comme bloquants.")] = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    debug: Debug = False,
) -> None:
    """Vérifier l'inventaire sans construire le guide (code 0 : prêt à imprimer)."""
    from wicguide import build as building

    _configure_logging(quiet, verbose)
    with _errors_as_lines(debug):
        if report is not None:
            check_target(report, "le rapport", ("HTML", "JSON"), (inventory, edition))
        settings, notice = _edition_settings(edition, inventory)
        loaded = building.load(inventory, edition=settings)
        _print_check(loaded, quiet=quiet, verbose=verbose)
        _echo_notice(notice, quiet)
        if report is not None:
            building.write_report(loaded, settings, report)
    _exit_unless_printable(loaded.summary, strict=strict, quiet=quiet)


def _print_check(loaded, *, quiet: bool, verbose: bool) -> None:  # type: ignore[no-untyped-def]
    """Print every problem on one line (errors only with --quiet), then the summary."""
    from wicguide.records import Severity

    for problem in loaded.problems():
        if problem.severity is Severity.ERROR or not quiet:
            typer.echo(problem.line())
    if verbose:
        for outcome in loaded.review.never_checked:
            typer.echo(f"{outcome.location} ({outcome.id}) : jamais vérifiée. Inscrivez la "
                       "date de la dernière vérification dans « Mis à jour le ».")
    if not quiet:
        _echo_summary(loaded.summary)


def _exit_unless_printable(summary, *, strict: bool, quiet: bool) -> None:  # type: ignore[no-untyped-def]
    """Say whether the guide can go to print; exit 1 when it cannot."""
    blocker = summary.blocker(strict=strict)
    if blocker:
        typer.echo(f"Pas prêt à imprimer : {blocker}.", err=True)
        raise typer.Exit(1)
    if not quiet:
        typer.echo("Prêt à imprimer.")


@app.command()
def template(
    target: Annotated[Path, typer.Argument(help="Fichier .xlsx à créer.", metavar="FICHIER.xlsx")],
    edition: EditionOption = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Remplacer le fichier s'il existe déjà.")] = False,
    debug: Debug = False,
) -> None:
    """Créer un inventaire vierge à remplir : en-têtes, listes déroulantes, feuille « Aide »."""
    from wicguide.errors import TemplateError
    from wicguide.inventory_template import write_template

    with _errors_as_lines(debug):
        settings, notice = _edition_settings(edition, target)
        if target.suffix.lower() != ".xlsx":
            raise TemplateError(f"{target} : le modèle est un classeur Excel. Donnez un nom "
                                "qui finit par .xlsx")
        if target.exists() and not force:
            raise TemplateError(f"{target} : ce fichier existe déjà et n'a pas été touché. "
                                "Choisissez un autre nom, ou ajoutez --force pour le remplacer")
        write_template(target, settings.title)
    typer.echo(f"Inventaire vierge écrit : {target}. Remplissez la feuille « Initiatives », "
               f"puis vérifiez-le avec « wicguide validate {target} ».")
    _echo_notice(notice)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="Inventaire de l'édition précédente.",
                                        metavar="ANCIEN.xlsx", readable=False)],
    new: Annotated[Path, typer.Argument(help="Nouvel inventaire.", metavar="NOUVEAU.xlsx",
                                        readable=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Écrire aussi le journal des modifications à imprimer "
        "(.pdf ou .html).")] = None,
    edition: EditionOption = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Comparer deux inventaires : initiatives ajoutées, retirées et modifiées."""
    _configure_logging(quiet, verbose=False)
    with _errors_as_lines(debug):
        from wicguide import build as building
        from wicguide.changelog import (
            CHANGELOG,
            CHANGELOG_FORMATS,
            compare,
            terminal_lines,
            write_changelog,
        )

        if output is not None:
            check_target(output, CHANGELOG, CHANGELOG_FORMATS, (old, new, edition))
        settings, notice = _edition_settings(edition, new)
        changelog = compare(building.load(old), building.load(new))
        if output is not None:
            write_changelog(changelog, settings, output)
    for line in [] if quiet else terminal_lines(changelog):
        typer.echo(line)
    if output is not None and not quiet:
        typer.echo(f"Journal des modifications écrit : {output}")
    _echo_notice(notice, quiet)


class _errors_as_lines:
    """Turn domain errors into one line and exit code 1 (a traceback with --debug)."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, trace) -> Literal[False]:  # type: ignore[no-untyped-def]
        if isinstance(error, KeyboardInterrupt):
            typer.echo("Interrompu : aucun fichier n'a été remplacé à moitié.", err=True)
            raise typer.Exit(143 if isinstance(error, Terminated) else 130)
        if error is None or self.debug:
            return False
        if _is_fatal_fetch(error):
            error = RenderError(f"rendu arrêté : {error}. Une ressource non autorisée a été "
                                "demandée ; signalez-le aux développeurs")
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


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM): cleaned up like Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main() -> None:
    """Run the wicguide command line; a mistyped command line is one French line, exit 2."""
    import signal

    # typer 0.29 vendors click: its usage errors live there (pinned in constraints.txt).
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as error:
        error.show()  # the help itself, as asked by no arguments at all
        raise SystemExit(2) from None
    except UsageError as error:
        try:
            line = usage_line(error)
        except Exception:  # noqa: BLE001 (typer's internals moved: still one French line)
            line = "ligne de commande incorrecte. Voyez « wicguide --help »."
        typer.echo(f"Erreur : {line}", err=True)
        raise SystemExit(2) from None
    raise SystemExit(code if isinstance(code, int) else 0)


def usage_line(error: Any) -> str:
    """Say in French what is wrong with the command line, and where the help is."""
    from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption

    command = error.ctx.command_path if error.ctx else "wicguide"
    help_hint = f"Voyez « {command} --help »."
    if isinstance(error, MissingParameter) and error.param is not None:
        what = ("argument manquant" if error.param.param_type_name == "argument"
                else "option manquante")
        return f"{what} : {_parameter_name(error.param)}. {help_hint}"
    if isinstance(error, BadParameter) and error.param is not None:
        return (f"valeur refusée pour {_parameter_name(error.param)}"
                f"{_allowed_range(error.param)}. {help_hint}")
    if isinstance(error, NoSuchOption):
        guess = sorted(error.possibilities or ())
        hint = f" Vouliez-vous dire {' ou '.join(guess)} ?" if guess else ""
        return f"option inconnue : {error.option_name}.{hint} {help_hint}"
    message = error.format_message()
    if found := re.match(r"No such command '(.+?)'", message):
        names = ", ".join(error.ctx.command.list_commands(error.ctx)) if error.ctx else ""
        return f"commande inconnue : {found[1]}. Commandes : {names}. {help_hint}"
    if found := re.match(r"Got unexpected extra argument\(s\) \((.+)\)", message):
        return f"argument(s) en trop : {found[1]}. {help_hint}"
    return f"ligne de commande incorrecte. {help_hint}"


def _parameter_name(param: Any) -> str:
    if param.param_type_name == "argument":
        return str(param.metavar or param.name)
    return str(max(param.opts, key=len))


def _allowed_range(param: Any) -> str:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return f" : donnez un nombre de {low} à {high}"
    return ""
