"""The command line, an adapter only: parse options, call one library function, render, exit.

Exit codes are a contract: 0 no finding at or above ``--fail-on``, 1 findings at or above it,
2 usage, configuration or rule-pack errors, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import click

from provenance import __version__, replay
from provenance.atomic import replace_atomically
from provenance.cli_adoption import USAGE_ERRORS, adoption_options, adoption_settings
from provenance.cli_lazy import LazyGroup
from provenance.cli_outputs import (
    OutputSpec,
    OutputSpecType,
    RenderedOutput,
    append_step_summary,
    plan_outputs,
    render_outputs,
    step_summary,
    writes_step_summary,
)
from provenance.cli_speed import speed_options, speed_settings
from provenance.engine import CheckOptions, CheckPlan, load_rules_for, plan_check
from provenance.model import Report, Severity
from provenance.report import DEFAULT_FORMAT, FORMATTERS
from provenance.report.rule_docs import RULE_LIST_FORMATTERS, explain_rule
from provenance.report.rule_info import lazy_catalogue
from provenance.rules.errors import RuleErrors
from provenance.shard import Shard

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

FAIL_ON: dict[str, Severity | None] = {"error": Severity.ERROR, "warning": Severity.WARNING, "never": None}

_CONFIG_OPTION = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this configuration file instead of the nearest .provenance.yaml.",
)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    lazy_subcommands={  # imported only when used: start-up stays small
        "init": "provenance.cli_init:init",
        "audit": "provenance.cli_audit:audit",
        "merge": "provenance.cli_merge:merge",
    },
)
@click.version_option(__version__, prog_name="provenance", message="%(prog)s %(version)s")
def main() -> None:
    """Check that republished articles credit, link and license their sources as required."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "formats",
    type=OutputSpecType(),
    multiple=True,
    help=f"Output format NAME ({', '.join(FORMATTERS)}; default {DEFAULT_FORMAT}), or NAME:PATH to write"
    " it to a file. Repeatable; at most one format goes to standard output.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the format that has no PATH to this file (replaced only once complete) instead of stdout.",
)
@click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default="error",
    show_default=True,
    help="Exit with 1 when a finding has this severity or a higher one.",
)
@_CONFIG_OPTION
@adoption_options
@speed_options
def check(
    paths: tuple[Path, ...],
    formats: tuple[OutputSpec, ...],
    output: Path | None,
    fail_on: str,
    config: Path | None,
    baseline: Path | None,
    baseline_write: Path | None,
    changed_since: str | None,
    staged: bool,
    jobs: int | None,
    no_cache: bool,
    shard: Shard | None,
) -> None:
    """Check the articles under PATHS (default: the current folder)."""
    plan = plan_outputs(formats, output)
    color = any(spec.path is None for spec in plan) and _stdout_wants_color()
    with _exit_codes():
        settings = adoption_settings(baseline, baseline_write, changed_since, staged)
        options = CheckOptions(config_path=config, **settings, **speed_settings(jobs, no_cache, shard))
        prepared = plan_check(paths or (Path("."),), cwd=Path.cwd(), options=options)
        # a run that appends a GitHub step summary is neither replayed nor recorded
        inputs = None if writes_step_summary(plan, os.environ) else prepared.inputs_digest()
        command = replay.command_key(str(Path.cwd()), paths, config, plan, color, fail_on, shard)
        outcome = _replayed(prepared, plan, command, inputs) or _checked(prepared, plan, color, fail_on)
        recorder = replay.Recorder(prepared.cache_folder if outcome.record else None, command, inputs)
        try:
            deliver(outcome.rendered, color, recorder.tee)
            recorder.commit(outcome.exit_code)
        finally:
            recorder.discard()
    if outcome.step_summary is not None:
        append_step_summary(*outcome.step_summary)
    sys.exit(outcome.exit_code)


class _Outcome(NamedTuple):
    """What a `check` writes, its exit code, and whether to record its outputs for a replay."""

    rendered: list[RenderedOutput]
    step_summary: tuple[Path, str] | None
    exit_code: int
    record: bool


def deliver(
    rendered: Sequence[RenderedOutput],
    color: bool,
    tee: Callable[[int, Iterable[str]], Iterable[str]] = lambda index, chunks: chunks,
) -> None:
    """Write each output to its file (replaced only once complete), then the one for standard output.

    Each goes out in whole-line pieces of about a megabyte (`_line_chunks`: a large text is never
    encoded whole), every piece passing through `tee` with the output's index in the plan.
    """
    for index, item in enumerate(rendered):
        if item.spec.path is not None:
            _write_or_exit(item.spec.path, tee(index, _line_chunks(item.chunks)))
    for index, item in enumerate(rendered):
        if item.spec.path is None:
            _echo_in_chunks(tee(index, _line_chunks(item.chunks)), color)


def _replayed(
    prepared: CheckPlan, plan: list[OutputSpec], command: str, inputs: str | None
) -> _Outcome | None:
    """The outputs of the last run of `command`, if its inputs had digest `inputs` (`provenance.replay`)."""
    folder = prepared.cache_folder
    recorded = replay.load(folder, command, inputs) if inputs is not None and folder is not None else None
    if recorded is None or len(recorded.outputs) != len(plan):
        return None
    _echo_notices(prepared.notices)
    rendered = [RenderedOutput(spec, chunks) for spec, chunks in zip(plan, recorded.outputs, strict=True)]
    return _Outcome(rendered, None, recorded.exit_code, record=False)


