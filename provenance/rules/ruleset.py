"""The effective rule set of a run: packs validated, layered and compiled once.

Everything here depends only on the rule files and the site configuration, so it is built
once per run and shared by every article.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from provenance.checks.base import CheckSpec, Params, PublisherIdentity
from provenance.model import Category, Severity, Venue
from provenance.rules.models import AppliesTo, Examples


class CompiledRule(NamedTuple):
    """A condition ready to run: its check resolved and its parameters validated."""

    id: str
    name: str
    pack_id: str
    check: CheckSpec[Any]
    params: Params
    category: Category
    severity: Severity
    message: str
    fix: str
    rationale: str
    source_url: str
    venues: frozenset[Venue]
    examples: Examples
    origin: str  # the pack file the condition was read from

    def applies_on(self, venue: Venue) -> bool:
        return not self.venues or venue in self.venues


class CompiledPack(NamedTuple):
    id: str
    name: str
    description: str
    source_url: str
    applies_to: AppliesTo
    publisher: PublisherIdentity | None
    signatures: tuple[Any, ...]  # compiled RE2 patterns, case-insensitive
    licenses: tuple[str, ...]
    rules: tuple[CompiledRule, ...]
    origin: str
    builtin: bool


class RuleSet(NamedTuple):
    """All packs of a run, in load order (built-in first, then local)."""

    packs: tuple[CompiledPack, ...]
    fingerprint: str  # hash of the effective rule files and overrides

    def rules(self) -> Iterator[CompiledRule]:
        for pack in self.packs:
            yield from pack.rules

    def rule(self, rule_id: str) -> CompiledRule | None:
        return next((r for r in self.rules() if r.id == rule_id), None)

    def pack(self, pack_id: str) -> CompiledPack | None:
        return next((p for p in self.packs if p.id == pack_id), None)
