"""The result cache: an article's evaluation, reused while its content and the run's inputs stay the same.

Where: ``.provenance-cache/`` at the top of the repository (the folder holding ``.git``; without
one, the configuration's folder), with a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG`` inside,
so git and backup tools leave it alone. It is the only thing `check` writes beside its report (with
the replay files of `provenance.replay`).

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
and the key; then come records, each holding a group of entries: a head (``<III>``: CRC-32 of
the paths block and the body, their lengths), the paths block (for each entry in turn, its
display path as UTF-8, a NUL, and a ``<I`` back-pointer: the offset from the record's start to
that path's; a display path holds no NUL) and the body: a tuple with one entry per path, as
`marshal` data of plain tuples (see `provenance.cache_codec`; marshal rebuilds plain values only,
it never runs anything), each entry's per-rule outcomes apart, as marshal data of their own
within it: only audits read them, so a cache opened without them neither loads nor decodes
them. A run writes the entries it changed in the order it put them (its files' order, the order
the next run looks them up in), `GROUP_ENTRIES` to a record: one checksum and one load per
group, and the strings every entry repeats (rule ids, messages, fixes) stored once per group.
A later record replaces an earlier one for the same path. Before its first look-up the file is
read and its records indexed by path (where its record starts, its place in it); a record is
checked and its body loaded when one of its paths is looked up, and kept until another record
is needed, so a large run holds a record at a time; a new entry is kept as loaded data until
written. A run that looks up only a few paths in a large file (a pre-commit hook on a commit's
files: see `ResultCache.plan`) neither reads nor indexes it: it maps it and searches it from
its end for each path followed by NUL, taking the last record whose head, checksum and paths
block are intact and whose paths block holds that path at that very place (its back-pointer
leads to the record's start), so checking one article of an archive does not pay for the whole
archive's results. A run appends the entries it changed, each write whole records, and
rewrites the file (temporary file and rename) when it holds more stale entries than live ones,
or ends in a torn one: a record whose entries are all still the latest is copied as it is, the
live entries of the others are grouped again with the new ones. A record whose checksum or
shape is wrong loses its own entries (an entry of the wrong shape, itself only), and its files
are checked again: a torn or garbled cache costs time, never a wrong result. Concurrent runs
need no lock: appends are whole records in one write, a rename is atomic, and the worst a race
can do is drop entries. Anyone who can write the cache can forge results, as they could edit
the articles: do not restore a cache from an untrusted source.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import marshal
import mmap
import os
import struct
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from provenance import __version__
from provenance.atomic import replace_atomically_bytes
from provenance.cache_codec import EvaluationDecoder, encode_evaluation, join_outcomes, split_outcomes

if TYPE_CHECKING:
    from provenance.model import Evaluation

CACHE_FOLDER = ".provenance-cache"
FORMAT_VERSION = 4  # 4: entries stored in groups, one record per group
RACY_SECONDS = 2
STALE_DAYS = 7  # result files of other run keys unused this long are deleted
_HEADER = "provenance-cache"
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# provenance's result cache\n"
_RECORD = struct.Struct("<III")  # a record's head: CRC-32 of paths block and body, their lengths
_POINTER = struct.Struct("<I")  # after each path and its NUL: from the record's start to the path's
GROUP_ENTRIES = 64  # entries written to one record (at most): one checksum, one marshal load, strings shared
FLUSH_BYTES = 256 << 10  # new entries waiting past this (about) are written: a cold run holds few
SEARCH_LIMIT = 8  # a run looking up at most this many paths searches a large file for them, not indexing it
SEARCH_MIN_BYTES = 1 << 20  # smaller files (about 1,000 articles) are indexed: it takes a millisecond or two
_MARSHAL = 4  # marshal's format with back-references: a string repeated in an entry is stored once

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
Fields = tuple[str, Stamp | None, bool, str | None, Any, bytes]  # an entry's: evaluation still as data
_Place = tuple[int, int, int]  # an entry's place: record start, position in it, record's entries
_ENTRY_BYTES = 1024  # about an entry's encoded size besides its outcomes: how `put` and `restamp` count it


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def settled_stamp(stat: os.stat_result, now_ns: int) -> Stamp | None:
    """The stamp of a file untouched for `RACY_SECONDS`, else None (it could still change unseen)."""
    stamp = stamp_of(stat)
    return stamp if is_settled(stamp, now_ns) else None


def is_settled(stamp: Stamp, now_ns: int) -> bool:
    """Whether the file of `stamp` was untouched for `RACY_SECONDS` (its content cannot change unseen)."""
    return max(stamp[1], stamp[2]) < now_ns - RACY_SECONDS * 1_000_000_000


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


@functools.cache  # a run asks twice when it has a configuration file (to know it proven, to open the cache)
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
        self.key = key
        self.keep_outcomes = keep_outcomes
        self.path = _results_path(folder, key)
        self.recorded = results_recorded(folder, key)  # the file held results of this key when opened
        self._header = _header(key)
        self._data: bytes | mmap.mmap = b""  # the file as read (or mapped, when searched)
        self._loaded = False  # `_data` read (and indexed, unless searched)
        self._searching = False  # records found by searching `_data`, not by the index (`plan`)
        self._stored: dict[str, _Place] = {}  # path -> where its latest entry is in `_data`
        self._changed: dict[str, tuple[Fields, int]] = {}  # path -> a new entry, about its size
        self._pending = 0  # bytes (about) in `_changed`
        self._stored_entries = 0  # entries in the file, stale ones included
        self._group: tuple[int, tuple[Any, ...] | None] = (-1, None)  # last record decoded: start, entries
        self._decoder = EvaluationDecoder()
        self._rewrite = True
        self._failed = False  # a write failed: nothing more is written this run
        self._appending = False  # written once this run: the file holds every live entry, append the rest

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
        fields = self._entry_fields(display_path)
        return None if fields is None else entry_of(fields, self._decoder, self.keep_outcomes)

    def put(self, display_path: str, entry: Entry) -> None:
        """Record `entry`; written by `save`, or earlier once `FLUSH_BYTES` of new entries are waiting."""
        if not entry.complete:
            raise ValueError(f"{display_path}: an entry read without its outcomes cannot be put (restamp it)")
        fields = entry_fields(entry)
        self._add(display_path, fields, _ENTRY_BYTES + len(fields[5]))  # not encoded twice to be measured

    def put_fields(self, display_path: str, fields: Fields, size: int) -> None:
        """Record an entry as `load_fields` returns it (sent by a worker, `size` bytes encoded)."""
        self._add(display_path, fields, size)

    def restamp(self, display_path: str, digest: str, stamp: Stamp | None) -> None:
        """Record the entry stored for `display_path` with `stamp`, if it is still that of `digest`.

        For a file found with the content of its entry but another stat: the result stands, so
        it is recorded again from its stored data, not decoded.
        """
        fields = self._entry_fields(display_path)
        if fields is not None and fields[0] == digest and fields[1] != stamp:
            self._add(display_path, (digest, stamp, *fields[2:]), _ENTRY_BYTES + len(fields[5]))

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
            self._group = (-1, None)
        if not self._failed:
            self._prune()

    def _write(self) -> None:
        """Write the entries waiting: the whole file the first time when it must be (re)made, else appended.

        After the first write the file holds every live entry, so later ones are always appends.
        """
        if self._failed:
            return
        self._load()  # a rewrite keeps the entries stored
        if not self._changed and not self._rewrite:
            return
        try:
            self._prepare_folder()
            stale = self._stored_entries + len(self._changed) > 2 * self._live() + 100
            if not self._appending and (self._rewrite or stale):
                replace_atomically_bytes(self.path, itertools.chain([self._header], self._live_records()))
                self._stored_entries = self._live()
                self._rewrite = False
            else:
                self._append(b"".join(_group_records(self._changed_entries())))
                self._stored_entries += len(self._changed)
        except OSError:
            self._failed = True
        self._appending = True
        for path in self._changed:  # written this run (or failed to be): the old entry is no answer
            self._stored.pop(path, None)
        self._changed.clear()
        self._pending = 0

    def _add(self, display_path: str, fields: Fields, size: int) -> None:
        if "\0" in display_path:  # the format delimits paths with NUL (a display path holds none)
            return
        previous = self._changed.get(display_path)
        self._pending += size - (previous[1] if previous is not None else 0)
        self._changed[display_path] = (fields, size)
        if self._pending >= FLUSH_BYTES:
            self._write()

    def _changed_entries(self) -> Iterator[tuple[str, Fields]]:
        return ((path, fields) for path, (fields, _) in self._changed.items())

    def _entry_fields(self, display_path: str) -> Fields | None:
        """The fields of the entry of `display_path` (evaluation and outcomes still as data), or None.

        None also when its record's checksum or shape is wrong.
        """
        changed = self._changed.get(display_path)
        if changed is not None:
            return changed[0]
        self._load()
        place = self._search(display_path) if self._searching else self._stored.get(display_path)
        return None if place is None else self._stored_fields(place)

    def _stored_fields(self, place: _Place) -> Fields | None:
        """The fields of the entry at `place`, or None when its record or its shape is wrong."""
        start, position, count = place
        group_start, entries = self._group
        if group_start != start:  # look-ups come in file order: each record is decoded once
            entries = _group_entries(self._data, start, count)
            self._group = (start, entries)
        return None if entries is None else _shaped(entries[position])

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

    def _search(self, display_path: str) -> _Place | None:
        """Where the last intact record of `display_path` holds its entry, searched from the end.

        A hit counts only inside an intact record's paths block, at the very place its back-pointer
        and the block's own parse agree on: the same bytes elsewhere (in a body) are passed over.
        """
        data, path = self._data, display_path.encode("utf-8", "surrogatepass") + b"\0"
        first, end = len(self._header), len(data)
        while (found := data.rfind(path, first, end)) >= 0:
            end = found + len(path) - 1  # next, the occurrences that start before this one
            pointer_end = found + len(path) + _POINTER.size
            if pointer_end > len(data):
                continue
            start = found - _POINTER.unpack_from(data, found + len(path))[0]
            if start < first or start + _RECORD.size > found:
                continue
            _, paths_size, body_size = _RECORD.unpack_from(data, start)
            paths_end = start + _RECORD.size + paths_size
            if pointer_end > paths_end or paths_end + body_size > len(data):
                continue
            if _intact_body(data, start) is None:
                continue
            paths = _paths_block(data, start, paths_size)
            position = None if paths is None else _position(paths, found - start, display_path)
            if paths is not None and position is not None:
                return start, position, len(paths)
        return None

    def _release(self) -> None:
        """Drop the file's data (unmapping it, if mapped)."""
        data, self._data = self._data, b""
        if isinstance(data, mmap.mmap):
            data.close()

    def _index(self, offset: int) -> bool:
        """Index the entries of `_data`'s records from `offset` by path; False when the last one is torn.

        Only their heads and paths blocks are read: a record is checked when it is used. A record
        whose paths block does not parse is passed over.
        """
        data, head_size, unpack_head, stored = self._data, _RECORD.size, _RECORD.unpack_from, self._stored
        end = len(data)
        while offset < end:
            if offset + head_size > end:
                return False
            _, paths_size, body_size = unpack_head(data, offset)
            record_end = offset + head_size + paths_size + body_size
            if record_end > end:
                return False
            paths = _paths_block(data, offset, paths_size)
            if paths is not None:
                count = len(paths)
                for position, path in enumerate(paths):
                    stored[path] = (offset, position, count)
                self._stored_entries += count
            offset = record_end
        return True

    def _live(self) -> int:
        """How many paths have an entry, written or about to be."""
        return len(self._stored) + sum(1 for path in self._changed if path not in self._stored)

    def _live_records(self) -> Iterator[bytes]:
        """Every live entry's record: a stored record whose entries all live on as read, the
        other live entries (of partly stale records, then the new ones) grouped again."""
        live: dict[int, int] = {}  # record start -> how many of its entries are still the latest
        counts: dict[int, int] = {}  # record start -> how many entries it holds
        for path, (start, _, count) in self._stored.items():
            counts[start] = count
            if path not in self._changed:
                live[start] = live.get(start, 0) + 1
        whole = {start for start, count in counts.items() if live.get(start) == count}
        for start in sorted(whole):
            if _intact_body(self._data, start) is not None:
                yield _record_at(self._data, start)
        yield from _group_records(itertools.chain(self._regrouped(whole), self._changed_entries()))

    def _regrouped(self, whole: set[int]) -> Iterator[tuple[str, Fields]]:
        """The live stored entries of records not copied whole, each still intact and well shaped."""
        for path, place in self._stored.items():
            if place[0] not in whole and path not in self._changed:
                fields = self._stored_fields(place)
                if fields is not None:
                    yield path, fields

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


