"""Format readers: turn a file into an `Article` (metadata, body, positions). No policy knowledge.

Entry points: `read_file(fs_path, display_path, max_size)` and `read_bytes(display_path, data)`.
They never raise for bad content: problems become `Diagnostic`s on the returned article.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

from provenance.model import Article, Category, Diagnostic, Document, Format, Location
from provenance.readers.decode import decode
from provenance.readers.html import read_html
from provenance.readers.text import read_markdown, read_text

__all__ = ["SUFFIXES", "format_for", "read_bytes", "read_file"]

SUFFIXES: dict[str, Format] = {
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".txt": Format.TEXT,
}
_READERS: dict[Format, Callable[[str, str], Article]] = {
    Format.MARKDOWN: read_markdown,
    Format.HTML: read_html,
    Format.TEXT: read_text,
}
_EMPTY = Document(lines=(), links=())


def format_for(path: str) -> Format | None:
    """The format a file name implies (suffix, case-insensitive), or None when unsupported."""
    return SUFFIXES.get(posixpath.splitext(path.replace("\\", "/"))[1].lower())


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
    reader = _READERS[format_for(display_path) or Format.TEXT]
    return reader(display_path, decoded.text)


def read_file(fs_path: Path, display_path: str, *, max_size: int = 5_000_000) -> Article:
    """Read the file at `fs_path`, reporting it as `display_path`; never raises."""
    try:
        with fs_path.open("rb") as handle:
            data = handle.read(max_size + 1)
            if len(data) > max_size:
                size = max(len(data), _size_of(fs_path))
                message = f"file is {size:,} bytes, larger than the {max_size:,}-byte limit; not read"
                return _unread(display_path, Diagnostic(Category.FILE_UNREADABLE, message))
    except OSError as error:
        reason = error.strerror or type(error).__name__
        message = f"cannot read file: {reason}"
        return _unread(display_path, Diagnostic(Category.FILE_UNREADABLE, message))
    return read_bytes(display_path, data)


def _size_of(fs_path: Path) -> int:
    try:
        return fs_path.stat().st_size
    except OSError:
        return 0
