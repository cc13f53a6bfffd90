"""Link judgements without policy: template resolution, placeholder targets and hosts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from provenance.extract.facts import LinkFact
from provenance.extract.lazy import LazyPattern
from provenance.model import Link

_TEMPLATE = LazyPattern(  # compiled on first use: few targets hold a template
    r"\{\{[%<]?-?\s*param\s+[\"']?(?P<param>[\w.-]+)[\"']?\s*-?[%>]?\}\}"
    r"|\{\{-?\s*\.(?:Page\.)?Params\.(?P<dotted>[\w.]+)\s*-?\}\}",
    re.IGNORECASE,
)
_HOST = LazyPattern(r"\s*(?:[hH][tT][tT][pP][sS]?:)?//(?:[^/?#@\s]*@)?([^/?#:@\s\[\]]+)")
_UNRESOLVED = LazyPattern(r"\{\{|\{%|YOUR-POST-ID")
_PLACEHOLDER_TARGETS = frozenset({"", "#", "#!", "about:blank"})


def host_of(url: str) -> str | None:
    """The lower-case host of an absolute http(s) or scheme-relative URL, without ``www.``."""
    match = _HOST.match(url)
    if match is None:
        return None
    host = match.group(1).lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host or None


def is_placeholder(target: str) -> bool:
    """Whether `target` leads nowhere: empty, ``#``, ``javascript:``, ``about:blank``, a template."""
    text = target.strip()
    return (
        text.lower() in _PLACEHOLDER_TARGETS
        or text[:11].lower() == "javascript:"
        or _UNRESOLVED.search(text) is not None
    )


def _lookup(metadata: Mapping[str, Any], path: str) -> str | None:
    """A scalar front-matter value by dotted path, keys matched case-insensitively (as Hugo does)."""
    node: Any = metadata
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        folded = {str(key).casefold(): value for key, value in node.items()}
        node = folded.get(part.casefold())
    if isinstance(node, str | int | float) and not isinstance(node, bool):
        return str(node)
    return None


def resolve(target: str, metadata: Mapping[str, Any]) -> str:
    """`target` with the site templates that the front matter can answer replaced by their values."""
    if "{{" not in target and "%7B%7B" not in target.upper():
        return target
    text = unquote(target) if "{{" not in target else target

    def substitute(match: re.Match[str]) -> str:
        value = _lookup(metadata, match.group("param") or match.group("dotted"))
        return match.group(0) if value is None else value

    return _TEMPLATE.sub(substitute, text).strip()


def link_fact(link: Link, metadata: Mapping[str, Any]) -> LinkFact:
    """The policy-free facts about one link, its target resolved against the front matter."""
    target = resolve(link.target, metadata)
    placeholder = is_placeholder(target)
    return LinkFact(link, target, placeholder, None if placeholder else host_of(target))


def looks_like_url(text: str) -> bool:
    """Whether a metadata value is a URL rather than a name."""
    lowered = text.strip().lower()
    return lowered.startswith(("http://", "https://", "//", "www.")) or (
        lowered.startswith("/") and " " not in lowered
    )