def _group_records(entries: Iterable[tuple[str, Fields]]) -> Iterator[bytes]:
    """The records of `entries`, `GROUP_ENTRIES` to a record, in their order."""
    iterator = iter(entries)
    while group := list(itertools.islice(iterator, GROUP_ENTRIES)):
        yield _group_record([path for path, _ in group], tuple(fields for _, fields in group))


def _group_record(paths: list[str], entries: tuple[Fields, ...]) -> bytes:
    """The record of `entries` for `paths`: head, paths block and body."""
    block = bytearray()
    for path in paths:
        pointer = _RECORD.size + len(block)  # from the record's start to this path's (any path round-trips)
        block += path.encode("utf-8", "surrogatepass") + b"\0" + _POINTER.pack(pointer)
    body = marshal.dumps(entries, _MARSHAL)
    return _RECORD.pack(zlib.crc32(body, zlib.crc32(block)), len(block), len(body)) + block + body


def _paths_block(data: bytes | mmap.mmap, start: int, size: int) -> list[str] | None:
    """The paths of the record at `start` (its paths block `size` bytes long), or None unless
    each ends in NUL and a back-pointer to itself."""
    paths: list[str] = []
    at = start + _RECORD.size
    end = at + size
    find, unpack, pointer_size = data.find, _POINTER.unpack_from, _POINTER.size
    while at < end:
        nul = find(b"\0", at, end)
        if nul < 0 or nul + 1 + pointer_size > end or unpack(data, nul + 1)[0] != at - start:
            return None
        try:
            paths.append(data[at:nul].decode("utf-8", "surrogatepass"))
        except UnicodeDecodeError:
            return None
        at = nul + 1 + pointer_size
    return paths


