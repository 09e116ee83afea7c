"""An interrupted build (Ctrl-C, kill) leaves the previous edition's PDF as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PREVIOUS = b"%PDF-1.7\n% the previous edition, printed last month\n%%EOF\n"


def _interrupt_while_laying_out(folder: Path, signum: int) -> subprocess.CompletedProcess[str]:
    """Start a build of the real inventory and send `signum` once layout has begun."""
    target = folder / "guide.pdf"
    process = subprocess.Popen(
        [sys.executable, "-m", "wicguide", "build", str(ROOT / "data" / "initiatives.xlsx"),
         "--output", str(target), "--verbose"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.startswith("… Mise en page du guide"):
            process.send_signal(signum)
            break
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out,
                                       "".join(seen) + err)


@pytest.mark.parametrize("signum, code", [
    (signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGKILL, -signal.SIGKILL)],
    ids=["ctrl-c", "kill", "kill-9"])
def test_interrupted_build_keeps_the_previous_pdf(tmp_path: Path, signum: int,
                                                   code: int) -> None:
    (tmp_path / "guide.pdf").write_bytes(PREVIOUS)
    done = _interrupt_while_laying_out(tmp_path, signum)
    assert done.returncode == code, done.stderr
    assert (tmp_path / "guide.pdf").read_bytes() == PREVIOUS
    assert os.listdir(tmp_path) == ["guide.pdf"]  # no partial file, no report of this build
    if signum != signal.SIGKILL:
        assert done.stderr.splitlines()[-1] == (
            "Interrompu : aucun fichier n'a été remplacé à moitié.")
        assert "Traceback" not in done.stderr
