"""What the figures were taken on: processor, cores, memory, load, versions.

In: nothing. Out: a `Machine` description, read from the system and the
installed packages, written at the top of every results file.
"""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path


@dataclass(frozen=True)
class Machine:
    """The machine and software a benchmark ran on."""

    processor: str
    cores: int
    memory_gb: float
    system: str
    python: str
    weasyprint: str
    commit: str

    def lines(self) -> list[str]:
        return [
            f"- processor: {self.processor}, {self.cores} cores, {self.memory_gb:.0f} GB memory",
            f"- system: {self.system}; Python {self.python}; WeasyPrint {self.weasyprint}",
            f"- wicguide commit: {self.commit}",
        ]


def describe(repository: Path) -> Machine:
    """Return the description of this machine and of the checkout at `repository`."""
    return Machine(
        processor=_processor(),
        cores=os.cpu_count() or 1,
        memory_gb=os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
        system=platform.platform(),
        python=platform.python_version(),
        weasyprint=version("weasyprint"),
        commit=_commit(repository),
    )


def load_average() -> str:
    """Return the 1-, 5- and 15-minute load averages, as `uptime` shows them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _processor() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _commit(repository: Path) -> str:
    result = subprocess.run(["git", "-C", str(repository), "log", "-1", "--format=%h %s"],
                            capture_output=True, text=True, check=False)
    dirty = subprocess.run(["git", "-C", str(repository), "status", "--porcelain", "wicguide"],
                           capture_output=True, text=True, check=False).stdout.strip()
    return result.stdout.strip() + (" (with uncommitted changes in wicguide/)" if dirty else "")
