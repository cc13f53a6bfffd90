"""Rule documentation: the rule catalogue (text or JSON) and one rule explained in full.

Pure functions from compiled rules to text, like the report formatters; `provenance rules
list` and `provenance rules explain` print what these return.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `provenance check` imports this module: it must not import the rule machinery
    from provenance.rules.models import Example
    from provenance.rules.ruleset import CompiledRule

INDENT = "    "
_COLUMNS = ("id", "category", "severity", "pack", "name")


def rule_record(rule: CompiledRule) -> dict[str, Any]:
    """The catalogue entry of one rule, as in ``rules list --format json``."""
    return {
        "id": rule.id,
        "name": rule.name,
        "pack": rule.pack_id,
        "category": rule.category.value,
        "severity": rule.severity.value,
        "check": rule.check.name,
        "source_url": rule.source_url,
    }


def rule_list_json(rules: Sequence[CompiledRule]) -> str:
    return json.dumps([rule_record(r) for r in rules], indent=2, ensure_ascii=False) + "\n"


def rule_list_text(rules: Sequence[CompiledRule]) -> str:
    """Aligned columns under a header: id, category, severity, pack, name."""
    rows = [tuple(c.upper() for c in _COLUMNS)]
    rows += [tuple(str(rule_record(r)[c]) for c in _COLUMNS) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n" for row in rows
    )


RULE_LIST_FORMATTERS: dict[str, Callable[[Sequence[CompiledRule]], str]] = {
    "text": rule_list_text,
    "json": rule_list_json,
}


def explain_rule(rule: CompiledRule) -> str:
    """Everything a user needs to understand one rule, its examples shown in full."""
    venues = ", ".join(sorted(v.value for v in rule.venues)) or "all"
    lines = [
        f"{rule.id}: {rule.name}",
        "",
        f"  pack:      {rule.pack_id}",
        f"  check:     {rule.check.name}",
        f"  category:  {rule.category.value}",
        f"  severity:  {rule.severity.value}",
        f"  venues:    {venues}",
        f"  source:    {rule.source_url}",
        "",
        "Message:",
        *_indented(rule.message),
    ]
    if rule.fix:
        lines += ["", "Fix:", *_indented(rule.fix)]
    lines += ["", "Rationale:", *_indented(rule.rationale)]
    for label, examples in (("Passing", rule.examples.passing), ("Failing", rule.examples.failing)):
        for number, example in enumerate(examples, start=1):
            lines += ["", f"{label} example {number}: {_example_heading(example)}", *_quoted(example.content)]
    return "\n".join(lines) + "\n"


def _example_heading(example: Example) -> str:
    heading = f"{example.path}, venue {example.venue.value}"
    if example.lines:
        heading += "; findings on line" + ("s " if len(example.lines) > 1 else " ")
        heading += ", ".join(str(n) for n in example.lines)
    return heading


def _indented(text: str) -> list[str]:
    return [f"{INDENT}{line}".rstrip() for line in text.strip().splitlines()]


def _quoted(text: str) -> list[str]:
    return [f"{INDENT}| {line}".rstrip() for line in text.rstrip("\n").split("\n")]
