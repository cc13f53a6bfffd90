"""Split a Markdown file into front matter (YAML `---`, TOML `+++`, JSON `{`) and body."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from provenance.model import Diagnostic
from provenance.readers.fm_yaml import parse_yaml
from provenance.readers.metadata import ParsedMetadata, invalid

Parser = Callable[[str, int], ParsedMetadata]

_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
_JSON_CLOSE = re.compile(r"^\}[ \t]*$", re.MULTILINE)
_JSON_OPEN = re.compile(r"\{[ \t]*(?:\"|$)")


class Split(NamedTuple):
    """Front matter as parsed, and where the body starts."""

    metadata: ParsedMetadata
    body: str
    body_line: int


def _parse_toml(source: str, first_line: int) -> ParsedMetadata:
    """TOML front matter; its reader (and `tomllib`) is imported only when a file has some."""
    from provenance.readers.fm_toml import parse_toml

    return parse_toml(source, first_line)


def _parse_json(source: str, first_line: int) -> ParsedMetadata:
    """JSON front matter; its reader is imported only when a file has some."""
    from provenance.readers.fm_json import parse_json

    return parse_json(source, first_line)


class _Kind(NamedTuple):
    """One front-matter syntax: how it closes and how it is parsed."""

    name: str
    closing: re.Pattern[str]
    parse: Parser
    fence: str  # how the front matter closes, for messages
    keeps_fences: bool  # JSON: the braces are part of the content


_YAML = _Kind("YAML", _YAML_CLOSE, parse_yaml, "'---'", keeps_fences=False)
_TOML = _Kind("TOML", _TOML_CLOSE, _parse_toml, "'+++'", keeps_fences=False)
_JSON = _Kind("JSON", _JSON_CLOSE, _parse_json, "'}' alone on a line", keeps_fences=True)


def _kind_of(first_line: str) -> _Kind | None:
    stripped = first_line.rstrip()
    if stripped == "---":
        return _YAML
    if stripped == "+++":
        return _TOML
    if _JSON_OPEN.match(first_line):
        return _JSON
    return None


def split_front_matter(text: str) -> Split:
    """Find and parse the front matter at the top of `text` (LF line breaks, no BOM)."""
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    kind = _kind_of(first_line)
    if kind is None:
        return Split(ParsedMetadata({}), text, 1)
    closing = kind.closing.search(text, first_end + 1) if first_end >= 0 else None
    if closing is None:
        problem: Diagnostic = invalid(
            f"{kind.name} front matter opened on line 1 is never closed with {kind.fence}; "
            "the whole file is read as body",
            1,
        )
        return Split(ParsedMetadata({}, diagnostics=(problem,)), text, 1)
    close_line = text.count("\n", 0, closing.start()) + 1
    if kind.keeps_fences:
        metadata = kind.parse(text[: closing.end()], 1)
    else:
        metadata = kind.parse(text[first_end + 1 : closing.start()], 2)
    body_start = closing.end() + 1
    return Split(metadata, text[body_start:], close_line + 1)
