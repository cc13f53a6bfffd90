"""The upstream chain: origin first, direct source last; metadata lists and JSON-LD are authoritative."""

from __future__ import annotations

from extract_builder import make_article

from provenance.extract import extract
from provenance.extract.facts import ClaimKind
from provenance.model import Location

SEED_FOOTER = [
    "By [Global Research](#)",
    "",
    "The original source of this article is [Russia Today](#)",
    "Copyright © [Global Research](#), [Russia Today](#), 2009",
]


def hops(facts: object) -> list[tuple[str | None, str | None]]:
    return [(h.name, h.url) for h in facts.chain]  # type: ignore[attr-defined]


def test_seed_chain_is_the_original_source() -> None:
    facts = extract(make_article(SEED_FOOTER))
    assert hops(facts) == [("Russia Today", None)]
    assert facts.chain[0].location == Location(3, 1)
    assert facts.sources == ("Russia Today",)


def test_seed_with_metadata_source_puts_the_direct_source_last() -> None:
    meta = {
        "source": "Global Research",
        "original_url": "https://www.globalresearch.ca/back-to-dialogue/11888",
    }
    facts = extract(make_article(SEED_FOOTER, meta))
    assert hops(facts) == [
        ("Russia Today", None),
        ("Global Research", "https://www.globalresearch.ca/back-to-dialogue/11888"),
    ]
    assert facts.sources == ("Global Research", "Russia Today")


def test_metadata_provenance_list_is_authoritative() -> None:
    meta = {
        "title": "Back to dialogue",
        "provenance": [
            {"publisher": "Russia Today", "url": None, "role": "origin"},
            {"publisher": "Global Research", "url": "https://www.globalresearch.ca/x/11888"},
        ],
    }
    facts = extract(make_article(["This article was originally published on Example Wire."], meta))
    assert hops(facts) == [
        ("Russia Today", None),
        ("Global Research", "https://www.globalresearch.ca/x/11888"),
    ]
    assert [h.location.line for h in facts.chain] == [3, 3]
    assert [(c.kind, c.name) for c in facts.claims] == [
        (ClaimKind.METADATA, "Russia Today"),
        (ClaimKind.METADATA, "Global Research"),
        (ClaimKind.ORIGINALLY_PUBLISHED, "Example Wire"),
    ]


def test_chain_and_sources_aliases_accept_strings() -> None:
    facts = extract(make_article("x", {"chain": ["Russia Today", "https://www.globalresearch.ca/x/1"]}))
    assert hops(facts) == [("Russia Today", None), (None, "https://www.globalresearch.ca/x/1")]
    facts = extract(make_article("x", {"sources": ["Agence X", "Paper Y"]}))
    assert facts.sources == ("Paper Y", "Agence X")


def test_claims_deduplicate_by_name_and_by_url() -> None:
    body = [
        "This article was originally published on [The Conversation](https://theconversation.com/a-1).",
        "This article is republished from [the conversation](https://theconversation.com/a-1) under a "
        "Creative Commons license.",
    ]
    facts = extract(make_article(body, {"canonical_url": "https://theconversation.com/a-1"}))
    assert hops(facts) == [("The Conversation", "https://theconversation.com/a-1")]


def test_url_only_claim_gives_a_nameless_hop() -> None:
    facts = extract(make_article(["via: https://opensource.com/article/21/2/x", "", "本文由 LCTT 原创编译"]))
    assert hops(facts) == [(None, "https://opensource.com/article/21/2/x")]
    assert facts.sources == ()


def test_jsonld_nested_is_based_on_is_a_chain() -> None:
    jsonld = (
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "copyrightNotice": "Copyright © Global Research, Russia Today, 2009",
            "copyrightHolder": [
                {"@type": "Organization", "name": "Global Research"},
                {"name": "Russia Today"},
            ],
            "copyrightYear": 2009,
            "author": {"@type": "Person", "name": "Jane Doe"},
            "creditText": "Global Research",
            "isBasedOn": {
                "@type": "NewsArticle",
                "url": "https://www.globalresearch.ca/x/11888",
                "publisher": {"@type": "Organization", "name": "Global Research"},
                "isBasedOn": {
                    "@type": "NewsArticle",
                    "publisher": {"@type": "Organization", "name": "Russia Today"},
                },
            },
        },
    )
    facts = extract(make_article("<p>x</p>", jsonld=jsonld))
    assert hops(facts) == [
        ("Russia Today", None),
        ("Global Research", "https://www.globalresearch.ca/x/11888"),
    ]
    assert [(c.kind, c.name, c.url) for c in facts.claims] == [
        (ClaimKind.JSONLD, "Global Research", "https://www.globalresearch.ca/x/11888"),
        (ClaimKind.JSONLD, "Russia Today", None),
    ]
    assert [(n.holders, n.year) for n in facts.copyrights] == [
        (("Global Research", "Russia Today"), 2009),
        (("Global Research", "Russia Today"), 2009),
    ]
    assert [(a.name, a.visible) for a in facts.authors] == [("Jane Doe", False)]
    assert ("Global Research", "credit-line") in [(c.name, c.role) for c in facts.credits]


def test_jsonld_graph_and_url_is_based_on() -> None:
    jsonld = (
        {"@graph": [{"@type": "WebPage"}, {"@type": "Article", "isBasedOn": "https://example.org/orig"}]},
    )
    facts = extract(make_article("x", jsonld=jsonld))
    assert hops(facts) == [(None, "https://example.org/orig")]
    assert facts.republished is True


def test_nameless_metadata_source_takes_the_name_of_the_visible_credit() -> None:
    body = ["This article was originally published on [Garden Notes](https://gardennotes.example.org/a)."]
    facts = extract(make_article(body, {"original_url": "https://gardennotes.example.org/a"}))
    assert hops(facts) == [("Garden Notes", "https://gardennotes.example.org/a")]
    assert facts.sources == ("Garden Notes",)
