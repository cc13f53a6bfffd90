"""An article's own suppressions: inline HTML comments and the front-matter `provenance.ignore` list.

Inline, in Markdown, HTML or text (one comment each; ids comma-separated; a reason is mandatory)::

    <!-- provenance: ignore GR-LINK reason="link restored in print edition" expires=2026-12-31 -->
    <!-- provenance: ignore-file GR-LINK,GR-COPYRIGHT reason="..." -->
    <!-- provenance: ignore-start GR-LINK reason="..." --> ... <!-- provenance: ignore-end -->

`ignore` covers the block it introduces: from the next non-blank line (or the rest of the
comment's own line) to the line before the next blank line; in HTML, that one line only. A comment
after text on the same line covers that line. `ignore-file` covers the file; `ignore-start`
covers every line up to the matching `ignore-end`. The front matter form covers the file::

    provenance:
      ignore:
        - {rule: GR-LINK, reason: "link restored in print edition", expires: 2026-12-31}

Anything malformed becomes a `DirectiveProblem` and suppresses nothing. Only the raw text is
scanned (no Markdown parse), and only when the body mentions ``provenance:`` at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import NamedTuple

from provenance.extract.lazy import LazyPattern
from provenance.model import Article, Format, Location, Suppression, SuppressionKind

# Compiled on first use: most articles hold no suppression, and a cached run reads none.
RULE_ID = LazyPattern(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
ISO_DATE = LazyPattern(r"^\d{4}-\d{2}-\d{2}$")
MARKER = "provenance:"
_COMMENT = LazyPattern(r"<!--\s*provenance:(?P<body>.*?)-->", re.DOTALL)
_PAIR = LazyPattern(r'(?P<key>[A-Za-z_]+)=(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]*))')
_VERBS = ("ignore", "ignore-file", "ignore-start", "ignore-end")
_FRONT_KEYS = frozenset({"rule", "reason", "expires"})


class Directive(NamedTuple):
    """One valid suppression: the rules it names, why, until when, and the lines it covers."""

    rules: tuple[str, ...]
    reason: str
    expires: dt.date | None
    kind: SuppressionKind
    location: Location  # where it is written
    evidence: str
    first: int = 1  # first line covered
    last: int | None = None  # last line covered; None: to the end of the file

    def covers(self, line: int) -> bool:
        return self.first <= line and (self.last is None or line <= self.last)

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def suppression(self, path: str) -> Suppression:
        return Suppression(self.kind, self.reason, f"{path}:{self.location.line}", self.expires)


class DirectiveProblem(NamedTuple):
    """A malformed suppression: reported, never applied."""

    message: str
    location: Location
    evidence: str


class ArticleDirectives(NamedTuple):
    """An article's valid suppressions and its malformed ones."""

    directives: tuple[Directive, ...] = ()
    problems: tuple[DirectiveProblem, ...] = ()


NONE = ArticleDirectives()


def article_directives(article: Article) -> ArticleDirectives:
    """Every suppression written in `article`, and every malformed one."""
    found: list[Directive] = []
    problems: list[DirectiveProblem] = []
    if MARKER in article.body:
        _Inline(article, found, problems).scan()
    ignore = article.metadata.get("provenance")
    if isinstance(ignore, Mapping) and "ignore" in ignore:
        _front_matter(article, ignore["ignore"], found, problems)
    if not found and not problems:
        return NONE
    return ArticleDirectives(tuple(found), tuple(problems))


