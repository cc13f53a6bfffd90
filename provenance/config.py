"""The site configuration, `.provenance.yaml`: found upward from a path, validated in layers.

Layers as for policy packs: YAML with line marks -> JSON Schema -> the model's constraints
(`provenance.validation`) -> semantics
(policy paths stay inside the repository; include/exclude patterns parse). Every error is
raised together in one `ConfigError`, each with file, line and JSON pointer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from provenance.model import Venue
from provenance.rules.errors import ConfigError, RuleErrors, RuleFileError
from provenance.rules.site_config import Site, SiteConfig
from provenance.validation import Invalid, build, validate

if TYPE_CHECKING:  # YAML and JSON Schema are imported when a configuration is read, not before
    from provenance.rules.yaml_marks import MarkedDocument

CONFIG_NAME = ".provenance.yaml"
REPOSITORY_MARKER = ".git"


def find_config(start: Path) -> Path | None:
    """The nearest `.provenance.yaml` from `start` (file or folder) upward.

    The search stops at the repository root (a folder containing `.git`, itself included)
    or at the filesystem root.
    """
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
        if (candidate / REPOSITORY_MARKER).exists():
            return None
    return None


def repository_root(folder: Path) -> Path:
    """The nearest folder from `folder` upward that contains `.git`; `folder` itself if none does."""
    folder = folder.resolve()
    return next((c for c in (folder, *folder.parents) if (c / REPOSITORY_MARKER).exists()), folder)


def default_config() -> SiteConfig:
    """The configuration used when no `.provenance.yaml` exists.

    The venue is then unknown; `community` is assumed, and the CLI warns
    "no .provenance.yaml: assuming venue community".
    """
    return SiteConfig(site=Site(venue=Venue.COMMUNITY))


def load_config(path: Path) -> SiteConfig:
    """Read and validate `path`; raises `ConfigError` with every problem found."""
    document = read_config(path)
    return validated_config(path, document)


def read_config(path: Path) -> MarkedDocument:
    """The YAML of `path`, with line marks; raises `ConfigError` if it cannot be read or parsed."""
    from provenance.rules.yaml_marks import load_marked

    name = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as failure:
        raise ConfigError([RuleFileError(name, None, "", f"cannot read configuration: {failure}")]) from None
    try:
        return load_marked(text, name)
    except RuleErrors as failure:
        raise ConfigError(failure.errors) from None


def validated_config(path: Path, document: MarkedDocument) -> SiteConfig:
    """The configuration `document` holds, through every layer; raises `ConfigError`."""
    from provenance.rules.schema import CONFIG_SCHEMA, schema_errors
    from provenance.rules.yaml_marks import json_pointer

    errors = schema_errors(document, CONFIG_SCHEMA)
    if errors:
        raise ConfigError(errors)
    try:
        config = validate(SiteConfig, document.data)
    except Invalid as failure:
        raise ConfigError(
            document.error(json_pointer(p.location), p.message) for p in failure.problems
        ) from None
    check_semantics(path, document, config)
    return config


def built_config(document: MarkedDocument) -> SiteConfig | None:
    """The configuration `document` holds, built without validating it; None if its shape is not
    exactly the model's. Only for a document proven valid before: nothing here reports why not."""
    try:
        return build(SiteConfig, document.data)
    except (TypeError, ValueError, KeyError):
        return None


def check_semantics(path: Path, document: MarkedDocument, config: SiteConfig) -> None:
    """Raise `ConfigError` if a policy path leaves the repository or is missing, or a pattern is invalid."""
    errors = _policy_errors(document, path, config) + _pattern_errors(document, config)
    if errors:
        raise ConfigError(sorted(errors, key=lambda e: (e.line or 0, e.pointer)))


def policy_paths(config_path: Path, config: SiteConfig) -> list[Path]:
    """The local pack files and folders named by `config`, resolved against its folder."""
    return [config_path.parent / policy for policy in config.policies]


def _policy_errors(document: MarkedDocument, path: Path, config: SiteConfig) -> list[RuleFileError]:
    root = repository_root(path.parent)
    errors = []
    for index, (policy, target) in enumerate(zip(config.policies, policy_paths(path, config), strict=True)):
        resolved = target.resolve()
        if not resolved.is_relative_to(root):
            message = f"policy path {policy!r} is outside the repository root {root.as_posix()}"
            errors.append(document.error(f"/policies/{index}", message))
        elif not resolved.exists():
            errors.append(document.error(f"/policies/{index}", f"policy path {policy!r} does not exist"))
    return errors


def _pattern_errors(document: MarkedDocument, config: SiteConfig) -> list[RuleFileError]:
    import pathspec  # only when a configuration is read: importing it costs a short run tens of ms

    errors = []
    for field, patterns in (
        ("include", config.include),
        ("exclude", config.exclude),
        ("republished", config.republished),
    ):
        for index, pattern in enumerate(patterns):
            try:
                pathspec.GitIgnoreSpec.from_lines([pattern])
            except ValueError:
                message = f"invalid gitignore-style pattern {pattern!r}"
                errors.append(document.error(f"/{field}/{index}", message))
            else:
                if field == "include" and ".." in pattern.lstrip("!").split("/"):
                    message = (
                        f"include pattern {pattern!r} points outside the repository; patterns are"
                        " relative to the repository root and nothing outside it is read"
                    )
                    errors.append(document.error(f"/{field}/{index}", message))
    return errors
