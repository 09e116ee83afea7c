"""Progress: shown on a terminal, silent in pipes and CI, plain lines with --verbose."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from samples import real_rows, write_inventory

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def three_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_inventory(tmp_path_factory.mktemp("progress") / "three_rows.xlsx",
                           real_rows()[:3])


def _build(inventory: Path, *options: str, terminal: bool = False,
           ci: bool = False) -> tuple[int, str, str]:
    """Run a build with stderr on a pipe, or on a pseudo-terminal; return code, out, err."""
    command = [sys.executable, "-m", "wicguide", "build", str(inventory), "--output",
               str(inventory.with_suffix(".pdf")), *options]
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    environment.update({"TERM": "xterm", "COLUMNS": "100"} | ({"CI": "true"} if ci else {}))
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=environment,
                              cwd=ROOT, check=False)
        return done.returncode, done.stdout, done.stderr
    leader, follower = os.openpty()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower,
                               env=environment, cwd=ROOT)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    out = process.communicate()[0]
    os.close(leader)
    return process.returncode, out.decode(), b"".join(chunks).decode(errors="replace")


def test_a_pipe_gets_no_progress(three_rows: Path) -> None:
    code, out, err = _build(three_rows)
    assert code == 0
    assert err == ""
    assert out.splitlines()[0] == "3 lignes lues : 3 dans le guide, 0 écartée, 0 avertissement."


def test_verbose_in_a_pipe_prints_each_step_once(three_rows: Path) -> None:
    code, _, err = _build(three_rows, "--verbose")
    assert code == 0
    assert [line for line in err.splitlines() if line.startswith("…")] == [
        "… Lecture et vérification de l'inventaire", "… Mise en page du guide"]


def test_a_terminal_shows_the_step_and_the_page_being_laid_out(three_rows: Path) -> None:
    code, out, err = _build(three_rows, terminal=True)
    assert code == 0
    assert "Mise en page du guide : page" in err
    assert out.splitlines()[0] == "3 lignes lues : 3 dans le guide, 0 écartée, 0 avertissement."


@pytest.mark.parametrize("options, ci", [(("--quiet",), False), ((), True)],
                         ids=["quiet", "ci"])
def test_quiet_or_ci_terminal_shows_no_progress(three_rows: Path, options: tuple[str, ...],
                                                ci: bool) -> None:
    code, out, err = _build(three_rows, *options, terminal=True, ci=ci)
    assert code == 0
    assert "Mise en page" not in err
    assert (out == "") is ("--quiet" in options)
