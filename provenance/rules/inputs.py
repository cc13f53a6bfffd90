"""A run's policy-pack files, read but not validated: what its rules are, cheaply.

Reading the pack files and hashing them is all a run needs to key cached results on; validating
and compiling them (`provenance.rules.loader`) imports the checks and costs more, and is done
only when some file must be checked.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

from provenance.rules.errors import RuleFileError
from provenance.rules.site_config import SeverityOverride

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

BUILTIN_PACKAGE = "provenance.builtin_rules"
BUILTIN_ORIGIN = "builtin:"
PACK_SUFFIXES = (".yaml", ".yml")


class PackSource(NamedTuple):
    """One pack file's text, and where it came from."""

    origin: str
    text: str
    builtin: bool


def builtin_pack_files() -> list[Traversable]:
    """The built-in pack files shipped in `provenance.builtin_rules`, sorted by name."""
    packs = [
        entry
        for entry in _builtin_folder().iterdir()
        if entry.is_file() and entry.name.endswith(PACK_SUFFIXES)
    ]
    return sorted(packs, key=lambda entry: entry.name)


def _builtin_folder() -> Traversable:
    """The folder of the built-in packs: the package's folder when installed as files (as pip
    installs it), else whatever `importlib.resources` finds (a zip import, say). Every run reads
    the packs, and importing `importlib.resources`'s readers (zipfile among them) cost more than
    reading them."""
    spec = importlib.util.find_spec(BUILTIN_PACKAGE)
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if len(locations) == 1 and os.path.isdir(locations[0]):
        return Path(locations[0])
    from importlib import resources

    return resources.files(BUILTIN_PACKAGE)


class RuleInputs:
    """A run's pack files as read (not yet validated) and its severity overrides.

    Enough to key cached results on (`fingerprint`) without validating or compiling anything:
    a run whose results are all cached never needs more. `compile_rules` does the rest.
    A plain class, not a dataclass (cheaper to create at start-up): `fingerprint` is cached on it.
    """

    def __init__(
        self,
        sources: tuple[PackSource, ...],
        read_errors: tuple[RuleFileError, ...],  # pack files or folders that could not be read
        severity: Mapping[str, SeverityOverride],
    ) -> None:
        self.sources: Final = sources
        self.read_errors: Final = read_errors
        self.severity: Final = severity

    @cached_property
    def fingerprint(self) -> str:
        """A hash of every pack file's text, of what could not be read, and of the overrides: all
        that the compiled rules (and their errors) depend on."""
        digest = hashlib.sha256()
        for source in self.sources:
            data = source.text.encode("utf-8")
            digest.update(f"{len(data)}:".encode())
            digest.update(data)
        for error in self.read_errors:
            digest.update(f"unread:{error.path}:{error.message}\n".encode())
        overrides = {key: str(value) for key, value in sorted(self.severity.items())}
        digest.update(json.dumps(overrides).encode())
        return digest.hexdigest()


def read_rule_inputs(
    local_sources: Sequence[Path] = (),
    severity: Mapping[str, SeverityOverride] = {},
    *,
    include_builtin: bool = True,
) -> RuleInputs:
    """Read the built-in packs and `local_sources` (files or folders), without validating them."""
    sources, errors = read_sources(local_sources, include_builtin)
    return RuleInputs(tuple(sources), tuple(errors), severity)


def read_sources(
    local_sources: Sequence[Path], include_builtin: bool
) -> tuple[list[PackSource], list[RuleFileError]]:
    """The text of every pack file (built-in first), and an error for each that cannot be read."""
    sources: list[PackSource] = []
    errors: list[RuleFileError] = []
    local = _expand(local_sources, errors)
    if include_builtin:
        # a built-in file named on the command line (`rules validate rules/core.yaml`) is read once
        named = {path.resolve() for path in local}
        for entry in builtin_pack_files():
            if isinstance(entry, Path) and entry.resolve() in named:
                continue
            sources.append(PackSource(BUILTIN_ORIGIN + entry.name, entry.read_text(encoding="utf-8"), True))
    for path in local:
        try:
            sources.append(PackSource(path.as_posix(), path.read_text(encoding="utf-8"), False))
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
