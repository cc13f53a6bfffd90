"""Models validated from untrusted data, built from trusted data, and the run without pydantic."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from provenance.baseline_file import BaselineFile
from provenance.checks import REGISTRY
from provenance.model import Venue
from provenance.rules.loader import builtin_pack_files
from provenance.rules.models import Examples, PolicyPack, SeverityOverride, Site, SiteConfig
from provenance.rules.yaml_marks import load_marked
from provenance.validation import Invalid, Problem, build, validate

BUILTIN_PACKS = {
    entry.name: yaml.safe_load(entry.read_text(encoding="utf-8")) for entry in builtin_pack_files()
}
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize("name", sorted(BUILTIN_PACKS))
def test_building_a_builtin_pack_equals_validating_it(name: str) -> None:
    data = BUILTIN_PACKS[name]
    assert build(PolicyPack, data) == validate(PolicyPack, data)


@pytest.mark.parametrize("name", sorted(BUILTIN_PACKS))
def test_building_builtin_check_parameters_equals_validating_them(name: str) -> None:
    for condition in BUILTIN_PACKS[name].get("conditions", []):
        model = REGISTRY[condition["check"]].params
        params = condition.get("params", {})
        assert build(model, params) == validate(model, params)


def test_the_example_configuration_builds_as_it_validates() -> None:
    data = yaml.safe_load((EXAMPLES / ".provenance.yaml").read_text(encoding="utf-8"))
    assert build(SiteConfig, data) == validate(SiteConfig, data)


def test_a_configuration_with_every_field_builds_as_it_validates() -> None:
    text = (
        "site: {name: N, url: 'https://n.example', venue: print}\n"
        "include: [content/**]\nexclude: [drafts/**]\nrepublished: [wire/**]\npolicies: [rules]\n"
        "severity: {GR-LINK: off, PP-PIXEL: warning}\nmax_file_size: 1000\n"
        "ignore:\n  - paths: [archive/**]\n    rules: [GR-LINK]\n    reason: old\n    expires: 2026-12-31\n"
    )
    data = load_marked(text, "config").data  # as the engine reads it: dates stay text
    assert data["ignore"][0]["expires"] == "2026-12-31"
    built = build(SiteConfig, data)
    assert built == validate(SiteConfig, data)
    assert (
        built.ignore[0].expires == dt.date(2026, 12, 31) and built.severity["GR-LINK"] is SeverityOverride.OFF
    )


@pytest.mark.parametrize(
    "data",
    [
        {"site": {"venue": "community"}, "max_file_size": "5"},  # validation would coerce; building refuses
        {"site": {"venue": "community"}, "max_file_size": True},
        {"site": {"venue": "community"}, "colour": "blue"},
        {"site": {"venue": "moon"}},
        {"site": "community"},
        {"site": {"venue": "community"}, "include": "content/"},
        {
            "site": {"venue": "community"},
            "ignore": [{"paths": ["a"], "rules": ["A-B"], "reason": "r", "expires": "20261231"}],
        },
    ],
)
def test_building_refuses_every_shape_the_model_does_not_declare(data: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        build(SiteConfig, data)


def test_building_reads_aliases_and_fills_defaults() -> None:
    examples = build(Examples, {"pass": [{"content": "x"}], "fail": []})
    assert examples.passing[0].content == "x" and examples.passing[0].path == "example.md"
    expected = SiteConfig(site=Site(venue=Venue.COMMERCIAL))
    assert build(SiteConfig, {"site": {"venue": "commercial"}}) == expected


def test_validation_reports_every_problem_with_its_location() -> None:
    with pytest.raises(Invalid) as raised:
        validate(SiteConfig, {"site": {"venue": "moon"}, "max_file_size": 0, "colour": "blue"})
    assert raised.value.problems == (
        Problem(("site", "venue"), "Input should be 'community', 'noncommercial', 'commercial' or 'print'"),
        Problem(("max_file_size",), "Input should be greater than 0"),
        Problem(("colour",), "Extra inputs are not permitted"),
    )


def test_a_baseline_of_another_shape_is_invalid() -> None:
    with pytest.raises(Invalid, match="schema_version"):
        validate(BaselineFile, {"schema_version": 2, "tool": "provenance", "findings": []})


def test_a_check_with_the_builtin_rules_imports_neither_pydantic_nor_jsonschema(tmp_path: Path) -> None:
    article = "---\ntitle: A\n---\nOriginally published by ProPublica.\n"
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from provenance.engine import CheckOptions, run_check\n"
        "run_check([Path('a.md')], cwd=Path.cwd(), options=CheckOptions(use_cache=False))\n"
        "print(sorted(m for m in ('pydantic', 'jsonschema') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
