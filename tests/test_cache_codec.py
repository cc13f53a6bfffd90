"""The cache codec: every field of an evaluation comes back, as the model's own types and nothing else."""

from __future__ import annotations

import datetime as dt
import marshal
from typing import Any

import pytest

from provenance import cache_codec
from provenance.cache_codec import EvaluationDecoder, decode_evaluation, encode_evaluation
from provenance.evaluate import Evaluation
from provenance.model import (
    ArticleSummary,
    Category,
    Evidence,
    Finding,
    Format,
    Location,
    Outcome,
    PermissionRecord,
    RuleOutcome,
    Severity,
    Status,
    Suppression,
    SuppressionKind,
)


def full_evaluation(path: str = "content/café.md") -> Evaluation:
    """An evaluation with every field of every dataclass set, and none to its default."""
    suppression = Suppression(SuppressionKind.BASELINE, "accepted", "baseline.json:4", dt.date(2027, 1, 31))
    finding = Finding(
        "GR-LINK",
        "global-research",
        Category.LINK_TO_ORIGINAL_MISSING,
        Severity.ERROR,
        path,
        12,
        3,
        "No link to the original article",
        "Source: Global Research",
        "Link the source line to the original article's URL",
        "0123456789abcdef",
        suppression,
    )
    evidence = Evidence(Location(12, 3), "Source: Global Research", "no link on a source line")
    outcome = RuleOutcome("GR-LINK", "global-research", Outcome.FAIL, (evidence,), "checked every link")
    permission = PermissionRecord(
        "GR-1", "The editor", dt.date(2024, 1, 2), dt.date(2026, 6, 30), "web", Location(7, 2)
    )
    summary = ArticleSummary(
        path,
        Format.MARKDOWN,
        True,
        ("Global Research",),
        ("global-research",),
        "CC-BY-4.0",
        Status.VIOLATIONS,
        (outcome,),
        "A title",
        dt.date(2024, 1, 1),
        permission,
    )
    return Evaluation((finding,), summary)


def records(value: Any) -> list[Any]:
    """Every record (model `NamedTuple`) within `value`, itself included."""
    if isinstance(value, tuple) and hasattr(type(value), "_fields"):
        return [value, *(found for part in value for found in records(part))]
    if isinstance(value, tuple):
        return [found for part in value for found in records(part)]
    return []


def test_the_sample_sets_every_field() -> None:
    """A field added to the model fails here until the sample, and so the round trip, covers it."""
    found = records(full_evaluation())
    assert {type(value).__name__ for value in found} == {
        "Evaluation", "Finding", "Suppression", "ArticleSummary", "RuleOutcome", "Evidence", "Location",
        "PermissionRecord",
    }  # fmt: skip
    for value in found:
        defaults = type(value)._field_defaults
        for name, stored in zip(value._fields, value, strict=True):
            assert stored not in (None, "", ()), f"{type(value).__name__}.{name} is not set"
            assert name not in defaults or stored != defaults[name], (
                f"{type(value).__name__}.{name} is its default"
            )


def test_every_field_round_trips_through_marshal() -> None:
    evaluation = full_evaluation()
    decoded = decode_evaluation(marshal.loads(marshal.dumps(encode_evaluation(evaluation))))
    assert decoded == evaluation
    pairs = list(zip(records(evaluation), records(decoded), strict=True))
    assert len(pairs) >= 8
    for before, after in pairs:
        assert type(after) is type(before)
        for name, old, new in zip(before._fields, before, after, strict=True):
            assert type(new) is type(old), name


def test_the_stored_form_is_plain_data() -> None:
    def kinds(value: Any) -> set[type]:
        if isinstance(value, tuple):
            return {tuple}.union(*map(kinds, value))
        return {type(value)}

    assert kinds(encode_evaluation(full_evaluation())) <= {tuple, str, int, bool, type(None)}


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: list(data),  # a list where a tuple is stored
        lambda data: data[:1],  # a field missing
        lambda data: (*data, None),  # a field too many
        lambda data: ((), (*data[1][:6], "no-such-status", *data[1][7:])),  # an unknown enum value
        lambda data: ((), (*data[1][:9], "2024-13-45", data[1][10])),  # not a date
        lambda data: ((), (*data[1][:7], ("not", "outcomes"), *data[1][8:])),  # outcomes of another shape
    ],
)
def test_data_of_another_shape_is_refused(damage: Any) -> None:
    with pytest.raises((KeyError, TypeError, ValueError)):
        decode_evaluation(damage(encode_evaluation(full_evaluation())))


def test_equal_value_objects_are_decoded_once_and_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    decode = EvaluationDecoder()
    first = decode(encode_evaluation(full_evaluation("a.md")))
    second = decode(encode_evaluation(full_evaluation("b.md")))
    assert first.summary.outcomes[0] is second.summary.outcomes[0]
    assert first.findings[0] is not second.findings[0]
    monkeypatch.setattr(cache_codec, "SHARED_LIMIT", 1)  # forgetting them only costs time
    decode = EvaluationDecoder()
    for path in ("a.md", "b.md", "a.md"):
        assert decode(encode_evaluation(full_evaluation(path))) == full_evaluation(path)


def test_a_type_the_codec_does_not_know_is_refused_when_it_is_built() -> None:
    with pytest.raises(TypeError):
        cache_codec._encoder(dict[str, int])
    with pytest.raises(TypeError):
        cache_codec._encoder(int | str | None)
