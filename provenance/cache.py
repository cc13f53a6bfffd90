"""The result cache: an article's evaluation, reused while its content and the run's inputs stay the same.

Where: ``.provenance-cache/`` at the top of the repository (the folder holding ``.git``; without
one, the configuration's folder), with a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG`` inside,
so git and backup tools leave it alone. It is the only thing `check` writes beside its report.

What makes a result reusable:

- the *run key* (the file name): cache format, Python implementation (marshal's format is its
  own), tool version, a hash of the installed code, the effective rules (`RuleSet.fingerprint`:
  every pack file and severity override) and the whole site configuration. Change any of them
  and no old result is used.
- per file (an entry): the display path, the SHA-256 of the file's bytes, whether the
  configuration declares it republished, and the day, but only when the evaluation looked at
  today's date (an expiring permission or suppression): such an entry is valid that day only;
  every other entry stays valid across days.

A file's content is not re-read when its size, mtime, ctime and inode are those recorded with
the entry (git's index does the same); a stamp is recorded only once a file is older than
`RACY_SECONDS`, so an edit made in the same clock tick as the read cannot go unnoticed.

Format: one binary file per run key, ``results-<key>.bin``. Its first line names the format
and the key; then come records, each a head (CRC-32 of the path and body, their lengths), the
display path (UTF-8) and the body: the entry as `marshal` data of plain tuples (see
`provenance.cache_codec`; marshal rebuilds plain values only, it never runs anything). A later
record replaces an earlier one for the same path. Opening the file only indexes its records by
path; a record is checked and decoded when its file is looked up, so checking one file does not
pay for the whole site's results, and a new entry is encoded as soon as it is put, so a large
run holds bytes, not objects. A run appends the entries it changed, each write whole records,
and rewrites the file (temporary file and rename) when it holds more stale records than live
ones, or ends in a torn one. A record whose checksum or shape
is wrong is ignored and its file checked again: a torn or garbled cache costs time, never a
wrong result. Concurrent runs need no lock: appends are whole records in one write, a rename is
atomic, and the worst a race can do is drop entries. Anyone who can write the cache can forge
results, as they could edit the articles: do not restore a cache from an untrusted source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import marshal
import os
import struct
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance import __version__
from provenance.atomic import replace_atomically_bytes
from provenance.cache_codec import EvaluationDecoder, encode_evaluation
from provenance.evaluate import Evaluation

CACHE_FOLDER = ".provenance-cache"
FORMAT_VERSION = 2
RACY_SECONDS = 2
STALE_DAYS = 7  # result files of other run keys unused this long are deleted
_HEADER = "provenance-cache"
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# provenance's result cache\n"
_RECORD = struct.Struct("<III")  # a record's head: CRC-32 of path and body, path length, body length
FLUSH_BYTES = 4 << 20  # new records waiting past this are written: a cold run on a large site holds little
_MARSHAL = 4  # marshal's format with back-references: a string repeated in an entry is stored once

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def settled_stamp(stat: os.stat_result, now_ns: int) -> Stamp | None:
    """The stamp of a file untouched for `RACY_SECONDS`, else None (it could still change unseen)."""
    newest = max(stat.st_mtime_ns, stat.st_ctime_ns)
    return stamp_of(stat) if newest < now_ns - RACY_SECONDS * 1_000_000_000 else None


def run_key(ruleset_fingerprint: str, config_json: str) -> str:
    """The key of every result of a run with these rules and this configuration."""
    parts = [
        str(FORMAT_VERSION),
        sys.implementation.cache_tag or sys.version,
        __version__,
        code_fingerprint(),
        ruleset_fingerprint,
        config_json,
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def code_fingerprint() -> str:
    """A hash of the installed package's Python sources: an edited checkout never reuses old results."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    """One file's cached evaluation and the inputs it was computed from."""

    digest: str  # SHA-256 of the file's bytes
    stamp: Stamp | None  # a settled stat of the file, or None
    declared_republished: bool
    day: str | None  # ISO date when the evaluation depended on it
    evaluation: Evaluation

    def valid_for(self, declared_republished: bool, today: dt.date) -> bool:
        return self.declared_republished == declared_republished and self.day in (None, today.isoformat())


class ResultCache:
    """The entries of one run key: indexed when opened, checked and decoded when used, written by `save`."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.path = folder / f"results-{key[:32]}.bin"
        self._header = f"{_HEADER} {FORMAT_VERSION} {key}\n".encode("ascii")
        self._stored: dict[str, tuple[int, bytes]] = {}  # path -> checksum and body, as read
        self._changed: dict[str, bytes] = {}  # path -> its new record, encoded when put, not written yet
        self._pending = 0  # bytes in `_changed`
        self._stored_records = 0  # records in the file, stale ones included
        self._decoder = EvaluationDecoder()
        self._rewrite = True
        self._failed = False  # a write failed: nothing more is written this run
        self._appending = False  # written once this run: the file holds every live record, append the rest
        self._read()

    def get(self, display_path: str) -> Entry | None:
        """The entry stored for `display_path`, or None (none, or damaged)."""
        if display_path in self._changed:
            return self._decode(display_path, *_unframe(self._changed[display_path]))
        stored = self._stored.get(display_path)
        return self._decode(display_path, *stored) if stored is not None else None

    def put(self, display_path: str, entry: Entry) -> None:
        """Record `entry`; written by `save`, or earlier once `FLUSH_BYTES` of new records are waiting."""
        record = _record(display_path, entry)  # bytes: a large run holds no objects
        self._pending += len(record) - len(self._changed.get(display_path, b""))
        self._changed[display_path] = record
        if self._pending >= FLUSH_BYTES:
            self._write()

    def save(self) -> None:
        """Write the changed entries; this ends the cache's use (its memory is freed).

        A cache that cannot be written is left as it is.
        """
        try:
            self._write()
        finally:
            self._stored.clear()
            self._changed.clear()
        if not self._failed:
            self._prune()

    def _write(self) -> None:
        """Write the records waiting: the whole file the first time when it must be (re)made, else appended.

        After the first write the file holds every live record, so later ones are always appends.
        """
        if (not self._changed and not self._rewrite) or self._failed:
            return
        try:
            self._prepare_folder()
            stale = self._stored_records + len(self._changed) > 2 * self._live() + 100
            if not self._appending and (self._rewrite or stale):
                replace_atomically_bytes(self.path, itertools.chain([self._header], self._live_records()))
                self._stored_records = self._live()
                self._rewrite = False
            else:
                self._append(b"".join(self._changed.values()))
                self._stored_records += len(self._changed)
        except OSError:
            self._failed = True
        self._appending = True
        for path in self._changed:  # written this run (or failed to be): the old record is no answer
            self._stored.pop(path, None)
        self._changed.clear()
        self._pending = 0

    def _decode(self, display_path: str, checksum: int, body: bytes) -> Entry | None:
        """The entry a stored record holds, or None when its checksum or shape is wrong."""
        try:
            if _checksum(display_path, body) != checksum:
                return None
            digest, stamp, declared, day, evaluation = marshal.loads(body)
            if not (type(digest) is str and type(declared) is bool and (day is None or type(day) is str)):
                return None
            return Entry(digest, _stamp(stamp), declared, day, self._decoder(evaluation))
        except (EOFError, KeyError, TypeError, ValueError):
            return None

    def _read(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        if data.startswith(self._header):
            self._rewrite = not self._index(data, len(self._header))

    def _index(self, data: bytes, offset: int) -> bool:
        """Index the records of `data` from `offset` by path; False when the last one is torn."""
        end, head_size, unpack_head, stored = len(data), _RECORD.size, _RECORD.unpack_from, self._stored
        while offset < end:
            if offset + head_size > end:
                return False
            checksum, path_size, body_size = unpack_head(data, offset)
            path_start = offset + head_size
            body_start = path_start + path_size
            offset = body_start + body_size
            if offset > end:
                return False
            try:
                path = data[path_start:body_start].decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:
                return False
            stored[path] = (checksum, data[body_start:offset])
            self._stored_records += 1
        return True

    def _live(self) -> int:
        """How many paths have an entry, written or about to be."""
        return len(self._stored) + sum(1 for path in self._changed if path not in self._stored)

    def _live_records(self) -> Iterator[bytes]:
        """Every live entry's record: the intact stored ones as read, then the new ones."""
        for path, (checksum, body) in self._stored.items():
            if path not in self._changed and _checksum(path, body) == checksum:
                yield _frame(path, checksum, body)
        yield from self._changed.values()

    def _prepare_folder(self) -> None:
        self.folder.mkdir(exist_ok=True)
        for name, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            if not (self.folder / name).exists():
                (self.folder / name).write_text(text, encoding="utf-8")

    def _append(self, records: bytes) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, records)  # one write: whole records, even with a concurrent run
        finally:
            os.close(fd)

    def _prune(self) -> None:
        """Delete result files of other run keys (or formats) that no run has used for `STALE_DAYS`."""
        limit = time.time() - STALE_DAYS * 86400
        for other in self.folder.glob("results-*"):
            try:
                if other != self.path and other.stat().st_mtime < limit:
                    other.unlink()
            except OSError:
                continue


