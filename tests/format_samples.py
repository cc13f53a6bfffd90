"""The shared sample report plus suppressed findings, and a fixed rule catalogue, for the CI formats."""

from __future__ import annotations

import datetime as dt

from sample_report import ARTICLES, FINDINGS

from provenance.model import Category, Finding, Report, Severity, Suppression, SuppressionKind
from provenance.report import RenderOptions
from provenance.report.rule_info import RuleInfo

SUPPRESSED_INLINE = Finding(
    rule="GR-LINK",
    policy="global-research",
    category=Category.LINK_TO_ORIGINAL_PLACEHOLDER,
    severity=Severity.ERROR,
    path="content/2009/nato-russia.md",
    line=46,
    column=14,
    message="The link to the original article is a placeholder",
    evidence="[Global Research](#)",
    fix="Link the credit to the article's URL on rt.com",
    fingerprint="5e5e5e5e5e5e5e5e",
    suppression=Suppression(
        kind=SuppressionKind.INLINE,
        reason='link restored in print edition | see "notes" <b>',
        source="content/2009/nato-russia.md:45",
        expires=dt.date(2026, 12, 31),
    ),
)

SUPPRESSED_BASELINE = Finding(
    rule="UNK-SOURCE",
    policy="unknown-source",
    category=Category.UNKNOWN_SOURCE,
    severity=Severity.WARNING,
    path="content/2010/old, archived.html",
    line=3,
    column=1,
    message="Republished from a source with no known policy: Old Times",
    fingerprint="abcdefabcdefabcd",
    suppression=Suppression(
        kind=SuppressionKind.BASELINE, reason="in the baseline", source=".provenance-baseline.json"
    ),
)

SUPPRESSED_REPORT = Report(
    findings=(*FINDINGS, SUPPRESSED_INLINE, SUPPRESSED_BASELINE), articles=ARTICLES, tool_version="0.1.0"
)

RULES = {
    "GR-LINK": RuleInfo(
        id="GR-LINK",
        name="link-to-original",
        policy="global-research",
        policy_name="Global Research",
        category=Category.LINK_TO_ORIGINAL_MISSING,
        severity=Severity.ERROR,
        summary="There is no working hyperlink to the original Global Research article.",
        rationale="Cross-posting is allowed with a hyperlink to the original Global Research article.",
        fix="Link to the original Global Research article on globalresearch.ca.",
        source_url="https://www.globalresearch.ca/stand-truth-2022-beyond-help-global-research-stay-afloat/5766393",
    ),
    "GR-CREDIT": RuleInfo(
        id="GR-CREDIT",
        name="source-credited",
        policy="global-research",
        policy_name="Global Research",
        category=Category.SOURCE_CREDIT_MISSING,
        severity=Severity.ERROR,
        summary="Global Research is not acknowledged as the source.",
        rationale="The source must be acknowledged.",
        source_url="https://www.globalresearch.ca/stand-truth-2022-beyond-help-global-research-stay-afloat/5766393",
    ),
    "CORE-UNREADABLE": RuleInfo(
        id="CORE-UNREADABLE",
        name="unreadable",
        policy="core",
        policy_name="Core file checks",
        category=Category.FILE_UNREADABLE,
        severity=Severity.ERROR,
        summary="The file cannot be read.",
        rationale="A file that cannot be read cannot be checked.",
        source_url="README.md#categories",
    ),
}
# GR-COPYRIGHT and UNK-SOURCE are left out on purpose: formats fall back on the finding itself.

OPTIONS = RenderOptions(rules=RULES)
