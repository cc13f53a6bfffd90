"""Findings the suppression stage reports itself, stamped with the rules that name its checks.

A rule set decides whether these are reported at all, and how severely: the core pack names the
checks `suppression-used` (unused suppressions) and `suppression-valid` (here: rule ids that no
loaded rule has); a severity override of `off` removes the rule and so the finding.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from provenance.model import Finding

if TYPE_CHECKING:
    from provenance.model import Venue
    from provenance.rules.ruleset import CompiledRule, RuleSet


class AuditRules(NamedTuple):
    """The rules of a run that report on suppressions, looked up once per run."""

    known: frozenset[str]  # every rule id of the rule set
    invalid: tuple[CompiledRule, ...]
    expired: tuple[CompiledRule, ...]
    unused: tuple[CompiledRule, ...]
    own: frozenset[str]  # ids of the rules above: their findings are never suppressed

    @classmethod
    def of(cls, ruleset: RuleSet, venue: Venue) -> AuditRules:
        # The check names, not the checks: imported here, so that importing this module (every
        # run does, for the site's `ignore:` entries) does not import every check.
        from provenance.checks.suppressions import CURRENT_CHECK, SUPPRESSION_CHECKS, USED_CHECK, VALID_CHECK

        rules = [r for r in ruleset.rules() if r.check.name in SUPPRESSION_CHECKS and r.applies_on(venue)]
        return cls(
            known=frozenset(r.id for r in ruleset.rules()),
            invalid=tuple(r for r in rules if r.check.name == VALID_CHECK),
            expired=tuple(r for r in rules if r.check.name == CURRENT_CHECK),
            unused=tuple(r for r in rules if r.check.name == USED_CHECK),
            own=frozenset(r.id for r in rules),
        )

    def about(
        self, rule_id: str, *, path: str, line: int, column: int, evidence: str, used: bool = False
    ) -> Iterator[Finding]:
        """The findings for a suppression of `rule_id` that suppressed nothing (or names no rule)."""
        if rule_id not in self.known:
            hint = _did_you_mean(rule_id, self.known)
            message = f"The suppression names {rule_id}, which no loaded rule has{hint}"
            yield from stamp(self.invalid, path, line, column, message, evidence)
        elif not used:
            message = f"The suppression of {rule_id} suppresses nothing; remove it"
            yield from stamp(self.unused, path, line, column, message, evidence)


def stamp(
    rules: Iterable[CompiledRule], path: str, line: int, column: int, message: str, evidence: str
) -> Iterator[Finding]:
    for rule in rules:
        yield Finding(
            rule=rule.id,
            policy=rule.pack_id,
            category=rule.category,
            severity=rule.severity,
            path=path,
            line=line,
            column=column,
            message=message,
            evidence=evidence,
            fix=rule.fix,
        )


def _did_you_mean(rule_id: str, known: Collection[str]) -> str:
    import difflib  # only for a suppression naming an unknown rule

    close = difflib.get_close_matches(rule_id, sorted(known), n=1)
    return f" (did you mean {close[0]}?)" if close else ""
