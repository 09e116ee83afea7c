"""The benchmark: every measurement, its medians, ratios and targets, one results file.

In: command-line options (sizes, runs, --quick). Out: the figures on stdout
and in `bench/results/DATE-TIME.md`, with the machine's description. Each
command runs as a whole process (`processes`), builds and engine-only
renderings of the same size alternate so that their ratio is taken under the
same load, and a command the checkout does not have yet (`--all-communes`,
`sheet`) is reported as "not available yet".
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.inventories import make_inventory
from bench.machine import describe, load_average
from bench.processes import CommandFailed, Measure, Run, measure, run

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
REAL_INVENTORY = ROOT / "data" / "initiatives.xlsx"
PYTHON = sys.executable
WICGUIDE = str(Path(PYTHON).with_name("wicguide"))

SIZES = (600, 2_400, 10_000)
HANDOUT_IDS = ("WIC-0001", "WIC-0002", "WIC-0010", "WIC-0042", "WIC-0100")
NOT_YET = "not available yet (the command is not on this checkout)"


@dataclass(frozen=True)
class Plan:
    """What to measure and how many times."""

    sizes: tuple[int, ...]
    runs: int
    large_runs: int
    large_from: int = 5_000
    profile_size: int | None = 600
    booklets: bool = True

    def runs_for(self, rows: int) -> int:
        return self.large_runs if rows >= self.large_from else self.runs


@dataclass(frozen=True)
class SizeFigures:
    """A full build and WeasyPrint alone on its HTML, for one inventory size."""

    rows: int
    pages: int
    build: Measure
    engine: Measure

    @property
    def wall_ratio(self) -> float:
        return self.build.wall / self.engine.wall

    @property
    def cpu_ratio(self) -> float:
        return self.build.cpu / self.engine.cpu

    @property
    def ms_per_row(self) -> float:
        return 1000 * self.build.wall / self.rows

    @property
    def cpu_ms_per_row(self) -> float:
        return 1000 * self.build.cpu / self.rows


@dataclass
class Report:
    """The results file, filled in as measurements come."""

    lines: list[str] = field(default_factory=list)

    def add(self, *lines: str) -> None:
        for line in lines:
            print(line, flush=True)
            self.lines.append(line)


def main(arguments: list[str] | None = None) -> None:
    """Run the benchmark and write its results file."""
    plan, note = _plan(arguments)
    report = Report()
    started = datetime.now(UTC)
    _header(report, started, note)
    measured = [_size(report, rows, plan.runs_for(rows), rows >= plan.large_from)
                for rows in plan.sizes]
    sizes = [figures for figures in measured if figures is not None]
    _reading(report, max(plan.sizes))
    booklets = _booklets(report, min(plan.sizes)) if plan.booklets else None
    handout = _handout(report, max(plan.runs, 5))
    help_run = _help(report, max(plan.runs, 5))
    _targets(report, sizes, booklets, handout, help_run)
    if plan.profile_size:
        _profile(report, plan.profile_size)
    report.add("", f"Load average at the end: {load_average()} "
               f"(finished {datetime.now(UTC):%H:%M} UTC).")
    _write(report, started)


def _plan(arguments: list[str] | None) -> tuple[Plan, str]:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="600 rows only, one run each, no booklets, no profile")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=3, help="runs below 5,000 rows")
    parser.add_argument("--large-runs", type=int, default=1, help="runs from 5,000 rows")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--no-booklets", action="store_true",
                        help="skip --all-communes and its one-after-the-other comparison")
    parser.add_argument("--note", default="", help="a line saying what this run measures")
    options = parser.parse_args(arguments)
    if options.quick:
        return Plan((600,), 1, 1, profile_size=None, booklets=False), options.note
    return Plan(tuple(options.sizes), options.runs, options.large_runs,
                profile_size=None if options.no_profile else min(options.sizes),
                booklets=not options.no_booklets), options.note


def _header(report: Report, started: datetime, note: str) -> None:
    report.add(f"# wicguide benchmark, {started:%Y-%m-%d %H:%M} UTC", "")
    if note:
        report.add(note, "")
    report.add(*describe(ROOT).lines())
    report.add(f"- load average at the start: {load_average()} (the machine may be shared: "
               "compare ratios measured within one run, not absolute times)",
               "- wall and CPU times are medians of the runs; CPU is user + system of the "
               "process and its children; peak memory is the largest resident set (RSS)", "")


def _size(report: Report, rows: int, runs: int, capture_counts: bool) -> SizeFigures | None:
    """Measure a full build and WeasyPrint alone on its HTML, alternating.

    The capture of the HTML is a build too: it is the warm-up run, not counted,
    except where `capture_counts` (the largest sizes, measured once: a run
    there takes minutes).
    """
    inventory = _inventory(rows)
    folder = WORK / f"build-{rows}"
    pdf = folder / "guide.pdf"
    build_command = [WICGUIDE, "build", str(inventory), "-o", str(pdf), "-q"]
    try:
        captured, htmls = _capture_html(folder / "html", build_command[1:])
    except CommandFailed as failure:
        report.add(f"## {rows:,} rows: the build failed", "", "```",
                   *str(failure).strip().splitlines()[-3:], "```", "")
        return None
    engine_command = [PYTHON, "-m", "bench.engine", "render", str(folder / "engine.pdf"),
                      *map(str, htmls)]
    builds: list[Run] = [captured] if capture_counts else []
    engines: list[Run] = []
    for number in range(runs):
        if number >= len(builds):
            builds.append(run(build_command, str(ROOT)))
        engines.append(run(engine_command, str(ROOT)))
    figures = SizeFigures(rows, _pages(pdf), Measure(tuple(builds)), Measure(tuple(engines)))
    engine_pages = int(engines[-1].output.split("pages")[-1].split()[0])
    if engine_pages != figures.pages:
        report.add(f"WARNING: the engine alone made {engine_pages} pages, the build "
                   f"{figures.pages}: the captured HTML is not the build's")
    _size_lines(report, figures, runs)
    if capture_counts:
        report.add("(The build run is the one that captured the HTML.)", "")
    return figures


def _size_lines(report: Report, figures: SizeFigures, runs: int) -> None:
    build, engine = figures.build, figures.engine
    report.add(
        f"## {figures.rows:,} rows: {figures.pages:,} pages, {runs} run(s)", "",
        "| | wall (s) | CPU (s) | peak RSS (MB) |", "|---|---:|---:|---:|",
        f"| full build (`wicguide build`) | {build.wall:.2f} | {build.cpu:.2f} | "
        f"{build.peak_rss_mb:.0f} |",
        f"| WeasyPrint alone, same HTML | {engine.wall:.2f} | {engine.cpu:.2f} | "
        f"{engine.peak_rss_mb:.0f} |",
        f"| build / WeasyPrint alone | {figures.wall_ratio:.3f} | {figures.cpu_ratio:.3f} | |",
        "",
        f"Time per row: {figures.ms_per_row:.1f} ms wall, {figures.cpu_ms_per_row:.1f} ms CPU. "
        f"Runs, build then engine, wall/CPU (s): {_pairs(build, engine)}.", "")


def _pairs(build: Measure, engine: Measure) -> str:
    """Return each build run beside the engine run that followed it, and their CPU ratio."""
    return "; ".join(
        f"{b.wall:.1f}/{b.cpu:.1f} then {e.wall:.1f}/{e.cpu:.1f} (CPU ratio {b.cpu / e.cpu:.3f})"
        for b, e in zip(build.runs, engine.runs))


def _inventory(rows: int) -> Path:
    target = WORK / "inventories" / f"inventory-{rows}.xlsx"
    if not target.exists() or target.stat().st_mtime < REAL_INVENTORY.stat().st_mtime:
        make_inventory(REAL_INVENTORY, rows, target)
    return target


def _capture_html(folder: Path, arguments: list[str]) -> tuple[Run, list[Path]]:
    """Build with `arguments`, saving the HTML; return the run and the HTML of the PDF.

    A guide laid out in parts hands over the front matter first only to count
    its pages (`bench/engine.py`): that one is not part of the PDF.
    """
    for old in folder.glob("*.html"):
        old.unlink()
    captured = run([PYTHON, "-m", "bench.engine", "capture", str(folder), *arguments],
                   str(ROOT))
    saved = sorted(folder.glob("*.html"))
    return captured, saved[1:] if len(saved) > 1 else saved


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def _reading(report: Report, rows: int) -> None:
    """Compare reading the largest inventory in openpyxl's normal and read-only modes."""
    inventory = _inventory(rows)
    lines = []
    for mode, what in (("normal", "`read_inventory` (normal mode, as built)"),
                       ("read_only", "bare read-only pass over the values")):
        try:
            figures = run([PYTHON, "-m", "bench.reading", mode, str(inventory)], str(ROOT))
        except CommandFailed as failure:
            lines.append(f"| {what} | failed: {str(failure).strip().splitlines()[-1]} | | |")
            continue
        lines.append(f"| {what} | {figures.wall:.2f} | {figures.cpu:.2f} | "
                     f"{figures.peak_rss_mb:.0f} |")
    report.add(f"## Reading {rows:,} rows (openpyxl), one run each", "",
               "| | wall (s) | CPU (s) | peak RSS (MB) |", "|---|---:|---:|---:|", *lines, "")


