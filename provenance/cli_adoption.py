"""`check` options for adopting provenance on an existing archive: baseline and changed files.

An adapter only: the options are parsed here and handed to the engine through `CheckOptions`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from provenance.baseline import BaselineError
from provenance.changes import ChangedFilesError, ChangeRequest

F = TypeVar("F", bound=Callable[..., Any])

# Errors in what the user asked for (a baseline file, a git revision): exit 2 with the message.
USAGE_ERRORS: tuple[type[Exception], ...] = (BaselineError, ChangedFilesError)

_OPTIONS = (
    click.option(
        "--baseline",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Findings recorded in this baseline file are reported as suppressed; only new ones fail.",
    ),
    click.option(
        "--baseline-write",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Record the active findings in this baseline file (the report then shows them suppressed).",
    ),
    click.option(
        "--changed-since",
        metavar="REF",
        help="Check only files changed between the git revision REF and the work tree, untracked ones too.",
    ),
    click.option("--staged", is_flag=True, help="Check only files staged in the git index."),
)


def adoption_options(function: F) -> F:
    """Add --baseline, --baseline-write, --changed-since and --staged to a command."""
    for option in reversed(_OPTIONS):
        function = option(function)
    return function


def adoption_settings(
    baseline: Path | None, baseline_write: Path | None, changed_since: str | None, staged: bool
) -> dict[str, Any]:
    """The `CheckOptions` fields for these option values."""
    changes = ChangeRequest(changed_since, staged) if changed_since is not None or staged else None
    return {"baseline": baseline, "baseline_write": baseline_write, "changes": changes}
