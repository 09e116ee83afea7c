"""Measuring one command as a whole process: wall time, CPU time, peak memory.

In: a command line. Out: a `Run` with the wall-clock time, the CPU time (user
+ system, of the process and of every child it waited for) and the peak
resident memory of the largest process, taken from the kernel (`wait4`) by a
small launcher (`launch.py`), so that interpreter start-up and imports are
counted as a user would feel them, and the benchmark's own memory is not.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = Path(__file__).with_name("launch.py")
"""Starts each command from a small process, so that its peak memory is its own."""


@dataclass(frozen=True)
class Run:
    """One run of a command."""

    wall: float
    cpu: float
    peak_rss_mb: float
    output: str


@dataclass(frozen=True)
class Measure:
    """Several runs of one command, summed up by their medians."""

    runs: tuple[Run, ...]

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_rss_mb(self) -> float:
        return max(r.peak_rss_mb for r in self.runs)


class CommandFailed(RuntimeError):
    """A measured command did not exit with code 0."""


def run(command: Sequence[str], cwd: str | None = None) -> Run:
    """Run `command` once and measure it; raise CommandFailed on a non-zero exit."""
    read, write = os.pipe()
    process = subprocess.Popen([sys.executable, str(LAUNCHER), str(write), *command], cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               pass_fds=(write,))
    os.close(write)
    output = process.stdout.read() if process.stdout else ""
    process.wait()
    with os.fdopen(read) as figures:
        wall, cpu, peak_kb = (float(word) for word in figures.read().split())
    if process.returncode != 0:
        raise CommandFailed(f"{' '.join(command)} → code {process.returncode}:\n{output[-2000:]}")
    return Run(wall, cpu, peak_kb / 1024, output)


def measure(command: Sequence[str], runs: int, cwd: str | None = None) -> Measure:
    """Run `command` `runs` times, one after the other."""
    return Measure(tuple(run(command, cwd) for _ in range(runs)))
