"""Policy packs: layered validation with exact file:line and pointer, layering, compilation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from provenance.checks.base import REGISTRY, CheckContext, CheckSpec, NoParams, Params, Violation
from provenance.model import Category, Severity, Venue
from provenance.rules.errors import ConfigError, RuleErrors, RuleFileError
from provenance.rules.loader import builtin_pack_files, load_ruleset, validate_pack_files
from provenance.rules.models import AppliesTo, SeverityOverride
from provenance.rules.yaml_marks import load_marked

PACKS = Path(__file__).parent / "fixtures" / "packs"
ERRORS = PACKS / "errors"
LAYERS = PACKS / "layers"


@dataclass(frozen=True)
class PatternParams(Params):
    pattern: str
    min_count: int = 1


def fake_credit(context: CheckContext, params: PatternParams) -> Iterable[Violation]:
    return ()


def fake_link(context: CheckContext, params: NoParams) -> Iterable[Violation]:
    return ()


FAKE_CHECKS: dict[str, CheckSpec[Any]] = {
    "fake-loader-credit": CheckSpec(
        "fake-loader-credit",
        fake_credit,
        PatternParams,
        frozenset({Category.SOURCE_CREDIT_MISSING, Category.AUTHOR_CREDIT_MISSING}),
        "A stand-in check with parameters.",
    ),
    "fake-loader-link": CheckSpec(
        "fake-loader-link", fake_link, NoParams, frozenset({Category.LINK_TO_ORIGINAL_MISSING}), "A stand-in."
    ),
}


@pytest.fixture(autouse=True)
def fake_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the stand-in checks for each test only, leaving the real registry as it was."""
    for name, spec in FAKE_CHECKS.items():
        monkeypatch.setitem(REGISTRY, name, spec)


def errors_of(*paths: Path) -> list[tuple[str, int | None, str, str]]:
    with pytest.raises(RuleErrors) as raised:
        load_ruleset(paths, include_builtin=False)
    assert type(raised.value) is RuleErrors
    return [(Path(e.path).name, e.line, e.pointer, e.message) for e in raised.value.errors]


def test_valid_pack_round_trip() -> None:
    ruleset = load_ruleset([PACKS / "valid"], include_builtin=False)
    assert [pack.id for pack in ruleset.packs] == ["cc-by", "global-research"]
    cc, gr = ruleset.packs
    assert (cc.applies_to, cc.licenses, cc.publisher, cc.builtin) == (
        AppliesTo.LICENSE,
        ("CC-BY-4.0",),
        None,
        False,
    )
    assert gr.origin == (PACKS / "valid" / "gr.yaml").as_posix()
    assert gr.description == "Centre for Research on Globalization."
    publisher = gr.publisher
    assert publisher is not None
    assert publisher.pack_id == "global-research"
    assert publisher.names == ("Global Research", "Centre for Research on Globalization")
    assert publisher.domains == ("globalresearch.ca", "globalresearch.org")
    assert publisher.owns_host("news.globalresearch.org")
    assert publisher.is_article_url("https://www.globalresearch.ca/back-to-dialogue/11914")
    assert not publisher.is_article_url("https://www.globalresearch.ca/")
    assert len(gr.signatures) == 1
    assert gr.signatures[0].search("THE ORIGINAL SOURCE OF THIS ARTICLE IS Global Research")
    credit, link = gr.rules
    assert credit.params == PatternParams(pattern="Global Research", min_count=2)
    assert credit.check is FAKE_CHECKS["fake-loader-credit"]
    assert (credit.id, credit.name, credit.pack_id) == ("GR-CREDIT", "source-credit", "global-research")
    assert (credit.category, credit.severity) == (Category.SOURCE_CREDIT_MISSING, Severity.WARNING)
    assert credit.venues == frozenset({Venue.COMMUNITY, Venue.NONCOMMERCIAL})
    assert credit.fix == 'Add "The original source of this article is Global Research".'
    assert credit.origin == gr.origin
    assert credit.examples.passing[0].content == "The original source of this article is Global Research.\n"
    assert (credit.examples.failing[0].path, credit.examples.failing[0].lines) == ("post.md", [1])
    assert (link.id, link.params, link.severity, link.venues) == (
        "GR-LINK",
        NoParams(),
        Severity.ERROR,
        frozenset(),
    )
    assert ruleset.rule("GR-LINK") is link
    assert ruleset.pack("cc-by") is cc


