"""A fast path for the built-in packs, which ship with the package and are validated by its tests.

A built-in pack is parsed without recording line marks, built into the models without JSON
Schema or pydantic validation (neither library is then imported at all), and checked by the
per-file semantics as usual. Lines are computed only if an error message asks for one. A
built-in pack that shows any error on this path (or data of another shape than the models
declare) is read again through the full path, so its errors read exactly the same.
The full path stays the reference: `rules validate` on the built-in files runs it (and a test).
"""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from provenance.lazy_mapping import LazyMapping
from provenance.rules.errors import RuleErrors
from provenance.rules.models import PolicyPack
from provenance.rules.pack_file import PackRead, check_pack
from provenance.rules.yaml_marks import MarkedDocument, _Loader, load_marked
from provenance.validation import build


def lazy_lines(text: str, path: str) -> Mapping[str, int]:
    """The pointer -> line map of a YAML text, computed on first use (empty if it cannot be)."""

    def lines() -> Mapping[str, int]:
        try:
            return load_marked(text, path).lines
        except RuleErrors:
            return {}

    return LazyMapping(lines)


def read_trusted_pack(origin: str, text: str) -> PackRead | None:
    """The built-in pack read on the fast path, or None when it needs the full path."""
    try:
        data = yaml.load(text, Loader=_Loader)  # the libyaml safe loader (yaml_marks)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    document = MarkedDocument(origin, data, lazy_lines(text, origin))
    try:
        read = check_pack(origin, True, document, build(PolicyPack, data), trusted=True)
    except (TypeError, ValueError, KeyError):  # not the shape the models declare: the full path says why
        return None
    return None if read.errors else read
