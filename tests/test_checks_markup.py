"""tracking-pixel, canonical-link, read-diagnostics, and the absent-element anchor."""

from __future__ import annotations

from check_builders import (
    GLOBAL_RESEARCH,
    article,
    claim,
    context,
    embed,
    facts,
    run,
    url_fact,
    where,
)

from provenance.checks.anchors import absent_anchor
from provenance.extract.facts import ClaimKind
from provenance.model import Category, Diagnostic, Location

PIXEL = {"pattern": r"^https://counter\.theconversation\.com/content/\d+/count", "name": "counter pixel"}
GR_ARTICLE = "https://www.globalresearch.ca/back-to-dialogue/11925"


def test_tracking_pixel_present() -> None:
    provenance = facts(embeds=(embed("https://counter.theconversation.com/content/123/count.gif", 40),))
    assert run("tracking-pixel", context(provenance), **PIXEL) == []


def test_tracking_pixel_missing_lists_embeds_seen() -> None:
    provenance = facts(
        embeds=(embed("https://example.com/a.png", 10),), claims=(claim("The Conversation", 33),)
    )
    found = run("tracking-pixel", context(provenance), **PIXEL)
    assert where(found) == [(33, 1, None, "1 embed(s): https://example.com/a.png")]
    assert found[0].message == "The counter pixel that the source requires on republished articles is missing"


def test_canonical_to_publisher_or_noindex_passes() -> None:
    canonical = url_fact(GR_ARTICLE, 3)
    assert run("canonical-link", context(facts(canonical_url=canonical), source=GLOBAL_RESEARCH)) == []
    assert run("canonical-link", context(facts(noindex=True), source=GLOBAL_RESEARCH)) == []


def test_noindex_not_accepted_when_disallowed() -> None:
    ctx = context(facts(noindex=True), doc=article(["x"], body_line=5), source=GLOBAL_RESEARCH)
    found = run("canonical-link", ctx, noindex_ok=False)
    assert where(found) == [(5, 1, None, "no canonical URL")]
    assert found[0].message == "No canonical URL pointing to the original article on globalresearch.ca"


def test_canonical_pointing_elsewhere() -> None:
    canonical = url_fact("https://mysite.example/copy", 3)
    found = run("canonical-link", context(facts(canonical_url=canonical), source=GLOBAL_RESEARCH))
    assert where(found) == [(3, 1, None, "https://mysite.example/copy")]
    assert (
        found[0].fix
        == "Set canonical_url to the original article on globalresearch.ca or mark the page noindex."
    )


def test_canonical_without_publisher_must_equal_original_url() -> None:
    original = url_fact("https://example.com/post", 2, key="original_url")
    same = url_fact("https://example.com/post", 3)
    other = url_fact("https://mysite.example/post", 3)
    assert run("canonical-link", context(facts(original_url=original, canonical_url=same))) == []
    found = run("canonical-link", context(facts(original_url=original, canonical_url=other)))
    assert [v.message for v in found] == [
        "The canonical URL https://mysite.example/post does not point to the original URL https://example.com/post"
    ]


def test_read_diagnostics_reports_only_its_category() -> None:
    diagnostics = (
        Diagnostic(
            Category.METADATA_INVALID,
            "front matter: mapping values are not allowed",
            Location(3, 7),
            "a: b: c",
        ),
        Diagnostic(Category.FILE_UNREADABLE, "not UTF-8"),
    )
    ctx = context(doc=article(diagnostics=diagnostics))
    found = run("read-diagnostics", ctx, category="metadata-invalid")
    assert where(found) == [(3, 7, "metadata-invalid", "a: b: c")]
    assert found[0].message == "front matter: mapping values are not allowed"
    found = run("read-diagnostics", ctx, category="file-unreadable")
    assert where(found) == [(1, 1, "file-unreadable", "")]
    assert run("read-diagnostics", context(), category="file-unreadable") == []


def test_absent_anchor_order() -> None:
    visible = claim("X", 30)
    hidden = claim("X", 2, kind=ClaimKind.METADATA)
    titled = article(["x"], body_line=6, fields=[("title", "T", 2), ("date", "2024", 3)])
    assert absent_anchor(titled, facts(claims=(hidden, visible))) == Location(30, 1)
    assert absent_anchor(titled, facts(claims=(hidden,))) == Location(2, 1)
    assert absent_anchor(article(["x"], body_line=6), facts()) == Location(6, 1)
    assert absent_anchor(article(body_line=0), facts()) == Location(1, 1)
