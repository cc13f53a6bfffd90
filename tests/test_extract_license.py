# ruff: noqa: RUF001  (CJK punctuation and Cyrillic in real attribution lines are intended)
"""Licences as SPDX ids: metadata values, CC/SPDX URLs, sentences; visible vs metadata-only."""

from __future__ import annotations

import pytest
from extract_builder import make_article

from provenance.extract import extract
from provenance.extract.license import spdx_from_text, spdx_from_url, spdx_from_value
from provenance.model import Article, Link, Location, MetaField


@pytest.mark.parametrize(
    ("value", "spdx"),
    [
        ("CC-BY-ND-4.0", "CC-BY-ND-4.0"),
        ("CC BY-ND 4.0", "CC-BY-ND-4.0"),
        ("cc-by-nd-4.0", "CC-BY-ND-4.0"),
        ("by-nd", "CC-BY-ND-4.0"),
        ("CC BY-NC-ND 3.0", "CC-BY-NC-ND-3.0"),
        ("CC_BY_SA_4.0", "CC-BY-SA-4.0"),
        ("Creative Commons Attribution-NoDerivatives 4.0 International", "CC-BY-ND-4.0"),
        ("https://creativecommons.org/licenses/by-nd/4.0/", "CC-BY-ND-4.0"),
        ("CC0", "CC0-1.0"),
        ("mit", "MIT"),
        ("custom", None),
        ("All rights reserved", None),
    ],
)
def test_metadata_values(value: str, spdx: str | None) -> None:
    assert spdx_from_value(value) == spdx


@pytest.mark.parametrize(
    ("url", "spdx"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
        ("http://creativecommons.org/licenses/by-sa/4.0/deed.en", "CC-BY-SA-4.0"),
        ("https://creativecommons.org/licenses/by-sa/2.0/legalcode", "CC-BY-SA-2.0"),
        # ProPublica: SPDX has no CC-BY-NC-ND-3.0-US, so the unported id (the URL stays on the fact).
        ("https://creativecommons.org/licenses/by-nc-nd/3.0/us/", "CC-BY-NC-ND-3.0"),
        ("https://creativecommons.org/licenses/by/3.0/us/", "CC-BY-3.0-US"),
        ("https://creativecommons.org/licenses/by-nc-nd/3.0/de/", "CC-BY-NC-ND-3.0-DE"),
        ("https://creativecommons.org/licenses/by-nc-nd/3.0/igo/", "CC-BY-NC-ND-3.0-IGO"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
        ("https://spdx.org/licenses/CC-BY-ND-4.0.html", "CC-BY-ND-4.0"),
        ("https://spdx.org/licenses/cc-by-sa-4.0.json", "CC-BY-SA-4.0"),
        ("https://example.org/license", None),
    ],
)
def test_licence_urls(url: str, spdx: str | None) -> None:
    assert spdx_from_url(url) == spdx


@pytest.mark.parametrize(
    ("sentence", "spdx"),
    [
        (
            "This work is licensed under a Creative Commons Attribution-NoDerivatives 4.0 "
            "International License.",
            "CC-BY-ND-4.0",
        ),
        (
            "Licensed under Creative Commons Attribution-NonCommercial-NoDerivs 3.0 Unported",
            "CC-BY-NC-ND-3.0",
        ),
        ("Republish under CC BY-SA 4.0.", "CC-BY-SA-4.0"),
        ("Creative Commons Attribution 3.0 US", "CC-BY-3.0-US"),
        ("We use a Creative Commons license.", None),
    ],
)
def test_sentences(sentence: str, spdx: str | None) -> None:
    assert spdx_from_text(sentence) == spdx


def _licenses(body: list[str], meta: dict[str, object] | None = None, **kw: object) -> list[tuple]:
    facts = extract(make_article(["The original source of this article is X", *body], meta, **kw))  # type: ignore[arg-type]
    return [(f.spdx, f.origin, f.visible, f.location.line, f.url) for f in facts.licenses]


def test_body_sentence_with_licence_link_gives_one_fact() -> None:
    line = (
        "This article is licensed under a "
        "[Creative Commons Attribution-NoDerivatives 4.0 International License]"
        "(https://creativecommons.org/licenses/by-nd/4.0/)."
    )
    assert _licenses([line]) == [
        ("CC-BY-ND-4.0", "url", True, 2, "https://creativecommons.org/licenses/by-nd/4.0/")
    ]


def test_unidentified_creative_commons_sentence_is_still_a_visible_notice() -> None:
    line = "This article is republished from The Conversation under a Creative Commons license."
    assert _licenses([line]) == [(None, "sentence", True, 2, None)]


def test_html_rel_license_anchor() -> None:
    article = make_article(["The original source of this article is X", "Some rights reserved."])
    link = Link(
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        Location(2, 1),
        "<a>",
        "html",
        ("license",),
    )
    document = article.document
    line = document.lines[1]._replace(links=(link,))
    patched = Article(
        path=article.path,
        format=article.format,
        metadata=article.metadata,
        fields=article.fields,
        body=article.body,
        body_line=article.body_line,
        parse_body=lambda: document._replace(lines=(document.lines[0], line), links=(link,)),
        jsonld=article.jsonld,
        diagnostics=article.diagnostics,
    )
    facts = extract(patched)
    assert [(f.spdx, f.origin, f.visible) for f in facts.licenses] == [("CC-BY-4.0", "html-link", True)]


@pytest.mark.parametrize(
    "line",
    [
        "*Kontact 概览页面 （Kevin Sonney, [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/)）*",
        "Photo by Jane Doe, [CC BY 2.0](https://creativecommons.org/licenses/by/2.0/)",
        "(Image: Jane Doe, CC BY-SA 4.0)",
    ],
)
def test_image_credit_licences_are_not_the_article_licence(line: str) -> None:
    assert _licenses([line]) == []


def test_metadata_licences_are_not_visible_and_need_no_body_parse() -> None:
    calls: list[int] = []
    meta = {"license": "CC BY-ND 4.0", "license_url": "https://creativecommons.org/licenses/by-nd/4.0/"}
    facts = extract(make_article("Own text.", meta, calls=calls))
    assert calls == []
    assert [(f.spdx, f.origin, f.visible, f.location.line, f.url) for f in facts.licenses] == [
        ("CC-BY-ND-4.0", "metadata", False, 2, None),
        ("CC-BY-ND-4.0", "metadata", False, 3, "https://creativecommons.org/licenses/by-nd/4.0/"),
    ]
    assert facts.license == "CC-BY-ND-4.0"


def test_html_head_license_link_and_jsonld_license() -> None:
    fields = (MetaField("link:license", "https://spdx.org/licenses/CC-BY-NC-ND-4.0.html", Location(4, 1)),)
    jsonld = ({"@type": "NewsArticle", "license": "https://creativecommons.org/licenses/by/4.0/"},)
    facts = extract(make_article("x", fields=fields, jsonld=jsonld))
    assert [(f.spdx, f.origin, f.visible) for f in facts.licenses] == [
        ("CC-BY-NC-ND-4.0", "html-link", False),
        ("CC-BY-4.0", "jsonld", False),
    ]


def test_unusable_licence_values_are_ignored() -> None:
    facts = extract(make_article("x", {"license": 42, "licence": ["", None, {"url": "by-sa"}]}))
    assert [(f.spdx, f.evidence) for f in facts.licenses] == [("CC-BY-SA-4.0", "by-sa")]
