"""Apply an article's own suppressions (inline and front matter) to its findings.

Depends only on the article's content, the rule set and the date, so it runs inside
`Evaluator.evaluate` and whatever caches evaluations stays valid. A finding is suppressed by the
most specific live suppression that names its rule and covers its line (line-scoped before
file-scoped, then in file order); it keeps its place in the report with `suppression` set.
Expired and malformed suppressions suppress nothing (their own checks report them); the findings
of the suppression rules themselves are never suppressed. Every (suppression, rule) pair that
suppressed nothing is reported by `AuditRules.about`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from provenance.suppress.audit import AuditRules
from provenance.suppress.directives import article_directives

if TYPE_CHECKING:
    from provenance.model import Article, Finding, Venue
    from provenance.rules.ruleset import RuleSet
    from provenance.suppress.directives import Directive


class ArticleSuppressor:
    """Built once per run; `apply` is called once per article."""

    def __init__(self, ruleset: RuleSet, *, venue: Venue, today: dt.date) -> None:
        self._audit = AuditRules.of(ruleset, venue)
        self._today = today

    def apply(self, article: Article, findings: Sequence[Finding]) -> list[Finding]:
        """`findings` with suppressions set, plus a finding per unused suppression of a rule."""
        directives = article_directives(article).directives
        if not directives:
            return list(findings)
        live = sorted(
            (d for d in directives if not d.expired(self._today)),
            key=lambda d: (d.last is None, d.location),
        )
        used: set[tuple[int, str]] = set()
        result = []
        for finding in findings:
            chosen = None if finding.rule in self._audit.own else _first_covering(live, finding)
            if chosen is not None:
                used.add((chosen, finding.rule))
                finding = finding._replace(suppression=live[chosen].suppression(article.path))
            result.append(finding)
        for index, directive in enumerate(live):
            for rule in directive.rules:
                result += self._audit.about(
                    rule,
                    path=article.path,
                    line=directive.location.line,
                    column=directive.location.column,
                    evidence=directive.evidence,
                    used=(index, rule) in used,
                )
        return result


def _first_covering(live: Sequence[Directive], finding: Finding) -> int | None:
    for index, directive in enumerate(live):
        if finding.rule in directive.rules and directive.covers(finding.line):
            return index
    return None
