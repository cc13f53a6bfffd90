"""What every formatter receives besides the report: presentation switches, never filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from provenance.model import Report


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Presentation switches. `color` asks for ANSI styling; machine formats ignore it."""

    color: bool = False


Formatter = Callable[[Report, RenderOptions], str]
"""A pure function from a report to its full text in one output format."""
