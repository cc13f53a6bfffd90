"""The result cache: an article's evaluation, reused while its content and the run's inputs stay the same.

Where: ``.provenance-cache/`` at the top of the repository (the folder holding ``.git``; without
one, the configuration's folder), with a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG`` inside,
so git and backup tools leave it alone. It is the only thing `check` writes beside its report.

What makes a result reusable:

- the *run key* (the file name): cache format, Python implementation (marshal's format is its
  own), tool version, a hash of the installed code, the rules (`RuleInputs.fingerprint`: the
  text of every pack file and the severity overrides) and the whole site configuration. Change
  any of them and no old result is used. A result file is written only by a run that validated
  those rules and that configuration, so its presence proves them valid (`results_recorded`):
  a run whose files are all cached needs neither validation nor the checks.
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
`provenance.cache_codec`; marshal rebuilds plain values only, it never runs anything), with its
per-rule outcomes apart, as marshal data of their own within it: only audits read them, so a
cache opened without them neither loads nor decodes them. A later record replaces an earlier
one for the same path. Before its first look-up the file is read and its records indexed by
path (where each starts); a record is checked and decoded when its file is looked up, and a new
entry is encoded as soon as it is put, so a large run holds bytes, not objects. A run that
looks up only a few paths in a large file (a pre-commit hook on a commit's files: see
`ResultCache.plan`) neither reads nor indexes it: it maps it and searches it from its end for
each path, taking the last record whose head and checksum are intact, so checking one article
of an archive does not pay for the whole archive's results. A run appends the entries it changed,
each write whole records, and rewrites the file (temporary file and rename) when it holds more
stale records than live ones, or ends in a torn one. A record whose checksum or shape is wrong
is ignored and its file checked again: a torn or garbled cache costs time, never a wrong
result. Concurrent runs need no lock: appends are whole records in one write, a rename is
atomic, and the worst a race can do is drop entries. Anyone who can write the cache can forge
results, as they could edit the articles: do not restore a cache from an untrusted source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import marshal
import mmap
import os
import struct
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from provenance import __version__
from provenance.atomic import replace_atomically_bytes
from provenance.cache_codec import EvaluationDecoder, encode_evaluation, join_outcomes, split_outcomes

if TYPE_CHECKING:
    from provenance.model import Evaluation

CACHE_FOLDER = ".provenance-cache"
FORMAT_VERSION = 3  # 3: per-rule outcomes stored apart in each record
RACY_SECONDS = 2
STALE_DAYS = 7  # result files of other run keys unused this long are deleted
_HEADER = "provenance-cache"
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# provenance's result cache\n"
_RECORD = struct.Struct("<III")  # a record's head: CRC-32 of path and body, path length, body length
FLUSH_BYTES = 4 << 20  # new records waiting past this are written: a cold run on a large site holds little
SEARCH_LIMIT = 8  # a run looking up at most this many paths searches a large file for them, not indexing it
SEARCH_MIN_BYTES = 1 << 20  # smaller files (about 1,000 articles) are indexed: it takes a millisecond or two
_MARSHAL = 4  # marshal's format with back-references: a string repeated in an entry is stored once

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
_Fields = tuple[str, Stamp | None, bool, str | None, Any, bytes]  # a record's: evaluation still as data


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


def results_recorded(folder: Path, key: str) -> bool:
    """Whether `folder` holds a result file of run key `key` (its first line naming that very key)."""
    header = _header(key)
    try:
        with _results_path(folder, key).open("rb") as results:
            return results.read(len(header)) == header
    except OSError:
        return False


def code_fingerprint() -> str:
    """A hash of the installed package's Python sources: an edited checkout never reuses old results."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _python_sources(package):
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    return digest.hexdigest()


def _python_sources(package: Path) -> list[str]:
    """The POSIX paths of the ``.py`` files below `package`, relative to it, sorted (`os.walk`: a
    fraction of the time of `Path.rglob`, which every run, even of one file, would pay)."""
    found: list[str] = []
    for folder, _, names in os.walk(package):
        prefix = Path(folder).relative_to(package).as_posix() + "/"
        found += [(prefix + name).removeprefix("./") for name in names if name.endswith(".py")]
    return sorted(found)


