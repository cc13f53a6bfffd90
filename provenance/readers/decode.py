"""Bytes to text: UTF-8 (BOM optional), line breaks normalised to LF, binary content refused."""

from __future__ import annotations

from typing import NamedTuple

from provenance.model import Category, Diagnostic, Location

_UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_FOREIGN_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


class Decoded(NamedTuple):
    """The text of a file, or the reason it could not be read as text."""

    text: str
    problem: Diagnostic | None = None


def _unreadable(message: str, location: Location | None = None) -> Decoded:
    return Decoded("", Diagnostic(Category.FILE_UNREADABLE, message, location))


def _location_of(data: bytes, offset: int) -> Location:
    """Line and character column of byte `offset`; CRLF and lone CR each end one line."""
    before = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line_start = before.rfind(b"\n") + 1
    prefix = before[line_start:].decode("utf-8", "replace")
    return Location(before.count(b"\n") + 1, len(prefix) + 1)


def decode(data: bytes) -> Decoded:
    """Decode file bytes as UTF-8; a leading BOM is dropped, CRLF and lone CR become LF."""
    for bom, name in _FOREIGN_BOMS:
        if data.startswith(bom):
            return _unreadable(f"file is encoded as {name}; provenance reads UTF-8", Location(1, 1))
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        return _unreadable("file contains NUL bytes: binary content, not text", _location_of(data, nul))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = _location_of(data, error.start)
        return _unreadable(
            f"invalid UTF-8 on line {where.line} (byte 0x{data[error.start]:02x}); provenance reads UTF-8",
            where,
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text)
