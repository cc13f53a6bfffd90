"""The policy-pack file format, as pydantic models.

These models are the single source of truth for the pack format: the published JSON Schema
(`provenance/schemas/policy-pack.schema.json`) is generated from them (`python -m
provenance.rules.schema`), and a test fails when the two drift apart.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from provenance.model import Category, Severity, Venue

RULE_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
PACK_ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Publisher(Strict):
    """How to recognise a publisher's articles."""

    names: list[str] = Field(min_length=1, description="Names as credited, first is the display name.")
    domains: list[str] = Field(
        default_factory=list,
        description="Hosts the publisher serves articles from, legacy hosts included; subdomains match.",
    )
    url_patterns: list[str] = Field(
        default_factory=list,
        description="RE2 patterns that an article URL (not a home page) of this publisher matches.",
    )
    signatures: list[str] = Field(
        default_factory=list,
        description="RE2 patterns (case-insensitive) of phrases that only this publisher's pages carry.",
    )


class AppliesTo(StrEnum):
    PUBLISHER = "publisher"  # articles whose chain includes this publisher
    LICENSE = "license"  # articles that declare one of `licenses` and whose source has no pack
    UNKNOWN_SOURCE = "unknown-source"  # republished articles whose direct source no pack knows
    ALWAYS = "always"  # every file (core rules about the files themselves)


class Example(Strict):
    """A document that a condition must accept (pass) or reject (fail); run as a test."""

    path: str = Field(default="example.md", description="File name; its suffix picks the reader.")
    content: str
    venue: Venue = Venue.COMMUNITY
    lines: list[int] = Field(
        default_factory=list, description="For fail examples: the lines the findings must be on."
    )


class Examples(Strict):
    passing: list[Example] = Field(default_factory=list, alias="pass")
    failing: list[Example] = Field(default_factory=list, alias="fail")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Condition(Strict):
    """One checkable condition of a policy: a stable id bound to a registered check."""

    id: str = Field(pattern=RULE_ID_PATTERN, description="Stable rule id, e.g. GR-LINK. Never reused.")
    name: str = Field(pattern=PACK_ID_PATTERN, description="Readable rule name.")
    check: str = Field(description="Name of a check in the registry (`provenance rules checks`).")
    params: dict[str, Any] = Field(default_factory=dict, description="Parameters of the check.")
    category: Category
    severity: Severity = Severity.ERROR
    message: str
    fix: str = ""
    rationale: str
    source_url: str = Field(description="Where the condition is stated (publisher page, licence text).")
    venues: list[Venue] = Field(
        default_factory=list, description="Venues the condition applies to; empty means all."
    )
    examples: Examples = Field(default_factory=Examples)


class PolicyPack(Strict):
    """A publisher's (or licence family's) republication policy."""

    id: str = Field(pattern=PACK_ID_PATTERN)
    name: str
    description: str = ""
    source_url: str = ""
    applies_to: AppliesTo = AppliesTo.PUBLISHER
    extends: str | None = Field(
        default=None, description="Id of a pack to layer over: its publisher and conditions are inherited."
    )
    publisher: Publisher | None = None
    licenses: list[str] = Field(
        default_factory=list,
        description="SPDX ids: for applies_to=license, the licences it covers; for a publisher, its licence.",
    )
    disable: list[str] = Field(default_factory=list, description="Inherited rule ids to switch off.")
    conditions: list[Condition] = Field(default_factory=list)


class SeverityOverride(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"


class Site(Strict):
    name: str = ""
    url: str = ""
    venue: Venue


class IgnoreEntry(Strict):
    """A suppression for every file matching `paths`: the rules it covers, why, until when."""

    paths: list[str] = Field(
        min_length=1, description="gitignore-style patterns, relative to the configuration file's folder."
    )
    rules: list[Annotated[str, Field(pattern=RULE_ID_PATTERN)]] = Field(
        min_length=1, description="Rule ids to suppress; `*` is not allowed."
    )
    reason: str = Field(
        min_length=1, pattern=r"\S", description="Why the exception is acceptable (mandatory)."
    )
    expires: dt.date | None = Field(
        default=None,
        description="YYYY-MM-DD; after this date the entry no longer suppresses and is reported.",
    )


class SiteConfig(Strict):
    """The `.provenance.yaml` file of a content repository."""

    site: Site
    include: list[str] = Field(default_factory=list, description="gitignore-style patterns to check.")
    exclude: list[str] = Field(default_factory=list, description="gitignore-style patterns to skip.")
    republished: list[str] = Field(
        default_factory=list,
        description=(
            "gitignore-style patterns of files that are all republished (an aggregator's or a"
            " translation project's collections), whether or not an article says so."
        ),
    )
    policies: list[str] = Field(
        default_factory=list, description="Folders or files of local packs, relative to the config file."
    )
    severity: dict[str, SeverityOverride] = Field(default_factory=dict)
    max_file_size: int = Field(default=5_000_000, gt=0, description="Bytes; larger files are reported.")
    ignore: list[IgnoreEntry] = Field(
        default_factory=list, description="Suppressions by path glob, each with a mandatory reason."
    )
