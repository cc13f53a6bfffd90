"""Typed errors for rule-pack and configuration files, each with file, line and JSON pointer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class RuleFileError(NamedTuple):
    """One problem in a pack or config file; `pointer` is a JSON pointer into the document."""

    path: str
    line: int | None
    pointer: str
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.pointer}: {self.message}" if self.pointer else f"{where}: {self.message}"


class RuleErrors(Exception):
    """Every error found in a set of rule files (never just the first)."""

    def __init__(self, errors: Iterable[RuleFileError]) -> None:
        self.errors: tuple[RuleFileError, ...] = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


class ConfigError(RuleErrors):
    """Every error found in a `.provenance.yaml` (or a severity override naming no rule)."""
