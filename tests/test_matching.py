"""Signature phrases: one joined pre-test, then the line of each pack's first matching pattern."""

from __future__ import annotations

from typing import Any

import pytest

from provenance.checks.patterns import compile_pattern
from provenance.matching import SourceMatcher
from provenance.rules.loader import load_ruleset
from provenance.rules.ruleset import CompiledPack, RuleSet

RULES = load_ruleset()


def _by_pattern(matcher: SourceMatcher, text: str, first_line: int) -> list[tuple[str, int]]:
    """The hits as one search per pattern over the text finds them (what the pre-test must keep)."""
    hits: list[tuple[str, int]] = []
    for pattern, pack in matcher._signatures:
        if any(pack_id == pack.id for pack_id, _ in hits):
            continue
        match = pattern.search(text)
        if match:
            hits.append((pack.id, first_line + text.count("\n", 0, match.start())))
    return hits


def _hits(matcher: SourceMatcher, text: str, first_line: int) -> list[tuple[str, int]]:
    return [(hit.pack.id, hit.line) for hit in matcher.signatures_in(text, first_line)]


def _with_signatures(*patterns: Any) -> RuleSet:
    """The built-in rules with the Global Research signatures replaced by `patterns`."""
    packs = tuple(
        pack._replace(signatures=patterns) if pack.id == "global-research" else pack for pack in RULES.packs
    )
    return RULES._replace(packs=packs)


TEXTS = [
    "",
    "Plain prose with no signature at all.\n" * 40,
    "é中\n" * 5 + "Global Research, May 3, 2009\nmore\n<img src='https://pixel.propublica.org/pixel.js'>\n",
    "ÄÖÜ " * 300 + "\nBelow is The Conversation's page counter tag\n中文\n"
    "counter.theconversation.com/content/42/count.gif",
    "x\ngrants permission to cross-post Global Research articles\nGlobal Research, June 1, 2020\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_signature_hits_and_lines_are_those_of_one_search_per_pattern(text: str) -> None:
    matcher = SourceMatcher(RULES)
    assert matcher._any_signature is not None
    assert _hits(matcher, text, 7) == _by_pattern(matcher, text, 7)


def test_patterns_that_cannot_be_joined_are_searched_one_by_one() -> None:
    quoted = compile_pattern(r"grants\Q (c)", ignore_case=True)  # quotes to the end of the pattern
    matcher = SourceMatcher(_with_signatures(quoted, compile_pattern("weekly", ignore_case=True)))
    assert matcher._any_signature is None
    assert _hits(matcher, "a\nb GRANTS (C)", 1) == [("global-research", 2)]
    assert _hits(matcher, "a\nb GRANTS (d)", 1) == []


def test_patterns_compiled_otherwise_get_no_joined_pre_test() -> None:
    case_sensitive = compile_pattern("Global Research Weekly")
    matcher = SourceMatcher(_with_signatures(case_sensitive))
    assert matcher._any_signature is None
    assert _hits(matcher, "global research weekly", 1) == []
    assert _hits(matcher, "\nGlobal Research Weekly", 1) == [("global-research", 2)]


def test_a_rule_set_without_signatures_finds_none() -> None:
    packs = tuple(pack._replace(signatures=()) for pack in RULES.packs)
    matcher = SourceMatcher(RULES._replace(packs=packs))
    assert _hits(matcher, TEXTS[2], 1) == []


def test_packs_keep_their_identity_in_hits() -> None:
    matcher = SourceMatcher(RULES)
    (hit,) = matcher.signatures_in(TEXTS[4], 1)
    assert isinstance(hit.pack, CompiledPack) and hit.pack is RULES.pack("global-research")
