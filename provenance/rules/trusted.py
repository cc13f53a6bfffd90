"""A fast path for packs known to be valid: the built-in ones, and any a previous run validated.

The built-in packs ship with the package and are validated by its test suite. Any other pack is
known valid when a result file exists for the run's key (`provenance.cache`): the key covers
the exact text of every pack file and the installed code, and only a run that validated those
packs writes one. A pack known valid is parsed without recording line marks (its data built
without PyYAML's generic constructor, `provenance.rules.yaml_plain`), built into the
models without JSON Schema or pydantic validation (neither library is then imported at all),
and checked by the per-file semantics as usual. Lines are computed only if an error message
asks for one. A pack that shows any error on this path (or data of another shape than the
models declare) is read again through the full path, so its errors read exactly the same.
The full path stays the reference: `rules validate` always runs it (and a test compares them).
"""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from provenance.lazy_mapping import LazyMapping
from provenance.rules.errors import RuleErrors
from provenance.rules.models import PolicyPack
from provenance.rules.pack_file import PackRead, check_pack
from provenance.rules.yaml_marks import MarkedDocument, load_marked
from provenance.rules.yaml_plain import load_plain
from provenance.validation import build


def lazy_lines(text: str, path: str) -> Mapping[str, int]:
    """The pointer -> line map of a YAML text, computed on first use (empty if it cannot be)."""

    def lines() -> Mapping[str, int]:
        try:
            return load_marked(text, path).lines
        except RuleErrors:
            return {}

    return LazyMapping(lines)


def read_trusted_pack(origin: str, text: str, *, builtin: bool = True) -> PackRead | None:
    """The pack (built-in, or proven valid) read on the fast path, or None when it needs the full path."""
    try:
        data = load_plain(text)  # what the libyaml safe loader of yaml_marks loads
    except (yaml.YAMLError, RecursionError):  # the full path words the error
        return None
    if not isinstance(data, dict):
        return None
    document = MarkedDocument(origin, data, lazy_lines(text, origin))
    try:
        read = check_pack(origin, builtin, document, build(PolicyPack, data), trusted=True)
    except (TypeError, ValueError, KeyError):  # not the shape the models declare: the full path says why
        return None
    return None if read.errors else read
