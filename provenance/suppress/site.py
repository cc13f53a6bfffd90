"""The site's suppressions: `ignore:` entries of `.provenance.yaml`, matched by path glob.

    ignore:
      - paths: ["archive/2009/**"]          # gitignore-style, relative to the config's folder
        rules: [GR-LINK]
        reason: "the 2009 archive predates the link policy; under review with the publisher"
        expires: 2026-12-31                # optional

Applied by the engine after each file is evaluated, to the findings no inline or front-matter
suppression already covers (the first matching live entry in file order wins). Afterwards
`audit` reports, at the entry's line in the config: expired entries, rule ids no loaded rule has,
unusable patterns, and, when the run covered the whole site, (entry, rule) pairs that
suppressed nothing. A partial run (some paths, changed files) cannot tell unused from unchecked.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Final

from provenance.model import Finding, Suppression, SuppressionKind, with_fingerprints
from provenance.rules.errors import RuleErrors
from provenance.suppress.audit import AuditRules, stamp

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from provenance.rules.ruleset import RuleSet
    from provenance.rules.site_config import IgnoreEntry, SiteConfig


class _Entry:
    """One `ignore:` entry, its patterns compiled, and its line in the configuration.

    A plain class, not a dataclass (cheaper to create at start-up, which every run pays).
    """

    def __init__(self, index: int, entry: IgnoreEntry, spec: GitIgnoreSpec | None, line: int) -> None:
        self.index: Final = index
        self.entry: Final = entry
        self.spec: Final = spec  # None: a pattern did not parse
        self.line: Final = line

    @property
    def evidence(self) -> str:
        return f"ignore[{self.index}]: {', '.join(self.entry.rules)} in {', '.join(self.entry.paths)}"


class SiteIgnores:
    """One configuration's `ignore:` entries, compiled once per run.

    `ruleset` gives the run's compiled rules; it is called only when the configuration has
    `ignore:` entries, so a run without any (whose results are cached) need not compile them.
    """

    def __init__(
        self,
        config: SiteConfig,
        *,
        config_path: Path | None,
        cwd: Path,
        ruleset: Callable[[], RuleSet],
        today: dt.date,
    ) -> None:
        self._ruleset, self._venue = ruleset, config.site.venue
        self._today = today
        self._source = Path(os.path.relpath(config_path, cwd)).as_posix() if config_path else ""
        lines = _entry_lines(config_path) if config.ignore and config_path else {}
        self._entries = [
            _Entry(index, entry, _spec(entry.paths), lines.get(index, 1))
            for index, entry in enumerate(config.ignore)
        ]
        self._live = [e for e in self._entries if e.spec is not None and not _expired(e.entry, today)]
        self._used: set[tuple[int, str]] = set()

    @cached_property
    def _audit(self) -> AuditRules:
        """The run's suppression rules, looked up only when the configuration has `ignore:` entries."""
        return AuditRules.of(self._ruleset(), self._venue)

    def apply(self, findings: Sequence[Finding], relative: str) -> list[Finding]:
        """`findings` of the file at `relative` (POSIX, below the config's folder), suppressed where due."""
        if not self._live:
            return list(findings)
        result = []
        for finding in findings:
            if finding.suppression is None and finding.rule not in self._audit.own:
                entry = next(
                    (
                        e
                        for e in self._live
                        if finding.rule in e.entry.rules and e.spec and e.spec.match_file(relative)
                    ),
                    None,
                )
                if entry is not None:
                    self._used.add((entry.index, finding.rule))
                    finding = finding._replace(suppression=self._suppression(entry))
            result.append(finding)
        return result

    def audit(self, *, complete: bool) -> list[Finding]:
        """Findings about the entries themselves; unused ones only when `complete` (the whole site ran)."""
        found: list[Finding] = []
        for item in self._entries:
            where = (self._source, item.line, 1)
            if item.spec is None:
                message = f"Malformed suppression: invalid gitignore-style pattern in {item.entry.paths}"
                found += stamp(self._audit.invalid, *where, message, item.evidence)
            elif _expired(item.entry, self._today):
                rules = ", ".join(item.entry.rules)
                message = f"The suppression of {rules} expired on {item.entry.expires}; it no longer applies"
                found += stamp(self._audit.expired, *where, message, item.evidence)
            else:
                for rule in item.entry.rules:
                    if complete or rule not in self._audit.known:
                        used = not complete or (item.index, rule) in self._used
                        found += self._audit.about(
                            rule, path=where[0], line=where[1], column=1, evidence=item.evidence, used=used
                        )
        return with_fingerprints(found)

    def _suppression(self, item: _Entry) -> Suppression:
        source = f"{self._source}:{item.line}"
        return Suppression(SuppressionKind.CONFIG, item.entry.reason, source, item.entry.expires)


def _expired(entry: IgnoreEntry, today: dt.date) -> bool:
    return entry.expires is not None and entry.expires < today


def _spec(patterns: list[str]) -> GitIgnoreSpec | None:
    import pathspec  # on first use: most configurations have no `ignore:` entries

    try:
        return pathspec.GitIgnoreSpec.from_lines(patterns)
    except (ValueError, TypeError):
        return None


def _entry_lines(config_path: Path) -> dict[int, int]:
    """The line of each `ignore:` entry (the config was validated already; failures give {})."""
    try:
        from provenance.rules.yaml_marks import load_marked  # only for a configuration with `ignore:`

        document = load_marked(config_path.read_text(encoding="utf-8"), config_path.as_posix())
    except (OSError, UnicodeDecodeError, RuleErrors):
        return {}
    entries = document.data.get("ignore")
    count = len(entries) if isinstance(entries, list) else 0
    return {index: document.line_of(f"/ignore/{index}") or 1 for index in range(count)}
