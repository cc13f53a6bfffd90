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
inputs digest (a run with other inputs reads no further); a second line with the exit code and
the length of each output (in characters); the outputs one after the other in UTF-8 (written a
chunk at a time: those of a large site are tens of megabytes); a CRC-32 (``<I``) of the
outputs. A file is written whole (temporary file and rename); one whose checksum or shape is
wrong is ignored, and the next run replaces it. Like the result cache, it trusts whoever can
write to the cache folder.
"""

from __future__ import annotations

import hashlib
import itertools
import struct
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from provenance.atomic import replace_atomically_bytes

FORMAT_VERSION = 2
STALE_DAYS = 7  # replay files not written for this long are deleted (a replay does not write)
_HEADER = "provenance-replay"
_CHECKSUM = struct.Struct("<I")
_CHUNK = 1 << 20  # characters encoded and written at a time


class Replay(NamedTuple):
    """The recorded outputs of a command, in the order of its output plan, and its exit code."""

    texts: tuple[str, ...]
    exit_code: int


def command_key(*parts: object) -> str:
    """A key naming a command by the `repr` of everything that shapes its outputs besides its inputs."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def load(folder: Path, command: str, inputs: str) -> Replay | None:
    """The outputs `record` kept for `command` made from inputs of digest `inputs`, or None."""
    header = _header(inputs)
    try:
        with _path(folder, command).open("rb") as stored:
            if stored.read(len(header)) != header:
                return None
            shape, data = stored.readline(), stored.read()
    except OSError:
        return None
    try:
        exit_code, *lengths = map(int, shape.split())
    except ValueError:
        return None
    body = memoryview(data)[: -_CHECKSUM.size]
    if len(data) < _CHECKSUM.size or _CHECKSUM.unpack_from(data, len(body))[0] != zlib.crc32(body):
        return None
    try:
        text = str(body, "utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    if min(lengths, default=0) < 0 or sum(lengths) != len(text):
        return None
    ends = list(itertools.accumulate(lengths))
    return Replay(
        tuple(text[end - length : end] for end, length in zip(ends, lengths, strict=True)), exit_code
    )


def record(folder: Path, command: str, inputs: str, replay: Replay) -> None:
    """Keep `replay` for `command`, made from inputs of digest `inputs`; best effort, never raises.

    Only into an existing cache folder (the result cache makes it and its ignore files).
    """
    if not folder.is_dir():
        return
    shape = " ".join(map(str, (replay.exit_code, *map(len, replay.texts))))
    try:
        replace_atomically_bytes(
            _path(folder, command), _chunks(_header(inputs) + f"{shape}\n".encode(), replay.texts)
        )
    except OSError:
        return
    _prune(folder)


def _header(inputs: str) -> bytes:
    return f"{_HEADER} {FORMAT_VERSION} {inputs}\n".encode("ascii")


def _chunks(head: bytes, texts: tuple[str, ...]) -> Iterator[bytes]:
    """`head`, the texts in UTF-8 a chunk at a time, and the CRC-32 of those."""
    yield head
    checksum = 0
    for text in texts:
        for start in range(0, len(text), _CHUNK):  # a lone surrogate is one character: never split
            chunk = text[start : start + _CHUNK].encode("utf-8", "surrogatepass")
            checksum = zlib.crc32(chunk, checksum)
            yield chunk
    yield _CHECKSUM.pack(checksum)


def _path(folder: Path, command: str) -> Path:
    return folder / f"replay-{command}.bin"


def _prune(folder: Path) -> None:
    """Delete the replay files of commands that no run has recorded for `STALE_DAYS`."""
    limit = time.time() - STALE_DAYS * 86400
    for other in folder.glob("replay-*.bin"):
        try:
            if other.stat().st_mtime < limit:
                other.unlink()
        except OSError:
            continue