class Entry(NamedTuple):
    """One file's cached evaluation and the inputs it was computed from.

    A named tuple, not a frozen dataclass: a warm run builds one per file, and a frozen
    dataclass's initializer took ten times as long (13 ms for 10,000 files).
    """

    digest: str  # SHA-256 of the file's bytes
    stamp: Stamp | None  # a settled stat of the file, or None
    declared_republished: bool
    day: str | None  # ISO date when the evaluation depended on it
    evaluation: Evaluation
    complete: bool = True  # False: read without its per-rule outcomes

    def valid_for(self, declared_republished: bool, today: dt.date) -> bool:
        if self.declared_republished != declared_republished:
            return False
        return self.day is None or self.day == today.isoformat()


class ResultCache:
    """The entries of one run key: indexed (or searched) when first used, written by `save`.

    Opened with `keep_outcomes` False, its entries come without their summaries' per-rule
    outcomes (not even decoded: most of the work of a warm run otherwise); such an entry cannot
    be put back, but `restamp` records it again whole.
    """

    def __init__(self, folder: Path, key: str, *, keep_outcomes: bool = True) -> None:
        self.folder = folder
        self.keep_outcomes = keep_outcomes
        self.path = _results_path(folder, key)
        self.recorded = results_recorded(folder, key)  # the file held results of this key when opened
        self._header = _header(key)
        self._data: bytes | mmap.mmap = b""  # the file as read (or mapped, when searched)
        self._loaded = False  # `_data` read (and indexed, unless searched)
        self._searching = False  # records found by searching `_data`, not by the index (`plan`)
        self._stored: dict[str, int] = {}  # path -> where its latest record starts in `_data`
        self._changed: dict[str, bytes] = {}  # path -> its new record, encoded when put, not written yet
        self._pending = 0  # bytes in `_changed`
        self._stored_records = 0  # records in the file, stale ones included
        self._decoder = EvaluationDecoder()
        self._rewrite = True
        self._failed = False  # a write failed: nothing more is written this run
        self._appending = False  # written once this run: the file holds every live record, append the rest

    def plan(self, lookups: int) -> None:
        """Say, before the first look-up, how many paths this run will look up.

        Up to `SEARCH_LIMIT`, in a file of `SEARCH_MIN_BYTES` or more, each is found by
        searching the file from its end rather than by indexing every record first: one article
        of a 100,000-article site then costs tens of milliseconds, not the 0.3 s of reading and
        indexing the whole file. Such a run appends
        what it puts and leaves compacting and repairing the file to the next larger run. The
        last intact record of a path answers, where the index takes the last record and
        answers nothing when it is damaged: an older intact record still holds the result for
        the content it was recorded with, reused only while the file's stamp or digest matches.
        """
        if self._loaded or lookups > SEARCH_LIMIT:
            return
        try:
            self._searching = self.path.stat().st_size >= SEARCH_MIN_BYTES
        except OSError:
            return

    def get(self, display_path: str) -> Entry | None:
        """The entry stored for `display_path`, or None (none, or damaged)."""
        fields = self._record_fields(display_path)
        return None if fields is None else _entry(fields, self._decoder, self.keep_outcomes)

    def put(self, display_path: str, entry: Entry) -> None:
        """Record `entry`; written by `save`, or earlier once `FLUSH_BYTES` of new records are waiting."""
        if not entry.complete:
            raise ValueError(f"{display_path}: an entry read without its outcomes cannot be put (restamp it)")
        self.put_encoded(display_path, encode_entry(entry))  # bytes: a large run holds no objects

    def put_encoded(self, display_path: str, encoded: bytes) -> None:
        """Record an entry `encode_entry` made (in a worker process: the main one only stores it)."""
        self._add(display_path, _frame(display_path, encoded))

    def restamp(self, display_path: str, digest: str, stamp: Stamp | None) -> None:
        """Record the entry stored for `display_path` with `stamp`, if it is still that of `digest`.

        For a file found with the content of its entry but another stat: the result stands, so
        it is recorded again from its stored data, neither decoded nor encoded again.
        """
        fields = self._record_fields(display_path)
        if fields is not None and fields[0] == digest and fields[1] != stamp:
            body = marshal.dumps((digest, stamp, *fields[2:]), _MARSHAL)
            self._add(display_path, _frame(display_path, body))

    def save(self) -> None:
        """Write the changed entries; this ends the cache's use (its memory is freed).

        A cache that cannot be written is left as it is.
        """
        try:
            self._write()
        finally:
            self._release()
            self._stored.clear()
            self._changed.clear()
        if not self._failed:
            self._prune()

    def _write(self) -> None:
        """Write the records waiting: the whole file the first time when it must be (re)made, else appended.

        After the first write the file holds every live record, so later ones are always appends.
        """
        if self._failed:
            return
        self._load()  # a rewrite keeps the records stored
        if not self._changed and not self._rewrite:
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

    def _add(self, display_path: str, record: bytes) -> None:
        self._pending += len(record) - len(self._changed.get(display_path, b""))
        self._changed[display_path] = record
        if self._pending >= FLUSH_BYTES:
            self._write()

    def _record_fields(self, display_path: str) -> _Fields | None:
        """The fields of the record of `display_path` (evaluation and outcomes still as data), or None.

        None also when the record's checksum or shape is wrong.
        """
        record = self._changed.get(display_path)
        if record is not None:
            body = _intact_body(record, 0)
        else:
            self._load()
            offset = self._search(display_path) if self._searching else self._stored.get(display_path)
            if offset is None:
                return None
            body = _intact_body(self._data, offset)
        return None if body is None else _fields(body)

    def _load(self) -> None:
        """Read the file and index its records, or map it to search it (`plan`), once."""
        if self._loaded:
            return
        self._loaded = True
        if self._searching:
            self._map()
            return
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        if data.startswith(self._header):
            self._data = data
            self._rewrite = not self._index(len(self._header))

    def _map(self) -> None:
        try:
            with self.path.open("rb") as handle:
                data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # no file, or an empty one
            return
        if data[: len(self._header)] == self._header:
            self._data, self._rewrite = data, False
        else:
            data.close()

    def _search(self, display_path: str) -> int | None:
        """Where the last intact record of `display_path` starts in `_data`, searched from its end."""
        data, path = self._data, display_path.encode("utf-8", "surrogatepass")
        first, end = len(self._header) + _RECORD.size, len(data)
        while (found := data.rfind(path, first, end)) >= 0:
            start = found - _RECORD.size
            _, path_size, body_size = _RECORD.unpack_from(data, start)
            whole = path_size == len(path) and found + path_size + body_size <= len(data)
            if whole and _intact_body(data, start) is not None:
                return start
            end = found + len(path) - 1  # the occurrences that start before this one
        return None

    def _release(self) -> None:
        """Drop the file's data (unmapping it, if mapped)."""
        data, self._data = self._data, b""
        if isinstance(data, mmap.mmap):
            data.close()

    def _index(self, offset: int) -> bool:
        """Index the records of `_data` from `offset` by path; False when the last one is torn.

        Only their heads and paths are read: a record is checked when it is used.
        """
        data, head_size, unpack_head, stored = self._data, _RECORD.size, _RECORD.unpack_from, self._stored
        end = len(data)
        while offset < end:
            if offset + head_size > end:
                return False
            _, path_size, body_size = unpack_head(data, offset)
            path_start = offset + head_size
            body_start = path_start + path_size
            if body_start + body_size > end:
                return False
            try:
                path = data[path_start:body_start].decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:
                return False
            stored[path] = offset
            offset = body_start + body_size
            self._stored_records += 1
        return True

    def _live(self) -> int:
        """How many paths have an entry, written or about to be."""
        return len(self._stored) + sum(1 for path in self._changed if path not in self._stored)

    def _live_records(self) -> Iterator[bytes]:
        """Every live entry's record: the intact stored ones as read, then the new ones."""
        for path, offset in self._stored.items():
            if path not in self._changed and _intact_body(self._data, offset) is not None:
                yield _record_at(self._data, offset)
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


