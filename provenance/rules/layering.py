"""Packs across files: `extends:` layering, `disable:`, and ids that must be unique.

Packs are taken in load order (built-in first, then local). A pack with `extends: X` takes
the place of pack X (defined earlier): it inherits what it does not set itself (publisher,
licences, description, source URL, applies_to) and X's conditions, minus `disable`d ids, with
its own conditions of the same id replacing the inherited ones in place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Sequence
from typing import Any, NamedTuple

from provenance.rules.errors import RuleFileError
from provenance.rules.models import AppliesTo, PolicyPack
from provenance.rules.pack_file import PackFile, PlacedCondition

INHERITED_FIELDS = ("description", "source_url", "applies_to", "publisher", "licenses")


class Layered(NamedTuple):
    """An effective pack: its fields merged with inherited ones, its conditions resolved."""

    pack: PolicyPack
    file: PackFile  # the file that defined it last
    url_patterns: tuple[Any, ...]
    signatures: tuple[Any, ...]
    conditions: tuple[PlacedCondition, ...]


def layer(
    files: Sequence[PackFile], unreadable_ids: Collection[str] = ()
) -> tuple[list[Layered], list[RuleFileError]]:
    """The effective packs in load order, and every cross-file error.

    `unreadable_ids` are ids of packs whose files failed validation: extending them is not
    reported again as extending an unknown pack.
    """
    packs: dict[str, Layered] = {}
    defined_in: dict[str, PackFile] = {}
    extended_by: dict[str, PackFile] = {}
    errors: list[RuleFileError] = []
    for file in files:
        pack = file.pack
        if pack.id in defined_in and pack.id != pack.extends:
            first = defined_in[pack.id]
            where = f"{first.origin}:{first.document.line_of('/id')}"
            message = (
                f"duplicate pack id {pack.id!r}: already defined in {where} (use 'extends' to change it)"
            )
            errors.append(file.document.error("/id", message))
            continue
        if pack.extends is None:
            entry = Layered(pack, file, file.url_patterns, file.signatures, file.conditions)
            packs[pack.id] = entry
        else:
            base = packs.get(pack.extends)
            if base is None:
                errors += _unknown_base(file, pack.extends, packs, extended_by, unreadable_ids)
                continue
            entry = _extend(base, file, errors)
            packs = {
                (pack.id if key == base.pack.id else key): (entry if key == base.pack.id else value)
                for key, value in packs.items()
            }
            extended_by[pack.extends] = file
        defined_in[pack.id] = file
        errors += _applies_to_errors(entry)
    errors += _duplicate_rule_errors(packs.values())
    return list(packs.values()), errors


def _unknown_base(
    file: PackFile,
    base_id: str,
    packs: dict[str, Layered],
    extended_by: dict[str, PackFile],
    unreadable_ids: Collection[str],
) -> list[RuleFileError]:
    if base_id in extended_by:
        other = extended_by[base_id]
        where = f"{other.origin}:{other.document.line_of('/extends')}"
        return [file.document.error("/extends", f"pack {base_id!r} is already extended in {where}")]
    if base_id in unreadable_ids:
        return []
    known = ", ".join(sorted(packs)) or "none"
    return [file.document.error("/extends", f"extends unknown pack {base_id!r}; known packs: {known}")]


def _extend(base: Layered, file: PackFile, errors: list[RuleFileError]) -> Layered:
    pack = file.pack
    written = file.document.data.keys()  # the fields the file sets itself
    inherited = {name: getattr(base.pack, name) for name in INHERITED_FIELDS if name not in written}
    merged = dataclasses.replace(pack, **inherited)
    own_publisher = "publisher" in written
    base_ids = {placed.condition.id for placed in base.conditions}
    for index, rule_id in enumerate(pack.disable):
        if rule_id not in base_ids:
            message = f"cannot disable {rule_id!r}: pack {base.pack.id!r} has no such rule"
            errors.append(file.document.error(f"/disable/{index}", message))
    own = list(file.conditions)
    conditions: list[PlacedCondition] = []
    for placed in base.conditions:
        if placed.condition.id in pack.disable:
            continue
        replacement = next((o for o in own if o.condition.id == placed.condition.id), None)
        if replacement is not None:
            own.remove(replacement)
        conditions.append(replacement or placed)
    return Layered(
        merged,
        file,
        file.url_patterns if own_publisher else base.url_patterns,
        file.signatures if own_publisher else base.signatures,
        (*conditions, *own),
    )


def _applies_to_errors(entry: Layered) -> list[RuleFileError]:
    pack, document = entry.pack, entry.file.document
    pointer = "/applies_to" if "applies_to" in document.data else ""
    if pack.applies_to is AppliesTo.PUBLISHER and pack.publisher is None:
        return [document.error(pointer, "a pack that applies to 'publisher' needs a 'publisher'")]
    if pack.applies_to is AppliesTo.LICENSE and not pack.licenses:
        return [document.error(pointer, "a pack that applies to 'license' needs 'licenses'")]
    return []


def _duplicate_rule_errors(packs: Iterable[Layered]) -> list[RuleFileError]:
    errors = []
    first_of: dict[str, PlacedCondition] = {}
    for entry in packs:
        for placed in entry.conditions:
            first = first_of.setdefault(placed.condition.id, placed)
            if first is not placed:
                where = f"{first.document.path}:{first.id_line}"
                message = f"duplicate rule id {placed.condition.id!r}: already defined in {where}"
                errors.append(placed.document.error(f"/conditions/{placed.index}/id", message))
    return errors