def test_error_str_names_file_line_and_pointer() -> None:
    with pytest.raises(RuleErrors) as raised:
        load_ruleset([ERRORS / "unknown-key.yaml"], include_builtin=False)
    path = (ERRORS / "unknown-key.yaml").as_posix()
    assert [str(e) for e in raised.value.errors] == [
        f"{path}:9: /conditions/0/severty: unknown key 'severty'"
    ]
    assert str(raised.value) == f"{path}:9: /conditions/0/severty: unknown key 'severty'"
    assert str(RuleFileError("p.yaml", None, "", "m")) == "p.yaml: m"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("wrong-type.yaml", [(4, "/publisher/names", 'expected a list, got "Global Research"')]),
        ("unknown-key.yaml", [(9, "/conditions/0/severty", "unknown key 'severty'")]),
        ("missing-key.yaml", [(5, "/conditions/0", "missing required key 'message'")]),
        (
            "bad-category.yaml",
            [
                (
                    8,
                    "/conditions/0/category",
                    "check 'fake-loader-link' cannot report category 'source-credit-missing'; "
                    "it reports: link-to-original-missing",
                )
            ],
        ),
        (
            "bad-params.yaml",
            [
                (8, "/conditions/0/params/pattern", "Field required"),
                (
                    9,
                    "/conditions/0/params/min_count",
                    "Input should be a valid integer, unable to parse string as an integer",
                ),
                (10, "/conditions/0/params/colour", "Extra inputs are not permitted"),
            ],
        ),
        (
            "bad-re2.yaml",
            [
                (
                    7,
                    "/publisher/url_patterns/1",
                    "invalid RE2 pattern '(a)\\\\1': invalid escape sequence: \\1",
                ),
                (
                    9,
                    "/publisher/signatures/0",
                    "invalid RE2 pattern '(?=lookahead)': invalid perl operator: (?=",
                ),
            ],
        ),
        ("syntax.yaml", [(6, "", "YAML: while parsing a flow sequence, did not find expected ',' or ']'")]),
        ("not-a-mapping.yaml", [(1, "", "expected a mapping, got a list")]),
        ("duplicate-key.yaml", [(4, "/name", "duplicate key 'name'")]),
        ("publisher-missing.yaml", [(1, "", "a pack that applies to 'publisher' needs a 'publisher'")]),
        ("licenses-missing.yaml", [(3, "/applies_to", "a pack that applies to 'license' needs 'licenses'")]),
    ],
)
def test_each_error_kind_has_its_line_and_pointer(name: str, expected: list[tuple[int, str, str]]) -> None:
    assert errors_of(ERRORS / name) == [(name, *error) for error in expected]


def test_unknown_check_lists_the_known_ones() -> None:
    known = ", ".join(sorted(REGISTRY))
    assert "fake-loader-credit, fake-loader-link" in known
    message = f"unknown check 'no-such-check'; known checks: {known}"
    assert errors_of(ERRORS / "unknown-check.yaml") == [
        ("unknown-check.yaml", 7, "/conditions/0/check", message)
    ]


def test_all_schema_errors_of_a_file_are_reported_at_once() -> None:
    assert errors_of(ERRORS / "many.yaml") == [
        ("many.yaml", 1, "/id", "'Many-Errors' does not match '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'"),
        ("many.yaml", 3, "/colour", "unknown key 'colour'"),
        (
            "many.yaml",
            4,
            "/applies_to",
            "'sometimes' is not one of ['publisher', 'license', 'unknown-source', 'always']",
        ),
        ("many.yaml", 6, "/conditions/0", "missing required key 'source_url'"),
        ("many.yaml", 6, "/conditions/0/id", "'bad-id' does not match '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$'"),
        ("many.yaml", 10, "/conditions/0/severity", "'fatal' is not one of ['error', 'warning', 'info']"),
        ("many.yaml", 17, "/conditions/1/message", "expected a string, got a list"),
    ]


def test_all_semantic_errors_of_all_files_are_reported_at_once() -> None:
    errors = errors_of(ERRORS / "many-semantic.yaml", ERRORS / "bad-category.yaml", ERRORS / "syntax.yaml")
    assert [(name, line, pointer) for name, line, pointer, _ in errors] == [
        ("many-semantic.yaml", 5, "/publisher/signatures/0"),
        ("many-semantic.yaml", 9, "/conditions/0/check"),
        ("many-semantic.yaml", 17, "/conditions/1/category"),
        ("many-semantic.yaml", 24, "/conditions/2/params/pattern"),
        ("bad-category.yaml", 8, "/conditions/0/category"),
        ("syntax.yaml", 6, ""),
    ]


def test_duplicate_rule_id_across_files_names_both() -> None:
    first = (ERRORS / "dup-rule-a.yaml").as_posix()
    assert errors_of(ERRORS / "dup-rule-a.yaml", ERRORS / "dup-rule-b.yaml") == [
        (
            "dup-rule-b.yaml",
            12,
            "/conditions/1/id",
            f"duplicate rule id 'DUP-LINK': already defined in {first}:5",
        )
    ]


