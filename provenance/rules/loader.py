"""Policy packs from YAML files to one compiled `RuleSet`, validated in layers.

Layers: YAML with line marks -> JSON Schema (every error) -> pydantic -> per-file semantics
(`provenance.rules.pack_file`) -> cross-file layering (`provenance.rules.layering`) ->
compilation with the site's severity overrides. All errors of all layers that could run are
raised together in one `RuleErrors`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from provenance.checks.base import PublisherIdentity
from provenance.model import Severity
from provenance.rules.errors import ConfigError, RuleErrors, RuleFileError
from provenance.rules.layering import Layered, layer
from provenance.rules.models import SeverityOverride
from provenance.rules.pack_file import PackFile, PlacedCondition, read_pack
from provenance.rules.ruleset import CompiledPack, CompiledRule, RuleSet
from provenance.rules.trusted import read_trusted_pack
from provenance.rules.yaml_marks import load_marked

BUILTIN_PACKAGE = "provenance.builtin_rules"
BUILTIN_ORIGIN = "builtin:"
PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class _Source:
    origin: str
    text: str
    builtin: bool


def builtin_pack_files() -> list[Traversable]:
    """The built-in pack files shipped in `provenance.builtin_rules`, sorted by name."""
    folder = resources.files(BUILTIN_PACKAGE)
    packs = [entry for entry in folder.iterdir() if entry.is_file() and entry.name.endswith(PACK_SUFFIXES)]
    return sorted(packs, key=lambda entry: entry.name)


def load_ruleset(
    local_sources: Sequence[Path] = (),
    severity: Mapping[str, SeverityOverride] = {},
    *,
    include_builtin: bool = True,
    config_path: Path | None = None,
) -> RuleSet:
    """Validate, layer and compile the built-in packs and `local_sources` (files or folders).

    Raises `RuleErrors` with every pack error, then `ConfigError` for overrides naming no
    rule (at their line in `config_path`, when given).
    """
    sources, packs, errors = _load(local_sources, include_builtin)
    if errors:
        raise RuleErrors(errors)
    known = {placed.condition.id for entry in packs for placed in entry.conditions}
    unknown = [rule_id for rule_id in severity if rule_id not in known]
    if unknown:
        raise ConfigError(_unknown_override_errors(unknown, config_path))
    compiled = tuple(_compile_pack(entry, severity) for entry in packs)
    return RuleSet(compiled, _fingerprint(sources, severity))


def validate_pack_files(paths: Sequence[Path]) -> list[RuleFileError]:
    """Every error in `paths`, checked together with the built-in packs."""
    return _load(paths, include_builtin=True)[2]


def _load(
    local_sources: Sequence[Path], include_builtin: bool
) -> tuple[list[_Source], list[Layered], list[RuleFileError]]:
    sources, errors = _read_sources(local_sources, include_builtin)
    files: list[PackFile] = []
    unreadable: set[str] = set()
    for source in sources:
        read = (read_trusted_pack(source.origin, source.text) if source.builtin else None) or read_pack(
            source.origin, source.text, builtin=source.builtin
        )
        errors += read.errors
        if read.file is not None:
            files.append(read.file)
        elif read.declared_id is not None:
            unreadable.add(read.declared_id)
    packs, layer_errors = layer(files, unreadable)
    order = {source.origin: index for index, source in enumerate(sources)}
    errors += layer_errors
    errors.sort(key=lambda e: (order.get(e.path, -1), e.line or 0, e.pointer, e.message))
    return sources, packs, errors


def _read_sources(
    local_sources: Sequence[Path], include_builtin: bool
) -> tuple[list[_Source], list[RuleFileError]]:
    sources: list[_Source] = []
    errors: list[RuleFileError] = []
    local = _expand(local_sources, errors)
    if include_builtin:
        # a built-in file named on the command line (`rules validate rules/core.yaml`) is read once
        named = {path.resolve() for path in local}
        for entry in builtin_pack_files():
            if isinstance(entry, Path) and entry.resolve() in named:
                continue
            sources.append(_Source(BUILTIN_ORIGIN + entry.name, entry.read_text(encoding="utf-8"), True))
    for path in local:
        try:
            sources.append(_Source(path.as_posix(), path.read_text(encoding="utf-8"), False))
        except (OSError, UnicodeDecodeError) as failure:
            errors.append(RuleFileError(path.as_posix(), None, "", f"cannot read pack file: {failure}"))
    return sources, errors


def _expand(local_sources: Sequence[Path], errors: list[RuleFileError]) -> list[Path]:
    """Pack files named directly, and the `*.yaml`/`*.yml` files of folders (sorted)."""
    files: list[Path] = []
    for source in local_sources:
        if source.is_dir():
            files += sorted(p for p in source.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file())
        elif source.is_file():
            files.append(source)
        else:
            errors.append(RuleFileError(source.as_posix(), None, "", "no such pack file or folder"))
    return list(dict.fromkeys(files))


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


def _fingerprint(sources: Sequence[_Source], severity: Mapping[str, SeverityOverride]) -> str:
    digest = hashlib.sha256()
    for source in sources:
        data = source.text.encode("utf-8")
        digest.update(f"{len(data)}:".encode())
        digest.update(data)
    digest.update(json.dumps({key: str(value) for key, value in sorted(severity.items())}).encode())
    return digest.hexdigest()
