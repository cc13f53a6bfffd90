"""Front-matter vocabulary (aliases), HTML meta equivalents, cheap own-content path, odd values."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_builder import make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.extract import ExtractOptions, extract
from provenance.extract.facts import ClaimKind, Permission
from provenance.model import Location, MetaField

K = ClaimKind
_KEYS = sorted(
    [
        "author",
        "source",
        "via",
        "original_url",
        "canonical_url",
        "provenance",
        "sources",
        "license",
        "copyright",
        "copyright_holder",
        "copyright_year",
        "permission",
        "modified",
        "changes",
        "robots",
        "noindex",
        "seo",
        "extra",
        "params",
        "credit",
        "name",
        "url",
        "publisher",
        "date",
        "expires",
    ]
)


@pytest.mark.parametrize(
    "meta",
    [
        {"canonical_url": "https://a.example/x"},
        {"canonicalURL": "https://a.example/x"},
        {"canonicalUrl": "https://a.example/x"},
        {"canonical": "https://a.example/x"},
        {"seo": {"canonical": "https://a.example/x"}},
        {"extra": {"canonical_url": "https://a.example/x"}},
        {"params": {"canonical_url": "https://a.example/x"}},
    ],
)
def test_canonical_aliases(meta: dict[str, object]) -> None:
    facts = extract(make_article("x", meta))
    assert facts.canonical_url is not None
    assert (facts.canonical_url.url, facts.canonical_url.host, facts.canonical_url.location) == (
        "https://a.example/x",
        "a.example",
        Location(2, 1),
    )
    assert [(c.kind, c.url) for c in facts.claims] == [(K.CANONICAL, "https://a.example/x")]


@pytest.mark.parametrize(
    "key", ["original_url", "source_url", "originalURL", "original_link", "via", "republished_from",
            "syndication_source", "external_url"],
)  # fmt: skip
def test_original_url_aliases(key: str) -> None:
    facts = extract(make_article("x", {"title": "T", key: "https://www.origin.example/a"}))
    assert facts.original_url is not None and facts.original_url.key == key
    assert facts.original_url.location == Location(3, 1)
    assert [(c.kind, c.name, c.url, c.location.line) for c in facts.claims] == [
        (K.METADATA, None, "https://www.origin.example/a", 3)
    ]


@pytest.mark.parametrize("key", ["original_publisher", "source", "source_name", "publication", "feed_name"])
def test_original_publisher_aliases(key: str) -> None:
    facts = extract(make_article("x", {key: "Global Research"}))
    assert [(c.kind, c.name, c.url) for c in facts.claims] == [(K.METADATA, "Global Research", None)]
    assert facts.sources == ("Global Research",)


def test_techhub_external_url_and_feed_name_make_one_claim() -> None:
    meta = {
        "external_url": "https://khalidabuhakmeh.com/x",
        "author": "Khalid Abuhakmeh",
        "feed_name": "KA Blog",
    }
    facts = extract(make_article("x", meta))
    assert [(c.kind, c.name, c.url, c.location.line) for c in facts.claims] == [
        (K.METADATA, "KA Blog", "https://khalidabuhakmeh.com/x", 2)
    ]
    assert [(a.name, a.visible) for a in facts.authors] == [("Khalid Abuhakmeh", False)]


def test_original_url_on_the_site_itself_is_own_content() -> None:
    calls: list[int] = []
    for meta in (
        {"external_url": "/all/roundups/Weekly-2025-07-21", "feed_name": "TechHub"},
        {"original_url": "https://www.techhub.example/x", "source": "TechHub"},
    ):
        facts = extract(make_article("x", meta, calls=calls), ExtractOptions(frozenset({"techhub.example"})))
        assert facts.republished is False and facts.claims == ()
        assert facts.original_url is not None
    assert calls == []


def test_canonical_to_the_site_itself_is_no_claim() -> None:
    options = ExtractOptions(frozenset({"opentelemetry.io"}))
    for url in ("https://opentelemetry.io/blog/x/", "/blog/x/", "#"):
        facts = extract(make_article("x", {"canonical_url": url}), options)
        assert facts.claims == ()


def test_own_content_is_not_parsed_but_keeps_cheap_metadata_facts() -> None:
    calls: list[int] = []
    meta = {
        "title": "Ours",
        "author": ["Jane Doe", {"name": "John Roe"}],
        "license": "CC-BY-4.0",
        "copyright": "© 2024 Example Site",
        "robots": "noindex, follow",
    }
    article = make_article(["By Jane Doe", "Text with a [link](#)."], meta, calls=calls)
    facts = extract(article)
    assert "document" not in article.__dict__ and calls == []
    assert facts.republished is False
    assert (facts.claims, facts.chain, facts.links, facts.embeds) == ((), (), (), ())
    assert [(a.name, a.visible) for a in facts.authors] == [("Jane Doe", False), ("John Roe", False)]
    assert facts.license == "CC-BY-4.0"
    assert [(n.holders, n.year) for n in facts.copyrights] == [(("Example Site",), 2024)]
    assert facts.noindex is True


def test_trigger_without_claim_parses_but_reports_own_content() -> None:
    calls: list[int] = []
    facts = extract(make_article("He republished his book in 2010. See [x](#).", calls=calls))
    assert calls == [1]
    assert facts.republished is False and facts.links == () and facts.credits == ()


@pytest.mark.parametrize(
    "meta",
    [
        {"author": 42, "provenance": "x", "license": 3.5, "copyright": ["a", 1], "permission": 7},
        {"canonical_url": 123, "original_url": {"a": 1}, "source": ["x"], "modified": "maybe"},
        {"provenance": [None, 42, {"publisher": 5}, []], "copyright_year": "unknown"},
        {"seo": "flat", "extra": [1, 2], "robots": 5, "noindex": "perhaps"},
    ],
)
def test_odd_metadata_types_never_raise(meta: dict[str, object]) -> None:
    facts = extract(make_article("x", meta))
    assert facts.republished is False
    assert facts.claims == () and facts.authors == () and facts.licenses == ()


def test_author_string_with_markdown_links_and_affiliations() -> None:
    meta = {
        "author": "[Severin Neumann](https://github.com/svrnm) (Cisco), "
        "[Patrice Chalin](https://github.com/chalin/) "
        "(CNCF)"
    }
    facts = extract(make_article("x", meta))
    assert [a.name for a in facts.authors] == ["Severin Neumann", "Patrice Chalin"]


@pytest.mark.parametrize("key", ["author", "authors", "byline", "creator"])
def test_author_aliases(key: str) -> None:
    facts = extract(make_article("x", {key: "Jane Doe and John Roe"}))
    assert [(a.name, a.role, a.location.line) for a in facts.authors] == [
        ("Jane Doe", "author", 2),
        ("John Roe", "author", 2),
    ]


def test_html_meta_equivalents() -> None:
    fields = (
        MetaField("meta:author", "Jane Doe", Location(3, 5)),
        MetaField("meta:DC.source", "https://www.propublica.org/article/x", Location(4, 5)),
        MetaField("meta:syndication-source", "https://www.propublica.org/article/x", Location(5, 5)),
        MetaField("link:canonical", "https://www.propublica.org/article/x", Location(6, 5)),
        MetaField("meta:robots", "noindex", Location(7, 5)),
    )
    facts = extract(make_article("<p>x</p>", fields=fields))
    assert [(c.kind, c.url, c.location.line) for c in facts.claims] == [
        (K.HTML_META, "https://www.propublica.org/article/x", 5),
        (K.HTML_META, "https://www.propublica.org/article/x", 4),
        (K.CANONICAL, "https://www.propublica.org/article/x", 6),
    ]
    assert facts.original_url is not None and facts.original_url.key == "meta:syndication-source"
    assert facts.canonical_url is not None and facts.canonical_url.key == "link:canonical"
    assert [(a.name, a.visible) for a in facts.authors] == [("Jane Doe", False)]
    assert facts.noindex is True
    assert [(h.name, h.url) for h in facts.chain] == [(None, "https://www.propublica.org/article/x")]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"permission_ref": "GR-2009-014"}, Permission("GR-2009-014", None, None, None, None, Location(2))),
        ({"grant_ref": 14}, Permission("14", None, None, None, None, Location(2))),
        (
            {
                "permission": {
                    "granted_by": "publications@globalresearch.ca",
                    "date": dt.date(2024, 1, 5),
                    "expires": "2025-01-05",
                    "reference": "mail 2024-01-05",
                    "scope": "commercial",
                }
            },
            Permission(
                "mail 2024-01-05",
                "publications@globalresearch.ca",
                dt.date(2024, 1, 5),
                dt.date(2025, 1, 5),
                "commercial",
                Location(2),
            ),
        ),
        (
            {"permission": {"date": dt.datetime(2024, 1, 5, 10, 0), "expires": "soon"}},
            Permission(None, None, dt.date(2024, 1, 5), None, None, Location(2)),
        ),
    ],
)
def test_permission(meta: dict[str, object], expected: Permission) -> None:
    assert extract(make_article("x", meta)).permission == expected


@pytest.mark.parametrize(
    ("meta", "flag", "line"),
    [
        ({}, None, None),
        ({"modified": False}, False, 2),
        ({"adapted": True}, True, 2),
        ({"title": "t", "edited": "yes"}, True, 3),
        ({"changes": ["Shortened the headline"]}, True, 2),
        ({"modifications": "Additional reporting by X"}, True, 2),
        ({"changes": []}, None, None),
    ],
)
def test_modified(meta: dict[str, object], flag: bool | None, line: int | None) -> None:
    facts = extract(make_article("x", meta))
    assert facts.modified is flag
    assert (facts.modified_location.line if facts.modified_location else None) == line


@pytest.mark.parametrize(
    ("meta", "noindex"),
    [
        ({"noindex": True}, True),
        ({"robots": ["noindex"]}, True),
        ({"robots": "index, follow"}, False),
        ({}, False),
    ],
)
def test_noindex(meta: dict[str, object], noindex: bool) -> None:
    assert extract(make_article("x", meta)).noindex is noindex


def test_credit_line_from_metadata() -> None:
    facts = extract(make_article("x", {"source": "ProPublica", "credit": "Jane Doe, ProPublica"}))
    assert [(c.name, c.role, c.visible) for c in facts.credits] == [
        ("ProPublica", "source", False),
        ("Jane Doe, ProPublica", "credit-line", False),
    ]


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.dates()
    | st.sampled_from(["https://x.example/a", "#", "/own/path", "{{% param x %}}", "CC BY 4.0"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(_KEYS), _VALUES, max_size=6), st.text(max_size=200))
def test_extract_never_raises_on_arbitrary_metadata(meta: dict[str, object], body: str) -> None:
    facts = extract(make_article(body, meta))
    assert facts.republished == bool(facts.claims)
