"""Every condition's pass/fail examples behave as declared, through the whole pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from provenance.rule_examples import ExampleOutcome, run_examples
from provenance.rules.loader import load_ruleset

TODAY = dt.date(2026, 11, 27)
OUTCOMES = list(run_examples(load_ruleset(), today=TODAY))


def test_every_builtin_rule_has_a_pass_and_a_fail_example() -> None:
    ruleset = load_ruleset()
    for rule in ruleset.rules():
        assert rule.examples.passing, f"{rule.id} has no pass example"
        assert rule.examples.failing, f"{rule.id} has no fail example"


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda o: f"{o.rule}-{o.kind}{o.index}")
def test_example_behaves_as_declared(outcome: ExampleOutcome) -> None:
    assert outcome.ok, outcome.detail
