"""source-credited, author-credited, credit-line, source-consistent."""

from __future__ import annotations

from check_builders import GLOBAL_RESEARCH, article, claim, context, credit, facts, notice, run, where

from provenance.extract.facts import ClaimKind


def test_publisher_credited_in_visible_credit_passes() -> None:
    ctx = context(facts(credits=(credit("Global Research", 5),)), source=GLOBAL_RESEARCH)
    assert run("source-credited", ctx) == []


def test_publisher_credited_in_visible_copyright_notice_passes() -> None:
    ctx = context(facts(copyrights=(notice(["Global Research"], 40, 2009),)), source=GLOBAL_RESEARCH)
    assert run("source-credited", ctx) == []


def test_publisher_named_only_in_metadata_fails_and_says_so() -> None:
    provenance = facts(
        claims=(
            claim("Russia Today", 30),
            claim("Global Research", 3, kind=ClaimKind.METADATA, evidence="source: Global Research"),
        ),
        credits=(credit("Global Research", 4, visible=False, evidence="author: Global Research"),),
        copyrights=(notice(["Global Research"], 2),),  # front matter, above the body
    )
    found = run(
        "source-credited", context(provenance, doc=article(["x"], body_line=8), source=GLOBAL_RESEARCH)
    )
    assert where(found) == [(30, 1, None, "source: Global Research")]
    assert (
        found[0].message
        == "Global Research is not credited where readers can see it (it is named only in metadata)"
    )
    assert (
        found[0].fix
        == 'Add a visible credit line naming Global Research, e.g. "Originally published by Global Research".'
    )


def test_publisher_absent_reports_what_was_looked_at() -> None:
    provenance = facts(claims=(claim("Russia Today", 30),))
    found = run("source-credited", context(provenance, source=GLOBAL_RESEARCH))
    assert where(found) == [
        (
            30,
            1,
            None,
            "visible attribution: Russia Today | The original source of this article is Russia Today",
        )
    ]


def test_without_publisher_any_named_visible_claim_passes() -> None:
    assert run("source-credited", context(facts(claims=(claim("Opensource.com", 12),)))) == []


def test_without_publisher_metadata_claim_is_not_enough() -> None:
    provenance = facts(claims=(claim("TechHub", 3, kind=ClaimKind.METADATA, evidence="feed_name: TechHub"),))
    found = run("source-credited", context(provenance, doc=article(["x"], body_line=7)))
    assert where(found) == [(7, 1, None, "no visible credit, source line or copyright notice")]


def test_author_credited_in_metadata_passes_unless_visible_required() -> None:
    provenance = facts(
        authors=(credit("Jane Doe", 3, role="author", visible=False, evidence="author: Jane Doe"),)
    )
    ctx = context(provenance, doc=article(["x"], body_line=6), source=GLOBAL_RESEARCH)
    assert run("author-credited", ctx) == []
    found = run("author-credited", ctx, visible=True)
    assert where(found) == [(6, 1, None, "author: Jane Doe")]
    assert found[0].message == (
        "The author of the Global Research article is credited only in metadata, not where readers see it"
    )


def test_author_missing() -> None:
    found = run("author-credited", context(facts(claims=(claim("x", 9),))))
    assert where(found) == [(9, 1, None, "no byline or author field")]
    assert found[0].message == "The author of the original article is not credited"
    assert found[0].fix == 'Add a byline naming the original author, e.g. "By <author>".'


def test_visible_author_passes_visible_requirement() -> None:
    provenance = facts(authors=(credit("Jane Doe", 12, role="author"),))
    assert run("author-credited", context(provenance), visible=True) == []


def test_credit_line_matches_case_insensitively_on_visible_lines() -> None:
    doc = article(
        ["Body.", "This article was ORIGINALLY PUBLISHED by [ProPublica](https://propublica.org/x)."]
    )
    ctx = context(facts(), doc=doc)
    assert run("credit-line", ctx, pattern=r"originally published by propublica", example="x") == []


def test_credit_line_mismatch_at_the_existing_credit() -> None:
    doc = article(["Body.", "", "Source: ProPublica"])
    provenance = facts(credits=(credit("ProPublica", 3, evidence="Source: ProPublica"),))
    example = "This story was originally published by ProPublica."
    found = run(
        "credit-line",
        context(provenance, doc=doc),
        pattern=r"originally published by propublica",
        example=example,
    )
    assert where(found) == [(3, 1, None, "Source: ProPublica")]
    assert found[0].fix == f"Write the credit line as: {example}"


def test_credit_line_ignores_front_matter_only_credit() -> None:
    doc = article(["Body."], body_line=5)
    found = run("credit-line", context(facts(), doc=doc), pattern="by propublica", example="By ProPublica")
    assert where(found) == [(5, 1, None, "no visible credit line")]


def test_source_consistent_techhub_defect() -> None:
    provenance = facts(
        claims=(
            claim("TechHub", 4, kind=ClaimKind.METADATA, evidence="feed_name: TechHub"),
            claim(
                "Reddit Github Copilot",
                21,
                kind=ClaimKind.APPEARED_FIRST,
                evidence='This post appeared first on "Reddit Github Copilot".',
            ),
        )
    )
    found = run("source-consistent", context(provenance))
    assert where(found) == [(21, 1, None, 'This post appeared first on "Reddit Github Copilot".')]
    assert (
        found[0].message
        == 'The visible credit names "Reddit Github Copilot" but the metadata names "TechHub" as the source'
    )


def test_source_consistent_ignores_case_quotes_and_punctuation() -> None:
    provenance = facts(
        claims=(
            claim("Microsoft DevBlogs", 4, kind=ClaimKind.METADATA),
            claim('"microsoft devblogs."', 21, kind=ClaimKind.APPEARED_FIRST),
        )
    )
    assert run("source-consistent", context(provenance)) == []


def test_source_consistent_needs_both_names() -> None:
    provenance = facts(claims=(claim("TechHub", 4, kind=ClaimKind.METADATA),))
    assert run("source-consistent", context(provenance)) == []
