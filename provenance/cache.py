"""The result cache: an article's evaluation, reused while its content and the run's inputs stay the same.

Where: ``.provenance-cache/`` at the top of the repository (the folder holding ``.git``; without
one, the configuration's folder), with a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG`` inside,
so git and backup tools leave it alone. It is the only thing `check` writes beside its report.

What makes a result reusable:

- the *run key* (the file name): cache format, tool version, a hash of the installed code, the
  effective rules (`RuleSet.fingerprint`: every pack file and severity override) and the whole
  site configuration. Change any of them and no old result is used.
- per file (an entry): the display path, the SHA-256 of the file's bytes, whether the
  configuration declares it republished, and the day, but only when the evaluation looked at
  today's date (an expiring permission or suppression): such an entry is valid that day only;
  every other entry stays valid across days.

A file's content is not re-read when its size, mtime, ctime and inode are those recorded with
the entry (git's index does the same); a stamp is recorded only once a file is older than
`RACY_SECONDS`, so an edit made in the same clock tick as the read cannot go unnoticed.

Format: one file per run key. The first line names the format and the key; each further line
is ``<crc32> <path as JSON><tab><entry as JSON>``, later lines replacing earlier ones for the
same path. Opening the file only splits its lines; an entry is checked and decoded when its
file is looked up, so checking one file does not pay for the whole site's results. A run
appends the entries it changed, and rewrites the file (temporary file and rename) when it
holds more stale lines than live ones. A line whose checksum, JSON or shape is wrong is
ignored and its file checked again: a torn or garbled cache costs time, never a wrong result.
Concurrent runs need no lock: appends are whole lines, a rename is atomic, and the worst a
race can do is drop entries. Anyone who can write the cache can forge results, as they could
edit the articles: do not restore a cache from an untrusted source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance import __version__
from provenance.atomic import replace_atomically
from provenance.cache_codec import decode_evaluation, encode_evaluation
from provenance.evaluate import Evaluation

CACHE_FOLDER = ".provenance-cache"
FORMAT_VERSION = 1
RACY_SECONDS = 2
STALE_DAYS = 7  # result files of other run keys unused this long are deleted
_HEADER = "provenance-cache"
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# provenance's result cache\n"

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def settled_stamp(stat: os.stat_result, now_ns: int) -> Stamp | None:
    """The stamp of a file untouched for `RACY_SECONDS`, else None (it could still change unseen)."""
    newest = max(stat.st_mtime_ns, stat.st_ctime_ns)
    return stamp_of(stat) if newest < now_ns - RACY_SECONDS * 1_000_000_000 else None


def run_key(ruleset_fingerprint: str, config_json: str) -> str:
    """The key of every result of a run with these rules and this configuration."""
    parts = [str(FORMAT_VERSION), __version__, code_fingerprint(), ruleset_fingerprint, config_json]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def code_fingerprint() -> str:
    """A hash of the installed package's Python sources: an edited checkout never reuses old results."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
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
    """The entries of one run key: read when opened, checked and decoded when used, written by `save`."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.path = folder / f"results-{key[:32]}.jsonl"
        self._header = f"{_HEADER} {FORMAT_VERSION} {key}\n"
        self._stored: dict[str, str] = {}  # JSON-encoded path -> its line, as read
        self._changed: dict[str, Entry] = {}
        self._stored_lines = 0  # entry lines in the file, stale ones included
        self._rewrite = True
        self._ends_cleanly = True
        self._read()

    def get(self, display_path: str) -> Entry | None:
        """The entry stored for `display_path`, or None (none, or damaged)."""
        if display_path in self._changed:
            return self._changed[display_path]
        key = _path_key(display_path)
        line = self._stored.get(key)
        entry = _parse_entry(line) if line is not None else None
        if entry is None:
            self._stored.pop(key, None)
        return entry

    def put(self, display_path: str, entry: Entry) -> None:
        self._changed[display_path] = entry

    def save(self) -> None:
        """Write the changed entries, streaming; this ends the cache's use (its memory is freed).

        A cache that cannot be written is left as it is.
        """
        if not self._changed and not self._rewrite:
            return
        changed = {_path_key(path): path for path in self._changed}
        kept = [line for key, line in self._stored.items() if key not in changed]
        fresh = (_line(path, self._changed[path]) for path in changed.values())
        try:
            self._prepare_folder()
            if self._rewrite or self._stored_lines + len(changed) > 2 * (len(kept) + len(changed)) + 100:
                self._write_all(itertools.chain(kept, fresh))
            else:
                self._append(fresh)
        except OSError:
            return
        finally:
            self._changed.clear()
            self._stored.clear()
        self._prune()

    def _read(self) -> None:
        try:
            text = self.path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            return
        if not text.startswith(self._header):
            return
        self._rewrite = False
        self._ends_cleanly = text.endswith("\n")
        for line in text[len(self._header) :].split("\n"):
            if line:
                self._stored_lines += 1
                self._stored[line.partition("\t")[0].partition(" ")[2]] = line

    def _prepare_folder(self) -> None:
        self.folder.mkdir(exist_ok=True)
        for name, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            if not (self.folder / name).exists():
                (self.folder / name).write_text(text, encoding="utf-8")

    def _write_all(self, lines: Iterable[str]) -> None:
        replace_atomically(self.path, itertools.chain([self._header], (line + "\n" for line in lines)))

    def _append(self, lines: Iterable[str]) -> None:
        text = ("" if self._ends_cleanly else "\n") + "".join(line + "\n" for line in lines)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, text.encode("utf-8"))  # one write: whole lines, even with a concurrent run
        finally:
            os.close(fd)

    def _prune(self) -> None:
        """Delete result files of other run keys that no run has used for `STALE_DAYS`."""
        limit = time.time() - STALE_DAYS * 86400
        for other in self.folder.glob("results-*.jsonl"):
            try:
                if other != self.path and other.stat().st_mtime < limit:
                    other.unlink()
            except OSError:
                continue


def _path_key(display_path: str) -> str:
    return json.dumps(display_path)  # ASCII, no tab: any path round-trips


def _line(display_path: str, entry: Entry) -> str:
    """``<crc32> <path as JSON><tab><entry as JSON>``, the checksum over everything after the space."""
    stamp = list(entry.stamp) if entry.stamp is not None else None
    stored = [entry.digest, stamp, entry.declared_republished, entry.day, encode_evaluation(entry.evaluation)]
    body = f"{_path_key(display_path)}\t{json.dumps(stored, separators=(',', ':'))}"
    return f"{zlib.crc32(body.encode('ascii')):08x} {body}"


def _parse_entry(line: str) -> Entry | None:
    """The entry a stored line holds, or None when its checksum, JSON or shape is wrong."""
    checksum, _, body = line.partition(" ")
    try:
        if int(checksum, 16) != zlib.crc32(body.encode("utf-8")):
            return None
        digest, stamp, declared, day, evaluation = json.loads(body.partition("\t")[2])
        if not (isinstance(digest, str) and isinstance(declared, bool) and isinstance(day, str | None)):
            return None
        return Entry(digest, _stamp(stamp), declared, day, decode_evaluation(evaluation))
    except (TypeError, ValueError, KeyError):
        return None


def _stamp(value: Any) -> Stamp | None:
    if value is None:
        return None
    size, mtime, ctime, inode = (int(part) for part in value)
    return (size, mtime, ctime, inode)
