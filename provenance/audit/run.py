"""Run an audit: check the site on the audit date, then build the audit document from the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from provenance.audit.build import DEFAULT_EXPIRING_WITHIN, build_audit
from provenance.audit.model import Audit
from provenance.audit.stamp import make_stamp
from provenance.config import default_config, find_config, load_config
from provenance.engine import CheckOptions, load_rules_for, run_check


@dataclass(frozen=True)
class AuditOptions:
    generated_at: dt.datetime  # UTC; also the day permissions and suppressions are judged on
    config_path: Path | None = None
    expiring_within: int = DEFAULT_EXPIRING_WITHIN


@dataclass(frozen=True)
class AuditResult:
    audit: Audit
    notices: tuple[str, ...]


def run_audit(paths: Sequence[Path], *, cwd: Path, options: AuditOptions) -> AuditResult:
    """Audit every supported file under `paths` (default: `cwd`) as of `options.generated_at`.

    One site is audited: its configuration is the given one, else the one found from the first path.
    """
    targets = [p if p.is_absolute() else cwd / p for p in paths] or [cwd]
    config_path = options.config_path or find_config(targets[0])
    checked = run_check(
        targets,
        cwd=cwd,
        options=CheckOptions(config_path=config_path, today=options.generated_at.date(), keep_outcomes=True),
    )
    ruleset = checked.rulesets[0] if checked.rulesets else load_rules_for(cwd, config_path)
    config = load_config(config_path) if config_path else default_config()
    stamp = make_stamp(
        generated_at=options.generated_at,
        ruleset_sha256=ruleset.fingerprint,
        config_path=config_path,
        cwd=cwd,
        content_folder=config_path.parent if config_path else targets[0],
    )
    audit = build_audit(checked.report, ruleset, config, stamp, expiring_within=options.expiring_within)
    return AuditResult(audit, checked.notices)
