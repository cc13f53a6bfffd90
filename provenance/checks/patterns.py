"""RE2 patterns written in check parameters: validated when a pack loads, compiled once per run."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

import re2
from pydantic import AfterValidator


def _options(ignore_case: bool) -> Any:
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    return options


def _error_text(error: Exception) -> str:
    detail = error.args[0] if error.args else error
    return detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)


@cache
def compile_pattern(pattern: str, ignore_case: bool = False) -> Any:
    """The compiled RE2 pattern; each distinct pattern is compiled once per process."""
    return re2.compile(pattern, _options(ignore_case))


def validate_pattern(pattern: str) -> str:
    """A pydantic field validator: reject patterns RE2 cannot compile, with RE2's own message."""
    try:
        compile_pattern(pattern)
    except re2.error as error:
        raise ValueError(f"invalid RE2 pattern {pattern!r}: {_error_text(error)}") from None
    return pattern


RE2Pattern = Annotated[str, AfterValidator(validate_pattern)]
"""A parameter holding an RE2 pattern; invalid patterns fail parameter validation."""
