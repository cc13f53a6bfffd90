"""Run a check: find the configuration, load the rules once, read and evaluate every file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from provenance import __version__
from provenance.baseline import settle
from provenance.batch import evaluate_sources
from provenance.cache import CACHE_FOLDER, ResultCache, run_key
from provenance.changes import ChangeRequest, changed_files, select_files
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
from provenance.parallel import CheckCrashed, default_workers
from provenance.readers import SUFFIXES, format_for
from provenance.rules.loader import load_ruleset
from provenance.rules.models import SiteConfig
from provenance.rules.ruleset import RuleSet
from provenance.shard import Shard, shard_selection
from provenance.suppress.site import SiteIgnores


class ArticleCrashed(RuntimeError):
    """An unexpected error (a bug) while checking one file; `path` names the file."""

    def __init__(self, path: str) -> None:
        super().__init__(f"internal error while checking {path}")
        self.path = path


@dataclass(frozen=True)
class CheckOptions:
    config_path: Path | None = None
    today: dt.date | None = None
    baseline: Path | None = None  # suppress the findings recorded in this baseline file
    baseline_write: Path | None = None  # record the active findings in this baseline file
    changes: ChangeRequest | None = None  # check only the files git reports changed
    jobs: int | None = None  # worker processes; None: one per CPU (small runs stay in-process)
    use_cache: bool = True  # reuse and record results in <root>/.provenance-cache/
    shard: Shard | None = None  # check only this deterministic share of the files
    keep_outcomes: bool = False  # keep each article's per-rule outcomes (audits); reports never show them


@dataclass(frozen=True)
class CheckResult:
    report: Report
    notices: tuple[str, ...]
    rulesets: tuple[RuleSet, ...] = ()  # the effective rule sets used, one per configuration


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
    changed = changed_files(cwd, options.changes) if options.changes is not None else None
    targets = [p if p.is_absolute() else cwd / p for p in paths] or [cwd]
    groups: dict[Path | None, list[Path]] = {}
    for target in targets:
        groups.setdefault(options.config_path or find_config(target), []).append(target)

    notices: list[str] = []
    findings: list[Finding] = []
    summaries: list[ArticleSummary] = []
    rulesets: list[RuleSet] = []
    for config_path, group in groups.items():
        setup = _setup(config_path, group[0])
        rulesets.append(setup.ruleset)
        if config_path is None:
            notices.append(
                f"no .provenance.yaml found; assuming venue '{setup.config.site.venue.value}'"
                " (run in a folder with a .provenance.yaml to set it)"
            )
        found = discover(
            group,
            root=setup.root,
            cwd=cwd,
            include=setup.config.include,
            exclude=setup.config.exclude,
            suffixes=SUFFIXES,
        )
        selection = select_files(
            changed,
            found,
            cwd=cwd,
            root=setup.root,
            targets=group,
            config_path=config_path,
            config=setup.config,
        )
        selection = shard_selection(selection, options.shard)
        ignores = SiteIgnores(
            setup.config, config_path=config_path, cwd=cwd, ruleset=functools.partial(getattr, setup, "ruleset"), today=today
        )
        evaluations = evaluate_files(
            setup, selection.files, selection.skipped, today, jobs=options.jobs, use_cache=options.use_cache
        )
        for evaluation in evaluations:
            findings.extend(ignores.apply(evaluation.findings, selection.relative(evaluation.summary.path)))
            summary = evaluation.summary
            summaries.append(summary if options.keep_outcomes else _without_outcomes(summary))
        findings.extend(ignores.audit(complete=selection.complete))

    findings.sort(key=lambda f: f.sort_key)
    summaries.sort(key=lambda s: s.path)
    report, baseline_notices = settle(
        Report(tuple(findings), tuple(summaries), __version__),
        use=options.baseline,
        write=options.baseline_write,
        cwd=cwd,
    )
    return CheckResult(report, (*notices, *baseline_notices), tuple(rulesets))


def evaluate_files(
    setup: _Setup,
    files: Sequence[SourceFile],
    skipped: Sequence[Skipped],
    today: dt.date,
    *,
    jobs: int | None = 1,
    use_cache: bool = False,
) -> Iterator[Evaluation]:
    """Read and evaluate every discovered file (and report every skipped one), in order.

    `jobs` worker processes (None: one per CPU); with `use_cache`, results are reused from and
    recorded in the result cache under the root (see `provenance.cache`). Either way the
    evaluations are exactly those of a serial, uncached run.
    """
    declared = _declared_republished(setup.config.republished)
    try:
        yield from evaluate_sources(
            files,
            declared_republished=declared,
            make_evaluator=functools.partial(_evaluator, setup),
            today=today,
            max_size=setup.config.max_file_size,
            cache=_result_cache(setup) if use_cache else None,
            workers=jobs or default_workers(),
        )
    except CheckCrashed as crash:  # a bug: name the file, let the CLI exit 3
        raise ArticleCrashed(crash.path) from crash.__cause__
    if skipped:
        yield from map(_evaluator(setup, today).evaluate, map(_unreadable, skipped))


def _declared_republished(patterns: Sequence[str]) -> Callable[[SourceFile], bool]:
    """Whether the configuration's `republished:` patterns cover a file (no patterns: never)."""
    if not patterns:
        return lambda source: False
    import pathspec  # only here: importing it costs a short run tens of milliseconds

    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    return lambda source: spec.match_file(source.relative)


def _evaluator(setup: _Setup, today: dt.date) -> Evaluator:
    site = setup.config.site
    return Evaluator(setup.ruleset, venue=site.venue, site_url=site.url, today=today)


def _result_cache(setup: _Setup) -> ResultCache:
    """The cache of this configuration's results, at the top of its repository."""
    key = run_key(setup.ruleset.fingerprint, repr(setup.config))
    return ResultCache(repository_root(setup.root) / CACHE_FOLDER, key)


def _without_outcomes(summary: ArticleSummary) -> ArticleSummary:
    """`summary` without its per-rule outcomes, which only audits read: most of a large run's memory."""
    return dataclasses.replace(summary, outcomes=()) if summary.outcomes else summary


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
