"""What each check yields when it passes: the evidence that satisfied the condition, with its place."""

from __future__ import annotations

import datetime as dt

from check_builders import (
    GLOBAL_RESEARCH,
    article,
    claim,
    context,
    credit,
    embed,
    evidence,
    facts,
    hop,
    license_fact,
    link,
    notice,
    permission,
    publisher,
    run,
    url_fact,
)

from provenance.extract.facts import ClaimKind
from provenance.model import Location, Venue

GR_ARTICLE = "https://www.globalresearch.ca/back-to-dialogue-nato-and-russia/11925"
CHAIN = (hop("Russia Today", 2), hop("Global Research", 3))


def test_source_credited_points_to_the_line_naming_the_publisher() -> None:
    provenance = facts(
        claims=(claim("Russia Today", 39),),
        copyrights=(notice(["Global Research"], 40, 2009),),
    )
    ctx = context(provenance, doc=article(["x"], body_line=5), source=GLOBAL_RESEARCH)
    assert evidence("source-credited", ctx) == [
        (40, 1, "Copyright © Global Research, 2009", "visible credit naming Global Research")
    ]


def test_source_credited_without_publisher_points_to_the_visible_claim() -> None:
    provenance = facts(
        claims=(
            claim("TechHub", 2, kind=ClaimKind.METADATA, evidence="source: TechHub"),
            claim("Opensource.com", 12, evidence="This article originally appeared on Opensource.com"),
        )
    )
    assert evidence("source-credited", context(provenance)) == [
        (12, 1, "This article originally appeared on Opensource.com", "visible source credit")
    ]


def test_failing_check_yields_no_evidence() -> None:
    ctx = context(facts(claims=(claim("Russia Today", 30),)), source=GLOBAL_RESEARCH)
    assert evidence("source-credited", ctx) == []
    assert len(run("source-credited", ctx)) == 1


def test_author_evidence_says_byline_or_metadata() -> None:
    in_metadata = credit("Jane Doe", 3, role="author", visible=False, evidence="author: Jane Doe")
    byline = credit("Jane Doe", 9, role="author", evidence="By Jane Doe")
    assert evidence("author-credited", context(facts(authors=(in_metadata,)))) == [
        (3, 1, "author: Jane Doe", "author in metadata: Jane Doe")
    ]
    assert evidence("author-credited", context(facts(authors=(in_metadata, byline))), visible=True) == [
        (9, 1, "By Jane Doe", "byline: Jane Doe")
    ]


def test_credit_line_evidence_is_the_matching_body_line() -> None:
    doc = article(
        ["Some text.", "", "This article was first published by [ProPublica](https://x)."], body_line=6
    )
    found = evidence(
        "credit-line", context(facts(), doc=doc), pattern="first published by ProPublica", example="e"
    )
    assert found == [
        (8, 1, "This article was first published by ProPublica.", "credit line in the required wording")
    ]


def test_source_consistent_evidence_is_the_agreeing_visible_claim() -> None:
    provenance = facts(
        claims=(
            claim("Health Desk", 4, kind=ClaimKind.METADATA, evidence="source: Health Desk"),
            claim("Health Desk", 13, evidence="This article was originally published on Health Desk"),
        )
    )
    assert evidence("source-consistent", context(provenance)) == [
        (
            13,
            1,
            "This article was originally published on Health Desk",
            "names Health Desk, as the metadata does",
        )
    ]
    assert evidence("source-consistent", context(facts())) == []  # nothing to compare: no evidence


def test_link_to_original_evidence_is_the_first_link_reaching_the_article() -> None:
    home = link("Global Research", "https://www.globalresearch.ca/", 40, 13)
    good = link("Global Research", GR_ARTICLE, 41, 20)
    ctx = context(facts(links=(home, good)), source=GLOBAL_RESEARCH)
    assert evidence("link-to-original", ctx) == [
        (41, 20, f"[Global Research]({GR_ARTICLE})", f"links to {GR_ARTICLE}")
    ]


def test_link_to_original_evidence_from_metadata_when_accepted() -> None:
    provenance = facts(original_url=url_fact(GR_ARTICLE, 4, key="original_url"))
    ctx = context(provenance, source=GLOBAL_RESEARCH)
    assert evidence("link-to-original", ctx, accept_metadata=True) == [
        (4, 1, f"original_url: {GR_ARTICLE}", "original URL in metadata")
    ]
    assert evidence("link-to-original", ctx) == []


def test_link_to_original_without_publisher_source_line_or_body_link() -> None:
    on_claim = link("Garden Notes", "https://gardennotes.example.org/a", 11, 40)
    ctx = context(facts(claims=(claim("Garden Notes", 11, links=(on_claim,)),)))
    assert evidence("link-to-original", ctx) == [
        (
            11,
            40,
            "[Garden Notes](https://gardennotes.example.org/a)",
            "source line links to https://gardennotes.example.org/a",
        )
    ]
    body = link("here", "https://gardennotes.example.org/a", 15, 7)
    stated = url_fact("https://gardennotes.example.org/a", 5, key="original_url")
    ctx = context(facts(claims=(claim("Garden Notes", 11),), links=(body,), original_url=stated))
    assert evidence("link-to-original", ctx) == [
        (
            15,
            7,
            "[here](https://gardennotes.example.org/a)",
            "links to https://gardennotes.example.org/a, the original's site",
        )
    ]


