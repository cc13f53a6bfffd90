"""One policy-pack file, validated on its own: YAML, JSON Schema, the models' constraints, then semantics.

Semantic checks that need only the file: each condition's check exists, its category is one
the check declares, its parameters fit the check's model (validated here, once), and the
publisher's RE2 patterns compile. Checks across files live in `provenance.rules.layering`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, NamedTuple

import re2

from provenance.checks.base import REGISTRY, CheckSpec, Params
from provenance.checks.patterns import compile_pattern, pattern_errors, re2_reason
from provenance.rules.errors import RuleErrors, RuleFileError
from provenance.rules.models import Condition, PolicyPack
from provenance.rules.yaml_marks import MarkedDocument, json_pointer, load_marked
from provenance.validation import Invalid, build, validate


class PlacedCondition:
    """A condition with where it was written, its check resolved and its parameters validated.

    A plain class, not a dataclass (cheaper to create at start-up, which every run that compiles
    the rules pays).
    """

    def __init__(
        self,
        condition: Condition,
        document: MarkedDocument,
        index: int,
        check: CheckSpec[Any],
        params: Params,
    ) -> None:
        self.condition: Final = condition
        self.document: Final = document
        self.index: Final = index
        self.check: Final = check
        self.params: Final = params

    @property
    def id_line(self) -> int | None:
        return self.document.line_of(f"/conditions/{self.index}/id")


class PackFile(NamedTuple):
    """A pack file that passed the per-file layers (its conditions with errors left out)."""

    origin: str
    builtin: bool
    document: MarkedDocument
    pack: PolicyPack
    url_patterns: tuple[Any, ...]
    signatures: tuple[Any, ...]
    conditions: tuple[PlacedCondition, ...]


class PackRead(NamedTuple):
    """The outcome of reading one file: the pack (None if unreadable as one) and every error."""

    file: PackFile | None
    errors: list[RuleFileError]
    declared_id: str | None = None  # the `id` written in the file, even when it is invalid


def read_pack(origin: str, text: str, *, builtin: bool) -> PackRead:
    """Validate one pack file on its own."""
    # only here: the built-in packs (and proven ones) are read without JSON Schema validation
    from provenance.rules.schema import PACK_SCHEMA, schema_errors

    try:
        document = load_marked(text, origin)
    except RuleErrors as failure:
        return PackRead(None, list(failure.errors))
    declared_id = document.data.get("id")
    declared_id = declared_id if isinstance(declared_id, str) else None
    errors = schema_errors(document, PACK_SCHEMA)
    if errors:
        return PackRead(None, errors, declared_id)
    try:
        pack = validate(PolicyPack, document.data)
    except Invalid as failure:
        return PackRead(None, validation_errors(document, "", failure), declared_id)
    return check_pack(origin, builtin, document, pack)


def check_pack(
    origin: str, builtin: bool, document: MarkedDocument, pack: PolicyPack, *, trusted: bool = False
) -> PackRead:
    """The per-file semantic checks of a pack that passed its schema and model constraints.

    `trusted`: the pack is a built-in one, so its check parameters are built without validation
    (`TypeError` if they do not fit; the caller then reads the pack on the full path).
    """
    publisher = pack.publisher
    url_patterns, errors = _compile_all(document, publisher.url_patterns if publisher else [], "url_patterns")
    signatures, signature_errors = _compile_all(
        document, publisher.signatures if publisher else [], "signatures"
    )
    errors += signature_errors
    placed = []
    for index, condition in enumerate(pack.conditions):
        result = _place(document, index, condition, trusted)
        if isinstance(result, PlacedCondition):
            placed.append(result)
        else:
            errors += result
    if pack.disable and pack.extends is None:
        errors.append(document.error("/disable", "'disable' needs 'extends': there is nothing to inherit"))
    packed = PackFile(origin, builtin, document, pack, url_patterns, signatures, tuple(placed))
    return PackRead(packed, errors, pack.id)


def validation_errors(document: MarkedDocument, prefix: str, failure: Invalid) -> list[RuleFileError]:
    """Validation problems as file errors, each at the pointer (and line) of its location."""
    return [document.error(prefix + json_pointer(p.location), p.message) for p in failure.problems]


def _compile_all(
    document: MarkedDocument, patterns: Sequence[str], field: str
) -> tuple[tuple[Any, ...], list[RuleFileError]]:
    compiled: list[Any] = []
    errors: list[RuleFileError] = []
    for index, pattern in enumerate(patterns):
        try:
            compiled.append(compile_pattern(pattern, ignore_case=field == "signatures"))
        except re2.error as failure:
            pointer = f"/publisher/{field}/{index}"
            errors.append(document.error(pointer, f"invalid RE2 pattern {pattern!r}: {re2_reason(failure)}"))
    return tuple(compiled), errors


def _place(
    document: MarkedDocument, index: int, condition: Condition, trusted: bool
) -> PlacedCondition | list[RuleFileError]:
    at = f"/conditions/{index}"
    check = REGISTRY.get(condition.check)
    if check is None:
        known = ", ".join(sorted(REGISTRY)) or "none"
        return [document.error(f"{at}/check", f"unknown check {condition.check!r}; known checks: {known}")]
    errors = []
    if condition.category not in check.categories:
        allowed = ", ".join(sorted(check.categories))
        message = (
            f"check {check.name!r} cannot report category {condition.category.value!r}; it reports: {allowed}"
        )
        errors.append(document.error(f"{at}/category", message))
    try:
        params = (
            build(check.params, condition.params) if trusted else validate(check.params, condition.params)
        )
    except Invalid as failure:
        return [*errors, *validation_errors(document, f"{at}/params", failure)]
    errors += [document.error(f"{at}/params/{name}", message) for name, message in pattern_errors(params)]
    return errors or PlacedCondition(condition, document, index, check, params)
