"""Where `provenance check` sends its report: one or more formats, each to stdout or a file.

``--format`` is repeatable and takes ``NAME`` or ``NAME:PATH``. At most one format goes to
standard output; ``--output FILE`` redirects that one (so ``--format json --output r.json``
works as before). Rendering is the formatters' job; this module only plans and delivers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import click

from provenance.report import DEFAULT_FORMAT, FORMATTERS, RenderOptions, chunked

if TYPE_CHECKING:
    from provenance.model import Report
    from provenance.report.rule_info import RuleInfo

STEP_SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"
STEP_SUMMARY_FORMAT = "markdown"  # what the `github` format appends to the step summary


class OutputSpec(NamedTuple):
    """One requested output: a format name and its file (None: standard output)."""

    format: str
    path: Path | None = None


class RenderedOutput(NamedTuple):
    """One planned output and its text, a chunk at a time: rendered while it is written, read once."""

    spec: OutputSpec
    chunks: Iterable[str]


class OutputSpecType(click.ParamType):  # type: ignore[type-arg, unused-ignore]
    """Parses ``NAME`` or ``NAME:PATH`` (the first colon separates, so ``C:\\`` paths work)."""

    name = "NAME[:PATH]"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> OutputSpec:
        if isinstance(value, OutputSpec):
            return value
        name, colon, path = str(value).partition(":")
        if name not in FORMATTERS:
            self.fail(f"unknown format {name!r}; choose from {', '.join(FORMATTERS)}", param, ctx)
        if colon and not path:
            self.fail(f"{value!r}: give a file after the colon, or no colon for standard output", param, ctx)
        return OutputSpec(name, Path(path) if colon else None)


def plan_outputs(specs: Sequence[OutputSpec], output: Path | None) -> list[OutputSpec]:
    """The outputs to produce: the default format when none is given, ``--output`` applied.

    Raises `click.UsageError` when two formats would share standard output or a file, or when
    ``--output`` has no format left to take.
    """
    plan = list(specs) or [OutputSpec(DEFAULT_FORMAT)]
    unbound = [n for n, spec in enumerate(plan) if spec.path is None]
    if len(unbound) > 1:
        names = ", ".join(plan[n].format for n in unbound)
        raise click.UsageError(
            f"only one format can go to standard output (got {names});"
            " give the others a file: --format NAME:PATH"
        )
    if output is not None:
        if not unbound:
            raise click.UsageError("--output has no format to take: every --format already names a file")
        plan[unbound[0]] = OutputSpec(plan[unbound[0]].format, output)
    seen: set[str] = set()
    for spec in plan:
        if spec.path is not None:
            key = os.path.abspath(spec.path)
            if key in seen:
                raise click.UsageError(f"two formats would write the same file: {spec.path}")
            seen.add(key)
    return plan


def render_outputs(
    plan: Sequence[OutputSpec], report: Report, *, color: bool, rules: Mapping[str, RuleInfo]
) -> list[RenderedOutput]:
    """Every planned output, to be rendered as it is written (colour only for a text format going to
    standard output)."""
    return [RenderedOutput(spec, chunked(spec.format)(report, _options(spec, color, rules))) for spec in plan]


def step_summary(
    plan: Sequence[OutputSpec], report: Report, environ: Mapping[str, str], rules: Mapping[str, RuleInfo]
) -> tuple[Path, str] | None:
    """The file and Markdown to append when the `github` format runs inside GitHub Actions."""
    if not writes_step_summary(plan, environ):
        return None
    summary = FORMATTERS[STEP_SUMMARY_FORMAT](report, RenderOptions(rules=rules))
    return Path(environ[STEP_SUMMARY_VARIABLE]), summary


def writes_step_summary(plan: Sequence[OutputSpec], environ: Mapping[str, str]) -> bool:
    """Whether a run with this output plan appends a step summary (the `github` format in GitHub Actions)."""
    return bool(environ.get(STEP_SUMMARY_VARIABLE)) and any(spec.format == "github" for spec in plan)


def append_step_summary(path: Path, text: str) -> None:
    """Append `text` to the step summary; a failure is a warning, never a change of exit code."""
    try:
        with path.open("a", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        click.echo(
            f"provenance: cannot append to {STEP_SUMMARY_VARIABLE} {path}: {exc.strerror or exc}", err=True
        )


def _options(spec: OutputSpec, color: bool, rules: Mapping[str, RuleInfo]) -> RenderOptions:
    return RenderOptions(color=color and spec.path is None, rules=rules)
