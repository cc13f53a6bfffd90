"""What an inventory lists about an article besides provenance: its title, date and permission record."""

from __future__ import annotations

import datetime as dt

from provenance.extract.facts import Permission
from provenance.extract.permission import as_date
from provenance.model import Article, PermissionRecord

_TITLE_KEYS = ("title", "meta:og:title", "jsonld:headline")
_DATE_KEYS = (
    "date",
    "publishDate",
    "published",
    "meta:article:published_time",
    "meta:date",
    "meta:DC.date",
    "jsonld:datePublished",
)


def _first(article: Article, keys: tuple[str, ...]) -> object:
    values = {item.key: item.value for item in article.fields if item.key in keys}
    return next((values[key] for key in keys if values.get(key) not in (None, "")), None)


def title_of(article: Article) -> str | None:
    """The article's title (front matter or HTML ``<title>``, Open Graph, JSON-LD headline)."""
    value = _first(article, _TITLE_KEYS)
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def published_on(article: Article) -> dt.date | None:
    """The publication date the article states (front matter ``date``, HTML meta, JSON-LD)."""
    return as_date(_first(article, _DATE_KEYS))


def permission_record(permission: Permission | None) -> PermissionRecord | None:
    """The permission fact as the inventory records it."""
    if permission is None:
        return None
    return PermissionRecord(
        reference=permission.reference,
        granted_by=permission.granted_by,
        granted=permission.date,
        expires=permission.expires,
        scope=permission.scope,
        location=permission.location,
    )
