"""Broken configuration and policy packs: every error at once, file:line and key, exit 2, no content read.

User patterns are RE2: a classic catastrophic pattern runs in linear time, and what RE2 cannot
honour (backreferences, lookaround) is refused when the pack loads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hostile_cases import deadline

from provenance.checks.base import REGISTRY
from provenance.cli import main

VENUES = "['community', 'noncommercial', 'commercial', 'print']"
CONDITION = """\
    category: {category}
    message: Not as the publisher asks.
    rationale: The terms say so.
    source_url: https://gazette.example.org/terms
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty repository as the working folder, where reading any content fails the test."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("Our own text.\n", encoding="utf-8")
    (tmp_path / "policies").mkdir()
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def no_content(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("content was checked despite configuration errors")

    monkeypatch.setattr("provenance.engine.discover", refuse)


def check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "content", *args])


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return path.as_posix()


@pytest.mark.usefixtures("no_content")
def test_every_config_error_at_once_with_line_and_key(repo: Path) -> None:
    config = write(
        repo / ".provenance.yaml",
        "site:\n  name: Broken\n  venue: magazine\n  colour: blue\ninclude: content/**\n"
        "severity: {GR-LINK: loud}\nmax_file_size: -5\nshelf: top\n",
    )
    result = check()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{config}:3: /site/venue: 'magazine' is not one of {VENUES}",
        f"{config}:4: /site/colour: unknown key 'colour'",
        f'{config}:5: /include: expected a list, got "content/**"',
        f"{config}:6: /severity/GR-LINK: 'loud' is not one of ['error', 'warning', 'info', 'off']",
        f"{config}:7: /max_file_size: -5 is less than or equal to the minimum of 0",
        f"{config}:8: /shelf: unknown key 'shelf'",
    ]


@pytest.mark.usefixtures("no_content")
def test_config_yaml_error_and_include_leaving_the_repository(repo: Path) -> None:
    config = write(repo / ".provenance.yaml", "site: {name: [unclosed\n")
    result = check()
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"{config}:2: YAML: while parsing a flow sequence, did not find expected ',' or ']'\n"
    )
    write(
        repo / ".provenance.yaml",
        "site: {name: S, venue: community}\ninclude:\n  - content/**\n  - ../elsewhere/**\n",
    )
    result = check()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{config}:4: /include/1: include pattern '../elsewhere/**' points outside the repository;"
        " patterns are relative to the repository root and nothing outside it is read\n"
    )


BROKEN_PACK = (
    """\
id: broken-pack
name: Broken pack
applies_to: publisher
publisher: {names: [Gazette], signatures: ['(a)\\1', '(?=lookahead)']}
conditions:
  - id: BP-CREDIT
    name: credit
    check: credit-line
    params: {pattern: 'Republished from (?!nowhere)', example: Republished from the Gazette}
"""
    + CONDITION.format(category="credit-line-mismatch")
    + """\
  - id: BP-OTHER
    name: other
    check: no-such-check
"""
    + CONDITION.format(category="credit-line-mismatch")
    + """\
  - id: BP-VENUE
    name: venue
    check: venue-permitted
    params: {venues: 12}
"""
    + CONDITION.format(category="use-not-permitted")
)


@pytest.mark.usefixtures("no_content")
def test_every_pack_error_at_once_including_patterns_re2_cannot_honour(repo: Path) -> None:
    write(repo / ".provenance.yaml", "site: {name: S, venue: community}\npolicies: [policies]\n")
    pack = write(repo / "policies" / "broken.yaml", BROKEN_PACK)
    result = check()
    assert (result.exit_code, result.stdout) == (2, "")
    known = ", ".join(sorted(REGISTRY))
    assert result.stderr.splitlines() == [
        f"{pack}:4: /publisher/signatures/0: invalid RE2 pattern '(a)\\\\1': invalid escape sequence: \\1",
        f"{pack}:4: /publisher/signatures/1: invalid RE2 pattern '(?=lookahead)': invalid perl operator: (?=",
        f"{pack}:9: /conditions/0/params/pattern: invalid RE2 pattern"
        " 'Republished from (?!nowhere)': invalid perl operator: (?!",
        f"{pack}:16: /conditions/1/check: unknown check 'no-such-check'; known checks: {known}",
        f"{pack}:24: /conditions/2/params/venues: Input should be a valid list",
    ]


