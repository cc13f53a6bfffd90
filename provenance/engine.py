"""Run a check: find the configuration, load the rules once, read and evaluate every file.

The rules are compiled only when they are needed: to check a file whose result is not cached,
or because nothing proves them valid yet. Results are cached under a key that includes every
pack file's text and the whole configuration (`provenance.cache`), and a result file exists
only once a run with those very inputs has compiled them without error; while it exists, a
run whose files are all cached never imports the checks at all (most of a warm run's start-up).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import marshal
import os
import time
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

from provenance import __version__
from provenance.baseline import settle
from provenance.batch import evaluate_sources
from provenance.cache import CACHE_FOLDER, ResultCache, Stamp, is_settled, results_recorded, run_key, stamp_of
from provenance.changes import ChangeRequest, Selection, changed_files, select_files
from provenance.config import (
    built_config,
    check_semantics,
    default_config,
    find_config,
    read_config,
    validated_config,
)
from provenance.discover import Skipped, SourceFile, discover
from provenance.model import (
    Article,
    ArticleSummary,
    Category,
    Diagnostic,
    Document,
    Finding,
    Format,
    Report,
    finding_order,
)
from provenance.parallel import CheckCrashed, default_workers
from provenance.readers import SUFFIXES, format_for
from provenance.rules.inputs import RuleInputs, read_rule_inputs
from provenance.shard import Shard, shard_selection
from provenance.suppress.site import SiteIgnores

if TYPE_CHECKING:
    from provenance.evaluate import Evaluation, Evaluator
    from provenance.rules.ruleset import RuleSet
    from provenance.rules.site_config import SiteConfig


class ArticleCrashed(RuntimeError):
    """An unexpected error (a bug) while checking one file; `path` names the file."""

    def __init__(self, path: str) -> None:
        super().__init__(f"internal error while checking {path}")
        self.path = path


class CheckOptions(NamedTuple):
    config_path: Path | None = None
    today: dt.date | None = None
    baseline: Path | None = None  # suppress the findings recorded in this baseline file
    baseline_write: Path | None = None  # record the active findings in this baseline file
    changes: ChangeRequest | None = None  # check only the files git reports changed
    jobs: int | None = None  # worker processes; None: one per CPU (small runs stay in-process)
    use_cache: bool = True  # reuse and record results in <root>/.provenance-cache/
    shard: Shard | None = None  # check only this deterministic share of the files
    keep_outcomes: bool = False  # keep each article's per-rule outcomes (audits); reports never show them


class CheckResult(NamedTuple):
    report: Report
    notices: tuple[str, ...]
    rule_loaders: tuple[Callable[[], RuleSet], ...] = ()  # one per configuration: its compiled rules

    @property
    def rulesets(self) -> tuple[RuleSet, ...]:
        """The effective rule sets used, one per configuration (compiled now if they were not)."""
        return tuple(load() for load in self.rule_loaders)


class _Setup:
    """One configuration and everything derived from it once per run.

    A plain class, not a dataclass (cheaper to create at start-up): `ruleset` is cached on it.
    """

    def __init__(
        self,
        config_path: Path | None,
        config: SiteConfig,
        root: Path,
        rules: RuleInputs,
        validated: bool = False,  # a result file proves the configuration and the rules valid
    ) -> None:
        self.config_path: Final = config_path
        self.config: Final = config
        self.root: Final = root
        self.rules: Final = rules
        self.validated: Final = validated

    @cached_property
    def ruleset(self) -> RuleSet:
        """The rules compiled, on first use; raises `RuleErrors` or `ConfigError` as loading does."""
        from provenance.rules.loader import compile_rules

        return compile_rules(self.rules, config_path=self.config_path, proven=self.validated)

    def load_ruleset(self) -> RuleSet:
        """`ruleset`, as a function to hand to whoever may need the rules later (if at all)."""
        return self.ruleset


def repository_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds `.git`, else `start` itself."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _setup(config_path: Path | None, fallback_root: Path, *, use_cache: bool = False) -> _Setup:
    """The configuration at `config_path` (None: the default one) and its rule inputs.

    With `use_cache`, a configuration whose exact content and rules have a result file in the
    cache (which a run writes only after validating both) is not validated again, nor are its
    local packs when they are compiled.
    """
    if config_path is None:
        config = default_config()
        root = repository_root(fallback_root)
        return _Setup(None, config, root, _rule_inputs(root, config))
    root = config_path.parent
    document = read_config(config_path)
    proven = built_config(document) if use_cache else None
    if proven is not None:
        rules = _rule_inputs(root, proven)
        if results_recorded(_cache_folder(root), run_key(rules.fingerprint, repr(proven))):
            check_semantics(config_path, document, proven)  # these depend on the files around it
            return _Setup(config_path, proven, root, rules, validated=True)
    config = validated_config(config_path, document)
    return _Setup(config_path, config, root, _rule_inputs(root, config))


def _rule_inputs(root: Path, config: SiteConfig) -> RuleInputs:
    return read_rule_inputs([root / policy for policy in config.policies], config.severity)


def load_rules_for(cwd: Path, config_path: Path | None) -> RuleSet:
    """The effective rule set (built-in and local packs) for the configuration found from `cwd`."""
    path = config_path or find_config(cwd)
    return _setup(path, cwd).ruleset


def run_check(paths: Sequence[Path], *, cwd: Path, options: CheckOptions) -> CheckResult:
    """Check every supported file under `paths` and return the report with any notices."""
    return plan_check(paths, cwd=cwd, options=options).run()


def plan_check(paths: Sequence[Path], *, cwd: Path, options: CheckOptions) -> CheckPlan:
    """A check of `paths` made ready: configurations read, files found, nothing read or evaluated yet.

    Raises as `run_check` does for a broken configuration, broken rules (compiled here unless a
    result file proves them valid) or a failed git query.
    """
    today = options.today or dt.date.today()
    changed = changed_files(cwd, options.changes) if options.changes is not None else None
    targets = [p if p.is_absolute() else cwd / p for p in paths] or [cwd]
    groups: dict[Path | None, list[Path]] = {}
    for target in targets:
        groups.setdefault(options.config_path or find_config(target), []).append(target)

    notices: list[str] = []
    planned: list[_Group] = []
    for config_path, group in groups.items():
        setup = _setup(config_path, group[0], use_cache=options.use_cache)
        cache = _result_cache(setup, options.keep_outcomes) if options.use_cache else None
        if cache is None or not cache.recorded:  # nothing proves these rules valid: compile them now
            setup.load_ruleset()
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
        ignores = SiteIgnores(
            setup.config, config_path=config_path, cwd=cwd, ruleset=setup.load_ruleset, today=today
        )
        planned.append(_Group(setup, cache, shard_selection(selection, options.shard), ignores))
    return CheckPlan(tuple(planned), tuple(notices), options, today, cwd)


_DIGEST_BLOCK = 1024  # files hashed together by `CheckPlan.inputs_digest`


class _Group:
    """One configuration's part of a check: its setup, result cache, files and site ignores."""

    def __init__(self, setup: _Setup, cache: ResultCache | None, selection: Selection, ignores: SiteIgnores):
        self.setup: Final = setup
        self.cache: Final = cache
        self.selection: Final = selection
        self.ignores: Final = ignores
        self.stamps: list[Stamp | None] | None = None  # each file's, once `CheckPlan.inputs_digest` took them


