"""Replace a file atomically: readers see the old content or the new, never a partial file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def replace_atomically(path: Path, chunks: str | Iterable[str]) -> None:
    """Write `chunks` (UTF-8) to a temporary file beside `path`, then rename it over `path`.

    The new file keeps the permissions of the one it replaces, or gets the umask's default. On
    any failure the temporary file is removed and the error propagates; `path` is untouched.
    """
    texts = [chunks] if isinstance(chunks, str) else chunks
    replace_atomically_bytes(path, (text.encode("utf-8") for text in texts))


def replace_atomically_bytes(path: Path, chunks: Iterable[bytes]) -> None:
    """`replace_atomically` for binary content."""
    import tempfile  # here: it imports shutil and random, which a run that writes nothing never needs

    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(chunks)
        temp.chmod(path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