def test_extends_inherits_replaces_and_disables() -> None:
    ruleset = load_ruleset([LAYERS / "base.yaml", LAYERS / "site.yaml"], include_builtin=False)
    (pack,) = ruleset.packs
    assert (pack.id, pack.name, pack.origin) == (
        "site-base",
        "Base publisher, as this site agreed",
        (LAYERS / "site.yaml").as_posix(),
    )
    assert (pack.description, pack.licenses, pack.applies_to) == (
        "Stands in for a built-in pack.",
        ("CC-BY-4.0",),
        AppliesTo.PUBLISHER,
    )
    assert pack.publisher is not None
    assert (pack.publisher.names, pack.publisher.domains) == (("Base News",), ("base.example",))
    assert [(r.id, r.origin.rpartition("/")[2], r.severity) for r in pack.rules] == [
        ("BASE-CREDIT", "site.yaml", Severity.WARNING),
        ("BASE-LINK", "base.yaml", Severity.ERROR),
        ("SITE-EXTRA", "site.yaml", Severity.ERROR),
    ]
    assert pack.rules[0].params == PatternParams(pattern="Base News Service", min_count=3)
    assert {r.pack_id for r in pack.rules} == {"site-base"}


def test_pack_extending_under_its_own_id_is_not_a_duplicate() -> None:
    with pytest.raises(RuleErrors) as raised:
        load_ruleset([LAYERS / "base.yaml", LAYERS / "disable-unknown.yaml"], include_builtin=False)
    assert [(e.line, e.pointer, e.message) for e in raised.value.errors] == [
        (6, "/disable/1", "cannot disable 'BASE-NOPE': pack 'base' has no such rule")
    ]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            ["base.yaml", "extends-unknown.yaml"],
            ("extends-unknown.yaml", 3, "/extends", "extends unknown pack 'no-such-pack'; known packs: base"),
        ),
        (
            ["base.yaml", "site.yaml", "second-extender.yaml"],
            (
                "second-extender.yaml",
                3,
                "/extends",
                f"pack 'base' is already extended in {(LAYERS / 'site.yaml').as_posix()}:3",
            ),
        ),
        (
            ["base.yaml", "duplicate-pack.yaml"],
            (
                "duplicate-pack.yaml",
                1,
                "/id",
                f"duplicate pack id 'base': already defined in {(LAYERS / 'base.yaml').as_posix()}:1 "
                "(use 'extends' to change it)",
            ),
        ),
        (
            ["disable-alone.yaml"],
            ("disable-alone.yaml", 4, "/disable", "'disable' needs 'extends': there is nothing to inherit"),
        ),
    ],
)
def test_layering_errors(names: list[str], expected: tuple[str, int, str, str]) -> None:
    assert errors_of(*(LAYERS / name for name in names)) == [expected]


def test_extending_an_invalid_pack_reports_only_the_invalid_pack(tmp_path: Path) -> None:
    broken = tmp_path / "a.yaml"
    broken.write_text("id: broken\nname: Broken\nbogus: 1\n")
    extender = tmp_path / "b.yaml"
    extender.write_text("id: mine\nname: Mine\nextends: broken\n")
    assert errors_of(tmp_path) == [("a.yaml", 3, "/bogus", "unknown key 'bogus'")]


def test_severity_overrides_change_and_remove_rules() -> None:
    overrides = {"GR-LINK": SeverityOverride.OFF, "GR-CREDIT": SeverityOverride.INFO}
    ruleset = load_ruleset([PACKS / "valid"], overrides, include_builtin=False)
    assert [(r.id, r.severity) for r in ruleset.rules()] == [
        ("CC-BY-CREDIT", Severity.ERROR),
        ("GR-CREDIT", Severity.INFO),
    ]
    assert ruleset.rule("GR-LINK") is None


def test_severity_override_of_unknown_rule_is_a_config_error_with_its_line(tmp_path: Path) -> None:
    config = tmp_path / ".provenance.yaml"
    config.write_text("site:\n  venue: community\nseverity:\n  GR-LINK: warning\n  GR-NOPE: off\n")
    overrides = {"GR-LINK": SeverityOverride.WARNING, "GR-NOPE": SeverityOverride.OFF}
    with pytest.raises(ConfigError) as raised:
        load_ruleset([PACKS / "valid"], overrides, include_builtin=False, config_path=config)
    assert [str(e) for e in raised.value.errors] == [
        f"{config.as_posix()}:5: /severity/GR-NOPE: unknown rule id 'GR-NOPE'"
    ]


