"""Run a check: find the configuration, load the rules once, read and evaluate every file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from provenance import __version__
from provenance.config import default_config, find_config, load_config
from provenance.discover import Skipped, SourceFile, discover
from provenance.evaluate import Evaluation, Evaluator
from provenance.model import (
    Article,
    ArticleSummary,
    Category,
    Diagnostic,
    Document,
    Finding,
    Format,
    Report,
)
from provenance.readers import SUFFIXES, format_for, read_file
from provenance.rules.loader import load_ruleset
from provenance.rules.models import SiteConfig
from provenance.rules.ruleset import RuleSet


class ArticleCrashed(RuntimeError):
    """An unexpected error (a bug) while checking one file; `path` names the file."""

    def __init__(self, path: str) -> None:
        super().__init__(f"internal error while checking {path}")
        self.path = path


@dataclass(frozen=True)
class CheckOptions:
    config_path: Path | None = None
    today: dt.date | None = None


@dataclass(frozen=True)
class CheckResult:
    report: Report
    notices: tuple[str, ...]


@dataclass(frozen=True)
class _Setup:
    """One configuration and everything derived from it once per run."""

    config_path: Path | None
    config: SiteConfig
    root: Path
    ruleset: RuleSet


def repository_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds `.git`, else `start` itself."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _setup(config_path: Path | None, fallback_root: Path) -> _Setup:
    if config_path is None:
        config = default_config()
        root = repository_root(fallback_root)
    else:
        config = load_config(config_path)
        root = config_path.parent
    ruleset = load_ruleset([root / p for p in config.policies], config.severity, config_path=config_path)
    return _Setup(config_path, config, root, ruleset)


def load_rules_for(cwd: Path, config_path: Path | None) -> RuleSet:
    """The effective rule set (built-in and local packs) for the configuration found from `cwd`."""
    path = config_path or find_config(cwd)
    return _setup(path, cwd).ruleset


def run_check(paths: Sequence[Path], *, cwd: Path, options: CheckOptions) -> CheckResult:
    """Check every supported file under `paths` and return the report with any notices."""
    today = options.today or dt.date.today()
    targets = [p if p.is_absolute() else cwd / p for p in paths] or [cwd]
    groups: dict[Path | None, list[Path]] = {}
    for target in targets:
        groups.setdefault(options.config_path or find_config(target), []).append(target)

    notices: list[str] = []
    findings: list[Finding] = []
    summaries: list[ArticleSummary] = []
    for config_path, group in groups.items():
        setup = _setup(config_path, group[0])
        if config_path is None:
            notices.append(
                f"no .provenance.yaml found; assuming venue '{setup.config.site.venue.value}'"
                " (run in a folder with a .provenance.yaml to set it)"
            )
        files, skipped = discover(
            group,
            root=setup.root,
            cwd=cwd,
            include=setup.config.include,
            exclude=setup.config.exclude,
            suffixes=SUFFIXES,
        )
        for evaluation in evaluate_files(setup, files, skipped, today):
            findings.extend(evaluation.findings)
            summaries.append(evaluation.summary)

    findings.sort(key=lambda f: f.sort_key)
    summaries.sort(key=lambda s: s.path)
    return CheckResult(Report(tuple(findings), tuple(summaries), __version__), tuple(notices))


def evaluate_files(
    setup: _Setup, files: Sequence[SourceFile], skipped: Sequence[Skipped], today: dt.date
) -> Iterator[Evaluation]:
    """Read and evaluate every discovered file (and report every skipped one), in order."""
    evaluator = Evaluator(
        setup.ruleset, venue=setup.config.site.venue, site_url=setup.config.site.url, today=today
    )
    republished = pathspec.GitIgnoreSpec.from_lines(setup.config.republished)
    for source in files:
        try:
            article = read_file(source.fs_path, source.display_path, max_size=setup.config.max_file_size)
            yield evaluator.evaluate(article, declared_republished=republished.match_file(source.relative))
        except Exception as exc:  # a bug: name the file, let the CLI exit 3
            raise ArticleCrashed(source.display_path) from exc
    yield from map(evaluator.evaluate, map(_unreadable, skipped))


def _unreadable(skipped: Skipped) -> Article:
    """A file discovery refused to read (a symlink leaving the repository, a loop): one finding."""
    diagnostic = Diagnostic(Category.FILE_UNREADABLE, f"not read: {skipped.reason}")
    return Article(
        path=skipped.display_path,
        format=format_for(skipped.display_path) or Format.TEXT,
        metadata={},
        fields=(),
        body="",
        body_line=1,
        parse_body=lambda: Document((), ()),
        diagnostics=(diagnostic,),
    )
