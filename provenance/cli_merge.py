"""`provenance merge`: one report from the JSON reports of sharded runs, in any output format.

An adapter only: reading and merging live in `provenance.report.json_load` and `provenance.merge`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from provenance.cli_outputs import (
    OutputSpec,
    OutputSpecType,
    append_step_summary,
    plan_outputs,
    render_outputs,
    step_summary,
)
from provenance.engine import load_rules_for
from provenance.merge import MergeError, merge_reports
from provenance.report import DEFAULT_FORMAT, FORMATTERS
from provenance.report.json_load import ReportFileError, report_from_json
from provenance.report.rule_info import rule_catalogue


@click.command("merge")
@click.argument(
    "reports", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--format",
    "formats",
    type=OutputSpecType(),
    multiple=True,
    help=f"Output format NAME ({', '.join(FORMATTERS)}; default {DEFAULT_FORMAT}), or NAME:PATH. Repeatable.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.option(
    "--fail-on", type=click.Choice(["error", "warning", "never"]), default="error", show_default=True
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Rules to describe in SARIF and other formats (default: the nearest .provenance.yaml).",
)
def merge(
    reports: tuple[Path, ...],
    formats: tuple[OutputSpec, ...],
    output: Path | None,
    fail_on: str,
    config: Path | None,
) -> None:
    """Merge the JSON REPORTS of `check --shard K/N` runs into the report of one whole run."""
    from provenance import cli  # here, not at the top: cli imports this module

    plan = plan_outputs(formats, output)
    color = any(spec.path is None for spec in plan) and cli._stdout_wants_color()
    try:
        merged = merge_reports([report_from_json(_read(path), path.as_posix()) for path in reports])
    except ReportFileError as error:
        for problem in error.problems:
            click.echo(problem, err=True)
        sys.exit(cli.EXIT_USAGE)
    except MergeError as error:
        click.echo(f"provenance: {error}", err=True)
        sys.exit(cli.EXIT_USAGE)
    with cli._exit_codes():
        rules = rule_catalogue([load_rules_for(Path.cwd(), config)])
        rendered = render_outputs(plan, merged, color=color, rules=rules)
        summary = step_summary(plan, merged, os.environ, rules)
        cli.deliver(rendered, color)
    if summary is not None:
        append_step_summary(*summary)
    sys.exit(cli.exit_code(merged, cli.FAIL_ON[fail_on]))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReportFileError([f"{path.as_posix()}: cannot read: {error}"]) from None
