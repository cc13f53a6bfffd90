"""Output formats: pure functions from one `Report` to text, in a registry keyed by name.

The registry feeds the CLI's ``--format`` choices; adding a format is one entry here.
"""

from __future__ import annotations

from provenance.report import github, gitlab, json_format, junit, markdown, sarif, text
from provenance.report.options import Formatter, RenderOptions

FORMATTERS: dict[str, Formatter] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "markdown": markdown.render,
}

DEFAULT_FORMAT = "text"

__all__ = ["DEFAULT_FORMAT", "FORMATTERS", "Formatter", "RenderOptions"]
