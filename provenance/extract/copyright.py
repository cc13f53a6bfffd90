# ruff: noqa: RUF001  (non-ASCII punctuation and CJK markers are intended)
"""Copyright notices: "Copyright © X, Y, 2009", "© 2009 X", "(c) 2009 X", "Copyright 2009 X".

Holders are split on commas, "and", "&"; the year is the first four-digit year in the notice.
"""

from __future__ import annotations

import re
from typing import Any

from provenance.extract.facts import CopyrightNotice
from provenance.extract.lazy import LazyPattern
from provenance.extract.names import clean_name
from provenance.model import Location

# In body text a notice starts the line ("©", "(c)", "Copyright ©/(c)/<year>/<Name>"), or follows
# a sentence inside it when it carries an explicit symbol ("... Copyright © X, 2009"). Body lines
# only. Every pattern here is compiled on first use: a run whose results are cached uses none.
_BODY_NOTICE = LazyPattern(
    r"^\W{0,3}(?:copyright\s*(?:©|\(c\)|&copy;)|©|\(c\)\s*(?=\d)|copyright\s+(?=(?:19|20)\d{2}\b|(?-i:[A-Z])))"
    r"|(?<=[.!?]\s)copyright\s*(?:©|\(c\))",
    re.IGNORECASE,
)
_MARKERS = LazyPattern(r"^(?:\s*(?:copyright\b|©|\(c\)|&copy;)\s*)+", re.IGNORECASE)
_YEAR = LazyPattern(r"\b((?:19|20)\d{2})(?:\s*[-–]\s*(?:19|20)?\d{2,4})?\b")
_RESERVED = LazyPattern(
    r"[.,]?\s*(?:all rights reserved|some rights reserved|tous droits réservés|все права защищены"
    r"|版权所有|保留所有权利)\.?\s*$",
    re.IGNORECASE,
)
_HOLDER_SPLIT = LazyPattern(  # no leading "\s*": linear time; `clean_name` trims the parts
    r",(?!\s*(?:inc|ltd|llc|gmbh|corp|plc|ag|s\.a)\b)|;|&|\band\b|、|，", re.IGNORECASE
)
_WORDLESS = LazyPattern(r"^\W*$")


def parse_notice(text: str) -> tuple[tuple[str, ...], int | None] | None:
    """Holders and year of a notice given as text; None when it names neither."""
    body = _RESERVED.sub("", _MARKERS.sub("", " ".join(text.split())))
    year_match = _YEAR.search(body)
    year = int(year_match.group(1)) if year_match else None
    holders: list[str] = []
    seen: set[str] = set()
    for part in _HOLDER_SPLIT.split(_YEAR.sub(" ", body)):
        name = clean_name(part)
        if name and not _WORDLESS.match(name) and name.casefold() not in seen:
            seen.add(name.casefold())
            holders.append(name)
    if not holders and year is None:
        return None
    return tuple(holders), year


def body_notice(text: str, location: Location) -> CopyrightNotice | None:
    """The notice on a visible body line, if the line carries one."""
    match = _BODY_NOTICE.search(text)
    if match is None:
        return None
    parsed = parse_notice(text[match.start() :])
    if parsed is None:
        return None
    return CopyrightNotice(parsed[0], parsed[1], location, text.strip())


def metadata_notice(value: Any, location: Location) -> CopyrightNotice | None:
    """A notice given as a metadata value (the value is the notice; no symbol needed)."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    parsed = parse_notice(str(value))
    if parsed is None:
        return None
    return CopyrightNotice(parsed[0], parsed[1], location, str(value))


def holder_names(value: Any) -> tuple[str, ...]:
    """Holder names from a string, a list of strings, or mappings with ``name``."""
    items = value if isinstance(value, list | tuple) else [value]
    names: list[str] = []
    for item in items:
        raw = item.get("name") if isinstance(item, dict) else item
        if isinstance(raw, str):
            names.extend(n for part in _HOLDER_SPLIT.split(raw) if (n := clean_name(part)))
    return tuple(names)


def year_of(value: Any) -> int | None:
    """A four-digit year from an int or a string."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1000 <= value <= 9999 else None
    if isinstance(value, str):
        match = _YEAR.search(value)
        return int(match.group(1)) if match else None
    return None
