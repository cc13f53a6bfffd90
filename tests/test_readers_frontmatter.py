"""Front matter: YAML, TOML and JSON values with exact key positions; every bad input."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from provenance.model import Article, Category, Format, Location
from provenance.readers import read_bytes, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def positions(article: Article) -> dict[str, tuple[int, int]]:
    return {item.key: (item.location.line, item.location.column) for item in article.fields}


def one_problem(text: str) -> tuple[Article, str, int]:
    """Read `text` as Markdown; it must carry exactly one METADATA_INVALID diagnostic."""
    article = read_bytes("post.md", text.encode())
    assert len(article.diagnostics) == 1, article.diagnostics
    (problem,) = article.diagnostics
    assert problem.category is Category.METADATA_INVALID
    assert problem.location is not None
    return article, problem.message, problem.location.line


def test_yaml_values_and_key_locations() -> None:
    article = read_file(FIXTURES / "yaml_front.md", "content/yaml_front.md")
    assert article.format is Format.MARKDOWN
    assert article.diagnostics == ()
    assert article.metadata["date"] == datetime.date(2009, 1, 26)
    assert article.metadata["provenance"][0] == {
        "publisher": "Russia Today",
        "url": "https://www.rt.com/news/nato-russia",
    }
    assert positions(article) == {
        "title": (2, 1),
        "date": (3, 1),
        "author": (4, 1),
        "provenance": (5, 1),
        "provenance.0": (6, 5),
        "provenance.0.publisher": (6, 5),
        "provenance.0.url": (7, 5),
        "provenance.1": (8, 5),
        "provenance.1.publisher": (8, 5),
        "params": (9, 1),
        "params.canonical_url": (10, 3),
        "tags": (11, 1),
        "tags.0": (11, 8),
        "tags.1": (11, 14),
    }
    values = {item.key: item.value for item in article.fields}
    assert values["params.canonical_url"] == "https://www.globalresearch.ca/back-to-dialogue/11991"
    assert values["tags"] == ["nato", "russia"]
    assert article.body_line == 13
    assert article.body.startswith("\nFirst paragraph")
    (link,) = article.document.links
    assert link.location == Location(14, 22)


def test_toml_values_and_key_locations() -> None:
    article = read_file(FIXTURES / "toml_front.md", "toml_front.md")
    assert article.diagnostics == ()
    assert article.metadata["params"] == {"author": "Ann Author", "license": "CC-BY-4.0"}
    assert positions(article) == {
        "title": (2, 1),
        "date": (3, 1),
        "canonical_url": (4, 1),
        "params": (6, 1),
        "params.author": (7, 1),
        "params.license": (8, 3),
        "provenance.0": (10, 1),
        "provenance.0.publisher": (11, 1),
        "provenance.1": (13, 1),
        "provenance.1.publisher": (14, 1),
    }
    assert article.body_line == 16
    assert article.document.links[0].location == Location(17, 11)


def test_json_values_and_key_locations() -> None:
    article = read_file(FIXTURES / "json_front.md", "json_front.md")
    assert article.diagnostics == ()
    assert article.metadata["params"]["sources"] == [{"publisher": "Aspecto"}]
    assert positions(article) == {
        "title": (2, 3),
        "canonical_url": (3, 3),
        "params": (4, 3),
        "params.author": (5, 5),
        "params.sources": (6, 5),
        "params.sources.0": (6, 5),
        "params.sources.0.publisher": (6, 18),
    }
    assert article.body_line == 9
    assert article.document.links[0].location == Location(10, 6)


def test_no_front_matter_and_empty_front_matter() -> None:
    plain = read_bytes("a.md", b"# Title\n\nText\n")
    assert (plain.metadata, plain.fields, plain.body_line, plain.diagnostics) == ({}, (), 1, ())
    empty = read_bytes("b.md", b"---\n---\nText [x](y)\n")
    assert (empty.metadata, empty.body_line, empty.diagnostics) == ({}, 3, ())
    assert empty.document.links[0].location == Location(3, 6)


def test_hugo_shortcode_on_line_one_is_not_json() -> None:
    article = read_bytes("a.md", b'{{< youtube id="x" >}}\n\nText\n')
    assert (article.metadata, article.body_line, article.diagnostics) == ({}, 1, ())


@pytest.mark.parametrize(
    ("text", "fence"),
    [("---\ntitle: x\n\nbody [a](b)\n", "'---'"), ("+++\ntitle = 1\n", "'+++'"), ('{\n"a": 1\n', "'}'")],
)
def test_never_closed_front_matter_reads_whole_file_as_body(text: str, fence: str) -> None:
    article, message, line = one_problem(text)
    assert line == 1
    assert "never closed" in message
    assert fence in message
    assert article.body == text
    assert article.body_line == 1
    assert article.metadata == {}


def test_never_closed_yaml_still_checks_body_links() -> None:
    article, _, _ = one_problem("---\ntitle: x\n\nbody [a](b)\n")
    assert article.document.links[0].location == Location(4, 6)


def test_yaml_list_is_not_a_mapping() -> None:
    article, message, line = one_problem("---\n- a\n- b\n---\nbody\n")
    assert message == "front matter must be a mapping of keys to values, found a list"
    assert line == 2
    assert article.body == "body\n"
    assert article.body_line == 5


def test_yaml_scalar_is_not_a_mapping() -> None:
    _, message, line = one_problem("---\njust text\n---\nbody\n")
    assert message == "front matter must be a mapping of keys to values, found a single value ('just text')"
    assert line == 2


def test_yaml_syntax_error_has_file_line() -> None:
    article, message, line = one_problem("---\ntitle: ok\nauthor: [unclosed\ndate: 2020-01-01\n---\nbody\n")
    assert message == (
        "invalid YAML front matter: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts here)"
    )
    assert line == 3  # the unclosed '[' (libyaml notices it on line 4)
    assert article.metadata == {}
    assert article.body == "body\n"


def test_yaml_unterminated_quote_points_at_the_quote() -> None:
    _, message, line = one_problem('---\ntitle: ok\nauthor: "Jane\ndate: 2020-01-01\n---\n')
    assert message.startswith("invalid YAML front matter: found unexpected end of stream")
    assert line == 3


def test_yaml_bad_indentation_line() -> None:
    _, message, line = one_problem("---\ntitle: ok\n  bad: indent\n---\n")
    assert message == "invalid YAML front matter: mapping values are not allowed in this context"
    assert line == 3


def test_unsafe_python_tag_is_refused() -> None:
    article, message, line = one_problem(
        "---\ntitle: ok\nx: !!python/object/apply:os.system ['echo hi']\n---\nb\n"
    )
    assert "python/object/apply:os.system" in message
    assert "safe loading rejects this tag" in message
    assert line == 3
    assert article.metadata == {}


def test_alias_bomb_is_refused_quickly() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 9):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    article, message, line = one_problem("---\n" + "\n".join(levels) + "\n---\nbody\n")
    assert "alias bomb" in message
    assert line == 5  # level c: 1 + 10 + 100 + ... passes 10,000 expanded nodes on line 5
    assert article.metadata == {}
    assert article.body == "body\n"


def test_recursive_alias_is_refused() -> None:
    _, message, line = one_problem("---\ntitle: t\nloop: &x [*x]\n---\n")
    assert message == "YAML alias *x is recursive"
    assert line == 3


def test_deep_nesting_is_refused_without_crashing() -> None:
    deep = "[" * 50_000 + "]" * 50_000
    _, message, line = one_problem(f"---\ntitle: t\nx: {deep}\n---\n")
    assert message == "YAML front matter nests deeper than 100 levels"
    assert line == 3


def test_duplicate_yaml_key_points_at_second_occurrence() -> None:
    article, message, line = one_problem("---\ntitle: one\nauthor: a\ntitle: two\n---\n")
    assert message == "duplicate key 'title' in YAML front matter"
    assert line == 4
    assert article.metadata == {"title": "two", "author": "a"}


def test_invalid_date_is_reported() -> None:
    _, message, line = one_problem("---\ndate: 2020-13-45\n---\n")
    assert message == "invalid YAML front matter: month must be in 1..12"
    assert line == 2


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        ("!!int ", "IndexError: string index out of range"),
        ("!!float ", "IndexError: string index out of range"),
        ("!!bool maybe", "KeyError: 'maybe'"),
        ("!!timestamp foo", "AttributeError: 'NoneType' object has no attribute 'groupdict'"),
    ],
)
def test_value_that_does_not_fit_its_explicit_tag_is_reported(value: str, detail: str) -> None:
    """PyYAML's constructors raise plain Python errors on these: a diagnostic, never a crash."""
    article, message, line = one_problem(f"---\ntitle: {value}\n---\n\nBody.\n")
    assert message == f"invalid YAML front matter: a value does not fit its explicit tag ({detail})"
    assert line == 2
    assert article.body.strip() == "Body."


def test_toml_errors_have_file_lines() -> None:
    _, message, line = one_problem('+++\ntitle = "ok"\nauthor = \n+++\nbody\n')
    assert message.startswith("invalid TOML front matter: ")
    assert line == 3
    _, message, line = one_problem('+++\ntitle = "a"\ndate = 1\ntitle = "b"\n+++\n')
    assert message == "duplicate key 'title' in TOML front matter"
    assert line == 4


def test_json_errors_have_file_lines() -> None:
    article, message, line = one_problem('{\n  "title": "a",\n  "author": ,\n}\n\nbody\n')
    assert message.startswith("invalid JSON front matter: ")
    assert line == 3
    assert article.body == "\nbody\n"
    _, message, line = one_problem('{\n  "title": "a",\n  "title": "b"\n}\n')
    assert message == "duplicate key 'title' in JSON front matter"
    assert line == 3