def _results_path(folder: Path, key: str) -> Path:
    return folder / f"results-{key[:32]}.bin"


def _header(key: str) -> bytes:
    """The first line of the result file of `key`: the format and the whole key."""
    return f"{_HEADER} {FORMAT_VERSION} {key}\n".encode("ascii")


def _frame(display_path: str, body: bytes) -> bytes:
    """The record of `body` for `display_path`: head, path and body."""
    path = display_path.encode("utf-8", "surrogatepass")  # any path round-trips
    return _RECORD.pack(zlib.crc32(body, zlib.crc32(path)), len(path), len(body)) + path + body


def _record_at(data: bytes | mmap.mmap, offset: int) -> bytes:
    """The whole record that starts at `offset` of `data` (indexed: it is there whole)."""
    _, path_size, body_size = _RECORD.unpack_from(data, offset)
    return data[offset : offset + _RECORD.size + path_size + body_size]


def _intact_body(data: bytes | mmap.mmap, offset: int) -> memoryview | None:
    """The body of the record at `offset` of `data` (a view: not copied), or None when its
    checksum (of path and body) is wrong."""
    checksum, path_size, body_size = _RECORD.unpack_from(data, offset)
    start = offset + _RECORD.size
    checked = memoryview(data)[start : start + path_size + body_size]
    return checked[path_size:] if zlib.crc32(checked) == checksum else None


