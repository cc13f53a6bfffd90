"""The data every stage passes on: articles as read, findings as reported.

This module imports nothing from the rest of the project. Everything here is immutable.
The value records (locations, links, findings, summaries...) are `NamedTuple`s, not frozen
dataclasses: a run builds them by the hundred thousand, from articles and from the result cache,
and a tuple is built several times faster (one C call, not a `__setattr__` per field), and its
class created several times faster at start-up. Change one with `_replace`, not `dataclasses.replace`.
Positions are 1-based lines and columns in the file as stored on disk (a UTF-8 BOM does not
count as a column; CRLF counts as one line break).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from functools import cached_property
from typing import Any, Final, NamedTuple


class Severity(StrEnum):
    """How much a finding matters; ordered by `rank`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Category(StrEnum):
    """The fixed vocabulary of finding categories (a JSON contract: extend, never rename)."""

    SOURCE_CREDIT_MISSING = "source-credit-missing"
    AUTHOR_CREDIT_MISSING = "author-credit-missing"
    COPYRIGHT_NOTICE_MISSING = "copyright-notice-missing"
    LINK_TO_ORIGINAL_MISSING = "link-to-original-missing"
    LINK_TO_ORIGINAL_PLACEHOLDER = "link-to-original-placeholder"
    LINK_TO_ORIGINAL_WRONG_TARGET = "link-to-original-wrong-target"
    LINK_PLACEHOLDER = "link-placeholder"
    LICENSE_NOTICE_MISSING = "license-notice-missing"
    LICENSE_MISMATCH = "license-mismatch"
    CREDIT_LINE_MISMATCH = "credit-line-mismatch"
    USE_NOT_PERMITTED = "use-not-permitted"
    PERMISSION_EXPIRED = "permission-expired"
    MODIFICATION_NOT_ALLOWED = "modification-not-allowed"
    UPSTREAM_CREDIT_MISSING = "upstream-credit-missing"
    UPSTREAM_TERMS_UNKNOWN = "upstream-terms-unknown"
    TRACKING_PIXEL_MISSING = "tracking-pixel-missing"
    CANONICAL_LINK_MISSING = "canonical-link-missing"
    UNKNOWN_SOURCE = "unknown-source"
    METADATA_INVALID = "metadata-invalid"
    FILE_UNREADABLE = "file-unreadable"
    SUPPRESSION_EXPIRED = "suppression-expired"
    SUPPRESSION_UNUSED = "suppression-unused"


