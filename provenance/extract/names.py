# ruff: noqa: RUF001  (non-ASCII punctuation and CJK markers are intended)
"""Credited names as written in text: cleaning (quotes, trailing dates, punctuation) and splitting."""

from __future__ import annotations

import re

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_TRAILING_DATE = re.compile(
    rf"(?:,?\s*\b(?:on|in)\b)?,?\s*(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|(?:19|20)\d{{2}})\s*$",
    re.IGNORECASE,
)
_EDGE_PUNCT = " \t.,;:!?—–-*_`|"
_QUOTES = "\"'“”‘’«»「」『』"
_THE_BLOG = re.compile(r"^the\s+(?P<name>.*(?-i:[A-Z]).*?)\s+blog$", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\s*[(（][^)）]*[)）]")
_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|、|，|／)\s*")
_UNRESOLVED_REF = re.compile(r"\[([^\]]+)\](?:\[[^\]]*\])?")


def clean_name(text: str) -> str | None:
    """The name in `text` without surrounding quotes, markup, trailing dates or punctuation."""
    name = " ".join(_UNRESOLVED_REF.sub(r"\1", text).split())
    previous = None
    while name != previous:
        previous = name
        name = name.strip(_EDGE_PUNCT)
        if len(name) >= 2 and name[0] in _QUOTES and name[-1] in _QUOTES:
            name = name[1:-1]
        name = _TRAILING_DATE.sub("", name)
    return name or None


def publisher_name(text: str) -> str | None:
    """Like `clean_name`, and "the X blog" becomes "X" when X looks like a proper name."""
    name = clean_name(text)
    if name:
        match = _THE_BLOG.match(name)
        if match:
            return match.group("name")
    return name


def split_names(text: str) -> list[str]:
    """Several names in one string ("A, B and C (Org)"), affiliations in parentheses dropped."""
    names = []
    for part in _SEPARATORS.split(_PARENTHETICAL.sub("", text)):
        name = clean_name(part)
        if name:
            names.append(name)
    return names


def fold_name(text: str) -> str:
    """A name as compared: case-folded, punctuation as spaces, a leading "the" dropped.

    "the Valley Gazette", "Valley Gazette" and "VALLEY-GAZETTE" all fold to "valley gazette".
    """
    folded = " ".join("".join(ch if ch.isalnum() else " " for ch in text.casefold()).split())
    return folded.removeprefix("the ") if folded != "the" else folded