def _encoded_path(display_path: str) -> bytes:
    return display_path.encode("utf-8", "surrogatepass")  # any path round-trips


def _checksum(display_path: str, body: bytes) -> int:
    return zlib.crc32(body, zlib.crc32(_encoded_path(display_path)))


def _frame(display_path: str, checksum: int, body: bytes) -> bytes:
    path = _encoded_path(display_path)
    return _RECORD.pack(checksum, len(path), len(body)) + path + body


def _unframe(record: bytes) -> tuple[int, bytes]:
    """The checksum and body of a record made by `_frame`."""
    checksum, path_size, _ = _RECORD.unpack_from(record)
    return checksum, record[_RECORD.size + path_size :]


def _record(display_path: str, entry: Entry) -> bytes:
    """The record of `entry`: head, path and body (the entry as marshal data)."""
    stored = (
        entry.digest,
        entry.stamp,
        entry.declared_republished,
        entry.day,
        encode_evaluation(entry.evaluation),
    )
    body = marshal.dumps(stored, _MARSHAL)
    return _frame(display_path, _checksum(display_path, body), body)


def _stamp(value: Any) -> Stamp | None:
    """A stored stamp (only compared with a file's: a wrong one just means the file is read again)."""
    if value is not None and (type(value) is not tuple or len(value) != 4):
        raise ValueError("not a stamp")
    stamp: Stamp | None = value
    return stamp