@pytest.mark.usefixtures("no_content")
def test_schema_errors_of_a_pack_all_at_once(repo: Path) -> None:
    write(repo / ".provenance.yaml", "site: {name: S, venue: community}\npolicies: [policies]\n")
    pack = write(
        repo / "policies" / "schema.yaml",
        "id: schema-pack\nname: Schema\napplies_to: always\nshelf: top\nconditions:\n"
        "  - id: SP-ONE\n    name: Not A Slug\n    check: source-credited\n    severity: fatal\n"
        "    message: [not, a, string]\n"
        + CONDITION.format(category="source-credit-missing").split("\n", 2)[2],
    )
    result = check()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"{pack}:4: /shelf: unknown key 'shelf'",
        f"{pack}:6: /conditions/0: missing required key 'category'",
        f"{pack}:7: /conditions/0/name: 'Not A Slug' does not match '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'",
        f"{pack}:9: /conditions/0/severity: 'fatal' is not one of ['error', 'warning', 'info']",
        f"{pack}:10: /conditions/0/message: expected a string, got a list",
    ]


@pytest.mark.usefixtures("no_content")
def test_duplicate_rule_ids_across_packs_name_both(repo: Path) -> None:
    write(repo / ".provenance.yaml", "site: {name: S, venue: community}\npolicies: [policies]\n")
    rule = "  - id: DUP-ONE\n    name: credit\n    check: source-credited\n" + CONDITION.format(
        category="source-credit-missing"
    )
    first = write(
        repo / "policies" / "a.yaml", f"id: first\nname: First\napplies_to: always\nconditions:\n{rule}"
    )
    write(repo / "policies" / "b.yaml", f"id: second\nname: Second\napplies_to: always\nconditions:\n{rule}")
    result = check()
    assert (result.exit_code, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"{repo.as_posix()}/policies/b.yaml:5: /conditions/0/id: duplicate rule id 'DUP-ONE'"
    )
    assert f"{first}:5" in lines[0]


CATASTROPHIC = "(a+)+$"
GAZETTE_PACK = f"""\
id: gazette
name: Gazette
applies_to: publisher
publisher: {{names: [Gazette], signatures: ['{CATASTROPHIC}']}}
conditions:
  - id: GZ-CREDIT
    name: credit
    check: credit-line
    params: {{pattern: '{CATASTROPHIC}', example: aaa}}
""" + CONDITION.format(category="credit-line-mismatch")


def test_a_catastrophic_pattern_cannot_hang_the_run(repo: Path) -> None:
    """`(a+)+$` against 'a' * 50,000 + 'b': exponential in a backtracking engine, linear in RE2."""
    evil = "a" * 50_000 + "b"
    write(repo / ".provenance.yaml", "site: {name: S, venue: community}\npolicies: [policies]\n")
    write(repo / "policies" / "gazette.yaml", GAZETTE_PACK)
    article = f"---\nsource: Gazette\n---\nThe original source of this article is Gazette\n\n{evil}\n{evil}\n"
    (repo / "content" / "a.md").write_text(article, encoding="utf-8")
    with deadline(20):
        result = check("--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"]) for f in findings if f["policy"] == "gazette"] == [("GZ-CREDIT", 4)]


def _alias_bomb(indent: str) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]" for level in range(1, 9)]
    return "".join(f"{indent}{line}\n" for line in lines)


@pytest.mark.usefixtures("no_content")
def test_alias_bombs_and_deep_nesting_in_config_and_packs_are_refused_fast(repo: Path) -> None:
    config = write(
        repo / ".provenance.yaml", "site: {name: S, venue: community}\nextra:\n" + _alias_bomb("  ")
    )
    with deadline(20):
        result = check()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"{config}:")
    assert result.stderr.endswith(
        ": YAML expands to more than 100,000 nodes through aliases (an alias bomb)\n"
    )
    write(
        repo / ".provenance.yaml", "site: {name: S, venue: community}\nextra: " + "[" * 10_000 + "]" * 10_000
    )
    with deadline(20):
        result = check()
    assert (result.exit_code, result.stdout) == (2, "")
    # the pointer is named when provenance's own limit trips first; PyYAML >= 6.0.4 may stop earlier
    assert result.stderr.startswith(f"{config}:2: ")
    assert result.stderr.endswith(": YAML nests deeper than 100 levels\n")
    write(repo / ".provenance.yaml", "site: {name: S, venue: community}\npolicies: [policies]\n")
    pack = write(repo / "policies" / "bomb.yaml", _alias_bomb(""))
    with deadline(20):
        result = check()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"{pack}:")
    assert result.stderr.endswith(
        ": YAML expands to more than 100,000 nodes through aliases (an alias bomb)\n"
    )