def encode_entry(entry: Entry) -> bytes:
    """The body of `entry`'s record: the entry as marshal data, its per-rule outcomes apart.

    Worker processes encode their results so: the main process stores the bytes as they are,
    and decodes only what its report shows (`decode_entry`).
    """
    evaluation, outcomes = split_outcomes(encode_evaluation(entry.evaluation))
    stored = (
        entry.digest,
        entry.stamp,
        entry.declared_republished,
        entry.day,
        evaluation,
        marshal.dumps(outcomes, _MARSHAL),
    )
    return marshal.dumps(stored, _MARSHAL)


def decode_entry(encoded: bytes, decoder: EvaluationDecoder, keep_outcomes: bool) -> Entry | None:
    """The entry `encode_entry` made `encoded` from, with or without its outcomes; None if damaged."""
    fields = _fields(encoded)
    return None if fields is None else _entry(fields, decoder, keep_outcomes)


def _fields(body: bytes | memoryview) -> _Fields | None:
    """A record body's fields (evaluation and outcomes still as data), or None for another shape."""
    try:
        digest, stamp, declared, day, evaluation, outcomes = marshal.loads(body)
    except (EOFError, TypeError, ValueError):
        return None
    if not (
        type(digest) is str
        and _is_stamp(stamp)
        and type(declared) is bool
        and (day is None or type(day) is str)
        and type(outcomes) is bytes
    ):
        return None
    return digest, stamp, declared, day, evaluation, outcomes


def _entry(fields: _Fields, decoder: EvaluationDecoder, keep_outcomes: bool) -> Entry | None:
    """The entry of a record's `fields`; its outcomes decoded only when kept. None if damaged."""
    digest, stamp, declared, day, evaluation, outcomes = fields
    try:
        if keep_outcomes:
            evaluation = join_outcomes(evaluation, marshal.loads(outcomes))
        return Entry(digest, stamp, declared, day, decoder(evaluation), keep_outcomes)
    except (EOFError, KeyError, TypeError, ValueError):
        return None


def _is_stamp(value: Any) -> bool:
    """Whether `value` is a stored stamp (only compared with a file's: a wrong one means a re-read)."""
    return value is None or (type(value) is tuple and len(value) == 4)
