"""The audit as one self-contained HTML file, from Jinja2 templates with autoescaping on.

Styles and the small script are inlined; a Content-Security-Policy meta tag allows exactly those
two (by hash) and nothing else, so the page can fetch nothing, and content cannot inject markup.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from provenance.audit.charts import summary_charts
from provenance.audit.model import Audit, ConditionOutcome
from provenance.audit.present import (
    commit_label,
    days_label,
    evidence_line,
    generated_label,
    place,
    record_what,
    record_who,
    state_label,
)

TEMPLATE = "report.html.j2"


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("provenance.audit", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(
        place=place,
        evidence_line=evidence_line,
        days_label=days_label,
        record_who=record_who,
        record_what=record_what,
        state_label=state_label,
        outcomes=ConditionOutcome,
    )
    return environment


@cache
def _asset(name: str) -> str:
    return resources.files("provenance.audit").joinpath("templates", name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """The CSP source expression allowing an inline element whose content is exactly `text`."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(style: str, script: str) -> str:
    return (
        f"default-src 'none'; style-src {csp_hash(style)}; script-src {csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def render(audit: Audit) -> str:
    style, script = _asset("report.css"), _asset("report.js")
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            audit=audit,
            stamp=audit.stamp,
            generated=generated_label(audit.stamp),
            commit=commit_label(audit.stamp),
            charts=summary_charts(audit.summary),
            style=Markup(style),
            script=Markup(script),
            csp=content_security_policy(style, script),
        )
    )
