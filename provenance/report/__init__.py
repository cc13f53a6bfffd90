"""Output formats: pure functions from one `Report` to text, in a registry keyed by name.

The registry feeds the CLI's ``--format`` choices; adding a format is one entry here. A
format's module is imported the first time it is used, so a run pays only for its formats.
A format whose text can be large also has `render_chunks`, its text a chunk at a time (`chunked`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from types import ModuleType

from provenance.model import Report
from provenance.report.options import ChunkFormatter, Formatter, RenderOptions

_MODULES = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "gitlab": "gitlab",
    "markdown": "markdown",
}


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{_MODULES[name]}")


class _Formatters(Mapping[str, Formatter]):
    """Format name -> its module's `render`, imported on first use."""

    def __getitem__(self, name: str) -> Formatter:
        render: Formatter = _module(name).render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATTERS: Mapping[str, Formatter] = _Formatters()


def chunked(name: str) -> ChunkFormatter:
    """Format `name` as chunks: its module's `render_chunks` when it has one, else its whole text as one."""
    chunks: ChunkFormatter | None = getattr(_module(name), "render_chunks", None)
    if chunks is not None:
        return chunks
    render = FORMATTERS[name]

    def whole(report: Report, options: RenderOptions) -> Iterator[str]:
        yield render(report, options)

    return whole


DEFAULT_FORMAT = "text"

__all__ = ["DEFAULT_FORMAT", "FORMATTERS", "ChunkFormatter", "Formatter", "RenderOptions", "chunked"]
