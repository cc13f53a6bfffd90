"""No crash: generated documents through every reader, the extractors and the full evaluation.

A short run is part of the default suite; the long run (at least 100,000 examples in all) is
opt-in:

    PROVENANCE_FUZZ_LONG=1 python -m pytest tests/test_fuzz.py -p no:randomly --hypothesis-show-statistics

Any exception fails. A crash found here becomes a regular test below, with its minimal input.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import pytest
import yaml
from differential import LONG
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.evaluate import Evaluator
from provenance.extract import ExtractOptions, extract
from provenance.model import Article, Category, Venue
from provenance.readers import read_bytes
from provenance.rules.loader import load_ruleset

# examples per test: default suite, long run (6 tests: 102,000 in all); PROVENANCE_FUZZ_EXAMPLES overrides
SHORT_RUN, LONG_RUN = 80, 17_000
EXAMPLES = int(os.environ.get("PROVENANCE_FUZZ_EXAMPLES") or (LONG_RUN if LONG else SHORT_RUN))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the checkout; a failure prints its minimal input
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
SUFFIXES = (".md", ".html", ".txt", ".markdown", ".htm")
TODAY = dt.date(2026, 1, 1)
_RULES = load_ruleset()
EVALUATORS = {
    venue: Evaluator(_RULES, venue=venue, site_url="https://fuzz.example.net", today=TODAY) for venue in Venue
}
OPTIONS = ExtractOptions(site_hosts=frozenset({"fuzz.example.net"}))

# -- building blocks -----------------------------------------------------------------------------
PUBLISHERS = [
    "Global Research",
    "ProPublica",
    "The Conversation",
    "Global Voices",
    "Russia Today",
    "Valley Gazette",
]
URLS = st.sampled_from(
    [
        "https://www.globalresearch.ca/nato-russia/5151",
        "https://www.propublica.org/article/x",
        "https://theconversation.com/a-123",
        "https://globalvoices.org/2024/01/01/x/",
        "https://fuzz.example.net/own",
        "https://creativecommons.org/licenses/by-nd/4.0/",
        "#",
        "",
        "javascript:void(0)",
        "{{ .Params.source_url }}",
        "about:blank",
        "http://[::1",
        "https://%zz/",
    ]
) | st.text(max_size=30)
WORDS = st.sampled_from(
    [
        *PUBLISHERS,
        "The original source of this article is",
        "This article was originally published on",
        "This article is republished from",
        "under a Creative Commons license",
        "Copyright ©",
        "©",
        "(c) 2009",
        "All rights reserved.",
        "By",
        "Articles by:",
        "via:",
        "CC BY-NC-ND 3.0",
        "Creative Commons Attribution-NoDerivatives 4.0 International",
        "This story was originally published by ProPublica.",
        "この記事は",
        "もともと",
        "に掲載",
        "原文",
        "2009",
        "January 2, 2020",
        "and",
        ",",
        ".",
        "\n",
        "\n\n",
        "    ",
        "> ",
        "- ",
        "# ",
        "|",
        "*",
        "_",
        "`",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "&amp;",
        "\\",
    ]
) | st.text(max_size=12)


def _link(kind: str, text: str, url: str) -> str:
    return {
        "inline": f"[{text}]({url})",
        "reference": f"[{text}][r]\n\n[r]: {url or '#'}\n",
        "undefined": f"[{text}][nowhere]",
        "auto": f"<{url}>",
        "bare": f" {url} ",
        "html": f'<a href="{url}" rel="license">{text}</a>',
        "image": f"![{text}]({url})",
        "pixel": f'<img src="{url}" width="1" height="1">',
    }[kind]


LINKS = st.builds(
    _link,
    st.sampled_from(["inline", "reference", "undefined", "auto", "bare", "html", "image", "pixel"]),
    WORDS,
    URLS,
)
MARKDOWN = st.lists(st.one_of(WORDS, LINKS), max_size=40).map(" ".join)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.dates(),
    st.sampled_from(PUBLISHERS),
    URLS,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(
    [
        "title",
        "author",
        "authors",
        "source",
        "original_url",
        "source_url",
        "via",
        "canonical_url",
        "canonicalURL",
        "copyright",
        "copyright_holder",
        "copyright_year",
        "license",
        "licence",
        "provenance",
        "permission",
        "modified",
        "changes",
        "robots",
        "credit",
        "date",
        "original_publisher",
        "external_url",
    ]
) | st.text(max_size=10)
MAPPINGS = st.dictionaries(KEYS, VALUES, max_size=8)
YAMLISH = st.lists(
    st.sampled_from(
        [
            "source: ",
            "author: ",
            "- ",
            "  ",
            ": ",
            "&a ",
            "*a ",
            "!!str ",
            "!!python/name:os.system ",
            "<<: *a",
            "|\n  ",
            ">\n  ",
            "{",
            "}",
            "[",
            "]",
            '"',
            "'",
            "#",
            "---",
            "...",
            "\n",
            "permission:\n  expires: ",
            "2099-12-31",
            "provenance:\n  - publisher: ",
            "? ",
            "%YAML 1.2",
            "\t",
            "\\",
            "\x85",
            "\ufeff",
        ]
    )
    | WORDS,
    max_size=30,
).map("".join)


def _front_matter(kind: str, mapping: dict[str, Any], raw: str) -> str:
    if kind == "yaml":
        return "---\n" + yaml.safe_dump(mapping, allow_unicode=True) + "---\n"
    if kind == "json":
        return json.dumps(mapping, default=str, indent=1) + "\n"
    if kind == "toml":
        lines = [f"{key!r} = {json.dumps(value, default=str)}" for key, value in mapping.items()]
        return "+++\n" + "\n".join(lines).replace("'", '"') + "\n+++\n"
    if kind == "raw-toml":
        return "+++\n" + raw + "\n+++\n"
    return "---\n" + raw + "\n---\n"  # raw YAML-ish text


FRONT_MATTER = st.builds(
    _front_matter, st.sampled_from(["yaml", "json", "toml", "raw-yaml", "raw-toml"]), MAPPINGS, YAMLISH
)
JSONLD = (
    st.builds(lambda v: json.dumps(v, default=str), VALUES)
    | st.builds(
        lambda name, url: json.dumps(
            {
                "@context": "https://schema.org",
                "author": {"name": name},
                "isBasedOn": {"url": url, "isBasedOn": url},
            }
        ),
        WORDS,
        URLS,
    )
    | st.text(max_size=40)
)
HTML_PIECES = st.one_of(
    WORDS,
    LINKS,
    st.builds(
        lambda n, c: f'<meta name="{n}" content="{c}">',
        st.sampled_from(["author", "copyright", "DC.rights", "original-source", "robots"]),
        WORDS,
    ),
    st.builds(
        lambda r, u: f'<link rel="{r}" href="{u}">',
        st.sampled_from(["canonical", "license", "alternate"]),
        URLS,
    ),
    st.builds(lambda j: f'<script type="application/ld+json">{j}</script>', JSONLD),
    st.sampled_from(
        [
            "<html>",
            "<head>",
            "</head>",
            "<body>",
            "</body>",
            "<article>",
            "</article>",
            "<main>",
            "<p>",
            "</p>",
            "<title>",
            "</title>",
            "<nav>",
            "<script>",
            "</script>",
            "<style>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<![if x]>",
            "<![foo[",
            "<!DOCTYPE html>",
            "<?xml ?>",
            "<br/>",
            "</a>",
            "<a",
            '<a href="',
            "&#0;",
            "&#x110000;",
            "<svg><title>x</title></svg>",
            "<template>",
            "<noscript>",
        ]
    ),
)
HTML = st.lists(HTML_PIECES, max_size=40).map("".join)


def _check(name: str, data: bytes, venue: Venue = Venue.COMMUNITY) -> None:
    """Read, extract and evaluate; every result is well formed, whatever the input."""
    article = read_bytes(name, data)
    assert isinstance(article, Article)
    assert all(
        d.category in (Category.METADATA_INVALID, Category.FILE_UNREADABLE) for d in article.diagnostics
    )
    document = article.document
    assert all(line.location.line >= 1 and line.location.column >= 1 for line in document.lines)
    extract(article, OPTIONS)
    evaluation = EVALUATORS[venue].evaluate(article, declared_republished=len(data) % 2 == 1)
    assert all(f.line >= 1 and f.column >= 1 and f.path == name for f in evaluation.findings)


@FUZZ
@given(st.binary(max_size=600), st.sampled_from(SUFFIXES))
def test_raw_bytes(data: bytes, suffix: str) -> None:
    _check("fuzz" + suffix, data)


@FUZZ
@given(st.text(max_size=400), st.sampled_from(SUFFIXES))
def test_raw_text(text: str, suffix: str) -> None:
    _check("fuzz" + suffix, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(FRONT_MATTER, MARKDOWN, st.sampled_from(list(Venue)), st.sampled_from(["\n", "\r\n", "\r"]))
def test_markdown_with_front_matter(front: str, body: str, venue: Venue, newline: str) -> None:
    text = (front + body).replace("\n", newline)
    _check("fuzz.md", text.encode("utf-8", "surrogatepass"), venue)


@FUZZ
@given(YAMLISH, MARKDOWN)
def test_yamlish_front_matter(raw: str, body: str) -> None:
    _check("fuzz.md", f"---\n{raw}\n---\n{body}".encode("utf-8", "surrogatepass"))


@FUZZ
@given(HTML, st.sampled_from(list(Venue)))
def test_html_pages_and_fragments(page: str, venue: Venue) -> None:
    _check("fuzz.html", page.encode("utf-8", "surrogatepass"), venue)
    _check("fuzz.md", ("---\nsource: Global Research\n---\n" + page).encode("utf-8", "surrogatepass"), venue)


@FUZZ
@given(MARKDOWN, st.sampled_from(PUBLISHERS))
def test_republished_markdown_and_text(body: str, publisher: str) -> None:
    claim = f"The original source of this article is {publisher}\n\n"
    _check("fuzz.txt", (claim + body).encode("utf-8", "surrogatepass"))
    _check("fuzz.md", f"---\nsource: {publisher}\n---\n{body}".encode("utf-8", "surrogatepass"))


# -- crashes found while hardening, kept as fixtures (none found by the fuzzer so far) ------------
FOUND = [
    ("unknown-marked-section.html", b"<![foo[ x ]]>"),  # html.parser raised AssertionError
    ("marked-section-no-name.html", b"<p>x</p><![ 1 ><p>y</p>"),  # html.parser raised AssertionError
    ("marked-section-in-markdown.md", b"---\nsource: Global Research\n---\n<div>\n<![foo[ x ]]>\n</div>\n"),
]


@pytest.mark.parametrize(("name", "data"), FOUND, ids=[name for name, _ in FOUND])
def test_crashes_found_while_hardening(name: str, data: bytes) -> None:
    _check(name, data)
