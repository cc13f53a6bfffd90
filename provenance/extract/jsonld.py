"""schema.org JSON-LD facts: author, isBasedOn (nested = a chain), copyright*, creditText, license.

``publisher`` of the page itself is the publisher of this copy (research §7), so it is no claim.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.extract.authors import names_in_value
from provenance.extract.copyright import holder_names, metadata_notice, year_of
from provenance.extract.facts import ClaimKind, CopyrightNotice, Credit, Hop, LicenseFact, SourceClaim
from provenance.extract.license_facts import jsonld_license
from provenance.extract.links import looks_like_url
from provenance.extract.names import clean_name
from provenance.extract.vocabulary import MetaView
from provenance.model import Article

_PROPERTIES = ("author", "isBasedOn", "isBasedOnUrl", "copyrightHolder", "copyrightYear", "copyrightNotice")
_MAX_DEPTH = 8


class JsonLdFacts:
    """What the page's JSON-LD objects state, collected as they are read (a plain class: cheaper
    to create)."""

    __slots__ = ("authors", "chain", "claims", "copyrights", "credit_lines", "licenses")

    def __init__(self) -> None:
        self.claims: list[SourceClaim] = []
        self.chain: list[Hop] = []  # origin first; set only for nested isBasedOn
        self.authors: list[Credit] = []
        self.copyrights: list[CopyrightNotice] = []
        self.licenses: list[LicenseFact] = []
        self.credit_lines: list[Credit] = []


def _nodes(article: Article) -> Iterator[Mapping[str, Any]]:
    for item in article.jsonld:
        if not isinstance(item, Mapping):
            continue
        graph = item.get("@graph")
        if isinstance(graph, list):
            yield from (node for node in graph if isinstance(node, Mapping))
        else:
            yield item


def _name_of(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, Mapping):
        value = value.get("name")
    return clean_name(value) if isinstance(value, str) else None


def _levels(value: Any, depth: int = 0) -> list[tuple[str | None, str | None, str]]:
    """(name, url, evidence) for each isBasedOn level, outermost (direct source) first."""
    if depth > _MAX_DEPTH:
        return []
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and value.strip():
        text = value.strip()
        return [(None, text, text)] if looks_like_url(text) else [(clean_name(text), None, text)]
    if not isinstance(value, Mapping):
        return []
    url = value.get("url") or value.get("@id")
    url = url if isinstance(url, str) and url.strip() else None
    name = _name_of(value.get("publisher")) or _name_of(value.get("sourceOrganization"))
    evidence = ", ".join(p for p in (name, url) if p) or "isBasedOn"
    level = [(name, url, evidence)] if name or url else []
    return level + _levels(value.get("isBasedOn"), depth + 1)


def jsonld_facts(article: Article, view: MetaView) -> JsonLdFacts:
    """Every provenance fact the page's JSON-LD states (none of it visible to readers)."""
    facts = JsonLdFacts()
    for node in _nodes(article):
        if not any(key in node for key in (*_PROPERTIES, "creditText", "license")):
            continue
        if "author" in node:
            location = view.location_under("jsonld:author")
            evidence = str(node["author"])
            facts.authors += [
                Credit(n, "author", location, evidence, (), False) for n in names_in_value(node["author"])
            ]
        levels = _levels(node.get("isBasedOn") or node.get("isBasedOnUrl"))
        location = view.location_under("jsonld:isBasedOn")
        facts.claims += [SourceClaim(ClaimKind.JSONLD, n, u, location, e) for n, u, e in levels]
        if len(levels) >= 2:
            facts.chain = [Hop(n, u, location, e) for n, u, e in reversed(levels)]
        holders = holder_names(node.get("copyrightHolder"))
        year = year_of(node.get("copyrightYear"))
        if holders or year is not None:
            location = view.location_under("jsonld:copyrightHolder")
            evidence = ", ".join((*holders, *([str(year)] if year else [])))
            facts.copyrights.append(CopyrightNotice(holders, year, location, evidence))
        notice = metadata_notice(node.get("copyrightNotice"), view.location_under("jsonld:copyrightNotice"))
        if notice:
            facts.copyrights.append(notice)
        credit = node.get("creditText")
        if isinstance(credit, str) and credit.strip():
            location = view.location_under("jsonld:creditText")
            facts.credit_lines.append(Credit(credit.strip(), "credit-line", location, credit, (), False))
        if "license" in node:
            facts.licenses += jsonld_license(node["license"], view.location_under("jsonld:license"))
    return facts
