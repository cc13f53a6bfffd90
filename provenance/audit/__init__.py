"""Audit reports: an evidence-backed inventory of a site, rendered from one versioned JSON model.

`run_audit` checks the site and builds the `Audit`; `AUDIT_FORMATS` renders it (every format
from the same model); `diff_audits` compares two audits read back with `load`.
"""

from __future__ import annotations

from collections.abc import Callable

from provenance.audit import render_csv, render_html, render_json, render_markdown
from provenance.audit.diff import AuditDiff, diff_audits
from provenance.audit.model import AUDIT_SCHEMA_VERSION, Audit
from provenance.audit.render_diff import DIFF_FORMATTERS
from provenance.audit.render_json import AuditFileError, load
from provenance.audit.run import AuditOptions, AuditResult, run_audit

AUDIT_FORMATS: dict[str, Callable[[Audit], str]] = {
    "html": render_html.render,
    "markdown": render_markdown.render,
    "csv": render_csv.render,
    "json": render_json.render,
}

__all__ = [
    "AUDIT_FORMATS",
    "AUDIT_SCHEMA_VERSION",
    "DIFF_FORMATTERS",
    "Audit",
    "AuditDiff",
    "AuditFileError",
    "AuditOptions",
    "AuditResult",
    "diff_audits",
    "load",
    "run_audit",
]
