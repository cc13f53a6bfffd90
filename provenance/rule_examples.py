"""Run the pass/fail examples that every condition carries, through the real pipeline.

A passing example must raise no finding of its rule; a failing one must raise at least one,
on exactly the declared lines when the example lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from provenance.evaluate import Evaluator
from provenance.model import Venue
from provenance.readers import read_bytes
from provenance.rules.loader import load_ruleset
from provenance.rules.models import Example
from provenance.rules.ruleset import CompiledRule, RuleSet


@dataclass(frozen=True)
class ExampleOutcome:
    rule: str
    kind: str  # "pass" | "fail"
    index: int
    ok: bool
    detail: str


def _lines_of_rule(ruleset: RuleSet, rule: CompiledRule, example: Example, today: dt.date) -> list[int]:
    evaluator = Evaluator(ruleset, venue=Venue(example.venue), today=today)
    article = read_bytes(example.path, example.content.encode("utf-8"))
    return [f.line for f in evaluator.evaluate(article).findings if f.rule == rule.id]


def run_examples(
    ruleset: RuleSet, *, today: dt.date | None = None, origins: Collection[str] | None = None
) -> Iterator[ExampleOutcome]:
    """Yield one outcome per example of every rule in `ruleset` (or of the rules read from `origins`)."""
    day = today or dt.date.today()
    for rule in ruleset.rules():
        if origins is not None and rule.origin not in origins:
            continue
        for index, example in enumerate(rule.examples.passing):
            lines = _lines_of_rule(ruleset, rule, example, day)
            detail = f"unexpected findings on lines {lines}" if lines else ""
            yield ExampleOutcome(rule.id, "pass", index, not lines, detail)
        for index, example in enumerate(rule.examples.failing):
            lines = _lines_of_rule(ruleset, rule, example, day)
            if not lines:
                yield ExampleOutcome(rule.id, "fail", index, False, "no finding")
            elif example.lines and sorted(set(lines)) != sorted(set(example.lines)):
                detail = f"findings on lines {sorted(set(lines))}, expected {sorted(set(example.lines))}"
                yield ExampleOutcome(rule.id, "fail", index, False, detail)
            else:
                yield ExampleOutcome(rule.id, "fail", index, True, "")


def failing_examples(paths: Sequence[Path], *, today: dt.date | None = None) -> list[str]:
    """`path: RULE fail example 1: no finding` for every example in the pack files `paths` that
    does not behave as declared. The packs must already be valid."""
    ruleset = load_ruleset(paths)
    origins = {path.as_posix() for path in paths}
    origin_of = {rule.id: rule.origin for rule in ruleset.rules()}
    return [
        f"{origin_of[o.rule]}: {o.rule} {o.kind} example {o.index + 1}: {o.detail}"
        for o in run_examples(ruleset, today=today, origins=origins)
        if not o.ok
    ]
