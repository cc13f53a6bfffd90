# ruff: noqa: RUF001  (non-ASCII punctuation and CJK markers are intended)
"""Credited names as written in text: cleaning (quotes, trailing dates, punctuation) and splitting."""

from __future__ import annotations

import re

from provenance.extract.lazy import LazyPattern

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_TRAILING_DATE = LazyPattern(
    rf"(?:,?\s*\b(?:on|in)\b)?,?\s*(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|(?:19|20)\d{{2}})\s*$",
    re.IGNORECASE,
)
_EDGE_PUNCT = " \t.,;:!?—–-*_`|"
_QUOTES = "\"'“”‘’«»「」『』"
_THE_BLOG = LazyPattern(r"^the\s+(?P<name>.*(?-i:[A-Z]).*?)\s+blog$", re.IGNORECASE)
# No pattern below starts with "\s*" or lets "[^)]*" run over another "(": linear time on any input
# (the parts are cleaned by `clean_name`, which normalises the spaces).
_PARENTHETICAL = LazyPattern(r"[(（][^()（）]*[)）]")
_SEPARATORS = LazyPattern(r",|;|&|\band\b|、|，|／")
# A trailing date is short: look for it only near the end, and peel at most a few layers
# (quotes, punctuation, dates), so that a long run of dates costs linear time.
_DATE_WINDOW = 64
_MAX_ROUNDS = 8
_UNRESOLVED_REF = LazyPattern(r"\[([^\[\]]+)\](?:\[[^\[\]]*\])?")  # no "[" inside: linear time
_NOT_ALNUM = LazyPattern(r"[\W_]+")  # a run of characters that are not `str.isalnum()`


def clean_name(text: str) -> str | None:
    """The name in `text` without surrounding quotes, markup, trailing dates or punctuation."""
    name = " ".join(_UNRESOLVED_REF.sub(r"\1", text).split())
    for _ in range(_MAX_ROUNDS):
        previous = name
        name = name.strip(_EDGE_PUNCT)
        if len(name) >= 2 and name[0] in _QUOTES and name[-1] in _QUOTES:
            name = name[1:-1]
        date = _trailing_date(name)
        name = name if date is None else name[: date.start()]
        if name == previous:
            break
    return name or None


def _trailing_date(name: str) -> re.Match[str] | None:
    """The date that ends `name`, if any. Every date form ends with a digit (`\\d`), so a name
    that does not is answered at once: the pattern is slow to fail at every position."""
    tail = name.rstrip()
    if not tail or not tail[-1].isdecimal():
        return None
    return _TRAILING_DATE.search(name, max(0, len(name) - _DATE_WINDOW))


def publisher_name(text: str) -> str | None:
    """Like `clean_name`, and "the X blog" becomes "X" when X looks like a proper name."""
    name = clean_name(text)
    if name and name[-5:].lower() == " blog":  # checked first: the pattern is slow on anything else
        match = _THE_BLOG.match(name)
        if match:
            return match.group("name")
    return name


def split_names(text: str) -> list[str]:
    """Several names in one string ("A, B and C (Org)"), affiliations in parentheses dropped."""
    names = []
    for part in _SEPARATORS.split(_PARENTHETICAL.sub(" ", text)):
        name = clean_name(part)
        if name:
            names.append(name)
    return names


def fold_name(text: str) -> str:
    """A name as compared: case-folded, punctuation as spaces, a leading "the" dropped.

    "the Valley Gazette", "Valley Gazette" and "VALLEY-GAZETTE" all fold to "valley gazette".
    """
    folded = " ".join(_NOT_ALNUM.sub(" ", text.casefold()).split())
    return folded.removeprefix("the ") if folded != "the" else folded
