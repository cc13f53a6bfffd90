"""Parsing an article's own suppressions: scopes, arguments, malformed comments, front matter."""

from __future__ import annotations

import datetime as dt

import pytest

from provenance.model import Location, SuppressionKind
from provenance.readers import read_bytes
from provenance.suppress.directives import NONE, ArticleDirectives, article_directives


def directives_of(text: str, path: str = "a.md") -> ArticleDirectives:
    return article_directives(read_bytes(path, text.encode("utf-8")))


def scopes(text: str, path: str = "a.md") -> list[tuple[tuple[str, ...], int, int | None]]:
    return [(d.rules, d.first, d.last) for d in directives_of(text, path).directives]


def problems(text: str) -> list[tuple[int, int, str]]:
    return [(p.location.line, p.location.column, p.message) for p in directives_of(text).problems]


def test_no_marker_costs_nothing_and_finds_nothing() -> None:
    assert directives_of("Plain text <!-- an ordinary comment -->\n") is NONE


def test_ignore_covers_the_next_block_up_to_a_blank_line() -> None:
    text = (
        "---\ntitle: T\n---\n"  # lines 1-3
        "Intro.\n"  # 4
        "\n"  # 5
        '<!-- provenance: ignore GR-LINK,GR-COPYRIGHT reason="print edition" expires=2026-12-31 -->\n'  # 6
        "\n"  # 7
        "Credit line one\n"  # 8
        "credit line two\n"  # 9
        "\n"  # 10
        "Other paragraph.\n"  # 11
    )
    found = directives_of(text).directives
    assert [(d.rules, d.first, d.last) for d in found] == [(("GR-LINK", "GR-COPYRIGHT"), 8, 9)]
    only = found[0]
    assert (only.reason, only.expires, only.kind) == (
        "print edition",
        dt.date(2026, 12, 31),
        SuppressionKind.INLINE,
    )
    assert only.location == Location(6, 1)
    assert only.suppression("a.md").source == "a.md:6"
    assert not only.covers(7) and only.covers(8) and only.covers(9) and not only.covers(11)


def test_trailing_comment_covers_its_own_line_and_leading_comment_its_block() -> None:
    text = (
        'Line one [x](#) <!-- provenance: ignore PROV-PLACEHOLDER reason="theme link" -->\n'  # 1
        "line two\n"  # 2
        "\n"  # 3
        '<!-- provenance: ignore GR-LINK reason="r" --> Credit [GR](#)\n'  # 4
        "continued\n"  # 5
    )
    assert scopes(text) == [(("PROV-PLACEHOLDER",), 1, 1), (("GR-LINK",), 4, 5)]


def test_in_html_ignore_covers_the_next_line_only() -> None:
    text = (
        '<html><body>\n<!-- provenance: ignore GR-LINK reason="r" -->\n<p><a href="#">GR</a></p>\n<p>x</p>\n'
    )
    assert scopes(text, "a.html") == [(("GR-LINK",), 3, 3)]


def test_ignore_file_and_ranges() -> None:
    text = (
        '<!-- provenance: ignore-file GR-COPYRIGHT reason="agreed" -->\n'  # 1
        '<!-- provenance: ignore-start GR-LINK reason="outer" -->\n'  # 2
        '<!-- provenance: ignore-start PROV-PLACEHOLDER reason="inner" -->\n'  # 3
        "a\n"  # 4
        "<!-- provenance: ignore-end -->\n"  # 5
        "b\n"  # 6
        "<!-- provenance: ignore-end -->\n"  # 7
    )
    assert sorted(scopes(text), key=str) == sorted(
        [(("GR-COPYRIGHT",), 1, None), (("PROV-PLACEHOLDER",), 3, 5), (("GR-LINK",), 2, 7)], key=str
    )


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("<!-- provenance: ignore GR-LINK -->", 'a reason is mandatory: reason="why this is acceptable"'),
        (
            '<!-- provenance: ignore GR-LINK reason="  " -->',
            'a reason is mandatory: reason="why this is acceptable"',
        ),
        (
            '<!-- provenance: ignore GR-LINK reason="r" expires=31/12/2026 -->',
            "expires must be a date YYYY-MM-DD, got '31/12/2026'",
        ),
        (
            '<!-- provenance: ignore GR-LINK reason="r" expires=2026-02-30 -->',
            "day is out of range for month",
        ),
        (
            '<!-- provenance: ignore * reason="everything" -->',
            "`*` is not allowed: name each rule id (each suppression needs its own reason)",
        ),
        ('<!-- provenance: ignore gr-link reason="r" -->', "'gr-link' is not a rule id (e.g. GR-LINK)"),
        ('<!-- provenance: ignore reason="r" -->', "names no rule id"),
        ('<!-- provenance: ignore GR-LINK,,GR-X reason="r" -->', "an empty rule id between commas"),
        (
            '<!-- provenance: ignore GR-LINK reason="r" because="x" -->',
            "unknown argument 'because' (expected reason=\"...\" and expires=YYYY-MM-DD)",
        ),
        ('<!-- provenance: ignore GR-LINK reason="r" please -->', "unexpected text 'please'"),
        (
            '<!-- provenance: skip GR-LINK reason="r" -->',
            "unknown directive 'skip' (expected one of ignore, ignore-file, ignore-start, ignore-end)",
        ),
        ("<!-- provenance: ignore-end -->", "ignore-end without an ignore-start"),
        ('<!-- provenance: ignore-start GR-LINK reason="r" -->', "ignore-start has no matching ignore-end"),
    ],
)
def test_malformed_comments_are_problems_and_suppress_nothing(comment: str, message: str) -> None:
    text = f"Intro.\n  {comment}\nText.\n"
    found = directives_of(text)
    assert found.directives == ()
    assert [(p.location.line, p.location.column) for p in found.problems] == [(2, 3)]
    assert message in found.problems[0].message
    assert found.problems[0].evidence == " ".join(comment.split())


