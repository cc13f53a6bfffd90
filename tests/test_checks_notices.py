"""copyright-notice and license-notice."""

from __future__ import annotations

import pytest
from check_builders import (
    GLOBAL_RESEARCH,
    article,
    claim,
    context,
    facts,
    hop,
    license_fact,
    notice,
    publisher,
    run,
    where,
)

from provenance.checks.notices import cc_license_url

MISSING = "license-notice-missing"
MISMATCH = "license-mismatch"
CONVERSATION = publisher(
    names=("The Conversation",), domains=("theconversation.com",), licenses=("CC-BY-ND-4.0",)
)
CHAIN = (hop("Russia Today", 39), hop("Global Research", 5))


def test_copyright_naming_publisher_and_upstream_passes() -> None:
    provenance = facts(chain=CHAIN, copyrights=(notice(["Global Research", "Russia Today"], 40, 2009),))
    assert run("copyright-notice", context(provenance, source=GLOBAL_RESEARCH)) == []


def test_copyright_missing_an_upstream_holder() -> None:
    provenance = facts(chain=CHAIN, copyrights=(notice(["Global Research"], 40, 2009),))
    found = run("copyright-notice", context(provenance, source=GLOBAL_RESEARCH))
    assert where(found) == [(40, 1, None, "Copyright © Global Research, 2009")]
    assert found[0].message == "The copyright notice does not name Russia Today"
    assert (
        found[0].fix
        == 'Add Russia Today to the copyright notice, e.g. "Copyright © Global Research, Russia Today, 2009".'
    )
    assert run("copyright-notice", context(provenance, source=GLOBAL_RESEARCH), include_chain=False) == []


def test_copyright_missing_publisher_and_upstream_gives_one_finding_each() -> None:
    provenance = facts(chain=CHAIN, copyrights=(notice(["Someone Else"], 40),))
    found = run("copyright-notice", context(provenance, source=GLOBAL_RESEARCH))
    assert [v.message for v in found] == [
        "The copyright notice does not name Global Research",
        "The copyright notice does not name Russia Today",
    ]
    assert {v.location.line for v in found} == {40}


def test_no_copyright_notice_at_all() -> None:
    provenance = facts(chain=CHAIN, claims=(claim("Russia Today", 39),))
    found = run("copyright-notice", context(provenance, source=GLOBAL_RESEARCH))
    assert where(found) == [(39, 1, None, "no copyright line or copyright field")]
    assert found[0].message == "No copyright notice; it must name Global Research, Russia Today"
    assert (
        found[0].fix
        == 'Keep the original copyright notice, e.g. "Copyright © Global Research, Russia Today, <year>".'
    )


def test_copyright_holder_matches_whole_words_only() -> None:
    provenance = facts(chain=(hop("RT", 3),), copyrights=(notice(["Courtesy Press"], 9),))
    assert [v.message for v in run("copyright-notice", context(provenance))] == [
        "The copyright notice does not name RT"
    ]


def test_license_visible_and_expected_passes() -> None:
    provenance = facts(licenses=(license_fact("CC-BY-ND-4.0", 30),))
    assert run("license-notice", context(provenance, source=CONVERSATION)) == []


def test_license_unidentified_creative_commons_sentence_passes() -> None:
    sentence = "This article is republished from The Conversation under a Creative Commons license."
    provenance = facts(licenses=(license_fact(None, 30, evidence=sentence),))
    assert run("license-notice", context(provenance, source=CONVERSATION)) == []


def test_license_mismatch_names_both_licences() -> None:
    provenance = facts(licenses=(license_fact("CC-BY-4.0", 3, origin="metadata", visible=False),))
    found = run("license-notice", context(provenance, source=CONVERSATION))
    assert where(found) == [(3, 1, MISMATCH, "license: CC-BY-4.0")]
    assert (
        found[0].message == "The article declares CC-BY-4.0, but The Conversation licenses under CC-BY-ND-4.0"
    )


def test_license_params_override_publisher_licences() -> None:
    provenance = facts(licenses=(license_fact("CC-BY-SA-4.0", 30),))
    assert run("license-notice", context(provenance), licenses=["CC-BY-SA-4.0"]) == []
    found = run("license-notice", context(provenance, source=CONVERSATION), licenses=["CC-BY-4.0"])
    assert where(found) == [(30, 1, MISMATCH, "license: CC-BY-SA-4.0")]


def test_license_only_in_metadata() -> None:
    provenance = facts(licenses=(license_fact("CC-BY-ND-4.0", 4, origin="metadata", visible=False),))
    ctx = context(provenance, source=CONVERSATION)
    found = run("license-notice", ctx)
    assert where(found) == [(4, 1, MISSING, "license: CC-BY-ND-4.0")]
    assert (
        found[0].message
        == "The licence (CC-BY-ND-4.0) is declared only in metadata; readers see no licence notice"
    )
    assert found[0].fix.endswith("linking to https://creativecommons.org/licenses/by-nd/4.0/.")
    assert run("license-notice", ctx, visible=False) == []


def test_license_missing_entirely() -> None:
    found = run("license-notice", context(facts(), doc=article(["x"], body_line=9), source=CONVERSATION))
    assert where(found) == [(9, 1, MISSING, "no licence statement in the body or metadata")]
    assert found[0].message == "No licence notice: The Conversation requires CC-BY-ND-4.0 to be stated"


@pytest.mark.parametrize(
    ("spdx", "url"),
    [
        ("CC-BY-ND-4.0", "https://creativecommons.org/licenses/by-nd/4.0/"),
        ("CC-BY-NC-ND-3.0-US", "https://creativecommons.org/licenses/by-nc-nd/3.0/us/"),
        ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
        ("MIT", None),
        ("CC-4.0", None),
    ],
)
def test_cc_license_url(spdx: str, url: str | None) -> None:
    assert cc_license_url(spdx) == url
