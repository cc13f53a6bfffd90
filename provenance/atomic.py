"""Replace a file atomically: readers see the old content or the new, never a partial file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO


def replace_atomically(path: Path, chunks: str | Iterable[str]) -> None:
    """Write `chunks` (UTF-8) to a temporary file beside `path`, then rename it over `path`.

    The new file keeps the permissions of the one it replaces, or gets the umask's default. On
    any failure the temporary file is removed and the error propagates; `path` is untouched.
    """
    texts = [chunks] if isinstance(chunks, str) else chunks
    replace_atomically_bytes(path, (text.encode("utf-8") for text in texts))


def replace_atomically_bytes(path: Path, chunks: Iterable[bytes]) -> None:
    """`replace_atomically` for binary content."""
    pending = PendingFile(path)
    try:
        pending.handle.writelines(chunks)
        pending.commit()
    except BaseException:
        pending.discard()
        raise


class PendingFile:
    """A temporary file beside `path`, written through `handle`, that replaces `path` once committed.

    For content written over time (outputs recorded while they go out); `replace_atomically`
    serves content given at once. `discard` removes it, and does nothing after a `commit`.
    """

    def __init__(self, path: Path) -> None:
        import tempfile  # here: it imports shutil and random, which a run that writes nothing never needs

        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        self.path = path
        self.handle: BinaryIO = os.fdopen(fd, "wb")
        self._temp: Path | None = Path(temp_name)

    def commit(self) -> None:
        """Close the file and rename it over `path`, with the permissions `replace_atomically` gives."""
        assert self._temp is not None, "a pending file is committed or discarded once"
        self.handle.close()
        self._temp.chmod(self.path.stat().st_mode & 0o7777 if self.path.exists() else 0o666 & ~_umask())
        self._temp.replace(self.path)
        self._temp = None

    def discard(self) -> None:
        """Close and remove the temporary file, unless committed; never raises."""
        if self._temp is None:
            return
        with contextlib.suppress(OSError):  # a buffered write that fails on close: the file goes anyway
            self.handle.close()
        self._temp.unlink(missing_ok=True)
        self._temp = None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