class Format(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"
    TEXT = "text"


class Venue(StrEnum):
    """Where the republishing site puts articles; decides which permissions apply."""

    COMMUNITY = "community"
    NONCOMMERCIAL = "noncommercial"
    COMMERCIAL = "commercial"
    PRINT = "print"


class Location(NamedTuple):
    """A place in a file: 1-based line and column."""

    line: int
    column: int = 1


class Link(NamedTuple):
    """A hyperlink as written in the article (Markdown or HTML), before any policy judgement.

    `target` is the destination exactly as written (reference links resolved to their
    definition; empty string when the link has none). `evidence` is the source text of the
    link as it appears in the file, e.g. ``[Russia Today](#)``.
    """

    text: str
    target: str
    location: Location
    evidence: str
    kind: str  # "inline" | "reference" | "autolink" | "html" | "definition" | "head"
    rel: tuple[str, ...] = ()


class Embed(NamedTuple):
    """An embedded resource (image, script, iframe): where tracking pixels live."""

    tag: str  # "img" | "script" | "iframe" | "markdown-image"
    src: str
    location: Location
    evidence: str


class TextLine(NamedTuple):
    """One line of visible text, markup stripped, with the links that sit on it.

    `text` is what a reader sees (link text kept, link targets and markup removed).
    """

    location: Location
    text: str
    links: tuple[Link, ...] = ()


class Document(NamedTuple):
    """The parsed body of an article: visible text lines, links and embeds, in file order."""

    lines: tuple[TextLine, ...]
    links: tuple[Link, ...]
    embeds: tuple[Embed, ...] = ()


class MetaField(NamedTuple):
    """One piece of document metadata with its position.

    `key` is as written: a front-matter key path (``author``, ``provenance.0.publisher``),
    an HTML meta name (``meta:author``, ``meta:DC.rights``), a head link (``link:canonical``),
    or a JSON-LD property path (``jsonld:isBasedOn.publisher.name``).
    """

    key: str
    value: Any
    location: Location


class Diagnostic(NamedTuple):
    """A problem with the file itself (not with its provenance), found while reading it."""

    category: Category  # METADATA_INVALID or FILE_UNREADABLE
    message: str
    location: Location | None = None
    evidence: str = ""


class Article:
    """One file as read: metadata, body and positions. Knows nothing about policies.

    `metadata` holds the front matter (or, for HTML, nothing) as parsed; `fields` flattens
    every metadata key (front matter, HTML head, JSON-LD) with its location. `jsonld` holds
    the parsed JSON-LD objects of an HTML page. The body is parsed lazily through `document`,
    so articles that never need link structure never pay for it.

    A plain class (its attributes `Final`): a dataclass costs milliseconds to create at start-up,
    and a tuple could not cache `document`.
    """

    def __init__(
        self,
        path: str,
        format: Format,
        metadata: Mapping[str, Any],
        fields: tuple[MetaField, ...],
        body: str,
        body_line: int,
        parse_body: Callable[[], Document],
        jsonld: tuple[Mapping[str, Any], ...] = (),
        diagnostics: tuple[Diagnostic, ...] = (),
    ) -> None:
        self.path: Final = path
        self.format: Final = format
        self.metadata: Final = metadata
        self.fields: Final = fields
        self.body: Final = body
        self.body_line: Final = body_line
        self.parse_body: Final = parse_body
        self.jsonld: Final = jsonld
        self.diagnostics: Final = diagnostics

    @cached_property
    def document(self) -> Document:
        return self.parse_body()

    def field_location(self, key: str) -> Location | None:
        """The location of the metadata field `key` (exact key as written), if present."""
        for item in self.fields:
            if item.key == key:
                return item.location
        return None


class SuppressionKind(StrEnum):
    """Where a suppression was recorded."""

    INLINE = "inline"  # an HTML comment in the article
    FRONT_MATTER = "front-matter"  # `provenance: {ignore: ...}` in the article's front matter
    CONFIG = "config"  # a path-glob entry in .provenance.yaml
    BASELINE = "baseline"  # an entry of the baseline file


class Suppression(NamedTuple):
    """Why a finding does not count: who recorded it, where, why, and until when."""

    kind: SuppressionKind
    reason: str
    source: str  # where it is written, e.g. "content/a.md:12" or ".provenance.yaml:8"
    expires: dt.date | None = None


class Finding(NamedTuple):
    """One violation, stamped by the engine with its rule's identity. Immutable.

    `path` is POSIX and relative to the working directory. `fingerprint` identifies the
    finding by content (rule, path, evidence), not by line, so it survives unrelated edits.
    """

    rule: str
    policy: str
    category: Category
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    evidence: str = ""
    fix: str = ""
    fingerprint: str = ""
    suppression: Suppression | None = None  # set: reported, but does not count

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Where, then which rule and message: the order every report lists findings in."""
        key: tuple[str, int, int, str, str] = finding_order(self)
        return key


finding_order = operator.attrgetter("path", "line", "column", "rule", "message")
"""`Finding.sort_key` as a sort key function (no Python-level call per finding)."""


class Status(StrEnum):
    """An article's overall standing in the report."""

    ORIGINAL = "original"
    COMPLIANT = "compliant"
    VIOLATIONS = "violations"
    UNKNOWN_SOURCE = "unknown-source"
    PERMISSION_ON_FILE = "permission-on-file"
    UNREADABLE = "unreadable"


class Outcome(StrEnum):
    """How one condition of an applied policy came out for one article."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not-applicable"


class Evidence(NamedTuple):
    """What decided a condition: the metadata key or body line (and link) that met or broke it."""

    location: Location
    text: str
    note: str = ""


class RuleOutcome(NamedTuple):
    """One condition's result for one article, with the evidence that decided it."""

    rule: str
    policy: str
    outcome: Outcome
    evidence: tuple[Evidence, ...] = ()
    note: str = ""  # e.g. why a condition does not apply


class PermissionRecord(NamedTuple):
    """A permission to republish recorded with an article: who granted it, when, until when."""

    reference: str | None
    granted_by: str | None
    granted: dt.date | None
    expires: dt.date | None
    scope: str | None
    location: Location


def with_fingerprints(findings: Iterable[Finding]) -> list[Finding]:
    """`findings` sorted and fingerprinted by content (rule, path, evidence, occurrence), never by line."""
    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for finding in sorted(findings, key=finding_order):
        key = (finding.rule, finding.path, finding.evidence or finding.message)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        digest = hashlib.sha256("\0".join((*key, str(occurrence))).encode()).hexdigest()[:16]
        result.append(finding._replace(fingerprint=digest))
    return result


class ArticleSummary(NamedTuple):
    """The inventory line for one article in the report."""

    path: str
    format: Format | None
    republished: bool
    sources: tuple[str, ...]
    policies: tuple[str, ...]
    license: str | None
    status: Status
    outcomes: tuple[RuleOutcome, ...] = ()  # every condition of every applied policy
    title: str | None = None  # for inventories (audit reports)
    published: dt.date | None = None  # front matter `date` (or the page's publication date)
    permission: PermissionRecord | None = None  # front matter `permission:`, as recorded


class Evaluation(NamedTuple):
    """What evaluating one article produced: its findings and its inventory line.

    Defined here, not with the evaluator, so that reusing cached results needs no rule machinery.
    """

    findings: tuple[Finding, ...]
    summary: ArticleSummary


class Report(NamedTuple):
    """Everything one run found: the single input of every output format."""

    findings: tuple[Finding, ...]
    articles: tuple[ArticleSummary, ...]
    tool_version: str

    @property
    def active(self) -> tuple[Finding, ...]:
        """The findings that count: every finding not suppressed."""
        return tuple(f for f in self.findings if f.suppression is None)

    @property
    def counts(self) -> dict[str, int]:
        """Summary figures; findings/errors/warnings/infos count active findings only."""
        active = self.active
        return {
            "files": len(self.articles),
            "republished": sum(1 for a in self.articles if a.republished),
            "findings": len(active),
            "errors": sum(1 for f in active if f.severity is Severity.ERROR),
            "warnings": sum(1 for f in active if f.severity is Severity.WARNING),
            "infos": sum(1 for f in active if f.severity is Severity.INFO),
            "suppressed": len(self.findings) - len(active),
        }
