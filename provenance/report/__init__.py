"""Output formats: pure functions from one `Report` to text, in a registry keyed by name.

The registry feeds the CLI's ``--format`` choices; adding a format is one entry here. A
format's module is imported the first time it is used, so a run pays only for its formats.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from provenance.report.options import Formatter, RenderOptions

_MODULES = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "gitlab": "gitlab",
    "markdown": "markdown",
}


class _Formatters(Mapping[str, Formatter]):
    """Format name -> its module's `render`, imported on first use."""

    def __getitem__(self, name: str) -> Formatter:
        module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
        render: Formatter = module.render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATTERS: Mapping[str, Formatter] = _Formatters()

DEFAULT_FORMAT = "text"

__all__ = ["DEFAULT_FORMAT", "FORMATTERS", "Formatter", "RenderOptions"]
