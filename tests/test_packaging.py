"""The wheel ships every package and the built-in packs (setuptools lists packages explicitly)."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_python_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "provenance").rglob("__init__.py")
    }
    assert on_disk <= listed
    assert "provenance.builtin_rules" in listed
    assert config["tool"]["setuptools"]["package-dir"] == {"provenance.builtin_rules": "rules"}
