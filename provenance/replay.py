"""A command's last outputs, kept to be written again while nothing they were made from has changed.

A warm run of a large site spends most of its time rebuilding every cached result and rendering
them, only to print what the previous run printed. So `check` keeps the outputs of its last run
beside the result cache, one file per command (`command_key`: working folder, paths,
configuration file, formats and their files, colour, ``--fail-on``, ``--shard``), together with
the digest of every input of the report (`provenance.engine.CheckPlan.inputs_digest`: the rules,
the configuration and its file's text, the tool's version and code, today's date, and every
file's path and settled stamp). A run whose inputs have that digest writes the same outputs and
exits with the same code without reading an article or a cached result; any other run checks
as usual, then records its outputs.

Format: ``replay-<command>.bin`` in the cache folder: a first line naming the format and the
inputs digest (a run with other inputs reads no further); the outputs in UTF-8, in the order they
were written (a file is written while its output goes out, so a report of a large site is never
held whole); a shape line giving the exit code and, for each output in that order, its index in
the output plan and its length in bytes; the shape line's length and a CRC-32 of the outputs and
shape line (``<II``). The file becomes the command's replay only once every output has gone out
(temporary file and rename); one whose checksum or shape is wrong is ignored, and the next run
replaces it. Like the result cache, it trusts whoever can write to the cache folder.
"""

from __future__ import annotations

import codecs
import hashlib
import struct
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from provenance.atomic import PendingFile

FORMAT_VERSION = 3
STALE_DAYS = 7  # replay files not written for this long are deleted (a replay does not write)
_HEADER = "provenance-replay"
_TRAILER = struct.Struct("<II")  # the shape line's length, the CRC-32 of the outputs and shape line
_CHUNK = 1 << 20  # bytes of a recorded output decoded at a time when it is written again


class Replay(NamedTuple):
    """The recorded outputs of a command, in the order of its output plan, and its exit code.

    Each output is its text a chunk at a time, decoded as it is written out, and read once.
    """

    outputs: tuple[Iterator[str], ...]
    exit_code: int


def command_key(*parts: object) -> str:
    """A key naming a command by the `repr` of everything that shapes its outputs besides its inputs."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def load(folder: Path, command: str, inputs: str) -> Replay | None:
    """The outputs a `Recorder` kept for `command` made from inputs of digest `inputs`, or None."""
    header = _header(inputs)
    try:
        with _path(folder, command).open("rb") as stored:
            if stored.read(len(header)) != header:
                return None
            data = stored.read()
    except OSError:
        return None
    if len(data) < _TRAILER.size:
        return None
    shape_size, checksum = _TRAILER.unpack_from(data, len(data) - _TRAILER.size)
    outputs_end = len(data) - _TRAILER.size - shape_size
    if outputs_end < 0 or zlib.crc32(memoryview(data)[: len(data) - _TRAILER.size]) != checksum:
        return None
    spans = _spans(data[outputs_end : len(data) - _TRAILER.size], outputs_end)
    if spans is None:
        return None
    exit_code, places = spans
    view = memoryview(data)
    return Replay(tuple(_decoded(view[start:end]) for start, end in places), exit_code)


def _spans(shape: bytes, outputs_size: int) -> tuple[int, list[tuple[int, int]]] | None:
    """The exit code and each output's byte span (in plan order) that `shape` gives, or None."""
    try:
        exit_code, *pairs = shape.decode("ascii").split()
        order = [tuple(map(int, pair.split(":"))) for pair in pairs]
        code = int(exit_code)
    except ValueError:
        return None
    if any(len(pair) != 2 or pair[1] < 0 for pair in order):
        return None
    if sorted(pair[0] for pair in order) != list(range(len(order))):
        return None
    places: dict[int, tuple[int, int]] = {}
    start = 0
    for index, size in order:
        places[index] = (start, start + size)
        start += size
    if start != outputs_size:
        return None
    return code, [places[index] for index in range(len(order))]


def _decoded(data: memoryview) -> Iterator[str]:
    """The UTF-8 `data` as text, a chunk at a time (a character split between chunks is kept whole)."""
    decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
    for start in range(0, len(data), _CHUNK):
        yield decoder.decode(data[start : start + _CHUNK], final=start + _CHUNK >= len(data))


class Recorder:
    """Records a command's outputs while they are written, to keep them as its replay.

    Best effort: a recorder without a folder, inputs digest or disk space records nothing and
    never raises. The caller commits once every output went out through `tee`, and always calls
    `discard` afterwards: a run stopped part way (an output that cannot be written) keeps nothing.
    """

    def __init__(self, folder: Path | None, command: str, inputs: str | None) -> None:
        self._folder = folder
        self._file: PendingFile | None = None
        self._sizes: dict[int, int] = {}  # bytes recorded per output index, in the order written
        self._checksum = 0
        if folder is None or inputs is None or not folder.is_dir():
            return  # only into an existing cache folder (the result cache makes it and its ignore files)
        try:
            self._file = PendingFile(_path(folder, command))
            self._file.handle.write(_header(inputs))
        except OSError:
            self.discard()

    def tee(self, index: int, chunks: Iterable[str]) -> Iterator[str]:
        """`chunks`, the text of output `index` of the plan, each recorded as it passes."""
        if self._file is not None:
            self._sizes.setdefault(index, 0)
        for chunk in chunks:
            if self._file is not None:
                self._record(index, chunk.encode("utf-8", "surrogatepass"))
            yield chunk

    def _record(self, index: int, data: bytes) -> None:
        assert self._file is not None, "recording into a file"
        try:
            self._file.handle.write(data)
        except OSError:
            self.discard()
            return
        self._checksum = zlib.crc32(data, self._checksum)
        self._sizes[index] += len(data)

    def commit(self, exit_code: int) -> None:
        """Keep the outputs recorded, with `exit_code`, as the command's replay."""
        if self._file is None or self._folder is None:
            return
        pairs = " ".join(f"{index}:{size}" for index, size in self._sizes.items())
        shape = f"{exit_code} {pairs}".encode("ascii")
        try:
            self._file.handle.write(shape + _TRAILER.pack(len(shape), zlib.crc32(shape, self._checksum)))
            self._file.commit()
        except OSError:
            self.discard()
            return
        self._file = None
        _prune(self._folder)

    def discard(self) -> None:
        """Drop whatever was recorded and not committed; never raises."""
        if self._file is not None:
            self._file.discard()
            self._file = None


def _header(inputs: str) -> bytes:
    return f"{_HEADER} {FORMAT_VERSION} {inputs}\n".encode("ascii")


def _path(folder: Path, command: str) -> Path:
    return folder / f"replay-{command}.bin"


def _prune(folder: Path) -> None:
    """Delete the replay files of commands that no run has recorded for `STALE_DAYS`, and the
    temporary files of recordings a killed run left behind."""
    limit = time.time() - STALE_DAYS * 86400
    for other in (*folder.glob("replay-*.bin"), *folder.glob(".replay-*.tmp")):
        try:
            if other.stat().st_mtime < limit:
                other.unlink()
        except OSError:
            continue
