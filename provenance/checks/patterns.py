"""RE2 patterns written in check parameters: validated when a pack loads, compiled once per run."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from typing import Any

import re2

RE2_PATTERN: dict[str, Any] = {"re2": True}
"""The metadata of a parameter field holding an RE2 pattern: a pack whose pattern RE2 cannot
compile is refused when it loads (`pattern_errors`), at that parameter."""


def _options(ignore_case: bool) -> Any:
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    return options


def re2_reason(error: Exception) -> str:
    """RE2's own words for why a pattern does not compile."""
    detail = error.args[0] if error.args else error
    return detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)


@cache
def compile_pattern(pattern: str, ignore_case: bool = False) -> Any:
    """The compiled RE2 pattern; each distinct pattern is compiled once per process."""
    return re2.compile(pattern, _options(ignore_case))


def pattern_errors(params: Any) -> Iterator[tuple[str, str]]:
    """(field, message) for each `RE2_PATTERN` field of `params` that RE2 cannot compile."""
    for field in dataclasses.fields(params):
        if field.metadata.get("re2"):
            pattern = getattr(params, field.name)
            try:
                compile_pattern(pattern)
            except re2.error as error:
                yield field.name, f"invalid RE2 pattern {pattern!r}: {re2_reason(error)}"
