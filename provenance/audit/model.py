"""The audit document: a versioned, self-contained inventory that every audit format renders from.

Published as `provenance/schemas/audit.schema.json` (generated from these models; a test fails on
drift). Field order is the JSON key order; lists are sorted by the builder, so the same site,
rules and clock give the same bytes.

Evidence lines are 1-based lines of the article; line 0 marks evidence taken from the site
configuration rather than from the article (e.g. the site's venue).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

AUDIT_SCHEMA_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_serialization_defaults_required=True)


class ArticleStatus(StrEnum):
    """An article's standing in the audit."""

    COMPLIANT = "compliant"
    VIOLATIONS = "violations"
    SUPPRESSED = "suppressed"  # every violation is suppressed (recorded, justified)
    PERMISSION_ON_FILE = "permission-on-file"
    UNKNOWN_SOURCE = "unknown-source"
    ORIGINAL = "original"
    UNREADABLE = "unreadable"


class ConditionOutcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    SUPPRESSED = "suppressed"  # failed, but every finding of it is suppressed
    NOT_APPLICABLE = "not-applicable"


class RecordState(StrEnum):
    """Where a permission or suppression stands on the audit date."""

    CURRENT = "current"
    EXPIRING = "expiring"  # expires within the configured number of days
    EXPIRED = "expired"
    NO_EXPIRY = "no-expiry"


class Stamp(_Strict):
    """What produced the audit, from what, when: enough to reproduce it."""

    tool: str = "provenance"
    tool_version: str
    generated_at: dt.datetime = Field(description="UTC; injectable (--now, SOURCE_DATE_EPOCH).")
    ruleset_sha256: str = Field(description="Hash of the effective rule files and severity overrides.")
    config_path: str | None = Field(description="The configuration file, relative to the working folder.")
    config_sha256: str | None = Field(description="SHA-256 of the configuration file's bytes.")
    git_commit: str | None = Field(description="HEAD of the content repository, when it is one.")
    git_dirty: bool | None = Field(description="Whether the work tree had uncommitted changes.")


class Site(_Strict):
    name: str
    url: str
    venue: str


class EvidenceItem(_Strict):
    line: int = Field(ge=0, description="1-based line in the article; 0: the site configuration.")
    column: int = Field(ge=0)
    text: str
    note: str


class Condition(_Strict):
    """One condition of one applied policy, and what decided it."""

    policy: str
    rule: str
    name: str
    category: str
    severity: str
    outcome: ConditionOutcome
    note: str
    evidence: list[EvidenceItem]


class FindingItem(_Strict):
    rule: str
    policy: str
    category: str
    severity: str
    line: int
    column: int
    message: str
    evidence: str
    fingerprint: str
    suppressed: bool


class Permission(_Strict):
    """A permission recorded in an article's front matter."""

    record: Literal["permission"] = "permission"
    path: str
    reference: str | None
    granted_by: str | None
    granted: dt.date | None
    expires: dt.date | None
    scope: str | None
    line: int
    state: RecordState
    days_left: int | None = Field(description="Days from the audit date to expiry (negative: expired).")


class Suppression(_Strict):
    """A suppression that silenced findings of an article: who recorded it, why, until when."""

    record: Literal["suppression"] = "suppression"
    path: str
    rules: list[str]
    kind: str
    reason: str
    source: str
    expires: dt.date | None
    findings: int
    state: RecordState
    days_left: int | None


class Article(_Strict):
    path: str
    title: str | None
    format: str | None
    kind: Literal["original", "republished"]
    status: ArticleStatus
    sources: list[str] = Field(description="Named sources, direct source first.")
    chain: list[str] = Field(description="The upstream chain, origin first, direct source last.")
    policies: list[str]
    license: str | None = Field(description="SPDX id of the licence the article declares.")
    venue: str
    published: dt.date | None
    permission: Permission | None
    conditions: list[Condition]
    findings: list[FindingItem]
    suppressions: list[Suppression]


class Count(_Strict):
    name: str
    count: int


class Summary(_Strict):
    articles: int
    republished: int
    original: int
    violations: int = Field(description="Active findings (not suppressed).")
    suppressed: int = Field(description="Suppressed findings.")
    permissions: int
    expiring: int
    expired: int
    by_status: list[Count]
    by_source: list[Count]
    by_license: list[Count]
    violations_by_category: list[Count]
    republished_by_year: list[Count]


class Records(_Strict):
    """Permissions and suppressions on record, and those that need attention."""

    expiring_within_days: int
    permissions: list[Permission]
    suppressions: list[Suppression]
    expiring: list[Annotated[Permission | Suppression, Field(discriminator="record")]]
    expired: list[Annotated[Permission | Suppression, Field(discriminator="record")]]


class Audit(_Strict):
    schema_version: Literal[1] = 1  # AUDIT_SCHEMA_VERSION
    stamp: Stamp
    site: Site
    summary: Summary
    articles: list[Article]
    records: Records
