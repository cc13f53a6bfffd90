"""Markdown and plain-text bodies: links of every kind, embeds and text lines, exactly placed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.common import normalize_url
from markdown_it.helpers import parseLinkDestination
from markdown_it.rules_inline import StateInline

from provenance.model import Document, Embed, Format, Link, Location
from provenance.readers import markdown as markdown_reader
from provenance.readers import read_bytes, read_file
from provenance.readers.markdown import parse_markdown
from provenance.readers.mdparser import PARSER, link_destination

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
SEED = Path("/work/shared/seed/global-research-2009-nato-russia.txt")


def link_rows(document: Document) -> list[tuple[int, int, str, str, str, str]]:
    return [
        (link.location.line, link.location.column, link.kind, link.text, link.target, link.evidence)
        for link in document.links
    ]


def test_seed_excerpt_links_exact() -> None:
    article = read_file(FIXTURES / "seed_excerpt.txt", "seed_excerpt.txt")
    assert article.format is Format.TEXT
    assert article.metadata == {}
    assert [(row[0], row[1], row[3], row[4], row[5]) for row in link_rows(article.document)] == [
        (5, 4, "Global Research", "#", "[Global Research](#)"),
        (9, 1, "Russia Today", "#", "[Russia Today](#)"),
        (11, 40, "Russia Today", "#", "[Russia Today](#)"),
        (12, 13, "Global Research", "#", "[Global Research](#)"),
        (12, 35, "Russia Today", "#", "[Russia Today](#)"),
    ]
    line = article.document.lines[-1]
    assert line.location == Location(12, 1)
    assert line.text == "Copyright © Global Research, Russia Today, 2009"
    assert [link.location.column for link in line.links] == [13, 35]


@pytest.mark.skipif(not SEED.exists(), reason="founding article not available")
def test_founding_article_links() -> None:
    article = read_file(SEED, "seed.txt")
    rows = [(line, column, text) for line, column, _, text, _, _ in link_rows(article.document)]
    assert rows == [
        (5, 4, "Global Research"),
        (9, 1, "Russia Today"),
        (11, 9, "Russia and FSU"),
        (13, 8, "Militarization and WMD"),
        (39, 40, "Russia Today"),
        (40, 13, "Global Research"),
        (40, 35, "Russia Today"),
        (42, 1, "Comment on Global Research Articles on our Facebook page"),
        (44, 1, "Become a Member of Global Research"),
        (46, 14, "Global Research"),
    ]
    assert all(link.target == "#" and link.kind == "inline" for link in article.document.links)
    assert (
        article.document.links[7].evidence
        == "[**Comment on Global Research Articles on our Facebook page**](#)"
    )


def test_every_link_kind() -> None:
    article = read_file(FIXTURES / "links.md", "links.md")
    assert article.diagnostics == ()
    via = "https://opensource.com/article/18/5/passwords"
    assert link_rows(article.document) == [
        (1, 1, "definition", "#", "subject:", '[#]: subject: "Creating random passwords"'),
        (2, 1, "definition", "#", "via:", f'[#]: via: "{via}"'),
        (
            3,
            1,
            "definition",
            "#",
            "author:",
            '[#]: author: "Mihalis Tsoukalos https://opensource.com/users/mtsouk"',
        ),
        (5, 12, "inline", "inline", "https://example.org/in", '[inline](https://example.org/in "Title")'),
        (5, 57, "reference", "ref", "https://ref.example.org/one", "[ref][r1]"),
        (5, 68, "reference", "collapsed", "{{% param canonical_url %}}", "[collapsed][]"),
        (5, 83, "reference", "r1", "https://ref.example.org/one", "[r1]"),
        (7, 3, "reference", "broken", "", "[broken][missing]"),
        (
            9,
            6,
            "autolink",
            "https://auto.example.org/x",
            "https://auto.example.org/x",
            "<https://auto.example.org/x>",
        ),
        (
            9,
            44,
            "bare",
            "https://bare.example.org/p?q=1",
            "https://bare.example.org/p?q=1",
            "https://bare.example.org/p?q=1",
        ),
        (
            11,
            5,
            "html",
            "html anchor",
            "https://html.example.org",
            '<a href="https://html.example.org" rel="nofollow noopener">html anchor</a>',
        ),
        (13, 48, "inline", "", "https://badge.example.org", "[![badge](b.svg)](https://badge.example.org)"),
        (17, 6, "bare", via, via, via),
        (19, 4, "reference", "Mihalis Tsoukalos", "", "[Mihalis Tsoukalos][a]"),
        (20, 4, "inline", "lkxed", "https://github.com/lkxed", "[lkxed](https://github.com/lkxed)"),
        (22, 1, "definition", "r1", "https://ref.example.org/one", "[r1]: https://ref.example.org/one"),
        (
            23,
            1,
            "definition",
            "collapsed",
            "{{% param canonical_url %}}",
            "[collapsed]: <{{% param canonical_url %}}>",
        ),
    ]
    html_link = article.document.links[10]
    assert html_link.rel == ("nofollow", "noopener")


def test_images_are_embeds_not_links() -> None:
    article = read_file(FIXTURES / "links.md", "links.md")
    assert article.document.embeds == (
        Embed(
            "markdown-image",
            "https://img.example.org/i.png",
            Location(13, 1),
            "![an image](https://img.example.org/i.png)",
        ),
        Embed("markdown-image", "b.svg", Location(13, 49), "![badge](b.svg)"),
        Embed(
            "img",
            "https://pixel.example.org/p.gif",
            Location(15, 1),
            '<img src="https://pixel.example.org/p.gif" width="1">',
        ),
    )
    assert all("img.example.org" not in link.target for link in article.document.links)


def test_text_lines_strip_markup_and_keep_links() -> None:
    article = read_file(FIXTURES / "links.md", "links.md")
    lines = {line.location.line: line for line in article.document.lines}
    assert lines[5].text == "Intro with inline and ref, collapsed, r1."
    assert [link.text for link in lines[5].links] == ["inline", "ref", "collapsed", "r1"]
    assert lines[7].text == "A broken ref and array[i][j] code-ish text and [not](a link) in code."
    assert lines[11].text == "Raw html anchor here."
    assert lines[19].text == "作者：Mihalis Tsoukalos"  # noqa: RUF001
    assert 1 not in lines  # definitions are not visible text


def test_repeated_identical_links_map_to_successive_occurrences() -> None:
    article = read_bytes("r.md", b"> Quote: [x](#) and [x](#) and [x](#)\n")
    assert [link.location for link in article.document.links] == [
        Location(1, 10),
        Location(1, 21),
        Location(1, 32),
    ]


def test_block_containers_and_tables() -> None:
    source = (
        "## Heading [h](https://h.example.org) ##\n"
        "\n"
        "1. item with **bold [b](u1)**\n"
        "   continued [c](u2)\n"
        "\n"
        "| Source | Link |\n"
        "|---|---|\n"
        "| RT | [x](y) [x](y) |\n"
        "\n"
        "```\n"
        "[not a link](z)\n"
        "```\n"
        "\n"
        "    [indented code](z)\n"
    )
    document = read_bytes("c.md", source.encode()).document
    assert [(link.location.line, link.location.column, link.target) for link in document.links] == [
        (1, 12, "https://h.example.org"),
        (3, 21, "u1"),
        (4, 14, "u2"),
        (8, 8, "y"),
        (8, 15, "y"),
    ]
    assert [(line.location.line, line.location.column, line.text) for line in document.lines] == [
        (1, 4, "Heading h"),
        (3, 4, "item with bold b"),
        (4, 4, "continued c"),
        (6, 3, "Source | Link"),
        (8, 3, "RT | x x"),
    ]


def test_html_block_in_markdown() -> None:
    source = '<p align="center">\n  Credit: <a href="https://orig.example.org">Orig</a>\n</p>\n'
    document = read_bytes("h.md", source.encode()).document
    (link,) = document.links
    assert link == Link(
        "Orig",
        "https://orig.example.org",
        Location(2, 11),
        '<a href="https://orig.example.org">Orig</a>',
        "html",
    )
    assert [(line.location, line.text) for line in document.lines] == [(Location(2, 3), "Credit: Orig")]


def test_bare_url_trailing_punctuation_and_parentheses() -> None:
    source = b"See https://en.wikipedia.org/wiki/Foo_(bar). Or (https://x.example.org/a).\n"
    targets = [link.target for link in read_bytes("b.md", source).document.links]
    assert targets == ["https://en.wikipedia.org/wiki/Foo_(bar)", "https://x.example.org/a"]


def test_text_files_have_no_front_matter() -> None:
    article = read_bytes("notes.txt", b"---\ntitle: x\n---\nBy [A](#)\n")
    assert article.format is Format.TEXT
    assert (article.metadata, article.fields, article.body_line, article.diagnostics) == ({}, (), 1, ())
    assert article.document.links[0].location == Location(4, 4)


def test_body_is_parsed_only_when_document_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = parse_markdown

    def counting(body: str, body_line: int) -> Document:
        calls.append(body_line)
        return real(body, body_line)

    monkeypatch.setattr(markdown_reader, "parse_markdown", counting)
    # a code span: markdown-it's body (a plain one takes the fast path, see test_markdown_plain)
    article = read_bytes("lazy.md", b"---\ntitle: t\n---\nBy [A](#), `now`\n")
    assert article.metadata == {"title": "t"}
    assert calls == []
    assert article.document.links[0].location == Location(4, 4)
    assert article.document is article.document
    assert calls == [4]


# The parser's shortcuts (URLs already normal, plain link destinations) must agree with markdown-it.
_URL_CHARS = st.sampled_from(list("aZ09-._~/?#:@&=+$,;!*'()%\\ <>\"\u00e9\u4e2d\x00\x7f\t\n"))
_URLS = st.one_of(
    st.text(_URL_CHARS, max_size=40),
    st.builds(
        lambda scheme, host, rest: f"{scheme}://{host}{rest}",
        st.sampled_from(["http", "https", "HTTP", "ftp", "mailto"]),
        st.text(st.sampled_from(list("ab9-.")), min_size=0, max_size=80),
        st.tuples(
            st.sampled_from(["", "/", "?", "#", ":"]),
            st.text(_URL_CHARS, max_size=40) | st.text(st.sampled_from(list("aZ09/?#&=%'(")), max_size=20),
        ).map("".join),
    ),
)


@settings(max_examples=400, deadline=None, database=None)
@given(_URLS)
def test_normalize_link_shortcut_matches_markdown_it(url: str) -> None:
    assert PARSER.normalizeLink(url) == normalize_url.normalizeLink(url)


def test_normalize_link_shortcut_edges() -> None:
    long_label, long_host = "a" * 64, ".".join(["a" * 60] * 5)
    for url in (
        "https://example.org/a/b?c=d&e=f#g",
        f"https://{long_label}.org/x",
        f"https://{long_host}/x",
        "https://Example.ORG/Path",
        "https://a..b/",
        "https://a.org/%41%zz",
        "https://a.org/ä",
    ):
        assert PARSER.normalizeLink(url) == normalize_url.normalizeLink(url), url


@settings(max_examples=400, deadline=None, database=None)
@given(st.text(_URL_CHARS, max_size=30), st.integers(0, 5), st.integers(0, 5))
def test_link_destination_matches_markdown_it(text: str, start: int, cut: int) -> None:
    state = StateInline(text, PARSER, {}, [])
    pos, end = min(start, len(text)), max(min(start, len(text)), len(text) - cut)
    if pos >= end:
        return
    expected = parseLinkDestination(text, pos, end)
    assert link_destination(state, pos, end) == (expected.str if expected.ok else None)
