"""`check` options for speed and scale: worker processes, the result cache, and shards.

An adapter only: the options are parsed here and handed to the engine through `CheckOptions`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from provenance.shard import Shard, ShardError

F = TypeVar("F", bound=Callable[..., Any])


class ShardType(click.ParamType):  # type: ignore[type-arg, unused-ignore]
    name = "K/N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Shard:
        if isinstance(value, Shard):
            return value
        try:
            return Shard.parse(str(value))
        except ShardError as error:
            self.fail(str(error), param, ctx)


_OPTIONS = (
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes (default: one per CPU; small runs stay in one process).",
    ),
    click.option(
        "--no-cache",
        is_flag=True,
        help="Neither reuse nor record results in .provenance-cache/ (every file is read and checked).",
    ),
    click.option(
        "--shard",
        type=ShardType(),
        default=None,
        help="Check only shard K of N (a stable share of the files, by path); combine with `merge`.",
    ),
)


def speed_options(function: F) -> F:
    """Add --jobs, --no-cache and --shard to a command."""
    for option in reversed(_OPTIONS):
        function = option(function)
    return function


def speed_settings(jobs: int | None, no_cache: bool, shard: Shard | None) -> dict[str, Any]:
    """The `CheckOptions` fields for these option values."""
    return {"jobs": jobs, "use_cache": not no_cache, "shard": shard}
