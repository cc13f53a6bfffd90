"""What the report formats need to know about each rule, taken once from the effective rule sets.

Formatters stay pure: the CLI builds this catalogue from the rule sets a run used and passes
it in `RenderOptions.rules`. A finding whose rule is not in the catalogue (a rule of a pack the
run did not load, or a synthetic rule) still renders, from what the finding itself says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from provenance.lazy_mapping import LazyMapping
from provenance.model import Category, Finding, Severity

if TYPE_CHECKING:  # the rule machinery is not imported just to render a report
    from provenance.rules.ruleset import RuleSet


class RuleInfo(NamedTuple):
    """A rule's identity and documentation, as the report formats show it."""

    id: str
    name: str
    policy: str  # pack id
    policy_name: str
    category: Category
    severity: Severity  # the configured (default) severity
    summary: str  # one sentence: what is wrong when the rule fails
    rationale: str = ""
    fix: str = ""
    source_url: str = ""  # where the condition is stated; may be relative (README.md#...)

    @property
    def help_uri(self) -> str | None:
        """`source_url` when it is an absolute web address, else None."""
        url = self.source_url
        return url if url.startswith(("https://", "http://")) else None


def rule_catalogue(rulesets: Iterable[RuleSet]) -> dict[str, RuleInfo]:
    """Every rule of `rulesets` by id; when two rule sets define an id, the first one wins."""
    catalogue: dict[str, RuleInfo] = {}
    for ruleset in rulesets:
        for pack in ruleset.packs:
            for rule in pack.rules:
                catalogue.setdefault(
                    rule.id,
                    RuleInfo(
                        id=rule.id,
                        name=rule.name,
                        policy=pack.id,
                        policy_name=pack.name,
                        category=rule.category,
                        severity=rule.severity,
                        summary=rule.message,
                        rationale=rule.rationale,
                        fix=rule.fix,
                        source_url=rule.source_url,
                    ),
                )
    return catalogue


def lazy_catalogue(load: Callable[[], Iterable[RuleSet]]) -> Mapping[str, RuleInfo]:
    """`rule_catalogue` of the rule sets `load` returns, made on first use.

    Only some formats (SARIF, JUnit) read the catalogue; a run whose results were all cached
    would otherwise compile its rules just to print text.
    """
    return LazyMapping(lambda: rule_catalogue(load()))


def rule_for(finding: Finding, catalogue: Mapping[str, RuleInfo]) -> RuleInfo:
    """The catalogue entry of the finding's rule, or one built from the finding itself."""
    known = catalogue.get(finding.rule)
    if known is not None:
        return known
    return RuleInfo(
        id=finding.rule,
        name=finding.rule.lower(),
        policy=finding.policy,
        policy_name=finding.policy,
        category=finding.category,
        severity=finding.severity,
        summary=finding.message,
        fix=finding.fix,
    )
