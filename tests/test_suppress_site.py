"""The site's `ignore:` entries cost a run nothing when the configuration has none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from provenance.config import default_config
from provenance.model import Category, Finding, Severity
from provenance.rules.ruleset import RuleSet
from provenance.suppress.site import SiteIgnores


def _uncompiled() -> RuleSet:
    raise AssertionError("the rules were compiled")


def test_without_ignore_entries_the_rules_are_never_compiled(tmp_path: Path) -> None:
    today = dt.date.today()  # a run whose results are all cached then never imports the checks
    ignores = SiteIgnores(default_config(), config_path=None, cwd=tmp_path, ruleset=_uncompiled, today=today)
    finding = Finding("GR-LINK", "gr", Category.LINK_PLACEHOLDER, Severity.ERROR, "a.md", 1, 1, "placeholder")
    assert ignores.apply([finding], "a.md") == [finding]
    assert ignores.audit(complete=True) == []