def test_fingerprint_follows_contents_and_overrides(tmp_path: Path) -> None:
    first = load_ruleset([PACKS / "valid"], include_builtin=False).fingerprint
    assert load_ruleset([PACKS / "valid"], include_builtin=False).fingerprint == first
    assert len(first) == 64
    overridden = load_ruleset([PACKS / "valid"], {"GR-LINK": SeverityOverride.OFF}, include_builtin=False)
    assert overridden.fingerprint != first
    copy = tmp_path / "gr.yaml"
    copy.write_text((PACKS / "valid" / "gr.yaml").read_text() + "# a comment\n")
    changed = load_ruleset([PACKS / "valid" / "cc-by.yaml", copy], include_builtin=False)
    assert changed.fingerprint != first


def test_local_sources_folder_takes_yaml_and_yml_sorted(tmp_path: Path) -> None:
    pack = "id: {id}\nname: N\napplies_to: always\n"
    (tmp_path / "b.yml").write_text(pack.format(id="bee"))
    (tmp_path / "a.yaml").write_text(pack.format(id="ay"))
    (tmp_path / "c.txt").write_text(pack.format(id="sea"))
    ruleset = load_ruleset([tmp_path], include_builtin=False)
    assert [p.id for p in ruleset.packs] == ["ay", "bee"]


def test_missing_local_source_is_an_error(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "nope.yaml") == [("nope.yaml", None, "", "no such pack file or folder")]


def test_builtin_packs_load() -> None:
    files = builtin_pack_files()
    assert [f.name for f in files] == sorted(f.name for f in files)
    ruleset = load_ruleset()
    assert len(ruleset.packs) == len(files)
    assert all(pack.builtin and pack.origin.startswith("builtin:") for pack in ruleset.packs)
    ids = [rule.id for rule in ruleset.rules()]
    assert len(ids) == len(set(ids))
    assert load_ruleset().fingerprint == ruleset.fingerprint


def test_validate_pack_files_checks_against_builtins(tmp_path: Path) -> None:
    builtin = builtin_pack_files()[0]
    document = load_marked(builtin.read_text(encoding="utf-8"), builtin.name)
    pack_id, rule_id = document.data["id"], document.data["conditions"][0]["id"]
    line = document.line_of("/conditions/0/id")
    local = tmp_path / "local.yaml"
    local.write_text(
        "id: local-pack\nname: Local\napplies_to: always\nconditions:\n"
        f"  - id: {rule_id}\n    name: dup\n    check: fake-loader-link\n"
        "    category: link-to-original-missing\n    message: m\n    rationale: r\n    source_url: u\n"
    )
    errors = validate_pack_files([local])
    assert [(e.path, e.line, e.pointer) for e in errors] == [(local.as_posix(), 5, "/conditions/0/id")]
    assert (
        errors[0].message
        == f"duplicate rule id {rule_id!r}: already defined in builtin:{builtin.name}:{line}"
    )
    extender = tmp_path / "extender.yaml"
    extender.write_text(f"id: {pack_id}\nname: Ours\nextends: {pack_id}\ndisable: [{rule_id}]\n")
    assert validate_pack_files([extender]) == []
    ruleset = load_ruleset([extender])
    assert ruleset.rule(rule_id) is None
    assert ruleset.pack(pack_id) is not None
    assert [p.id for p in ruleset.packs] == [p.id for p in load_ruleset().packs]


def test_yaml_layer_reads_the_yaml_1_2_way() -> None:
    document = load_marked("a: off\nb: yes\nc: true\nd: 2009-10-15\ne:\n  - x\n  - {f: 1}\n", "doc.yaml")
    assert document.data == {"a": "off", "b": "yes", "c": True, "d": "2009-10-15", "e": ["x", {"f": 1}]}
    assert dict(document.lines) == {
        "": 1,
        "/a": 1,
        "/b": 2,
        "/c": 3,
        "/d": 4,
        "/e": 5,
        "/e/0": 6,
        "/e/1": 7,
        "/e/1/f": 7,
    }
    assert document.line_of("/e/1/missing/deeper") == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x [*x]\n", "doc.yaml:1: /a/0: recursive alias"),
        (
            "a: 1\n---\nb: 2\n",
            "doc.yaml:2: YAML: expected a single document in the stream, but found another document",
        ),
        (
            "a: !!python/name:os.system x\n",
            "doc.yaml:1: YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/name:os.system'",
        ),
        (
            "a: 1\nb: \x01\n",
            "doc.yaml:2: YAML: unacceptable character #x0001: control characters are not allowed",
        ),
        ("a/b: 1\na/b: 2\n", "doc.yaml:2: /a~1b: duplicate key 'a/b'"),
    ],
)
def test_yaml_layer_errors(text: str, expected: str) -> None:
    with pytest.raises(RuleErrors) as raised:
        load_marked(text, "doc.yaml")
    assert [str(e) for e in raised.value.errors] == [expected]
