"""The published JSON Schema of audits, generated from `provenance.audit.model`.

Checked in as `provenance/schemas/audit.schema.json`; run ``python -m provenance.audit.schema``
after changing the model (a test fails on drift).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from provenance.audit.model import Audit

AUDIT_SCHEMA = "audit.schema.json"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / AUDIT_SCHEMA
_META_SCHEMA = "https://json-schema.org/draft/2020-12/schema"


def generate() -> dict[str, Any]:
    body = Audit.model_json_schema(mode="serialization")
    body.pop("title", None)
    return {
        "$schema": _META_SCHEMA,
        "$id": "urn:provenance:schema:audit",
        "title": "provenance audit report",
        **body,
    }


def generated_text() -> str:
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    SCHEMA_PATH.write_text(generated_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")


if __name__ == "__main__":
    main()