def _checked(prepared: CheckPlan, plan: list[OutputSpec], color: bool, fail_on: str) -> _Outcome:
    """Run the check; its outputs are rendered as they are written (and recorded, given an inputs digest)."""
    result = prepared.run()
    _echo_notices(result.notices)
    rules_info = lazy_catalogue(lambda: result.rulesets)
    rendered = render_outputs(plan, result.report, color=color, rules=rules_info)
    summary = step_summary(plan, result.report, os.environ, rules_info)
    code = exit_code(result.report, FAIL_ON[fail_on])
    return _Outcome(rendered, summary, code, record=True)


def _echo_notices(notices: Sequence[str]) -> None:
    for notice in notices:
        click.echo(f"provenance: {notice}", err=True)


@main.group()
def rules() -> None:
    """List, explain and validate policy rules."""


@rules.command("list")
@click.option("--format", "format_name", type=click.Choice(list(RULE_LIST_FORMATTERS)), default="text")
@_CONFIG_OPTION
def list_rules(format_name: str, config: Path | None) -> None:
    """Every built-in and local rule: id, category, severity, pack and name."""
    with _exit_codes():
        ruleset = load_rules_for(Path.cwd(), config)
        click.echo(RULE_LIST_FORMATTERS[format_name](list(ruleset.rules())), nl=False)


@rules.command("explain")
@click.argument("rule_id")
@_CONFIG_OPTION
def explain(rule_id: str, config: Path | None) -> None:
    """Show what RULE_ID checks, why, where the policy says so, and its examples."""
    with _exit_codes():
        ruleset = load_rules_for(Path.cwd(), config)
        rule = ruleset.rule(rule_id) or ruleset.rule(rule_id.upper())
        if rule is None:
            known = [r.id for r in ruleset.rules()]
            import difflib  # only for a mistyped rule id

            hint = difflib.get_close_matches(rule_id.upper(), known, n=3)
            suggestion = f" (did you mean {', '.join(hint)}?)" if hint else ""
            click.echo(f"provenance: unknown rule {rule_id!r}{suggestion}", err=True)
            sys.exit(EXIT_USAGE)
        click.echo(explain_rule(rule), nl=False)


@rules.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Validate policy-pack FILES and run their examples; print every error as path:line: pointer: message."""
    with _exit_codes():
        from provenance.rule_examples import failing_examples  # only this command runs them
        from provenance.rules.loader import validate_pack_files

        errors = [str(error) for error in validate_pack_files(files)]
        if not errors:
            errors = failing_examples(files)
    for error in errors:
        click.echo(error)
    if errors:
        sys.exit(EXIT_USAGE)
    click.echo(f"{len(files)} pack file{'' if len(files) == 1 else 's'} valid, examples pass")


def exit_code(report: Report, fail_on: Severity | None) -> int:
    """1 when some finding is at or above `fail_on` (None: never), else 0."""
    if fail_on is None:
        return EXIT_CLEAN
    failing = any(f.severity.rank >= fail_on.rank for f in report.active)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


@contextmanager
def _exit_codes() -> Iterator[None]:
    """Turn rule/config errors into exit 2 and unexpected exceptions into a short message and exit 3."""
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except USAGE_ERRORS as exc:
        click.echo(f"provenance: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except RuleErrors as exc:
        messages = [str(error) for error in exc.errors] or [str(exc)]
        for message in messages:
            click.echo(message, err=True)
        sys.exit(EXIT_USAGE)
    except Exception as exc:
        click.echo(f"provenance: {_crash_description(exc)}", err=True)
        sys.exit(EXIT_INTERNAL)


def _crash_description(exc: Exception) -> str:
    """``internal error while checking <path>: <exc>`` when the exception names the file (`.path`)."""
    path = getattr(exc, "path", None)
    cause = exc.__cause__ if path is not None and isinstance(exc.__cause__, Exception) else exc
    where = f" while checking {path}" if path is not None else ""
    return f"internal error{where}: {type(cause).__name__}: {cause}"


def _stdout_wants_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _echo_in_chunks(chunks: Iterable[str], color: bool, size: int = 1 << 20) -> None:
    """Echo `chunks` a whole line at a time in pieces of about `size` characters.

    A large report is then never copied whole (encoded, or stripped of styles). Without
    colour, click strips styles from each piece with a regular expression (a third of the cost
    of writing a report); a piece without an escape character has none to strip, so it goes
    out as it is.
    """
    for piece in _line_chunks(chunks, size):
        click.echo(piece, nl=False, color=color or "\x1b" not in piece)


def _line_chunks(chunks: Iterable[str], size: int = 1 << 20) -> Iterator[str]:
    """The text of `chunks` in consecutive pieces, each running to the first line break at or after
    `size` characters into it (or to the end): small chunks are gathered, large ones cut."""
    pending: list[str] = []
    count = 0  # characters pending
    for chunk in chunks:
        start = 0
        while (cut := chunk.find("\n", start + max(0, size - count))) >= 0:
            pending.append(chunk[start : cut + 1])
            yield "".join(pending)
            pending, count, start = [], 0, cut + 1
        if start < len(chunk):
            pending.append(chunk[start:])
            count += len(chunk) - start
    if pending:
        yield "".join(pending)


def _write_or_exit(path: Path, chunks: str | Iterable[str]) -> None:
    try:
        replace_atomically(path, chunks)
    except OSError as exc:
        click.echo(f"provenance: cannot write {path}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_USAGE)
