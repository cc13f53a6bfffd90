# ruff: noqa: RUF001  (CJK punctuation and Cyrillic in real attribution lines are intended)
"""Copyright notices: holders and year, from body lines, metadata strings and structured fields."""

from __future__ import annotations

import pytest
from extract_builder import make_article

from provenance.extract import extract
from provenance.extract.copyright import body_notice, parse_notice
from provenance.model import Location


@pytest.mark.parametrize(
    ("text", "holders", "year"),
    [
        ("Copyright © Global Research, Russia Today, 2009", ("Global Research", "Russia Today"), 2009),
        ("© 2009 Russia Today", ("Russia Today",), 2009),
        ("(c) 2009 Example Media", ("Example Media",), 2009),
        ("Copyright 2009 Example Media", ("Example Media",), 2009),
        ("Copyright (C) 2014 Free Software Foundation, Inc.", ("Free Software Foundation, Inc",), 2014),
        ("© 2010–2015 Jane Doe & John Roe. All rights reserved.", ("Jane Doe", "John Roe"), 2010),
        ("Copyright © The Conversation and Jane Doe", ("The Conversation", "Jane Doe"), None),
        ("© Настоящее Время. Все права защищены", ("Настоящее Время",), None),
        ("Global Research, Russia Today, 2009", ("Global Research", "Russia Today"), 2009),
    ],
)
def test_parse_notice_table(text: str, holders: tuple[str, ...], year: int | None) -> None:
    assert parse_notice(text) == (holders, year)


def test_seed_line_with_links_becomes_holders_and_year() -> None:
    facts = extract(
        make_article(
            [
                "The original source of this article is [Russia Today](#)",
                "Copyright © [Global Research](#), [Russia Today](#), 2009",
            ]
        )
    )
    assert [(n.holders, n.year, n.location.line, n.evidence) for n in facts.copyrights] == [
        (("Global Research", "Russia Today"), 2009, 2, "Copyright © Global Research, Russia Today, 2009")
    ]
    holders = [(c.name, c.visible) for c in facts.credits if c.role == "copyright-holder"]
    assert holders == [("Global Research", True), ("Russia Today", True)]


@pytest.mark.parametrize(
    "text",
    ["Copyright law was changed in 1976.", "The copyright holder refused.", "See section (c) of the treaty."],
)
def test_prose_about_copyright_is_no_notice(text: str) -> None:
    assert body_notice(text, Location(1)) is None


def test_notice_after_a_sentence_on_a_joined_paragraph_line() -> None:
    notice = body_notice("The original source of this article is X. Copyright © X, 2011", Location(4))
    assert notice is not None and (notice.holders, notice.year) == (("X",), 2011)


def test_metadata_copyright_holder_and_year_without_body_parse() -> None:
    calls: list[int] = []
    meta = {
        "copyright": "© 2009 Global Research",
        "copyright_holder": ["Global Research", {"name": "Russia Today"}],
        "copyright_year": 2009,
    }
    facts = extract(make_article("Own text.", meta, calls=calls))
    assert calls == []
    assert [(n.holders, n.year, n.location.line) for n in facts.copyrights] == [
        (("Global Research",), 2009, 2),
        (("Global Research", "Russia Today"), 2009, 3),
    ]
    assert {(c.name, c.visible) for c in facts.credits if c.role == "copyright-holder"} == {
        ("Global Research", False),
        ("Russia Today", False),
    }


def test_html_meta_copyright_and_dc_rights() -> None:
    from provenance.model import MetaField

    fields = (
        MetaField("meta:copyright", "© 2020 Example News", Location(5, 3)),
        MetaField("meta:dc.rights", "Copyright Example Wire 2021", Location(6, 3)),
    )
    facts = extract(make_article("x", fields=fields))
    assert [(n.holders, n.year, n.location.line) for n in facts.copyrights] == [
        (("Example News",), 2020, 5),
        (("Example Wire",), 2021, 6),
    ]
