"""Build the audit document from one check report, the rule set that produced it, and the site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from provenance.audit.model import (
    Article,
    ArticleStatus,
    Audit,
    Condition,
    ConditionOutcome,
    EvidenceItem,
    FindingItem,
    Site,
    Stamp,
)
from provenance.audit.records import permission_item, records, suppression_items
from provenance.audit.summary import summarise
from provenance.model import (
    ArticleSummary,
    Finding,
    Outcome,
    Report,
    RuleOutcome,
    Severity,
    Status,
    finding_order,
)
from provenance.rules.models import SiteConfig
from provenance.rules.ruleset import RuleSet

DEFAULT_EXPIRING_WITHIN = 30
NOTHING_TO_CHECK = "nothing to check"  # a pass without evidence: e.g. no upstream source, no permission

_OUTCOMES = {
    Outcome.PASS: ConditionOutcome.PASS,
    Outcome.FAIL: ConditionOutcome.FAIL,
    Outcome.NOT_APPLICABLE: ConditionOutcome.NOT_APPLICABLE,
}


def build_audit(
    report: Report,
    ruleset: RuleSet,
    config: SiteConfig,
    stamp: Stamp,
    *,
    expiring_within: int = DEFAULT_EXPIRING_WITHIN,
) -> Audit:
    """The audit of `report`, dated by `stamp` (permissions and suppressions are judged on that day)."""
    today = stamp.generated_at.date()
    by_path: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    builder = _ArticleBuilder(ruleset, config.site.venue.value, today, expiring_within)
    articles = [builder.article(summary, by_path.get(summary.path, [])) for summary in report.articles]
    articles.sort(key=lambda article: article.path)
    permissions = [article.permission for article in articles if article.permission is not None]
    suppressions = [item for article in articles for item in article.suppressions]
    on_record = records(permissions, suppressions, expiring_within)
    return Audit(
        stamp=stamp,
        site=Site(name=config.site.name, url=config.site.url, venue=config.site.venue.value),
        summary=summarise(articles, on_record),
        articles=articles,
        records=on_record,
    )


class _ArticleBuilder:
    def __init__(self, ruleset: RuleSet, venue: str, today: dt.date, within_days: int) -> None:
        self._ruleset = ruleset
        self._venue = venue
        self._today = today
        self._within = within_days

    def article(self, summary: ArticleSummary, findings: Sequence[Finding]) -> Article:
        record = summary.permission
        return Article(
            path=summary.path,
            title=summary.title,
            format=summary.format.value if summary.format is not None else None,
            kind="republished" if summary.republished else "original",
            status=audit_status(summary.status, findings),
            sources=list(summary.sources),
            chain=list(reversed(summary.sources)),
            policies=list(summary.policies),
            license=summary.license,
            venue=self._venue,
            published=summary.published,
            permission=permission_item(summary.path, record, self._today, self._within) if record else None,
            conditions=[self._condition(outcome, findings) for outcome in summary.outcomes],
            findings=[_finding(finding) for finding in sorted(findings, key=finding_order)],
            suppressions=suppression_items(summary.path, findings, self._today, self._within),
        )

    def _condition(self, outcome: RuleOutcome, findings: Sequence[Finding]) -> Condition:
        rule = self._ruleset.rule(outcome.rule)
        own = [f for f in findings if f.rule == outcome.rule and f.policy == outcome.policy]
        judged = _OUTCOMES[outcome.outcome]
        if judged is ConditionOutcome.FAIL and own and all(f.suppression is not None for f in own):
            judged = ConditionOutcome.SUPPRESSED
        return Condition(
            policy=outcome.policy,
            rule=outcome.rule,
            name=rule.name if rule else "",
            category=rule.category.value if rule else (own[0].category.value if own else ""),
            severity=rule.severity.value if rule else (own[0].severity.value if own else ""),
            outcome=judged,
            note=outcome.note
            or (NOTHING_TO_CHECK if judged is ConditionOutcome.PASS and not outcome.evidence else ""),
            evidence=[
                EvidenceItem(line=e.location.line, column=e.location.column, text=e.text, note=e.note)
                for e in outcome.evidence
            ],
        )


def audit_status(status: Status, findings: Sequence[Finding]) -> ArticleStatus:
    """The check's status, except that an article whose every violation is suppressed is `suppressed`."""
    if status is Status.UNREADABLE:
        return ArticleStatus.UNREADABLE
    serious = [f for f in findings if f.severity is not Severity.INFO]
    if serious and all(f.suppression is not None for f in serious):
        return ArticleStatus.SUPPRESSED
    return ArticleStatus(status.value)


def _finding(finding: Finding) -> FindingItem:
    return FindingItem(
        rule=finding.rule,
        policy=finding.policy,
        category=finding.category.value,
        severity=finding.severity.value,
        line=finding.line,
        column=finding.column,
        message=finding.message,
        evidence=finding.evidence,
        fingerprint=finding.fingerprint,
        suppressed=finding.suppression is not None,
    )
