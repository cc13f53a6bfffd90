"""Licences as SPDX ids, from metadata values, licence URLs and licence sentences.

Creative Commons URLs ``/licenses/<elements>/<version>/[<port>]`` map to the ported SPDX id when
the SPDX list has one (e.g. CC-BY-3.0-US, CC-BY-NC-ND-3.0-DE) and to the unported id otherwise:
``by-nc-nd/3.0/us`` (ProPublica) becomes CC-BY-NC-ND-3.0, the URL kept beside it.
"""

from __future__ import annotations

import re

from provenance.extract.lazy import LazyPattern

_VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")
_ELEMENTS = ("BY", "BY-SA", "BY-ND", "BY-NC", "BY-NC-SA", "BY-NC-ND")
_PORTED = frozenset(
    {
        "CC-BY-2.5-AU", "CC-BY-3.0-AT", "CC-BY-3.0-AU", "CC-BY-3.0-DE", "CC-BY-3.0-IGO", "CC-BY-3.0-NL",
        "CC-BY-3.0-US", "CC-BY-NC-3.0-DE", "CC-BY-NC-ND-3.0-DE", "CC-BY-NC-ND-3.0-IGO",
        "CC-BY-NC-SA-2.0-DE", "CC-BY-NC-SA-2.0-FR", "CC-BY-NC-SA-2.0-UK", "CC-BY-NC-SA-3.0-DE",
        "CC-BY-NC-SA-3.0-IGO", "CC-BY-ND-3.0-DE", "CC-BY-SA-2.0-UK", "CC-BY-SA-2.1-JP",
        "CC-BY-SA-3.0-AT", "CC-BY-SA-3.0-DE", "CC-BY-SA-3.0-IGO",
    }
)  # fmt: skip
_OTHER_IDS = (
    "CC0-1.0", "CC-PDDC", "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Unlicense",
    "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-3.0-only",
    "AGPL-3.0-only", "MPL-2.0", "GFDL-1.3-only", "GFDL-1.3-or-later", "ODbL-1.0", "OGL-UK-3.0",
)  # fmt: skip
KNOWN_IDS: dict[str, str] = {
    spdx.casefold(): spdx
    for spdx in (
        *(f"CC-{el}-{ver}" for el in _ELEMENTS for ver in _VERSIONS),
        *_PORTED,
        *_OTHER_IDS,
    )
}

# Compiled on first use: a licence given as a known SPDX id (the usual case) needs none of them.
_CC_URL = LazyPattern(
    r"creativecommons\.org/licenses/(?P<el>by(?:-(?:nc|nd|sa)){0,2})/(?P<ver>\d\.\d)"
    r"(?:/(?P<port>[a-z]{2,3})(?=[/?#]|$))?",
    re.IGNORECASE,
)
_CC0_URL = LazyPattern(r"creativecommons\.org/publicdomain/zero/1\.0", re.IGNORECASE)
_SPDX_URL = LazyPattern(r"spdx\.org/licenses/(?P<id>[A-Za-z0-9.+-]+?)(?:\.html|\.json)?/?(?:[?#]|$)")
_MODIFIER = r"non-?commercial|no-?deriv(?:ative)?s|share-?alike|nc|nd|sa"
_LONG_NAME = LazyPattern(
    rf"creative\s+commons\s+(?:attribution|by)(?P<mods>(?:[\s,-]+(?:{_MODIFIER})\b)*)"
    r"(?:\s+licen[cs]e)?(?:,?\s+(?:version\s+)?(?P<ver>\d\.\d))?(?:\s+(?P<port>[a-z]{2,3})\b)?",
    re.IGNORECASE,
)
_SHORT_NAME = LazyPattern(
    r"\bCC[\s_-]*(?P<mods>BY(?:[\s_-]+(?:NC|ND|SA)\b){0,2})(?:[\s_-]+(?P<ver>\d\.\d))?"
    r"(?:[\s_-]+(?P<port>[a-z]{2,3})\b)?",
    re.IGNORECASE,
)
_BARE_ELEMENTS = LazyPattern(r"^by(?:[\s_-]+(?:nc|nd|sa)){0,2}$", re.IGNORECASE)
_CC0 = LazyPattern(r"\bCC[\s_-]?(?:0|zero)\b(?:[\s_-]*1\.0)?", re.IGNORECASE)
_GENERIC_CC = LazyPattern(
    r"\b(?:under|with)\s+(?:a|the)\s+creative\s+commons\s+(?:licen[cs]e|agreement)", re.IGNORECASE
)
_PORT_NAMES = {"us": "US", "de": "DE", "at": "AT", "au": "AU", "nl": "NL", "igo": "IGO", "fr": "FR"}


def _elements(mods: str) -> str:
    """Normalise licence elements ("NonCommercial-NoDerivatives", "nc nd") to "BY-NC-ND"."""
    lowered = mods.lower()
    parts = ["BY"]
    if re.search(r"non-?commercial|\bnc\b", lowered):
        parts.append("NC")
    if re.search(r"no-?deriv|\bnd\b", lowered):
        parts.append("ND")
    elif re.search(r"share-?alike|\bsa\b", lowered):
        parts.append("SA")
    return "-".join(parts)


def cc_id(elements: str, version: str, port: str | None = None) -> str | None:
    """The SPDX id for a CC licence: ported if the SPDX list has it, else unported, else None."""
    base = f"CC-{elements}-{version}"
    if port:
        ported = f"{base}-{_PORT_NAMES.get(port.lower(), port.upper())}"
        if ported.casefold() in KNOWN_IDS:
            return KNOWN_IDS[ported.casefold()]
    return KNOWN_IDS.get(base.casefold())


def spdx_from_url(url: str) -> str | None:
    """The SPDX id of a creativecommons.org or spdx.org licence URL."""
    match = _CC_URL.search(url)
    if match:
        return cc_id(_elements(match.group("el")), match.group("ver"), match.group("port"))
    if _CC0_URL.search(url):
        return "CC0-1.0"
    match = _SPDX_URL.search(url)
    if match:
        return KNOWN_IDS.get(match.group("id").casefold(), match.group("id"))
    return None


def is_license_url(url: str) -> bool:
    return bool(_CC_URL.search(url) or _CC0_URL.search(url) or _SPDX_URL.search(url))


def spdx_from_text(text: str, default_version: str | None = None) -> str | None:
    """The SPDX id named in `text` ("CC BY-ND 4.0", "Creative Commons Attribution 4.0 ...")."""
    if _CC0.search(text):
        return "CC0-1.0"
    for pattern in (_LONG_NAME, _SHORT_NAME):
        match = pattern.search(text)
        if match:
            version = match.group("ver") or default_version
            return cc_id(_elements(match.group("mods")), version, match.group("port")) if version else None
    return None


def spdx_from_value(value: str) -> str | None:
    """The SPDX id of a metadata value: an id, a CC name, a bare "by-nd" (read as 4.0), or a URL."""
    text = value.strip()
    if "/" in text:
        return spdx_from_url(text)
    known = KNOWN_IDS.get(text.casefold()) or KNOWN_IDS.get(re.sub(r"[\s_]+", "-", text).casefold())
    if known:
        return known
    if _BARE_ELEMENTS.match(text):
        return cc_id(_elements(text[2:]), "4.0")
    return spdx_from_text(text, default_version="4.0")


def mentions_generic_cc(text: str) -> bool:
    """Whether `text` says "under a Creative Commons licence" without naming which."""
    return _GENERIC_CC.search(text) is not None