def _position(paths: list[str], place: int, path: str) -> int | None:
    """The position of `path` in `paths` (a paths block) if it starts at `place` of its record."""
    at = _RECORD.size
    for position, stored in enumerate(paths):
        if at == place:
            return position if stored == path else None
        at += len(stored.encode("utf-8", "surrogatepass")) + 1 + _POINTER.size
    return None


def _group_entries(data: bytes | mmap.mmap, start: int, count: int) -> tuple[Any, ...] | None:
    """The entries of the record at `start` (as marshal loads them, each shape unchecked), or
    None when its checksum is wrong or it holds another number of them than its `count` paths."""
    body = _intact_body(data, start)
    if body is None:
        return None
    try:
        entries = marshal.loads(body)
    except (EOFError, TypeError, ValueError):
        return None
    return entries if type(entries) is tuple and len(entries) == count else None


def _record_at(data: bytes | mmap.mmap, offset: int) -> bytes:
    """The whole record that starts at `offset` of `data` (indexed: it is there whole)."""
    _, paths_size, body_size = _RECORD.unpack_from(data, offset)
    return data[offset : offset + _RECORD.size + paths_size + body_size]


def _intact_body(data: bytes | mmap.mmap, offset: int) -> memoryview | None:
    """The body of the record at `offset` of `data` (a view: not copied), or None when its
    checksum (of paths block and body) is wrong."""
    checksum, paths_size, body_size = _RECORD.unpack_from(data, offset)
    start = offset + _RECORD.size
    checked = memoryview(data)[start : start + paths_size + body_size]
    return checked[paths_size:] if zlib.crc32(checked) == checksum else None