def test_placeholder_links_evidence_counts_what_was_checked() -> None:
    provenance = facts(
        links=(link("a", "https://a.example/", 9),), embeds=(embed("https://a.example/i.png", 10),)
    )
    assert evidence("placeholder-links", context(provenance, doc=article(["x"], body_line=7))) == [
        (7, 1, "1 link(s) and 1 image(s), none with a placeholder target", "every link and image checked")
    ]
    broken = facts(links=(link("a", "#", 9),))
    assert evidence("placeholder-links", context(broken)) == []


def test_tracking_pixel_evidence_is_the_kept_embed() -> None:
    provenance = facts(
        embeds=(
            embed("https://x.example/a.png", 20),
            embed("https://pixel.propublica.org/p.js", 30, "script"),
        )
    )
    found = evidence(
        "tracking-pixel", context(provenance), pattern=r"pixel\.propublica\.org", name="PixelPing tag"
    )
    assert found == [(30, 1, '<script src="https://pixel.propublica.org/p.js">', "PixelPing tag kept")]


def test_canonical_evidence_is_the_canonical_key_or_robots_field() -> None:
    canonical = url_fact(GR_ARTICLE, 3)
    assert evidence("canonical-link", context(facts(canonical_url=canonical), source=GLOBAL_RESEARCH)) == [
        (3, 1, f"canonical_url: {GR_ARTICLE}", "canonical URL")
    ]
    doc = article(["x"], body_line=6, fields=[("robots", "noindex, follow", 4)])
    assert evidence("canonical-link", context(facts(noindex=True), doc=doc, source=GLOBAL_RESEARCH)) == [
        (4, 1, "robots: noindex, follow", "page is noindex")
    ]


def test_copyright_evidence_lists_each_notice_naming_a_required_holder() -> None:
    provenance = facts(
        chain=CHAIN,
        copyrights=(notice(["Global Research"], 40, 2009), notice(["Russia Today"], 41)),
    )
    assert evidence("copyright-notice", context(provenance, source=GLOBAL_RESEARCH)) == [
        (40, 1, "Copyright © Global Research, 2009", "copyright notice naming Global Research"),
        (41, 1, "Copyright © Russia Today", "copyright notice naming Russia Today"),
    ]
    only = facts(copyrights=(notice(["Kim Lee"], 12),))
    assert evidence("copyright-notice", context(only), include_chain=False) == [
        (12, 1, "Copyright © Kim Lee", "copyright notice naming Kim Lee")
    ]


def test_license_evidence_says_visible_or_metadata() -> None:
    source = publisher(licenses=("CC-BY-ND-4.0",))
    visible = license_fact("CC-BY-ND-4.0", 14, evidence="under a Creative Commons license")
    hidden = license_fact("CC-BY-ND-4.0", 3, visible=False, evidence="license: CC-BY-ND-4.0")
    assert evidence("license-notice", context(facts(licenses=(hidden, visible)), source=source)) == [
        (14, 1, "under a Creative Commons license", "visible licence notice: CC-BY-ND-4.0")
    ]
    assert evidence("license-notice", context(facts(licenses=(hidden,)), source=source), visible=False) == [
        (3, 1, "license: CC-BY-ND-4.0", "licence in metadata: CC-BY-ND-4.0")
    ]


def test_venue_evidence_is_the_site_venue_or_the_permission() -> None:
    assert evidence("venue-permitted", context(facts()), venues=["community"]) == [
        (0, 0, "venue: community", "the site's venue is allowed")
    ]
    granted = facts(permission=permission(5, dt.date(2024, 12, 31)))
    ctx = context(granted, venue=Venue.COMMERCIAL)
    assert evidence("venue-permitted", ctx, venues=["community"]) == [
        (5, 1, "permission: mail-2023-17", "expires 2024-12-31, granted by Jane Editor")
    ]
    assert evidence("permission-current", ctx) == [
        (5, 1, "permission: mail-2023-17", "expires 2024-12-31, granted by Jane Editor")
    ]
    open_ended = context(facts(permission=permission(5, None, granted_by=None)))
    assert evidence("permission-current", open_ended) == [(5, 1, "permission: mail-2023-17", "no expiry")]
    assert evidence("permission-current", context(facts())) == []


def test_no_modification_evidence_when_marked_unmodified() -> None:
    doc = article(["x"], body_line=6, fields=[("modified", False, 4)])
    unmodified = facts(modified=False, modified_location=Location(4, 1))
    assert evidence("no-modification", context(unmodified, doc=doc)) == [
        (4, 1, "modified: False", "marked as unmodified")
    ]
    assert evidence("no-modification", context(facts())) == []


def test_upstream_evidence_points_to_the_crediting_line_and_the_known_policy() -> None:
    provenance = facts(chain=CHAIN, claims=(claim("Russia Today", 39),))
    ctx = context(provenance, source=GLOBAL_RESEARCH, known=["Russia Today"])
    assert evidence("upstream-credited", ctx) == [
        (
            39,
            1,
            "The original source of this article is Russia Today",
            "visible credit naming upstream source Russia Today",
        )
    ]
    assert evidence("upstream-terms-known", ctx) == [
        (2, 1, "publisher: Russia Today", "Russia Today has a known republication policy")
    ]