class CheckPlan:
    """A check made ready by `plan_check`: `run` it, or first ask what its report depends on."""

    def __init__(
        self,
        groups: tuple[_Group, ...],
        notices: tuple[str, ...],
        options: CheckOptions,
        today: dt.date,
        cwd: Path,
    ) -> None:
        self.groups: Final = groups
        self.notices: Final = notices  # those of the configurations; `run` may add the baseline's
        self.options: Final = options
        self.today: Final = today
        self.cwd: Final = cwd

    @property
    def cache_folder(self) -> Path | None:
        """Where the first configuration's results are cached (None: the cache is off)."""
        cache = self.groups[0].cache if self.groups else None
        return cache.folder if cache is not None else None

    def inputs_digest(self) -> str | None:
        """A digest of everything the report depends on besides the command, or None.

        That is: each configuration's run key (its rules, its whole configuration, the tool's
        version and code: `provenance.cache.run_key`), the text of its file (the run key holds
        the configuration it builds, but findings about its `ignore:` entries show their lines),
        folder and selection (every file's paths and stamp, every skipped path and why), today's
        date and the shard. None when the report
        depends on more (a baseline, git's view of changed files), when the cache is off, or when
        a file is not settled yet (its content could change unseen: see
        `provenance.cache.settled_stamp`). Each file's stamp is kept for `run` to compare with
        the cached entries, if there are any.
        """
        options = self.options
        if options.baseline or options.baseline_write or options.changes or not options.use_cache:
            return None
        now = time.time_ns()
        digest = hashlib.sha256(repr((str(self.today), options.shard, options.keep_outcomes)).encode())
        for group in self.groups:
            assert group.cache is not None  # the cache is on
            selection = group.selection
            stamps = list(map(_stamp_or_none, selection.files))
            if group.cache.recorded:  # else no entry to compare them with: not kept (20 MB for 100k files)
                group.stamps = stamps
            if not all(stamp is not None and is_settled(stamp, now) for stamp in stamps):
                return None
            config_text = _config_text(group.setup.config_path)
            if config_text is None:
                return None
            head = (
                group.cache.key,
                str(group.setup.root),
                selection.complete,
                selection.skipped,
                len(stamps),
            )
            digest.update(repr(head).encode())  # repr escapes what UTF-8 cannot encode
            digest.update(hashlib.sha256(config_text).digest())
            for start in range(0, len(stamps), _DIGEST_BLOCK):  # a block at a time: a large site's are large
                files = selection.files[start : start + _DIGEST_BLOCK]  # paths hold no NUL
                digest.update(
                    "\0".join(itertools.chain.from_iterable(files)).encode("utf-8", "surrogatepass")
                )
                digest.update(marshal.dumps(stamps[start : start + _DIGEST_BLOCK], 2))  # 2: no references
        return digest.hexdigest()

    def run(self) -> CheckResult:
        """Read and evaluate the files, and return the report with any notices."""
        options = self.options
        findings: list[Finding] = []
        summaries: list[ArticleSummary] = []
        for group in self.groups:
            selection = group.selection
            evaluations = evaluate_files(
                group.setup,
                selection.files,
                selection.skipped,
                self.today,
                jobs=options.jobs,
                cache=group.cache,
                keep_outcomes=options.keep_outcomes,
                stamps=group.stamps,
            )
            for evaluation in evaluations:
                summary = evaluation.summary
                findings.extend(group.ignores.apply(evaluation.findings, selection.relative(summary.path)))
                summaries.append(summary if options.keep_outcomes else _without_outcomes(summary))
            findings.extend(group.ignores.audit(complete=selection.complete))

        findings.sort(key=finding_order)
        summaries.sort(key=lambda s: s.path)
        report, baseline_notices = settle(
            Report(tuple(findings), tuple(summaries), __version__),
            use=options.baseline,
            write=options.baseline_write,
            cwd=self.cwd,
        )
        loaders = tuple(group.setup.load_ruleset for group in self.groups)
        return CheckResult(report, (*self.notices, *baseline_notices), loaders)


