"""The plain-Markdown fast path builds exactly the Document markdown-it would, or declines.

`parse_plain_markdown` either returns None (the body goes to `parse_markdown`) or a Document
equal to `parse_markdown`'s in every line, column, text and evidence. Every test here compares
the two on the same body: real bodies on disk, the benchmark's synthetic site, generated ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from differential import differential
from hypothesis import given
from hypothesis import strategies as st
from test_bench import bench

from provenance.model import Document, Embed, Link, Location, TextLine
from provenance.readers.decode import decode
from provenance.readers.frontmatter import split_front_matter
from provenance.readers.markdown import parse_markdown
from provenance.readers.markdown_plain import parse_plain_markdown
from provenance.readers.text import parse_body

ROOT = Path(__file__).parent.parent
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DIFFERENTIAL = differential(2_000)


def same_as_markdown_it(body: str, body_line: int = 1) -> bool:
    """Assert the fast path gives parse_markdown's Document or None; return whether it took it."""
    plain = parse_plain_markdown(body, body_line)
    if plain is not None:
        assert plain == parse_markdown(body, body_line)
    return plain is not None


def bodies_under(folder: Path) -> list[tuple[str, str, int]]:
    """(path, body, body_line) of every Markdown and text file under `folder`, as the readers split them."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in {".md", ".markdown", ".txt"}:
            continue
        text = decode(path.read_bytes()).text
        if path.suffix.lower() == ".txt":
            found.append((path.as_posix(), text, 1))
        else:
            split = split_front_matter(text)
            found.append((path.as_posix(), split.body, split.body_line))
    return found


# -- real text -----------------------------------------------------------------------------------
def test_fixture_and_example_bodies_read_the_same() -> None:
    found = bodies_under(ROOT / "tests" / "fixtures") + bodies_under(ROOT / "examples")
    taken = [path for path, body, line in found if same_as_markdown_it(body, line)]
    assert len(found) >= 25 and len(taken) >= 10  # plain bodies are common among them too


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora is not present")
def test_shared_corpora_bodies_read_the_same() -> None:
    found = bodies_under(CORPORA)
    assert len(found) >= 300
    taken = 0
    for _, body, line in found:
        taken += same_as_markdown_it(body, line)
        same_as_markdown_it(body.replace("\n\n", "\n"), line)  # the same text, paragraphs run together
    assert taken >= 27  # summaries ending in "<!--excerpt_end-->", "[Placeholder ...]", lists, "**Note:**"


def test_the_synthetic_site_takes_the_fast_path(tmp_path: Path) -> None:
    bench.write_corpus(tmp_path, 300)
    found = bodies_under(tmp_path)
    assert len(found) >= 250
    declined = [path for path, body, line in found if not same_as_markdown_it(body, line)]
    assert declined == []  # republished or not, every body of the benchmark is plain
    assert sum("original" in body or "Source:" in body for _, body, _ in found) >= 80


# -- generated bodies ----------------------------------------------------------------------------
TRICKY = [
    *"[]()*_\\<>&!#-+=|:/~`.)0123456789",
    " ",
    "  ",
    "\u00a0",
    "\u2028",
    "\x0c",
    "\n",
    "\n\n",
    "\t",
    "é",
    "Ünï",
    "https://",
    "http://x.org",
    "(#)",
    "1. ",
    "2) ",
    "* ",
    "# ",
    "> ",
    "&amp;",
    "<b>",
    "[a](mailto:x@y.org)",
    "[a](javascript:x)",
    "[a](b 'c')",
    "#######",
    "# #",
    " #",
    "<!--",
    "-->",
    "<!---->",
    "<!--->",
    "<!-- a -- b -->",
    "<!-- x -->",
    "[a]:",
    "[https://x.org]",
    "<!--<b>-->",
    "![](b)",
    "![a]()",
    "![a](b 'c')",
    "[![a](b)](c)",
    "[a](<b>)",
    "[a][b]",
    "[a]: /b",
    "![a](b)",
    "**",
    "__",
    "***",
    "**a**",
    "**a*",
    "*a**",
    "a**b**c",
    "_a_b",
    "a_b_",
    "__a__b",
    "snake_case",
    "“",
    "”",
    "。",
    "(",
    "\n- a",
    "\n-a",
    "\n* a",
    "\n+ a",
    "\n  - a",
    "\n1. a",
    "\n- ",
    "\n-  a",
    "\n- # a",
    "\n- - a",
    "\n- *a*",
    " \n",
    "  \n",
]
PLAIN = [
    "word",
    "Other",
    "x.",
    "y,",
    "2018",
    "©",
    "日本語",
    "a:b",
    "a/b",
    "(c)",
    "!",
    "[a](#)",
    "[a](https://x.org/p_q)",
    "[a b](/x)",
    "[ b ](c)",
    "[\u00a0](c)",
    "[Ünï](https://x.org/é)",
    "[a](b*c)",
    "[a](http://x.org/a%20b)",
    "[a](https://)",
    "[https://x.org](https://x.org)",
    "[a:b (c)](d)",
    "[x](" + "y" * 200 + ")",
    "#",
    "##",
    "######",
    "C#",
    "[a]",
    "[b c]",
    "![a]",
    "[Placeholder - to be added]",
    "<!--x-->",
    "<!-- a-b [c](d) https://x.org -->",
    "![a](b)",
    "![a b](https://x.org/i.png)",
    "![https://x.org](b)",
    "![x](" + "y" * 200 + ")",
    "**bold**",
    "*em*",
    "__strong__",
    "_em_",
    "*a b*",
    "snake_case",
    "user_name_2",
    "(*a*)",
    "**Note:**",
    "**a!**:",
    "“**x**”",
    "_a_.",
    "**[a](b)**",
]


@DIFFERENTIAL
@given(st.lists(st.sampled_from(TRICKY + PLAIN), max_size=30).map("".join))
def test_tricky_bodies_read_the_same(body: str) -> None:
    same_as_markdown_it(body, 3)


def plain_body(words: list[str], emphasised: int, items: int) -> str:
    """`words` joined by spaces, newline words ending lines; line n is emphasised, and a list item
    ("- ", "* " or "+ " in turn), if bit n of `emphasised`, of `items` is."""
    lines = [line.strip(" ") for line in " ".join(words).split("\n")]
    for row, line in enumerate(lines):
        if line and emphasised >> row & 1:
            line = f"*{line}*"
        if line and items >> row & 1:
            line = "-*+"[row % 3] + " " + line
        lines[row] = line
    return "\n".join(lines)


MASKS = st.integers(0, 2**16 - 1)
PLAIN_BODIES = st.builds(
    plain_body, st.lists(st.sampled_from([*PLAIN, "\n", "\n\n"]), max_size=40), MASKS, MASKS
)


@DIFFERENTIAL
@given(PLAIN_BODIES, st.sampled_from(TRICKY), st.integers(0, 400))
def test_nearly_plain_bodies_read_the_same(body: str, spoiler: str, where: int) -> None:
    same_as_markdown_it(body, 1)
    same_as_markdown_it(body[:where] + spoiler + body[where:], 1)


# -- what the fast path takes and builds ---------------------------------------------------------
DECLINED = [
    "# Title #",
    "# C#",
    "#Title",
    "####### Title",
    "#\u00a0Title",
    "# \u00a0Title",
    "Title\n=====",
    "Title\n---",
    "> quoted",
    "1. item",
    "  - item",
    "-item",
    "-  item",
    "- # item",
    "- > item",
    "- - item",
    "- * item",
    "- 1. item",
    "- <!-- x -->",
    "* * *",
    "*",
    "- ",
    "Text\n- item",
    "- item\ncontinued",
    "2) item",
    "***",
    "```\ncode\n```",
    "~~~\ncode\n~~~",
    "    indented code",
    "<div>html</div>",
    "<!-- x --> text",
    "<!-- open\nclose -->",
    "<!---->",
    "<!-- a -- b -->",
    "a <!-- <b> -->",
    " <!-- x -->",
    "a | b\n--|--",
    "a\tb",
    "a  \nhard break",
    "a ** b",
    "**a*",
    "*a**",
    "***a***",
    "** a**",
    "**a **",
    "a**b**c",
    "**a**b",
    "*a*_",
    "_a_b",
    "a_b_",
    "_snake",
    "**a_b**",
    "*a\nb*",
    "**[a](b)**",
    "a ",
    "a  ",
    "a `b` c",
    "a \\* b",
    "a &amp; b",
    "<https://x.org>",
    "see https://x.org",
    "![](x.png)",
    '![image](x.png "title")',
    "[![image](x.png)](y)",
    "[ref][a]",
    "[a]: https://x.org",
    "[a](<b>)",
    "[https://x.org]",
    "[a][]",
    '[a](b "title")',
    "[a](mailto:x@y.org)",
    "[a](b(c))",
    "[*a*](b)",
    "[a](b)]",
    "\u00a0leading",
    "trailing\u2028",
    "   ",
]


@pytest.mark.parametrize("body", DECLINED)
def test_other_constructs_go_to_markdown_it(body: str) -> None:
    assert parse_plain_markdown(body, 1) is None


def test_a_plain_body_gives_its_lines_and_links() -> None:
    body = "By [Jane  Roe](https://x.org/jane) for the\nValley Gazette.\n\n[Original](#) from 2018.\n"
    jane = Link("Jane Roe", "https://x.org/jane", Location(5, 4), "[Jane  Roe](https://x.org/jane)", "inline")
    original = Link("Original", "#", Location(8, 1), "[Original](#)", "inline")
    expected = Document(
        lines=(
            TextLine(Location(5, 1), "By Jane Roe for the", (jane,)),
            TextLine(Location(6, 1), "Valley Gazette."),
            TextLine(Location(8, 1), "Original from 2018.", (original,)),
        ),
        links=(jane, original),
    )
    assert parse_plain_markdown(body, 5) == expected == parse_markdown(body, 5)


def test_a_line_in_emphasis_and_long_evidence() -> None:
    target = "https://example.org/" + "a" * 200
    body = f"*First published by [Valley Gazette]({target}).*"
    (line,) = parse_plain_markdown(body, 1).lines  # type: ignore[union-attr]
    assert line.text == "First published by Valley Gazette."
    assert line.links[0].location == Location(1, 21) and len(line.links[0].evidence) == 200
    assert same_as_markdown_it(body)


def test_headings_give_their_text_from_where_it_starts() -> None:
    body = "# Title\n\n###  By [Jane](https://x.org/jane)\nText.\n#\n"
    jane = Link("Jane", "https://x.org/jane", Location(4, 9), "[Jane](https://x.org/jane)", "inline")
    expected = Document(
        lines=(
            TextLine(Location(2, 3), "Title"),
            TextLine(Location(4, 6), "By Jane", (jane,)),
            TextLine(Location(5, 1), "Text."),
        ),
        links=(jane,),
    )
    assert parse_plain_markdown(body, 2) == expected == parse_markdown(body, 2)


def test_html_comments_add_nothing() -> None:
    body = (
        "<!-- markdownlint-disable -->\nSummary.<!--excerpt_end-->\n<!--x-->\nMore <!-- a-b --> [text](#).\n"
    )
    text = Link("text", "#", Location(4, 19), "[text](#)", "inline")
    expected = Document(
        lines=(TextLine(Location(2, 1), "Summary."), TextLine(Location(4, 1), "More text.", (text,))),
        links=(text,),
    )
    assert parse_plain_markdown(body, 1) == expected == parse_markdown(body, 1)


def test_images_are_embeds_and_their_alt_is_not_text() -> None:
    body = "![Photo of a cat](https://x.org/cat.png)\n\nSee ![a](b.png) [here](#).\n# ![Logo](logo.svg)\n"
    here = Link("here", "#", Location(3, 17), "[here](#)", "inline")
    expected = Document(
        lines=(TextLine(Location(3, 1), "See here.", (here,)),),
        links=(here,),
        embeds=(
            Embed(
                "markdown-image",
                "https://x.org/cat.png",
                Location(1, 1),
                "![Photo of a cat](https://x.org/cat.png)",
            ),
            Embed("markdown-image", "b.png", Location(3, 5), "![a](b.png)"),
            Embed("markdown-image", "logo.svg", Location(4, 3), "![Logo](logo.svg)"),
        ),
    )
    assert parse_plain_markdown(body, 1) == expected == parse_markdown(body, 1)


def test_text_in_brackets_that_is_no_link_stays_text() -> None:
    body = "## Features\n\n[Placeholder content - details to be added]\n\nSee [notes] and ![logo].\n"
    expected = Document(
        lines=(
            TextLine(Location(1, 4), "Features"),
            TextLine(Location(3, 1), "[Placeholder content - details to be added]"),
            TextLine(Location(5, 1), "See [notes] and ![logo]."),
        ),
        links=(),
    )
    assert parse_plain_markdown(body, 1) == expected == parse_markdown(body, 1)


def test_parse_body_falls_back_for_other_bodies() -> None:
    body = "Title\n=====\n\nBy [A](#) and *B*.\n"
    assert parse_body(body, 2) == parse_markdown(body, 2)
    assert parse_body("By [A](#).", 2) == parse_plain_markdown("By [A](#).", 2)


def test_emphasis_gives_its_text_without_delimiters() -> None:
    body = "**Note:** a *b* and __c__ (_d_), “**e**” for user_name.\n# _Title_"
    expected = Document(
        lines=(
            TextLine(Location(3, 1), "Note: a b and c (d), “e” for user_name."),
            TextLine(Location(4, 3), "Title"),
        ),
        links=(),
    )
    assert parse_plain_markdown(body, 3) == expected == parse_markdown(body, 3)


def test_bullet_list_items_give_their_text_from_where_it_starts() -> None:
    body = "Intro.\n\n- one [a](b)\n* **two**\n\n+ ![c](d.png) three\n\nAfter.\n"
    a = Link("a", "b", Location(3, 7), "[a](b)", "inline")
    expected = Document(
        lines=(
            TextLine(Location(1, 1), "Intro."),
            TextLine(Location(3, 3), "one a", (a,)),
            TextLine(Location(4, 3), "two"),
            TextLine(Location(6, 3), "three"),
            TextLine(Location(8, 1), "After."),
        ),
        links=(a,),
        embeds=(Embed("markdown-image", "d.png", Location(6, 3), "![c](d.png)"),),
    )
    assert parse_plain_markdown(body, 1) == expected == parse_markdown(body, 1)


def test_the_punctuation_around_emphasis_is_punctuation_to_markdown_it() -> None:
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar

    from provenance.readers.markdown_plain import _PUNCTUATION

    assert "*" not in _PUNCTUATION and "_" not in _PUNCTUATION
    assert all(isMdAsciiPunct(ord(char)) or isPunctChar(char) for char in _PUNCTUATION)
