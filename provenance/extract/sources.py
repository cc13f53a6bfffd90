"""Source claims and URLs stated in metadata: original URL/publisher, provenance hops, canonical URL.

An original URL that points to the site itself (relative, or a host in `site_hosts`) marks the
article as the site's own (techhub's roundups: ``external_url: /all/roundups/...``): no claim.
A canonical URL is a claim only when it points to another site.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from provenance.extract.facts import ClaimKind, Hop, SourceClaim, UrlFact
from provenance.extract.links import host_of, is_placeholder, looks_like_url, resolve
from provenance.extract.names import clean_name
from provenance.extract.vocabulary import Found, MetaView

_HOP_NAME_KEYS = ("publisher", "name", "source", "organization", "original_publisher")
_HOP_URL_KEYS = ("url", "link", "original_url", "source_url")


class MetadataSources:
    """The source claims and URLs that the metadata states, collected as they are read (a plain
    class: cheaper to create)."""

    __slots__ = ("canonical", "chain", "claims", "original")

    def __init__(self) -> None:
        self.claims: list[SourceClaim] = []
        self.chain: list[Hop] = []  # from a `provenance:` list: authoritative
        self.canonical: UrlFact | None = None
        self.original: UrlFact | None = None


def _url_fact(found: Found, metadata: Mapping[str, Any]) -> UrlFact | None:
    if not isinstance(found.value, str):
        return None
    url = resolve(found.value.strip(), metadata)
    placeholder = is_placeholder(url)
    return UrlFact(url, found.key, found.location, placeholder, None if placeholder else host_of(url))


def is_own(fact: UrlFact, site_hosts: frozenset[str]) -> bool:
    """Whether a (non-placeholder) URL points to the republishing site itself."""
    if fact.placeholder:
        return False
    host = fact.host
    return host is None or any(host == h or host.endswith("." + h) for h in site_hosts)


def _hops(view: MetaView) -> list[Hop]:
    found = view.find("provenance")
    if found is None or not isinstance(found.value, list):
        return []
    hops = []
    for index, item in enumerate(found.value):
        location = view.location_under(f"{found.key}.{index}")
        name: str | None = None
        url: str | None = None
        if isinstance(item, str):
            url, name = (item.strip(), None) if looks_like_url(item) else (None, clean_name(item))
        elif isinstance(item, Mapping):
            name = next((clean_name(v) for k in _HOP_NAME_KEYS if isinstance(v := item.get(k), str)), None)
            url = next(
                (v.strip() for k in _HOP_URL_KEYS if isinstance(v := item.get(k), str) and v.strip()), None
            )
        if name or url:
            hops.append(Hop(name, url, location, ", ".join(p for p in (name, url) if p)))
    return hops


def metadata_sources(view: MetaView, site_hosts: frozenset[str]) -> MetadataSources:
    """Claims, chain and URL facts from front matter and HTML head metadata."""
    result = MetadataSources()
    result.chain = _hops(view)
    result.claims = [
        SourceClaim(ClaimKind.METADATA, h.name, h.url, h.location, h.evidence) for h in result.chain
    ]
    originals = view.find_all("original_url")
    front = next((f for f in originals if not f.key.startswith("meta:")), None)
    publisher = view.find("original_publisher")
    name_value = publisher.value if publisher and isinstance(publisher.value, str) else None
    original = _url_fact(front, view.metadata) if front else None
    if front and isinstance(front.value, str) and not looks_like_url(front.value):
        name_value, original = name_value or front.value, None  # e.g. `via: Some Site`
    result.original = original
    if original is None or not is_own(original, site_hosts):
        url = original.url if original and not original.placeholder else None
        name = clean_name(name_value) if name_value else None
        anchor = front or publisher
        if (name or url) and anchor is not None:
            evidence = ", ".join(str(f.value) for f in (publisher, front) if f is not None)
            result.claims.append(SourceClaim(ClaimKind.METADATA, name, url, anchor.location, evidence))
    for found in originals:
        if found.key.startswith("meta:") and isinstance(found.value, str):
            fact = _url_fact(found, view.metadata)
            if result.original is None and fact and looks_like_url(fact.url):
                result.original = fact
            url, name = (
                (found.value, None) if looks_like_url(found.value) else (None, clean_name(found.value))
            )
            result.claims.append(SourceClaim(ClaimKind.HTML_META, name, url, found.location, found.value))
    canonical = view.find("canonical_url")
    result.canonical = _url_fact(canonical, view.metadata) if canonical else None
    if result.canonical and result.canonical.host and not is_own(result.canonical, site_hosts):
        fact = result.canonical
        result.claims.append(SourceClaim(ClaimKind.CANONICAL, None, fact.url, fact.location, fact.url))
    return result
