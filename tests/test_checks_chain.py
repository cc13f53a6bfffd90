"""upstream-credited, upstream-terms-known, unknown-source."""

from __future__ import annotations

from check_builders import GLOBAL_RESEARCH, article, claim, context, credit, facts, hop, notice, run, where

from provenance.extract.facts import ClaimKind

CHAIN = (hop("Russia Today", 2, evidence="- publisher: Russia Today"), hop("Global Research", 4))


def test_upstream_credited_by_visible_claim_passes() -> None:
    provenance = facts(chain=CHAIN, claims=(claim("Russia Today", 39),))
    assert run("upstream-credited", context(provenance, source=GLOBAL_RESEARCH)) == []


def test_upstream_credited_by_visible_copyright_holder_passes() -> None:
    provenance = facts(chain=CHAIN, copyrights=(notice(["Global Research", "Russia Today"], 40),))
    assert run("upstream-credited", context(provenance, source=GLOBAL_RESEARCH)) == []


def test_upstream_credited_only_in_metadata_fails_at_the_hop() -> None:
    provenance = facts(
        chain=CHAIN,
        credits=(credit("Global Research", 20), credit("Russia Today", 3, visible=False)),
        claims=(claim("Russia Today", 3, kind=ClaimKind.METADATA),),
    )
    found = run(
        "upstream-credited", context(provenance, doc=article(["x"], body_line=8), source=GLOBAL_RESEARCH)
    )
    assert where(found) == [(2, 1, None, "- publisher: Russia Today")]
    assert found[0].message == (
        "The article came via Global Research from Russia Today, "
        "but Russia Today is not credited where readers see it"
    )


def test_upstream_terms_known() -> None:
    provenance = facts(chain=CHAIN)
    assert (
        run("upstream-terms-known", context(provenance, source=GLOBAL_RESEARCH, known=["russia today"])) == []
    )
    found = run(
        "upstream-terms-known", context(provenance, source=GLOBAL_RESEARCH, known=["Global Research"])
    )
    assert where(found) == [(2, 1, None, "- publisher: Russia Today")]
    assert found[0].message.startswith("The republishing terms of upstream source Russia Today are unknown")


def test_upstream_terms_one_finding_per_name() -> None:
    provenance = facts(
        chain=(hop("Russia Today", 2), hop("russia today", 3), hop(None, 4), hop("Global Research", 5))
    )
    found = run("upstream-terms-known", context(provenance, source=GLOBAL_RESEARCH))
    assert [v.location.line for v in found] == [2]


def test_unknown_source_names_the_direct_source_at_its_claim() -> None:
    provenance = facts(
        chain=(hop("Origin Mag", 2), hop("Reddit Github Copilot", 3)),
        claims=(
            claim("Reddit Github Copilot", 3, kind=ClaimKind.METADATA),
            claim("Reddit Github Copilot", 21, kind=ClaimKind.APPEARED_FIRST, evidence="appeared first on X"),
        ),
    )
    found = run("unknown-source", context(provenance))
    assert where(found) == [(21, 1, None, "appeared first on X")]
    assert found[0].message == "Republished from Reddit Github Copilot, whose republishing terms are unknown"


def test_unknown_source_falls_back_to_the_claimed_host() -> None:
    url = "https://www.example.com/post/1"
    provenance = facts(claims=(claim(None, 30, kind=ClaimKind.VIA, url=url, evidence=f"via: {url}"),))
    found = run("unknown-source", context(provenance))
    assert where(found) == [(30, 1, None, f"via: {url}")]
    assert found[0].message == "Republished from example.com, whose republishing terms are unknown"


def test_unknown_source_unnamed_and_original_articles() -> None:
    found = run("unknown-source", context(facts(), doc=article(["x"], body_line=5)))
    assert where(found) == [(5, 1, None, "republished, but no source is named")]
    assert found[0].message == "Republished from an unnamed source"
    assert run("unknown-source", context(facts(republished=False))) == []


def test_upstream_terms_without_publisher_skip_the_direct_source() -> None:
    provenance = facts(chain=(hop("Origin Mag", 2), hop("Opensource.com", 3)))
    found = run("upstream-terms-known", context(provenance))
    assert where(found) == [(2, 1, None, "publisher: Origin Mag")]
    assert found[0].message == (
        "The republishing terms of upstream source Origin Mag are unknown; "
        "the direct source's permission may not cover Origin Mag's text"
    )
