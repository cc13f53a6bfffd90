"""Start tags and evidence text, for the HTML scanner and for HTML inside Markdown.

Apart from `html_scan` (and so from `html.parser`): a Markdown body without HTML blocks uses
these and never pays for importing the scanner.
"""

from __future__ import annotations

import re

EVIDENCE_LIMIT = 200
_TAG_NAME = re.compile(r"[^\s/>]*")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def shorten(evidence: str) -> str:
    """Evidence as shown in reports: at most EVIDENCE_LIMIT characters."""
    return evidence if len(evidence) <= EVIDENCE_LIMIT else evidence[: EVIDENCE_LIMIT - 1] + "…"


def tag_attributes(tag: str) -> dict[str, str]:
    """Attributes of one start tag's source text (first occurrence wins, names lower-cased)."""
    found: dict[str, str] = {}
    inner = tag[1:].lstrip()
    name = _TAG_NAME.match(inner)
    for match in _ATTR.finditer(inner, name.end() if name else 0):
        value = match.group(2) or ""
        if value[:1] in "\"'":
            value = value[1:-1]
        found.setdefault(match.group(1).lower(), value)
    return found
