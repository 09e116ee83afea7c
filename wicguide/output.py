"""Writing outputs safely: every file appears whole or not at all.

In: bytes or text and a target path. Out: the file, written to a temporary
file in the same folder, flushed to disk, then renamed over the target, so an
interrupted build never leaves a truncated PDF where the last edition was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from wicguide.errors import OutputError

FORMATS = {"PDF": (".pdf",), "HTML": (".html", ".htm"), "JSON": (".json",)}
"""The formats wicguide writes, and the file name endings each is known by."""


def check_target(target: Path, what: str, formats: tuple[str, ...],
                 inputs: Iterable[Path | None] = ()) -> None:
    """Refuse, before any work, an output named for another format or that is an input.

    A guide written over the inventory it was made from would destroy the
    staff's only copy: « -o inventaire.xlsx » is a slip, not a wish.
    """
    if not any(target.suffix.lower() in FORMATS[name] for name in formats):
        endings = " ou ".join(FORMATS[name][0] for name in formats)
        raise OutputError(f"{target} : {what} s'écrit en {' ou en '.join(formats)}. Donnez "
                          f"un nom qui finit par {endings}")
    for source in inputs:
        if source is not None and _same_file(target, source):
            raise OutputError(f"{target} : c'est le fichier lu ({source}) ; l'écrire "
                              "l'effacerait. Donnez un autre nom au fichier à écrire")


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:  # one of them does not exist yet
        return one.resolve() == other.resolve()


def write_atomically(target: Path, data: bytes | str) -> None:
    """Write `data` to `target` through a temporary file and a rename."""
    write_together({target: data})


def write_together(files: Mapping[Path, bytes | str]) -> None:
    """Write several files that go together (a guide and its reports): all or none.

    Each is first written whole to a temporary file beside its target, and a
    target that is a folder is found then; only when all are on disk are they
    renamed into place, so that a full disk or a refused folder never leaves a
    new PDF beside last edition's report. (A rename in the folder a file was
    just written to is not expected to fail; if one did, the files renamed
    before it would stay.)
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            payload = data.encode("utf-8") if isinstance(data, str) else data
            staged.append((_stage(target, payload), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as error:  # no such folder, no right to write, disk full, a folder there
        raise _cannot_write(target, error) from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def _cannot_write(target: Path, error: OSError) -> OutputError:
    why = _WHY.get(error.errno or 0, "erreur du système")
    fix = ("Libérez de la place sur le disque" if error.errno == errno.ENOSPC
           else "Choisissez un autre emplacement")
    return OutputError(f"{target} : écriture impossible ({why}). {fix}")


_WHY = {
    errno.ENOENT: "dossier introuvable ou impossible à créer", errno.EACCES: "droit d'écriture refusé",
    errno.EPERM: "droit d'écriture refusé", errno.EISDIR: "un dossier porte ce nom",
    errno.ENOTDIR: "un fichier porte le nom d'un dossier du chemin",
    errno.EEXIST: "un fichier porte le nom d'un dossier du chemin",
    errno.ENOSPC: "disque plein", errno.EROFS: "disque en lecture seule",
}


def _stage(target: Path, payload: bytes) -> Path:
    """Write `payload` whole to a temporary file beside `target`; return its path.

    The file gets the permissions of the one it replaces (0644 for a new one).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():  # found now, not when renaming the files before it into place
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(target))
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                    dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_of(target))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _mode_of(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o644
