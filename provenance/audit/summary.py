"""Headline numbers and the summary tables: by status, source, licence, category and year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from provenance.audit.model import Article, ArticleStatus, Count, Records, Summary

UNNAMED_SOURCE = "(unnamed)"
NO_LICENSE = "(none stated)"
UNKNOWN_YEAR = "(no date)"


def _by_count(names: Iterable[str]) -> list[Count]:
    """Counts, most frequent first, ties by name."""
    counted = Counter(names)
    return [
        Count(name=name, count=count) for name, count in sorted(counted.items(), key=lambda i: (-i[1], i[0]))
    ]


def _status_counts(articles: Sequence[Article]) -> list[Count]:
    """Every status, in the vocabulary's order, with zero counts left out."""
    counted = Counter(article.status for article in articles)
    return [Count(name=status.value, count=counted[status]) for status in ArticleStatus if counted[status]]


def _year_counts(articles: Sequence[Article]) -> list[Count]:
    counted = Counter(str(a.published.year) if a.published else UNKNOWN_YEAR for a in articles)
    return [
        Count(name=year, count=counted[year])
        for year in sorted(counted, key=lambda y: (y == UNKNOWN_YEAR, y))
    ]


def summarise(articles: Sequence[Article], records: Records) -> Summary:
    republished = [article for article in articles if article.kind == "republished"]
    active = [finding for article in articles for finding in article.findings if not finding.suppressed]
    suppressed = sum(finding.suppressed for article in articles for finding in article.findings)
    return Summary(
        articles=len(articles),
        republished=len(republished),
        original=len(articles) - len(republished),
        violations=len(active),
        suppressed=suppressed,
        permissions=len(records.permissions),
        expiring=len(records.expiring),
        expired=len(records.expired),
        by_status=_status_counts(articles),
        by_source=_by_count(a.sources[0] if a.sources else UNNAMED_SOURCE for a in republished),
        by_license=_by_count(a.license or NO_LICENSE for a in republished),
        violations_by_category=_by_count(finding.category for finding in active),
        republished_by_year=_year_counts(republished),
    )
