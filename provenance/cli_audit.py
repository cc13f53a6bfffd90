"""`provenance audit`: the command-line adapter for audit reports and audit diffs.

``provenance audit [PATHS]`` (the same as ``provenance audit run [PATHS]``) writes an audit;
``provenance audit diff OLD.json NEW.json`` compares two JSON audits. An audit is an inventory,
not a gate: it exits 0 whatever it finds; 2 on usage errors, 3 on internal errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from provenance.audit import (
    AUDIT_FORMATS,
    DIFF_FORMATTERS,
    AuditFileError,
    AuditOptions,
    diff_audits,
    load,
    run_audit,
)
from provenance.audit.build import DEFAULT_EXPIRING_WITHIN
from provenance.audit.stamp import ClockError, generation_time

EXIT_USAGE = 2
RUN_COMMAND = "run"


class _AuditGroup(click.Group):
    """A group whose default command is `run`: ``audit content/`` means ``audit run content/``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = [RUN_COMMAND, *args]
        return super().parse_args(ctx, args)


@click.group(cls=_AuditGroup)
def audit() -> None:
    """Evidence-backed inventory of everything republished: `audit [PATHS]`, `audit diff OLD NEW`."""


@audit.command(RUN_COMMAND)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format", "format_name", type=click.Choice(list(AUDIT_FORMATS)), default="markdown", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the audit to this file (replaced only once complete) instead of standard output.",
)
@click.option(
    "--expiring-within",
    type=click.IntRange(min=0),
    default=DEFAULT_EXPIRING_WITHIN,
    show_default=True,
    metavar="DAYS",
    help="List permissions and suppressions that expire within DAYS of the audit date.",
)
@click.option(
    "--now",
    metavar="ISO-DATETIME",
    help="The audit's date and time (default: SOURCE_DATE_EPOCH if set, else the clock); "
    "permissions and suppressions are judged on that day.",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this configuration file instead of the nearest .provenance.yaml.",
)
def run(
    paths: tuple[Path, ...],
    format_name: str,
    output: Path | None,
    expiring_within: int,
    now: str | None,
    config: Path | None,
) -> None:
    """Audit the articles under PATHS (default: the current folder)."""
    from provenance.cli import _exit_codes, _write_or_exit  # the shared exit-code contract

    try:
        generated_at = generation_time(now, os.environ)
    except ClockError as error:
        raise click.BadParameter(str(error), param_hint="--now") from None
    with _exit_codes():
        options = AuditOptions(generated_at=generated_at, config_path=config, expiring_within=expiring_within)
        result = run_audit(paths or (Path("."),), cwd=Path.cwd(), options=options)
        for notice in result.notices:
            click.echo(f"provenance: {notice}", err=True)
        rendered = AUDIT_FORMATS[format_name](result.audit)
    if output is None:
        click.echo(rendered, nl=False)
    else:
        _write_or_exit(output, rendered)


@audit.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "format_name", type=click.Choice(list(DIFF_FORMATTERS)), default="text", show_default=True
)
def diff(old: Path, new: Path, format_name: str) -> None:
    """What changed from the JSON audit OLD to the JSON audit NEW."""
    try:
        audits = [load(path.read_text(encoding="utf-8"), str(path)) for path in (old, new)]
    except (AuditFileError, OSError, UnicodeDecodeError) as error:
        click.echo(f"provenance: {error}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(DIFF_FORMATTERS[format_name](diff_audits(*audits)), nl=False)
