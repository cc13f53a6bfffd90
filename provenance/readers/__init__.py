"""Format readers: turn a file into an `Article` (metadata, body, positions). No policy knowledge.

Entry points: `read_file(fs_path, display_path, max_size)` and `read_bytes(display_path, data)`.
They never raise for bad content: problems become `Diagnostic`s on the returned article.
A format's reader is imported the first time a file of that format is read: a run that reads
nothing (all results cached) or no HTML does not pay for those modules.
"""

from __future__ import annotations

import functools
import os
import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from provenance.model import Article, Category, Diagnostic, Document, Format, Location
from provenance.readers.decode import decode

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["SUFFIXES", "format_for", "read_bytes", "read_file"]

SUFFIXES: dict[str, Format] = {
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".txt": Format.TEXT,
}
_EMPTY = Document(lines=(), links=())


def format_for(path: str) -> Format | None:
    """The format a file name implies (suffix, case-insensitive), or None when unsupported."""
    return SUFFIXES.get(posixpath.splitext(path.replace("\\", "/"))[1].lower())


@functools.cache
def _reader(file_format: Format) -> Callable[[str, str], Article]:
    """The reader of `file_format`, its modules imported the first time a file of that format is read."""
    if file_format is Format.HTML:
        from provenance.readers.html import read_html

        return read_html
    from provenance.readers.text import read_markdown, read_text

    return read_markdown if file_format is Format.MARKDOWN else read_text


def _unread(display_path: str, problem: Diagnostic) -> Article:
    return Article(
        path=display_path,
        format=format_for(display_path) or Format.TEXT,
        metadata={},
        fields=(),
        body="",
        body_line=1,
        parse_body=lambda: _EMPTY,
        diagnostics=(problem,),
    )


def read_bytes(display_path: str, data: bytes) -> Article:
    """Read a file's content; the format comes from `display_path` (unknown suffix: text)."""
    decoded = decode(data)
    if decoded.problem is not None:
        return _unread(display_path, decoded.problem)
    if not decoded.text.strip():
        empty = Diagnostic(Category.METADATA_INVALID, "empty file: nothing to check", Location(1, 1))
        return _unread(display_path, empty)
    return _reader(format_for(display_path) or Format.TEXT)(display_path, decoded.text)


def read_file(fs_path: Path, display_path: str, *, max_size: int = 5_000_000) -> Article:
    """Read the file at `fs_path`, reporting it as `display_path`; never raises."""
    try:
        with fs_path.open("rb") as handle:
            data = read_at_most(handle, max_size + 1)
            if len(data) > max_size:
                size = max(len(data), _size_of(fs_path))
                message = f"file is {size:,} bytes, larger than the {max_size:,}-byte limit; not read"
                return _unread(display_path, Diagnostic(Category.FILE_UNREADABLE, message))
    except OSError as error:
        reason = error.strerror or type(error).__name__
        message = f"cannot read file: {reason}"
        return _unread(display_path, Diagnostic(Category.FILE_UNREADABLE, message))
    return read_bytes(display_path, data)


def read_at_most(handle: BinaryIO, limit: int, size: int | None = None) -> bytes:
    """At most `limit` bytes of `handle`, allocating only about what the file holds.

    `handle.read(limit)` sets aside `limit` bytes before reading: with the 5 MB size limit, most
    of a cold run's reading time went to that. The file's `size` (from its stat, taken here when
    not given) plus one byte is read instead, and the rest only if the file turns out longer
    (it grew since, or it is a special file whose stat says 0).
    """
    if size is None:
        size = os.fstat(handle.fileno()).st_size
    data = handle.read(min(size + 1, limit))
    if size < len(data) < limit:
        data += handle.read(limit - len(data))
    return data


def _size_of(fs_path: Path) -> int:
    try:
        return fs_path.stat().st_size
    except OSError:
        return 0
