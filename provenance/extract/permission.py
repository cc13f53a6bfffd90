"""Recorded permission (`permission_ref`, `permission`, `grant_ref`), modification and robots flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from provenance.extract.facts import Permission
from provenance.extract.vocabulary import MetaView
from provenance.model import Location

_TRUE = frozenset({"true", "yes", "y", "1", "on"})
_FALSE = frozenset({"false", "no", "n", "0", "off"})


def as_date(value: Any) -> dt.date | None:
    """A date from a YAML date/datetime or an ISO string ("2024-05-01", "2024-05-01T10:00Z")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def permission(view: MetaView) -> Permission | None:
    """The permission on file: a reference string, or a mapping with granted_by/date/expires/scope."""
    found = view.find("permission")
    if found is None:
        return None
    value = found.value
    if isinstance(value, Mapping):
        return Permission(
            reference=_text(value.get("reference") or value.get("ref") or value.get("id")),
            granted_by=_text(value.get("granted_by")),
            date=as_date(value.get("date") or value.get("granted")),
            expires=as_date(value.get("expires")),
            scope=_text(value.get("scope")),
            location=found.location,
        )
    reference = _text(value)
    if reference is None:
        return None
    return Permission(reference, None, None, None, None, found.location)


def as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return None


def modified(view: MetaView) -> tuple[bool | None, Location | None]:
    """Whether the article says it was modified: `modified`/`adapted`/`edited`, or non-empty `changes`."""
    found = view.find("modified")
    if found is not None and (flag := as_bool(found.value)) is not None:
        return flag, found.location
    changes = view.find("changes")
    if changes is not None and isinstance(changes.value, str | list | dict):
        return True, changes.location
    return None, None


def noindex(view: MetaView) -> bool:
    """Whether robots ``noindex`` is declared (front matter `noindex`/`robots`, meta robots)."""
    found = view.find("noindex")
    if found is not None and as_bool(found.value):
        return True
    for robots in view.find_all("robots"):
        values = robots.value if isinstance(robots.value, list) else [robots.value]
        if any(isinstance(v, str) and "noindex" in v.lower() for v in values):
            return True
    return False
