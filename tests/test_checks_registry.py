"""The check registry: every check registered, categories within declared sets, params validated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest
from check_builders import (
    GLOBAL_RESEARCH,
    article,
    claim,
    context,
    facts,
    hop,
    license_fact,
    link,
    notice,
    permission,
    publisher,
    url_fact,
)

from provenance.checks import REGISTRY
from provenance.checks.base import CheckContext, Violation
from provenance.checks.patterns import compile_pattern, pattern_errors
from provenance.checks.suppressions import SUPPRESSION_CHECKS
from provenance.extract.facts import ClaimKind
from provenance.model import Category, Diagnostic, Evidence, Location, Venue
from provenance.validation import Invalid, validate

SAMPLE_PARAMS: dict[str, dict[str, Any]] = {
    "source-credited": {},
    "author-credited": {"visible": True},
    "copyright-notice": {},
    "link-to-original": {},
    "venue-permitted": {"venues": ["community"]},
    "permission-current": {},
    "upstream-credited": {},
    "upstream-terms-known": {},
    "tracking-pixel": {"pattern": "pixel", "name": "pixel"},
    "canonical-link": {"noindex_ok": False},
    "no-modification": {},
    "license-notice": {"licenses": ["CC-BY-ND-4.0"]},
    "credit-line": {"pattern": "originally published", "example": "Originally published by X"},
    "placeholder-links": {},
    "unknown-source": {},
    "source-consistent": {},
    "read-diagnostics": {"category": "metadata-invalid"},
}


def scenarios() -> list[CheckContext]:
    """Articles that break many conditions at once, each in a different way."""
    placeholder = link("Global Research", "#", 5, 4)
    elsewhere = link("Global Research", "https://example.org/x", 6)
    home = link("Global Research", "https://globalresearch.ca/", 7)
    stray = link("Region", "#", 8)
    broken = facts(
        claims=(claim("Russia Today", 5, links=(placeholder,)), claim("Other", 2, kind=ClaimKind.METADATA)),
        chain=(hop("Russia Today", 2), hop("Global Research", 3)),
        copyrights=(notice(["Nobody"], 9),),
        licenses=(license_fact("CC-BY-4.0", 3, visible=False),),
        links=(placeholder, elsewhere, home, stray),
        canonical_url=url_fact("https://mysite.example/", 3),
        permission=permission(4, dt.date(2020, 1, 1)),
        modified=True,
        modified_location=Location(4, 1),
    )
    diagnostics = (Diagnostic(Category.METADATA_INVALID, "bad"), Diagnostic(Category.FILE_UNREADABLE, "bad"))
    hidden_licence = facts(licenses=(license_fact("CC-BY-ND-4.0", 3, visible=False),))
    return [
        context(broken, source=GLOBAL_RESEARCH, venue=Venue.COMMERCIAL),
        context(broken, venue=Venue.PRINT),
        context(facts(), doc=article(["x"], body_line=3, diagnostics=diagnostics), source=GLOBAL_RESEARCH),
        context(facts(), venue=Venue.COMMERCIAL),
        context(hidden_licence, source=publisher(licenses=("CC-BY-ND-4.0",))),
    ]


def violations(output: Iterable[Violation | Evidence]) -> list[Violation]:
    return [item for item in output if isinstance(item, Violation)]


def test_every_check_is_registered_with_sample_params() -> None:
    # The suppression checks judge directives, not facts: tests/test_suppress_directives.py covers them.
    assert set(REGISTRY) - SUPPRESSION_CHECKS == set(SAMPLE_PARAMS)


@pytest.mark.parametrize("name", sorted(SAMPLE_PARAMS))
def test_emitted_categories_are_declared(name: str) -> None:
    spec = REGISTRY[name]
    params = validate(spec.params, SAMPLE_PARAMS[name])
    emitted = [v.category for ctx in scenarios() for v in violations(spec.function(ctx, params))]
    assert emitted, f"{name} found nothing in the failing scenarios"
    assert {category for category in emitted if category is not None} <= spec.categories
    assert spec.description


@pytest.mark.parametrize(
    ("name", "param_sets", "expected"),
    [
        (
            "link-to-original",
            [{}],
            {
                Category.LINK_TO_ORIGINAL_MISSING,
                Category.LINK_TO_ORIGINAL_PLACEHOLDER,
                Category.LINK_TO_ORIGINAL_WRONG_TARGET,
            },
        ),
        (
            "license-notice",
            [SAMPLE_PARAMS["license-notice"]],
            {Category.LICENSE_MISMATCH, Category.LICENSE_NOTICE_MISSING},
        ),
        (
            "read-diagnostics",
            [{"category": "metadata-invalid"}, {"category": "file-unreadable"}],
            {Category.METADATA_INVALID, Category.FILE_UNREADABLE},
        ),
    ],
)
def test_refining_checks_emit_each_declared_category(
    name: str, param_sets: list[dict[str, Any]], expected: set[Category]
) -> None:
    spec = REGISTRY[name]
    models = [validate(spec.params, params) for params in param_sets]
    emitted = {
        v.category for model in models for ctx in scenarios() for v in violations(spec.function(ctx, model))
    }
    assert emitted == expected == spec.categories


@pytest.mark.parametrize("name", ["credit-line", "tracking-pixel"])
def test_bad_re2_pattern_is_rejected_with_the_re2_message(name: str) -> None:
    params = {**SAMPLE_PARAMS[name], "pattern": r"(a)\1"}
    expected = "invalid RE2 pattern '(a)\\\\1': invalid escape sequence: \\1"
    assert list(pattern_errors(validate(REGISTRY[name].params, params))) == [("pattern", expected)]


@pytest.mark.parametrize("name", sorted(SAMPLE_PARAMS))
def test_unknown_parameter_is_rejected(name: str) -> None:
    with pytest.raises(Invalid, match="Extra inputs are not permitted"):
        validate(REGISTRY[name].params, {**SAMPLE_PARAMS[name], "colour": "blue"})


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("venue-permitted", {"venues": []}),
        ("venue-permitted", {"venues": ["moon"]}),
        ("read-diagnostics", {"category": "unknown-source"}),
        ("credit-line", {"pattern": "x"}),
        ("author-credited", {"visible": "sometimes"}),
    ],
)
def test_invalid_parameter_values_are_rejected(name: str, params: dict[str, Any]) -> None:
    with pytest.raises(Invalid):
        validate(REGISTRY[name].params, params)


def test_patterns_compile_once() -> None:
    assert compile_pattern("once-only") is compile_pattern("once-only")
    first = validate(REGISTRY["credit-line"].params, SAMPLE_PARAMS["credit-line"])
    assert first.compiled is first.compiled
    assert first.compiled.search("ORIGINALLY PUBLISHED")
