"""The policy-pack and site-configuration file formats, as frozen dataclasses.

The site configuration's classes live in `provenance.rules.site_config` and are re-exported here.
These models are the single source of truth for both formats: each field's constraints are
written in its `metadata` as pydantic `Field` arguments (see `provenance.validation`, which
validates untrusted files against them), the published JSON Schemas
(`provenance/schemas/*.schema.json`) are generated from them (`python -m
provenance.rules.schema`), and a test fails when the two drift apart. Running a check needs no
validation library: built-in packs are built straight from their (tested) data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from provenance.model import Category, Severity, Venue
from provenance.rules.site_config import (
    RULE_ID_PATTERN,
    IgnoreEntry,
    SeverityOverride,
    Site,
    SiteConfig,
    described,
)
from provenance.validation import STRICT

__all__ = [
    "RULE_ID_PATTERN",
    "AppliesTo",
    "Condition",
    "Example",
    "Examples",
    "IgnoreEntry",
    "PolicyPack",
    "Publisher",
    "SeverityOverride",
    "Site",
    "SiteConfig",
    "described",
]

PACK_ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
_BY_ALIAS_OR_NAME = {**STRICT, "populate_by_name": True}  # `pass:` in files, `passing=` in code


@dataclass(frozen=True, slots=True, kw_only=True)
class Publisher:
    """How to recognise a publisher's articles."""

    __pydantic_config__ = STRICT

    names: list[str] = field(
        metadata=described("Names as credited, first is the display name.", min_length=1)
    )
    domains: list[str] = field(
        default_factory=list,
        metadata=described(
            "Hosts the publisher serves articles from, legacy hosts included; subdomains match."
        ),
    )
    url_patterns: list[str] = field(
        default_factory=list,
        metadata=described("RE2 patterns that an article URL (not a home page) of this publisher matches."),
    )
    signatures: list[str] = field(
        default_factory=list,
        metadata=described(
            "RE2 patterns (case-insensitive) of phrases that only this publisher's pages carry."
        ),
    )


class AppliesTo(StrEnum):
    PUBLISHER = "publisher"  # articles whose chain includes this publisher
    LICENSE = "license"  # articles that declare one of `licenses` and whose source has no pack
    UNKNOWN_SOURCE = "unknown-source"  # republished articles whose direct source no pack knows
    ALWAYS = "always"  # every file (core rules about the files themselves)


@dataclass(frozen=True, slots=True, kw_only=True)
class Example:
    """A document that a condition must accept (pass) or reject (fail); run as a test."""

    __pydantic_config__ = STRICT

    path: str = field(default="example.md", metadata=described("File name; its suffix picks the reader."))
    content: str
    venue: Venue = Venue.COMMUNITY
    lines: list[int] = field(
        default_factory=list, metadata=described("For fail examples: the lines the findings must be on.")
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Examples:
    __pydantic_config__ = _BY_ALIAS_OR_NAME

    passing: list[Example] = field(default_factory=list, metadata={"alias": "pass"})
    failing: list[Example] = field(default_factory=list, metadata={"alias": "fail"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Condition:
    """One checkable condition of a policy: a stable id bound to a registered check."""

    __pydantic_config__ = STRICT

    id: str = field(
        metadata=described("Stable rule id, e.g. GR-LINK. Never reused.", pattern=RULE_ID_PATTERN)
    )
    name: str = field(metadata=described("Readable rule name.", pattern=PACK_ID_PATTERN))
    check: str = field(metadata=described("Name of a check in the registry (`provenance rules checks`)."))
    params: dict[str, Any] = field(default_factory=dict, metadata=described("Parameters of the check."))
    category: Category
    severity: Severity = Severity.ERROR
    message: str
    fix: str = ""
    rationale: str
    source_url: str = field(
        metadata=described("Where the condition is stated (publisher page, licence text).")
    )
    venues: list[Venue] = field(
        default_factory=list, metadata=described("Venues the condition applies to; empty means all.")
    )
    examples: Examples = field(default_factory=Examples)


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyPack:
    """A publisher's (or licence family's) republication policy."""

    __pydantic_config__ = STRICT

    id: str = field(metadata={"pattern": PACK_ID_PATTERN})
    name: str
    description: str = ""
    source_url: str = ""
    applies_to: AppliesTo = AppliesTo.PUBLISHER
    extends: str | None = field(
        default=None,
        metadata=described("Id of a pack to layer over: its publisher and conditions are inherited."),
    )
    publisher: Publisher | None = None
    licenses: list[str] = field(
        default_factory=list,
        metadata=described(
            "SPDX ids: for applies_to=license, the licences it covers; for a publisher, its licence."
        ),
    )
    disable: list[str] = field(default_factory=list, metadata=described("Inherited rule ids to switch off."))
    conditions: list[Condition] = field(default_factory=list)