def _config_text(config_path: Path | None) -> bytes | None:
    """The bytes of the configuration file (none: empty), or None when it cannot be read."""
    try:
        return config_path.read_bytes() if config_path is not None else b""
    except OSError:
        return None


def _stamp_or_none(source: SourceFile) -> Stamp | None:
    try:
        return stamp_of(os.stat(source.path))
    except OSError:
        return None


def evaluate_files(
    setup: _Setup,
    files: Sequence[SourceFile],
    skipped: Sequence[Skipped],
    today: dt.date,
    *,
    jobs: int | None = 1,
    cache: ResultCache | None = None,
    keep_outcomes: bool = True,
    stamps: Sequence[Stamp | None] | None = None,
) -> Iterator[Evaluation]:
    """Read and evaluate every discovered file (and report every skipped one), in order.

    `jobs` worker processes (None: one per CPU); with a `cache`, results are reused from and
    recorded in it (see `provenance.cache`). Either way the evaluations are exactly those of a
    serial, uncached run, except that without `keep_outcomes` some may lack their summaries'
    per-rule outcomes (which only audits read). `stamps`, one per file, are their stats taken
    earlier in the run (None: the file is stat'ed when its cached result is looked up).
    """
    declared = _declared_republished(setup.config.republished)
    try:
        yield from evaluate_sources(
            files,
            declared_republished=declared,
            make_evaluator=functools.partial(_evaluator, setup),
            today=today,
            max_size=setup.config.max_file_size,
            cache=cache,
            workers=jobs or default_workers(),
            keep_outcomes=keep_outcomes,
            stamps=stamps,
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
    from provenance.evaluate import Evaluator  # with the checks: only when some file is checked

    site = setup.config.site
    return Evaluator(setup.ruleset, venue=site.venue, site_url=site.url, today=today)


def _result_cache(setup: _Setup, keep_outcomes: bool) -> ResultCache:
    """The cache of this configuration's results, at the top of its repository."""
    key = run_key(setup.rules.fingerprint, repr(setup.config))
    return ResultCache(_cache_folder(setup.root), key, keep_outcomes=keep_outcomes)


def _cache_folder(root: Path) -> Path:
    """The result cache of a configuration whose folder is `root`: at the top of its repository."""
    return repository_root(root) / CACHE_FOLDER


def _without_outcomes(summary: ArticleSummary) -> ArticleSummary:
    """`summary` without its per-rule outcomes, which only audits read: most of a large run's memory."""
    return summary._replace(outcomes=()) if summary.outcomes else summary


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
