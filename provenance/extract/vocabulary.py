"""The metadata vocabulary (research §7): canonical field names, their aliases, and lookup.

Front-matter aliases are tried in order, then the HTML equivalents among the article's fields
(``meta:*``, ``link:*``, matched case-insensitively). A value that is None or blank counts as absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from provenance.model import Article, Location, MetaField

ALIASES: Mapping[str, tuple[str, ...]] = {
    "canonical_url": (
        "canonical_url",
        "canonicalURL",
        "canonicalUrl",
        "canonical",
        "seo.canonical",
        "extra.canonical_url",
        "params.canonical_url",
    ),
    "original_url": (
        "original_url",
        "source_url",
        "originalURL",
        "original_link",
        "via",
        "republished_from",
        "syndication_source",
        "external_url",
    ),
    "original_publisher": ("original_publisher", "source", "source_name", "publication", "feed_name"),
    "provenance": ("provenance", "chain", "sources"),
    "author": ("author", "authors", "byline", "creator"),
    "copyright": ("copyright", "copyright_notice", "rights"),
    "copyright_holder": ("copyright_holder", "rights_holder"),
    "copyright_year": ("copyright_year",),
    "license": ("license", "licence", "license_url", "spdx"),
    "credit": ("credit", "credit_text", "attribution", "credit_line"),
    "permission": ("permission_ref", "permission", "grant_ref"),
    "modified": ("modified", "adapted", "edited"),
    "changes": ("changes", "modifications", "additional_reporting"),
    "robots": ("robots",),
    "noindex": ("noindex",),
}

HTML_KEYS: Mapping[str, tuple[str, ...]] = {
    "canonical_url": ("link:canonical",),
    "original_url": (
        "meta:original-source",
        "meta:syndication-source",
        "meta:DC.source",
        "meta:dcterms.source",
    ),
    "author": ("meta:author", "meta:DC.creator", "meta:dcterms.creator"),
    "copyright": ("meta:copyright", "meta:DC.rights", "meta:dcterms.rights"),
    "license": ("link:license",),
    "robots": ("meta:robots",),
}

# First key of each alias path -> (canonical name, alias path, rank), so that each article costs
# one dictionary probe per front-matter key instead of one lookup per alias.
_BY_HEAD: dict[str, list[tuple[str, str, int]]] = {}
for _name, _aliases in ALIASES.items():
    for _rank, _alias in enumerate(_aliases):
        _BY_HEAD.setdefault(_alias.split(".", 1)[0], []).append((_name, _alias, _rank))

# The HTML keys case-folded once, as `MetaView` looks them up; all start with an HTML prefix.
_HTML_FOLDED = {name: tuple(key.casefold() for key in keys) for name, keys in HTML_KEYS.items()}
_HTML_PREFIXES = ("meta:", "link:")

_MISSING = object()
_DEFAULT_LOCATION = Location(1, 1)


class Found(NamedTuple):
    """A metadata value with the key it was found under (as written) and its location."""

    key: str
    value: Any
    location: Location


def _path_value(metadata: Mapping[str, Any], path: str) -> Any:
    node: Any = metadata
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return _MISSING
        node = node[part]
    return node


def _present(value: Any) -> bool:
    if value is _MISSING or value is None:
        return False
    return not (isinstance(value, str | list | tuple | dict) and not value)


class MetaView:
    """Vocabulary lookups over one article's front matter and metadata fields."""

    def __init__(self, article: Article) -> None:
        metadata = article.metadata
        self.metadata: Mapping[str, Any] = metadata if isinstance(metadata, Mapping) else {}
        self._fields: dict[str, MetaField] = {}
        for item in article.fields:
            self._fields.setdefault(item.key.casefold(), item)
        ranked: dict[str, list[tuple[int, Found]]] = {}
        for key in self.metadata:
            for name, alias, rank in _BY_HEAD.get(key, ()) if isinstance(key, str) else ():
                value = _path_value(self.metadata, alias)
                if _present(value):
                    ranked.setdefault(name, []).append((rank, Found(alias, value, self.location(alias))))
        self._front: dict[str, list[Found]] = {
            name: [found for _, found in sorted(items, key=lambda item: item[0])]
            for name, items in ranked.items()
        }
        html = any(key.startswith(_HTML_PREFIXES) for key in self._fields)
        self._html_found = self._html_fields() if html else {}  # a Markdown article has none

    def location(self, key: str) -> Location:
        """Where the field `key` was written (the start of the file when unknown)."""
        item = self._fields.get(key.casefold())
        return item.location if item else _DEFAULT_LOCATION

    def location_under(self, prefix: str) -> Location:
        """Where the first field whose key starts with `prefix` was written (for JSON-LD paths)."""
        folded = prefix.casefold()
        for key, item in self._fields.items():
            if key.startswith(folded):
                return item.location
        return _DEFAULT_LOCATION

    def find(self, name: str) -> Found | None:
        """The first present value for the canonical field `name`, front matter before HTML."""
        front = self._front.get(name)
        if front:
            return front[0]
        html = self._html(name)
        return html[0] if html else None

    def find_all(self, name: str) -> list[Found]:
        """Every present value for `name`: each alias and each HTML equivalent."""
        return self._front.get(name, []) + self._html(name)

    def _html(self, name: str) -> list[Found]:
        return self._html_found.get(name, [])

    def _html_fields(self) -> dict[str, list[Found]]:
        """The present HTML equivalents of each canonical name, in `HTML_KEYS` order."""
        found: dict[str, list[Found]] = {}
        for name, keys in _HTML_FOLDED.items():
            for key in keys:
                item = self._fields.get(key)
                if item is not None and _present(item.value):
                    found.setdefault(name, []).append(Found(item.key, item.value, item.location))
        return found