def _has(arguments: list[str], word: str) -> bool:
    """Say whether `wicguide ARGUMENTS --help` mentions `word` (a command or option)."""
    result = subprocess.run([WICGUIDE, *arguments, "--help"], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    return result.returncode == 0 and word in result.stdout


def _booklets(report: Report, rows: int) -> Measure | None:
    """Compare `--all-communes` with building each commune's booklet one after the other."""
    report.add(f"## Every commune booklet ({rows:,} rows), one run each", "")
    if not _has(["build"], "--all-communes"):
        report.add(f"`wicguide build --all-communes`: {NOT_YET}.", "")
        return None
    inventory = _inventory(rows)
    folder = WORK / f"booklets-{rows}"
    together = run([WICGUIDE, "build", str(inventory), "--all-communes", "--output-dir",
                    str(folder / "all")], str(ROOT))
    communes = _booklet_communes(together.output)
    alone = [run([WICGUIDE, "build", str(inventory), "--commune", name, "-q", "-o",
                  str(folder / "one" / f"{number}.pdf")], str(ROOT))
             for number, name in enumerate(communes)]
    sequence = Run(sum(r.wall for r in alone), sum(r.cpu for r in alone),
                   max(r.peak_rss_mb for r in alone), "")
    report.add(
        "| | wall (s) | CPU (s) | peak RSS (MB) |", "|---|---:|---:|---:|",
        f"| `--all-communes` ({len(communes)} booklets) | {together.wall:.2f} | "
        f"{together.cpu:.2f} | {together.peak_rss_mb:.0f} |",
        f"| sum of `--commune NAME`, one after the other | {sequence.wall:.2f} | "
        f"{sequence.cpu:.2f} | {sequence.peak_rss_mb:.0f} |",
        f"| ratio | {together.wall / sequence.wall:.3f} | {together.cpu / sequence.cpu:.3f} | |",
        "", f"`--all-communes` kept {together.cpu / together.wall:.2f} core(s) busy on average "
        "(CPU / wall): below 2, the machine's other work took the rest.", "")
    return Measure((together, sequence))


def _booklet_communes(output: str) -> list[str]:
    """Return the communes `--all-communes` wrote a booklet for, from its lines."""
    return [line.strip().split(" : ")[0] for line in output.splitlines()
            if line.startswith("  ") and line.rstrip().endswith("pages)")]


def _handout(report: Report, runs: int) -> Measure | None:
    report.add("## Hand-out of five ids (whole process, real inventory)", "")
    if not _has([], "sheet"):
        report.add(f"`wicguide sheet ID...`: {NOT_YET}.", "")
        return None
    figures = measure([WICGUIDE, "sheet", *HANDOUT_IDS, "--inventory", str(REAL_INVENTORY),
                       "-o", str(WORK / "handout" / "feuille.pdf")], runs, str(ROOT))
    report.add(f"`wicguide sheet {' '.join(HANDOUT_IDS)}`, {runs} runs: median "
               f"{figures.wall:.3f} s wall, {figures.cpu:.3f} s CPU, peak RSS "
               f"{figures.peak_rss_mb:.0f} MB; runs {', '.join(f'{r.wall:.2f}' for r in figures.runs)}.",
               "")
    return figures


def _help(report: Report, runs: int) -> Measure:
    figures = measure([WICGUIDE, "--help"], runs, str(ROOT))
    report.add("## `wicguide --help` (whole process)", "",
               f"{runs} runs: median {figures.wall:.3f} s wall, {figures.cpu:.3f} s CPU, "
               f"peak RSS {figures.peak_rss_mb:.0f} MB.", "")
    return figures


def _targets(report: Report, sizes: list[SizeFigures], booklets: Measure | None,
             handout: Measure | None, help_run: Measure) -> None:
    """Compare the figures with the targets of issue 6."""
    report.add("## Targets", "", "| target | measured | met? |", "|---|---|---|")
    by_rows = {s.rows: s for s in sizes}
    if 600 in by_rows:
        six = by_rows[600]
        report.add(_target("full build of 600 rows ≤ 1.15 × WeasyPrint alone",
                           f"{six.wall_ratio:.3f} wall, {six.cpu_ratio:.3f} CPU",
                           six.wall_ratio <= 1.15))
    if 600 in by_rows and 10_000 in by_rows:
        small, large = by_rows[600], by_rows[10_000]
        report.add(_target(
            "time per row at 10,000 ≤ 1.2 × at 600",
            f"{large.ms_per_row / small.ms_per_row:.2f} wall "
            f"({large.ms_per_row:.1f} vs {small.ms_per_row:.1f} ms), "
            f"{large.cpu_ms_per_row / small.cpu_ms_per_row:.2f} CPU",
            large.ms_per_row <= 1.2 * small.ms_per_row))
    if 10_000 in by_rows:
        peak = by_rows[10_000].build.peak_rss_mb
        report.add(_target("peak memory at 10,000 rows < 1.5 GB", f"{peak:.0f} MB",
                           peak < 1536))
    if booklets:
        together, sequence = booklets.runs
        share = together.wall / sequence.wall
        report.add(_target("all commune booklets ≤ 0.65 × one after the other",
                           f"{share:.3f} wall", share <= 0.65))
    else:
        report.add(_target("all commune booklets ≤ 0.65 × one after the other",
                           NOT_YET if not _has(["build"], "--all-communes") else "not measured",
                           None))
    if handout:
        report.add(_target("hand-out of 5 ids: median < 1.5 s", f"{handout.wall:.3f} s",
                           handout.wall < 1.5))
    else:
        report.add(_target("hand-out of 5 ids: median < 1.5 s", NOT_YET, None))
    report.add(_target("`wicguide --help` < 0.3 s", f"{help_run.wall:.3f} s",
                       help_run.wall < 0.3), "")


def _target(what: str, measured: str, met: bool | None) -> str:
    verdict = "—" if met is None else "yes" if met else "**no**"
    return f"| {what} | {measured} | {verdict} |"


def _profile(report: Report, rows: int) -> None:
    """Profile one build in-process and copy the profile's top lines."""
    inventory = _inventory(rows)
    result = run([PYTHON, "-m", "bench.profiling", "build", str(inventory), "-o",
                  str(WORK / "profile" / "guide.pdf"), "-q"], str(ROOT))
    report.add(f"## Profile of the build of {rows:,} rows (pyinstrument)", "", "```",
               *result.output.rstrip().splitlines(), "```")


def _write(report: Report, started: datetime) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"{started:%Y-%m-%d-%H%M}.md"
    target.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    print(f"\nResults written to {target.relative_to(ROOT)}", file=sys.stderr)
