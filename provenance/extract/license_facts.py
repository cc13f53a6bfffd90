# ruff: noqa: RUF001  (non-ASCII punctuation and CJK markers are intended)
"""Licence facts: from metadata values, body links (``rel=license``, CC/SPDX URLs) and sentences.

A licence named in an image credit ("(Jane Doe, CC BY-SA 4.0)", "Photo: ...") licenses the image,
not the article: links and short forms inside parentheses or on image-credit lines are skipped.
Full sentences ("licensed under a Creative Commons ... License") always count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from provenance.extract.facts import LicenseFact, LinkFact
from provenance.extract.lazy import LazyPattern
from provenance.extract.license import (
    is_license_url,
    mentions_generic_cc,
    spdx_from_text,
    spdx_from_url,
    spdx_from_value,
)
from provenance.extract.vocabulary import MetaView
from provenance.model import Location

# Body lines only: compiled on first use.
MENTION = LazyPattern(r"creative\s+commons|\bCC[\s_-]?(?:BY|0)\b|licen[cs]", re.IGNORECASE)
_SENTENCE = LazyPattern(r"licen[cs]ed\s+under|(?:published|available|distributed)\s+under", re.IGNORECASE)
_IMAGE_CREDIT = LazyPattern(
    r"\b(?:images?|photos?|photographs?|pictures?|illustrations?|graphics?|screenshots?|figures?)\b"
    r"|图片|照片|图像|画像|写真",
    re.IGNORECASE,
)


def metadata_licenses(view: MetaView) -> list[LicenseFact]:
    """Licences declared in front matter (`license`, `licence`, `license_url`, `spdx`) or ``link:license``."""
    facts: list[LicenseFact] = []
    for found in view.find_all("license"):
        values = found.value if isinstance(found.value, list) else [found.value]
        for value in values:
            if isinstance(value, dict):
                value = value.get("url") or value.get("id") or value.get("name")
            if not isinstance(value, str) or not value.strip():
                continue
            origin = "html-link" if found.key.startswith("link:") else "metadata"
            url = value if "/" in value else None
            facts.append(LicenseFact(spdx_from_value(value), origin, False, found.location, value, url))
    return facts


def _parenthesised(text: str, fragment: str) -> bool:
    at = text.find(fragment)
    if at < 0:
        return False
    before, after = text[:at], text[at + len(fragment) :]
    opened = before.count("(") + before.count("（") > before.count(")") + before.count("）")
    return opened and (")" in after or "）" in after)


def _image_credit(text: str) -> bool:
    """Whether the line credits an image; asked only when a licence is found (the test is slow)."""
    return _IMAGE_CREDIT.search(text) is not None


def line_licenses(text: str, location: Location, links: Sequence[LinkFact]) -> list[LicenseFact]:
    """Licences a visible line states, by link or by sentence (at most one fact per licence)."""
    facts: list[LicenseFact] = []
    for fact in links:
        rel_license = "license" in fact.link.rel
        if not (rel_license or is_license_url(fact.target)):
            continue
        if not rel_license and (_image_credit(text) or _parenthesised(text, fact.link.text)):
            continue
        origin = "html-link" if rel_license else "url"
        facts.append(
            LicenseFact(spdx_from_url(fact.target), origin, True, location, text.strip(), fact.target)
        )
    if not MENTION.search(text):
        return facts
    spdx = spdx_from_text(text)
    if spdx and spdx not in {f.spdx for f in facts}:
        sentence = _SENTENCE.search(text) is not None
        short_mention = not sentence and (_image_credit(text) or _parenthesised(text, "CC"))
        if not short_mention:
            facts.append(LicenseFact(spdx, "sentence", True, location, text.strip()))
    elif spdx is None and not facts and mentions_generic_cc(text):
        facts.append(LicenseFact(None, "sentence", True, location, text.strip()))
    return facts


def jsonld_license(value: Any, location: Location) -> list[LicenseFact]:
    """Licences of a JSON-LD ``license`` value: a URL, a name, a CreativeWork, or a list of them."""
    items = value if isinstance(value, list) else [value]
    facts = []
    for item in items:
        text = item.get("url") or item.get("@id") or item.get("name") if isinstance(item, dict) else item
        if isinstance(text, str) and text.strip():
            url = text if "/" in text else None
            facts.append(LicenseFact(spdx_from_value(text), "jsonld", False, location, text, url))
    return facts