def entry_fields(entry: Entry) -> Fields:
    """`entry` as a record stores it: plain data, its per-rule outcomes apart as marshal data."""
    evaluation, outcomes = split_outcomes(encode_evaluation(entry.evaluation))
    outcome_data = marshal.dumps(outcomes, _MARSHAL)
    return entry.digest, entry.stamp, entry.declared_republished, entry.day, evaluation, outcome_data


def encode_entry(entry: Entry) -> bytes:
    """`entry` as marshal data (`load_fields` reads it back).

    Worker processes encode their results so: the main process loads each once, to store it as
    it is and to decode only what its report shows.
    """
    return marshal.dumps(entry_fields(entry), _MARSHAL)


def load_fields(encoded: bytes) -> Fields | None:
    """The fields of an entry `encode_entry` made `encoded` from, or None if damaged."""
    try:
        return _shaped(marshal.loads(encoded))
    except (EOFError, TypeError, ValueError):
        return None


def _shaped(value: Any) -> Fields | None:
    """A loaded entry's fields (evaluation and outcomes still as data), or None for another shape."""
    if type(value) is not tuple or len(value) != 6:
        return None
    digest, stamp, declared, day, evaluation, outcomes = value
    if not (
        type(digest) is str
        and _is_stamp(stamp)
        and type(declared) is bool
        and (day is None or type(day) is str)
        and type(outcomes) is bytes
    ):
        return None
    return digest, stamp, declared, day, evaluation, outcomes


def entry_of(fields: Fields, decoder: EvaluationDecoder, keep_outcomes: bool) -> Entry | None:
    """The entry of an entry's `fields`; its outcomes decoded only when kept. None if damaged."""
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
