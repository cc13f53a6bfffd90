"""Combine the reports of a sharded run (`check --shard K/N`) into the report of one whole run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from provenance.model import Report, finding_order


class MergeError(ValueError):
    """Reports that cannot be parts of one run (other tool versions, an article checked twice)."""


def merge_reports(reports: Sequence[Report]) -> Report:
    """One report with every finding and article of `reports`, sorted as a single run sorts them."""
    if not reports:
        raise MergeError("no reports to merge")
    versions = sorted({report.tool_version for report in reports})
    if len(versions) > 1:
        raise MergeError(f"the reports come from different provenance versions: {', '.join(versions)}")
    articles = [article for report in reports for article in report.articles]
    twice = sorted(path for path, count in Counter(a.path for a in articles).items() if count > 1)
    if twice:
        raise MergeError(f"checked in more than one report (overlapping shards?): {', '.join(twice)}")
    findings = sorted((f for report in reports for f in report.findings), key=finding_order)
    return Report(tuple(findings), tuple(sorted(articles, key=lambda a: a.path)), versions[0])
