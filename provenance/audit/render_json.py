"""The audit as JSON: the source of truth (schema `audit.schema.json`) and how to read one back."""

from __future__ import annotations

import json

from pydantic import ValidationError

from provenance.audit.model import AUDIT_SCHEMA_VERSION, Audit


class AuditFileError(ValueError):
    """A file that is not an audit this version can read."""


def render(audit: Audit) -> str:
    """Indented JSON (UTF-8, not ASCII-escaped), keys in the schema's order, ending with a newline."""
    return json.dumps(audit.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def load(text: str, name: str) -> Audit:
    """Parse and validate an audit written by `render`; `name` labels errors."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AuditFileError(f"{name}: not JSON: {error}") from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version != AUDIT_SCHEMA_VERSION:
        raise AuditFileError(
            f"{name}: not a provenance audit with schema_version {AUDIT_SCHEMA_VERSION} (found {version!r})"
        )
    try:
        return Audit.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = "/".join(str(part) for part in first["loc"])
        raise AuditFileError(f"{name}: /{where}: {first['msg']} ({error.error_count()} error(s))") from None
