"""Checks: the typed functions that policy conditions name, in one registry.

Importing this package registers every check in `REGISTRY` (name -> `CheckSpec`).
"""

from __future__ import annotations

from provenance.checks import chain, credit, diagnostics, links, markup, notices, suppressions, venue
from provenance.checks.base import (
    REGISTRY,
    CheckContext,
    CheckSpec,
    NoParams,
    Params,
    PublisherIdentity,
    Violation,
    check,
)

__all__ = [
    "REGISTRY",
    "CheckContext",
    "CheckSpec",
    "NoParams",
    "Params",
    "PublisherIdentity",
    "Violation",
    "chain",
    "check",
    "credit",
    "diagnostics",
    "links",
    "markup",
    "notices",
    "suppressions",
    "venue",
]
