"""The audit fixture site, copied out of the repository (so no Git stamp) and audited on a fixed day."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from provenance.audit import Audit, AuditOptions, run_audit

SITE = Path(__file__).parent / "fixtures" / "audit" / "site"
NOW = dt.datetime(2025, 7, 1, 9, 30, tzinfo=dt.UTC)


def copy_site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(SITE, target)
    return target


def audit_site(root: Path, now: dt.datetime = NOW, expiring_within: int = 30) -> Audit:
    """The audit of the site at `root`, run from `root` (paths are then `content/...`)."""
    options = AuditOptions(generated_at=now, expiring_within=expiring_within)
    return run_audit([Path(".")], cwd=root, options=options).audit
