"""Run the pass/fail examples that every condition carries, through the real pipeline.

A passing example must raise no finding of its rule; a failing one must raise at least one,
on exactly the declared lines when the example lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from provenance.evaluate import Evaluator
from provenance.model import Venue
from provenance.readers import read_bytes
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


def run_examples(ruleset: RuleSet, *, today: dt.date | None = None) -> Iterator[ExampleOutcome]:
    """Yield one outcome per example of every rule in `ruleset`."""
    day = today or dt.date.today()
    for rule in ruleset.rules():
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
