"""Writing outputs safely: every file appears whole or not at all.

In: bytes or text and a target path. Out: the file, written to a temporary
file in the same folder, flushed to disk, then renamed over the target, so an
interrupted build never leaves a truncated PDF where the last edition was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from wicguide.errors import OutputError


def write_atomically(target: Path, data: bytes | str) -> None:
    """Write `data` to `target` through a temporary file and a rename."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        _write(target, payload)
    except OSError as error:  # no such folder, no right to write, disk full, a folder there
        why = _WHY.get(error.errno or 0, "erreur du système")
        raise OutputError(
            f"{target} : écriture impossible ({why}). Choisissez un autre emplacement, ou "
            "libérez de la place sur le disque") from None


_WHY = {
    errno.ENOENT: "dossier introuvable", errno.EACCES: "droit d'écriture refusé",
    errno.EPERM: "droit d'écriture refusé", errno.EISDIR: "un dossier porte ce nom",
    errno.ENOTDIR: "un fichier porte le nom d'un dossier du chemin",
    errno.EEXIST: "un fichier porte le nom d'un dossier du chemin",
    errno.ENOSPC: "disque plein", errno.EROFS: "disque en lecture seule",
}


def _write(target: Path, payload: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