def test_several_problems_of_one_comment_are_one_problem() -> None:
    assert problems("<!-- provenance: ignore gr-link expires=soon -->\n") == [
        (
            1,
            1,
            "'gr-link' is not a rule id (e.g. GR-LINK); a reason is mandatory: reason=\"why this is"
            " acceptable\"; expires must be a date YYYY-MM-DD, got 'soon'",
        )
    ]


def test_front_matter_entries_cover_the_file() -> None:
    text = (
        "---\n"
        "title: T\n"
        "provenance:\n"
        "  ignore:\n"
        "    - rule: GR-LINK\n"  # 5
        '      reason: "print edition"\n'
        "      expires: 2026-12-31\n"
        '    - {rule: GR-COPYRIGHT, reason: "agreed"}\n'  # 8
        "---\n"
        "Body.\n"
    )
    found = directives_of(text).directives
    assert [(d.rules, d.reason, d.expires, d.kind, d.location.line, d.first, d.last) for d in found] == [
        (("GR-LINK",), "print edition", dt.date(2026, 12, 31), SuppressionKind.FRONT_MATTER, 5, 1, None),
        (("GR-COPYRIGHT",), "agreed", None, SuppressionKind.FRONT_MATTER, 8, 1, None),
    ]


def test_front_matter_in_toml_and_string_dates() -> None:
    text = (
        '+++\ntitle = "T"\n[[provenance.ignore]]\nrule = "GR-LINK"\nreason = "r"\nexpires = "2027-01-02"\n'
        "+++\nB.\n"
    )
    found = directives_of(text).directives
    assert [(d.rules, d.expires) for d in found] == [(("GR-LINK",), dt.date(2027, 1, 2))]


@pytest.mark.parametrize(
    ("ignore", "line", "message"),
    [
        ("  ignore: GR-LINK\n", 4, "provenance.ignore must be a list of {rule, reason, expires} mappings"),
        (
            "  ignore:\n    - GR-LINK\n",
            5,
            "provenance.ignore.0 must be a mapping {rule, reason, expires}, got 'GR-LINK'",
        ),
        ("  ignore:\n    - {rule: GR-LINK}\n", 5, "a reason is mandatory: reason: why this is acceptable"),
        ("  ignore:\n    - {rule: [GR-LINK], reason: r}\n", 5, "rule must be one rule id, e.g. GR-LINK"),
        ("  ignore:\n    - {rule: GR-LINK, reason: r, until: 2026-01-01}\n", 5, "unknown key 'until'"),
        ("  ignore:\n    - {rule: GR-LINK, reason: r, expires: tomorrow}\n", 5, "expires must be a date"),
    ],
)
def test_malformed_front_matter_entries(ignore: str, line: int, message: str) -> None:
    text = f"---\ntitle: T\nprovenance:\n{ignore}---\nBody.\n"
    found = directives_of(text)
    assert found.directives == ()
    assert [p.location.line for p in found.problems] == [line]
    assert message in found.problems[0].message


def test_a_provenance_chain_list_is_not_a_suppression() -> None:
    assert directives_of("---\nprovenance: [Russia Today, Global Research]\n---\nBody.\n") is NONE
