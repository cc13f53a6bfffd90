"""The site-configuration file format (`.provenance.yaml`), as frozen dataclasses.

Kept apart from the pack format (`provenance.rules.models`, which re-exports these names) so that
a run whose rules need not be compiled (every result cached) does not create the pack classes.
The same single-source rules apply: constraints live in each field's `metadata` as pydantic
`Field` arguments, and the published JSON Schema is generated from these classes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from provenance.model import Venue
from provenance.validation import STRICT

RULE_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"


def described(description: str, **constraints: Any) -> dict[str, Any]:
    """A field's metadata: its description and pydantic `Field` constraints."""
    return {"description": description, **constraints}


class SeverityOverride(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    __pydantic_config__ = STRICT

    name: str = ""
    url: str = ""
    venue: Venue


@dataclass(frozen=True, slots=True, kw_only=True)
class IgnoreEntry:
    """A suppression for every file matching `paths`: the rules it covers, why, until when."""

    __pydantic_config__ = STRICT

    paths: list[str] = field(
        metadata=described(
            "gitignore-style patterns, relative to the configuration file's folder.", min_length=1
        )
    )
    rules: list[str] = field(
        metadata=described(
            "Rule ids to suppress; `*` is not allowed.",
            min_length=1,
            json_schema_extra={"items": {"pattern": RULE_ID_PATTERN, "type": "string"}},
        )
    )
    reason: str = field(
        metadata=described("Why the exception is acceptable (mandatory).", min_length=1, pattern=r"\S")
    )
    expires: dt.date | None = field(
        default=None,
        metadata=described("YYYY-MM-DD; after this date the entry no longer suppresses and is reported."),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteConfig:
    """The `.provenance.yaml` file of a content repository."""

    __pydantic_config__ = STRICT

    site: Site
    include: list[str] = field(default_factory=list, metadata=described("gitignore-style patterns to check."))
    exclude: list[str] = field(default_factory=list, metadata=described("gitignore-style patterns to skip."))
    republished: list[str] = field(
        default_factory=list,
        metadata=described(
            "gitignore-style patterns of files that are all republished (an aggregator's or a"
            " translation project's collections), whether or not an article says so."
        ),
    )
    policies: list[str] = field(
        default_factory=list,
        metadata=described("Folders or files of local packs, relative to the config file."),
    )
    severity: dict[str, SeverityOverride] = field(default_factory=dict)
    max_file_size: int = field(
        default=5_000_000, metadata=described("Bytes; larger files are reported.", gt=0)
    )
    ignore: list[IgnoreEntry] = field(
        default_factory=list, metadata=described("Suppressions by path glob, each with a mandatory reason.")
    )