def parse_expiry(value: object) -> dt.date | None:
    """A YAML/TOML date or an ISO ``YYYY-MM-DD`` string as a date; raises ValueError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        return dt.date.fromisoformat(value)
    raise ValueError(f"expires must be a date YYYY-MM-DD, got {value!r}")


def rule_problems(rules: list[str]) -> list[str]:
    """Why `rules` (as written) cannot be suppressed, if they cannot."""
    if not rules:
        return ["names no rule id"]
    if "*" in rules:
        return ["`*` is not allowed: name each rule id (each suppression needs its own reason)"]
    return [f"{rule!r} is not a rule id (e.g. GR-LINK)" for rule in rules if not RULE_ID.match(rule)]


class _Inline:
    """One pass over the body's `<!-- provenance: ... -->` comments."""

    def __init__(self, article: Article, found: list[Directive], problems: list[DirectiveProblem]) -> None:
        self.body = article.body
        self.first_line = article.body_line
        self.single_line = article.format is Format.HTML
        self.lines = self.body.split("\n")
        self.found, self.problems = found, problems
        self.open: list[tuple[list[str], str, dt.date | None, Location, str]] = []

    def scan(self) -> None:
        for match in _COMMENT.finditer(self.body):
            index = self.body.count("\n", 0, match.start())
            column = match.start() - (self.body.rfind("\n", 0, match.start()) + 1) + 1
            location = Location(self.first_line + index, column)
            evidence = " ".join(match.group(0).split())
            self._directive(match, index, location, evidence)
        for _, _, _, location, evidence in self.open:
            self._problem(["ignore-start has no matching ignore-end"], location, evidence)

    def _directive(self, match: re.Match[str], index: int, location: Location, evidence: str) -> None:
        verb, _, rest = match.group("body").strip().partition(" ")
        verb, rest = verb.strip(), rest.strip()
        if verb not in _VERBS:
            expected = ", ".join(_VERBS)
            self._problem([f"unknown directive {verb!r} (expected one of {expected})"], location, evidence)
            return
        if verb == "ignore-end":
            self._end(rest, index, location, evidence)
            return
        rules, reason, expires, errors = _arguments(rest)
        if errors:
            self._problem(errors, location, evidence)
        elif verb == "ignore-start":
            self.open.append((rules, reason, expires, location, evidence))
        else:
            first, last = (1, None) if verb == "ignore-file" else self._scope(match, index)
            self._add(rules, reason, expires, location, evidence, first, last)

    def _end(self, rest: str, index: int, location: Location, evidence: str) -> None:
        if rest:
            self._problem(["ignore-end takes no arguments"], location, evidence)
        elif not self.open:
            self._problem(["ignore-end without an ignore-start"], location, evidence)
        else:
            rules, reason, expires, start, start_evidence = self.open.pop()
            self._add(rules, reason, expires, start, start_evidence, start.line, self.first_line + index)

    def _scope(self, match: re.Match[str], index: int) -> tuple[int, int]:
        """Lines covered by an `ignore` comment whose text starts on line `index` of the body."""
        end_index = self.body.count("\n", 0, match.end())
        start_of_line = self.body.rfind("\n", 0, match.start()) + 1
        if self.body[start_of_line : match.start()].strip():
            return self.first_line + index, self.first_line + end_index
        after = self.lines[end_index][match.end() - (self.body.rfind("\n", 0, match.end()) + 1) :]
        start = end_index if after.strip() else end_index + 1
        while start < len(self.lines) and not self.lines[start].strip():
            start += 1
        stop = start
        while not self.single_line and stop + 1 < len(self.lines) and self.lines[stop + 1].strip():
            stop += 1
        return self.first_line + start, self.first_line + stop

    def _add(
        self,
        rules: list[str],
        reason: str,
        expires: dt.date | None,
        location: Location,
        evidence: str,
        first: int,
        last: int | None,
    ) -> None:
        kind = SuppressionKind.INLINE
        self.found.append(Directive(tuple(rules), reason, expires, kind, location, evidence, first, last))

    def _problem(self, errors: list[str], location: Location, evidence: str) -> None:
        self.problems.append(DirectiveProblem("; ".join(errors), location, evidence))


def _arguments(text: str) -> tuple[list[str], str, dt.date | None, list[str]]:
    """Rule ids, reason, expiry and every problem of ``RULE[,RULE] reason="..." [expires=DATE]``."""
    pair = _PAIR.search(text)
    ids_text, pairs_text = (text[: pair.start()], text[pair.start() :]) if pair else (text, "")
    rules = [part.strip() for part in ids_text.split(",")] if ids_text.strip() else []
    errors = ["an empty rule id between commas"] if "" in rules else rule_problems(rules)
    values: dict[str, str] = {}
    for item in _PAIR.finditer(pairs_text):
        key = item.group("key")
        if key not in ("reason", "expires"):
            errors.append(f'unknown argument {key!r} (expected reason="..." and expires=YYYY-MM-DD)')
        elif key in values:
            errors.append(f"{key} given twice")
        values[key] = item.group("quoted") if item.group("quoted") is not None else item.group("bare")
    if _PAIR.sub("", pairs_text).strip():
        errors.append(f"unexpected text {_PAIR.sub('', pairs_text).strip()!r}")
    reason = values.get("reason", "").strip()
    if not reason:
        errors.append('a reason is mandatory: reason="why this is acceptable"')
    expires = None
    if "expires" in values:
        try:
            expires = parse_expiry(values["expires"])
        except ValueError as failure:
            errors.append(str(failure))
    return rules, reason, expires, errors


def _front_matter(
    article: Article, entries: object, found: list[Directive], problems: list[DirectiveProblem]
) -> None:
    base = article.field_location("provenance.ignore") or Location(1)
    if not isinstance(entries, list):
        message = "provenance.ignore must be a list of {rule, reason, expires} mappings"
        problems.append(DirectiveProblem(message, base, "provenance.ignore"))
        return
    for index, entry in enumerate(entries):
        where = article.field_location(f"provenance.ignore.{index}") or base
        evidence = f"provenance.ignore.{index}"
        if not isinstance(entry, Mapping):
            message = f"{evidence} must be a mapping {{rule, reason, expires}}, got {entry!r}"
            problems.append(DirectiveProblem(message, where, evidence))
            continue
        rule = entry.get("rule")
        evidence = f"{evidence}: {rule}"
        errors = [
            f"unknown key {key!r} (expected rule, reason, expires)" for key in entry if key not in _FRONT_KEYS
        ]
        errors += (
            rule_problems([rule]) if isinstance(rule, str) else ["rule must be one rule id, e.g. GR-LINK"]
        )
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            errors.append("a reason is mandatory: reason: why this is acceptable")
        expires = None
        if entry.get("expires") is not None:
            try:
                expires = parse_expiry(entry["expires"])
            except ValueError as failure:
                errors.append(str(failure))
        if errors:
            problems.append(DirectiveProblem("; ".join(errors), where, evidence))
        else:
            kind = SuppressionKind.FRONT_MATTER
            found.append(Directive((str(rule),), str(reason).strip(), expires, kind, where, evidence))
