"""link-to-original and placeholder-links."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_builders import (
    GLOBAL_RESEARCH,
    article,
    claim,
    context,
    credit,
    facts,
    hop,
    link,
    links_in,
    notice,
    publisher,
    run,
    url_fact,
    where,
)

from provenance.checks.base import CheckContext
from provenance.checks.links import is_home_page
from provenance.extract.facts import ClaimKind
from provenance.model import Category, Location

SEED = Path("/work/shared/seed/global-research-2009-nato-russia.txt")
PLACEHOLDER = Category.LINK_TO_ORIGINAL_PLACEHOLDER.value
WRONG = Category.LINK_TO_ORIGINAL_WRONG_TARGET.value
MISSING = Category.LINK_TO_ORIGINAL_MISSING.value
GR_ARTICLE = "https://www.globalresearch.ca/back-to-dialogue-nato-and-russia/11925"


def seed_context() -> CheckContext:
    """The founding article, with the facts an extractor states for it."""
    lines = SEED.read_text(encoding="utf-8").splitlines()

    def line_of(prefix: str) -> int:
        return next(number for number, text in enumerate(lines, 1) if text.startswith(prefix))

    by, source, rights, articles_by = (
        line_of(p) for p in ("By ", "The original source", "Copyright ©", "Articles by:")
    )
    provenance = facts(
        claims=(
            claim(
                "Russia Today", source, evidence=lines[source - 1], links=links_in(lines[source - 1], source)
            ),
        ),
        chain=(hop("Russia Today", source), hop("Global Research", by)),
        credits=(
            credit(
                "Global Research",
                by,
                role="author",
                evidence=lines[by - 1],
                links=links_in(lines[by - 1], by),
            ),
            credit(
                "Global Research",
                articles_by,
                role="author",
                evidence=lines[articles_by - 1],
                links=links_in(lines[articles_by - 1], articles_by),
            ),
        ),
        copyrights=(notice(("Global Research", "Russia Today"), rights, 2009, lines[rights - 1]),),
        links=tuple(fact for number, text in enumerate(lines, 1) for fact in links_in(text, number)),
    )
    return context(provenance, doc=article(lines), source=GLOBAL_RESEARCH)


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_founding_article_reports_each_placeholder_on_its_attribution_lines() -> None:
    found = run("link-to-original", seed_context())
    assert where(found) == [
        (5, 4, PLACEHOLDER, "[Global Research](#)"),
        (39, 40, PLACEHOLDER, "[Russia Today](#)"),
        (40, 13, PLACEHOLDER, "[Global Research](#)"),
        (40, 35, PLACEHOLDER, "[Russia Today](#)"),
        (46, 14, PLACEHOLDER, "[Global Research](#)"),
    ]
    assert (
        found[0].message
        == 'The link "Global Research" goes nowhere (#), not to the original Global Research article'
    )
    assert "globalresearch.ca" in found[0].fix


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_founding_article_placeholder_links_are_every_hash_link_off_the_claim() -> None:
    found = run("placeholder-links", seed_context())
    assert [(v.location.line, v.evidence) for v in found][2:4] == [
        (11, "[Russia and FSU](#)"),
        (13, "[Militarization and WMD](#)"),
    ]
    # the "original source" line's link is judged by link-to-original, not reported twice
    assert 39 not in [v.location.line for v in found]
    assert len(found) == 9
    assert all(v.category is None for v in found)


def test_publisher_article_link_in_body_passes() -> None:
    good = link("Global Research", GR_ARTICLE, 7, 4)
    ctx = context(facts(links=(good,)), source=GLOBAL_RESEARCH)
    assert run("link-to-original", ctx) == []


def test_legacy_article_url_passes() -> None:
    legacy = link("original", "http://globalresearch.ca/index.php?context=va&aid=11925", 3)
    assert run("link-to-original", context(facts(links=(legacy,)), source=GLOBAL_RESEARCH)) == []


def test_home_page_link_is_wrong_target_unless_allowed() -> None:
    home = link("Global Research", "https://www.globalresearch.ca/", 8, 4)
    ctx = context(
        facts(credits=(credit("Global Research", 8, links=(home,)),), links=(home,)), source=GLOBAL_RESEARCH
    )
    found = run("link-to-original", ctx)
    assert where(found) == [(8, 4, WRONG, "[Global Research](https://www.globalresearch.ca/)")]
    assert (
        found[0].message
        == 'The link "Global Research" points to the Global Research home page, not the article'
    )
    assert run("link-to-original", ctx, home_page_ok=True) == []
    assert run("link-to-original", ctx, article_url=False) == []


def test_owned_non_article_url_is_wrong_target() -> None:
    about = link("Global Research", "https://globalresearch.ca/about", 8)
    ctx = context(facts(links=(about,)), source=GLOBAL_RESEARCH)
    found = run("link-to-original", ctx)
    assert where(found) == [(8, 1, WRONG, "[Global Research](https://globalresearch.ca/about)")]
    assert "not a Global Research article URL" in found[0].message


def test_publisher_credit_linking_elsewhere_is_wrong_target() -> None:
    elsewhere = link("Global Research", "https://example.org/copy", 12, 4)
    ctx = context(facts(links=(elsewhere,)), source=GLOBAL_RESEARCH)
    found = run("link-to-original", ctx)
    assert where(found) == [(12, 4, WRONG, "[Global Research](https://example.org/copy)")]
    assert found[0].message == (
        'The link "Global Research" points to example.org, '
        "not to Global Research (expected globalresearch.ca)"
    )


def test_upstream_link_is_not_blamed_but_publisher_link_is_missing() -> None:
    rt = link("Russia Today", "https://rt.com/news/1", 20, 40)
    provenance = facts(claims=(claim("Russia Today", 20, links=(rt,)),), links=(rt,))
    found = run("link-to-original", context(provenance, source=GLOBAL_RESEARCH))
    assert where(found) == [(20, 1, MISSING, "1 link(s) in the body, none to globalresearch.ca")]
    assert found[0].message == "No link to the original Global Research article"


def test_missing_link_anchors_at_title_then_body() -> None:
    doc = article(["Text."], body_line=6, fields=[("title", "T", 2)])
    found = run("link-to-original", context(facts(), doc=doc, source=GLOBAL_RESEARCH))
    assert where(found) == [(2, 1, MISSING, "no links in the body")]
    found = run("link-to-original", context(facts(), doc=article(["x"], body_line=6), source=GLOBAL_RESEARCH))
    assert found[0].location == Location(6, 1)


def test_metadata_url_counts_only_when_accepted() -> None:
    provenance = facts(original_url=url_fact(GR_ARTICLE, 3, key="original_url"))
    ctx = context(provenance, source=GLOBAL_RESEARCH)
    assert [v.category for v in run("link-to-original", ctx)] == [Category.LINK_TO_ORIGINAL_MISSING]
    assert run("link-to-original", ctx, accept_metadata=True) == []


def test_publisher_without_url_patterns_accepts_any_owned_page() -> None:
    conversation = publisher(names=("The Conversation",), domains=("theconversation.com",))
    page = link("The Conversation", "https://theconversation.com/some-story-12345", 4)
    assert run("link-to-original", context(facts(links=(page,)), source=conversation)) == []


def test_without_publisher_a_linked_source_line_passes() -> None:
    via = link("https://opensource.com/article/18/5/x", "https://opensource.com/article/18/5/x", 30, 6)
    provenance = facts(
        claims=(claim(None, 30, kind=ClaimKind.VIA, url=via.target, links=(via,)),), links=(via,)
    )
    assert run("link-to-original", context(provenance)) == []


def test_without_publisher_metadata_url_needs_a_body_link_to_the_same_host() -> None:
    original = url_fact("https://example.com/post", 2, key="external_url")
    body = link("Read the entire article here", "https://www.example.com/post", 9)
    assert run("link-to-original", context(facts(original_url=original, links=(body,)))) == []
    found = run("link-to-original", context(facts(original_url=original), doc=article(["x"], body_line=5)))
    assert where(found) == [(5, 1, MISSING, "no link on a source line, and no body link to the original URL")]


def test_without_publisher_placeholder_on_source_line() -> None:
    empty = link("Understanding MCP", "", 14, 30)
    provenance = facts(
        claims=(claim("Reddit", 14, kind=ClaimKind.APPEARED_FIRST, links=(empty,)),), links=(empty,)
    )
    found = run("link-to-original", context(provenance))
    assert where(found) == [(14, 30, PLACEHOLDER, "[Understanding MCP]()")]
    assert found[0].message == 'The source link "Understanding MCP" goes nowhere (empty target)'


def test_placeholder_links_pass_on_real_links() -> None:
    assert run("placeholder-links", context(facts(links=(link("x", "https://a.example/", 1),)))) == []


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("https://www.globalresearch.ca/", True),
        ("https://globalresearch.ca", True),
        ("https://globalresearch.ca/?p=1", False),
        ("https://globalresearch.ca/x/1", False),
        ("/relative", False),
        ("http://[::1", False),
    ],
)
def test_is_home_page(url: str, home: bool) -> None:
    assert is_home_page(url) is home
