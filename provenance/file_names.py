"""File names as shown and as matched: printable on one line, and valid UTF-8 for patterns.

On Linux a file name is bytes; Python decodes undecodable bytes to lone surrogates
(`os.fsdecode`), which neither JSON, a terminal nor RE2-based matching accept.
"""

from __future__ import annotations


def printable(name: str) -> str:
    """`name` safe to print on one line and to put in JSON.

    Undecodable bytes (os.fsdecode's surrogate escapes) become `\\xNN`, control characters
    `\\n`, `\\x1b` and so on; everything printable is kept as is.
    """
    if name.isprintable():
        return name
    return "".join(_printable_char(char) for char in name)


def _printable_char(char: str) -> str:
    if char.isprintable():
        return char
    if "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def matchable(relative: str) -> str:
    """`relative` as valid UTF-8 text for pattern matching (undecodable bytes become U+FFFD)."""
    if relative.isascii():
        return relative
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
