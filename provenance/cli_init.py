"""The `provenance init` command: an adapter over `provenance.init`.

The venue decides which permissions apply, so it is never guessed: `--venue`, or a prompt when
standard input is a terminal; otherwise the command exits 2 and writes nothing. Exit codes
follow the CLI's contract: 0 written, 2 usage (no venue, file exists, cannot write), 3 a bug.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from provenance.config import CONFIG_NAME
from provenance.init import (
    DRAFT_FOLDERS,
    VENUE_HELP,
    Detection,
    content_folder,
    detect,
    render_config,
    write_config,
)
from provenance.model import Venue

EXIT_USAGE = 2  # as in provenance.cli (which imports this module, so it cannot be imported here)
EXIT_INTERNAL = 3

_VENUES = [venue.value for venue in Venue]


@click.command("init")
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--venue", type=click.Choice(_VENUES), help="Where the site publishes; decides which permissions apply."
)
@click.option("--force", is_flag=True, help=f"Replace an existing {CONFIG_NAME}.")
def init(path: Path, venue: str | None, force: bool) -> None:
    """Scan the repository at PATH (default: .) and write a commented .provenance.yaml."""
    target = path / CONFIG_NAME
    if target.exists() and not force:
        _usage_error(f"{target.as_posix()} exists; use --force to replace it")
    chosen = Venue(venue) if venue is not None else _ask_venue()
    try:
        detection = detect(path)
    except Exception as exc:  # a bug: say so briefly, like `provenance check`
        click.echo(f"provenance: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_INTERNAL)
    drafts = next((name for name in DRAFT_FOLDERS if (path / name).is_dir()), None)
    text = render_config(detection, chosen, content=content_folder(path), drafts=drafts)
    try:
        write_config(target, text, force=force)
    except FileExistsError:
        _usage_error(f"{target.as_posix()} exists; use --force to replace it")
    except OSError as exc:
        _usage_error(f"cannot write {target.as_posix()}: {exc.strerror or exc}")
    click.echo(f"wrote {target.as_posix()} (venue {chosen.value}); {_found(detection)}")


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _ask_venue() -> Venue:
    if not stdin_is_terminal():
        choices = "|".join(_VENUES)
        _usage_error(
            f"choose the site's venue with --venue {choices}"
            " (standard input is not a terminal, so provenance init does not ask)"
        )
    for venue, meaning in VENUE_HELP.items():
        click.echo(f"  {venue.value:<14} {meaning}", err=True)
    answer: str = click.prompt("Venue", type=click.Choice(_VENUES), err=True)
    return Venue(answer)


def _found(detection: Detection) -> str:
    publishers = detection.publishers
    if not publishers:
        return f"{detection.files} files scanned, no known publisher found"
    names = ", ".join(f"{p.name} ({p.articles})" for p in publishers)
    return f"{detection.files} files scanned; articles from {names}"


def _usage_error(message: str) -> NoReturn:
    click.echo(f"provenance init: {message}", err=True)
    sys.exit(EXIT_USAGE)
