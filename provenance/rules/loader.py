"""Policy packs from YAML files to one compiled `RuleSet`, validated in layers.

Layers: YAML with line marks -> JSON Schema (every error) -> model constraints -> per-file semantics
(`provenance.rules.pack_file`) -> cross-file layering (`provenance.rules.layering`) ->
compilation with the site's severity overrides. All errors of all layers that could run are
raised together in one `RuleErrors`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from provenance.checks.base import PublisherIdentity
from provenance.model import Severity
from provenance.rules.errors import ConfigError, RuleErrors, RuleFileError
from provenance.rules.inputs import (
    BUILTIN_ORIGIN,
    PackSource,
    RuleInputs,
    builtin_pack_files,
    read_rule_inputs,
    read_sources,
)
from provenance.rules.layering import Layered, layer
from provenance.rules.models import SeverityOverride
from provenance.rules.pack_file import PackFile, PlacedCondition, read_pack
from provenance.rules.ruleset import CompiledPack, CompiledRule, RuleSet
from provenance.rules.trusted import read_trusted_pack
from provenance.rules.yaml_marks import load_marked

__all__ = ["BUILTIN_ORIGIN", "builtin_pack_files", "compile_rules", "load_ruleset", "validate_pack_files"]


def compile_rules(inputs: RuleInputs, *, config_path: Path | None = None, proven: bool = False) -> RuleSet:
    """Validate, layer and compile `inputs` with their severity overrides.

    `proven`: a run with the same code validated exactly these packs (its result file says so),
    so every pack, not only the built-in ones, is read on the fast path (`provenance.rules.trusted`).
    Raises `RuleErrors` with every pack error, then `ConfigError` for overrides naming no
    rule (at their line in `config_path`, when given).
    """
    packs, errors = _layered(inputs.sources, list(inputs.read_errors), proven=proven)
    if errors:
        raise RuleErrors(errors)
    known = {placed.condition.id for entry in packs for placed in entry.conditions}
    unknown = [rule_id for rule_id in inputs.severity if rule_id not in known]
    if unknown:
        raise ConfigError(_unknown_override_errors(unknown, config_path))
    compiled = tuple(_compile_pack(entry, inputs.severity) for entry in packs)
    return RuleSet(compiled, inputs.fingerprint)


def load_ruleset(
    local_sources: Sequence[Path] = (),
    severity: Mapping[str, SeverityOverride] = {},
    *,
    include_builtin: bool = True,
    config_path: Path | None = None,
) -> RuleSet:
    """Validate, layer and compile the built-in packs and `local_sources` (files or folders).

    Raises as `compile_rules` does.
    """
    inputs = read_rule_inputs(local_sources, severity, include_builtin=include_builtin)
    return compile_rules(inputs, config_path=config_path)


def validate_pack_files(paths: Sequence[Path]) -> list[RuleFileError]:
    """Every error in `paths`, checked together with the built-in packs."""
    sources, errors = read_sources(paths, include_builtin=True)
    return _layered(sources, errors)[1]


def _layered(
    sources: Sequence[PackSource], errors: list[RuleFileError], *, proven: bool = False
) -> tuple[list[Layered], list[RuleFileError]]:
    """The packs of `sources` validated and layered, and every error (after `errors`, those of reading).

    Built-in packs, and every pack when `proven`, are first tried on the fast path.
    """
    files: list[PackFile] = []
    unreadable: set[str] = set()
    for source in sources:
        trusted = source.builtin or proven
        fast = read_trusted_pack(source.origin, source.text, builtin=source.builtin) if trusted else None
        read = fast or read_pack(source.origin, source.text, builtin=source.builtin)
        errors += read.errors
        if read.file is not None:
            files.append(read.file)
        elif read.declared_id is not None:
            unreadable.add(read.declared_id)
    packs, layer_errors = layer(files, unreadable)
    order = {source.origin: index for index, source in enumerate(sources)}
    errors += layer_errors
    errors.sort(key=lambda e: (order.get(e.path, -1), e.line or 0, e.pointer, e.message))
    return packs, errors


def _unknown_override_errors(unknown: list[str], config_path: Path | None) -> list[RuleFileError]:
    path = config_path.as_posix() if config_path else "severity"
    lines: Mapping[str, int] = {}
    if config_path is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError, RuleErrors):
            lines = load_marked(config_path.read_text(encoding="utf-8"), path).lines
    return [
        RuleFileError(
            path, lines.get(f"/severity/{rule_id}"), f"/severity/{rule_id}", f"unknown rule id {rule_id!r}"
        )
        for rule_id in unknown
    ]


def _compile_pack(entry: Layered, severity: Mapping[str, SeverityOverride]) -> CompiledPack:
    pack = entry.pack
    publisher = None
    if pack.publisher is not None:
        publisher = PublisherIdentity(
            pack_id=pack.id,
            names=tuple(pack.publisher.names),
            domains=tuple(_normalise_domain(domain) for domain in pack.publisher.domains),
            url_patterns=entry.url_patterns,
            licenses=tuple(pack.licenses),
        )
    rules = (_compile_rule(placed, pack.id, severity.get(placed.condition.id)) for placed in entry.conditions)
    return CompiledPack(
        id=pack.id,
        name=pack.name,
        description=pack.description,
        source_url=pack.source_url,
        applies_to=pack.applies_to,
        publisher=publisher,
        signatures=entry.signatures,
        licenses=tuple(pack.licenses),
        rules=tuple(rule for rule in rules if rule is not None),
        origin=entry.file.origin,
        builtin=entry.file.builtin,
    )


def _compile_rule(
    placed: PlacedCondition, pack_id: str, override: SeverityOverride | None
) -> CompiledRule | None:
    if override is SeverityOverride.OFF:
        return None
    condition = placed.condition
    return CompiledRule(
        id=condition.id,
        name=condition.name,
        pack_id=pack_id,
        check=placed.check,
        params=placed.params,
        category=condition.category,
        severity=Severity(override.value) if override else condition.severity,
        message=condition.message,
        fix=condition.fix,
        rationale=condition.rationale,
        source_url=condition.source_url,
        venues=frozenset(condition.venues),
        examples=condition.examples,
        origin=placed.document.path,
    )


def _normalise_domain(domain: str) -> str:
    return domain.strip().lower().removeprefix("www.")
