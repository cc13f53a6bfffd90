"""Integration: real files from the shared corpora and the seed, read through the readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.extract import ExtractOptions, extract
from provenance.extract.facts import ClaimKind, Provenance
from provenance.model import Article
from provenance.readers import read_bytes

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = SHARED / "corpora"
pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="shared corpora not available")

TECHHUB = "techhubms_techhub/collections"
LCTT = "LCTT_TranslateProject/published"
OTEL = "open-telemetry_opentelemetry.io/content"
K = ClaimKind


def read(relative: str) -> Article:
    path = CORPORA / relative
    return read_bytes(relative, path.read_bytes())


def facts_of(relative: str, site: str = "") -> Provenance:
    return extract(read(relative), ExtractOptions(frozenset({site}) if site else frozenset()))


def claims(facts: Provenance) -> list[tuple[ClaimKind, str | None, str | None, int]]:
    return [(c.kind, c.name, c.url, c.location.line) for c in facts.claims]


def test_techhub_external_url_feed_name_and_appeared_first_line() -> None:
    facts = facts_of(
        f"{TECHHUB}/_blogs/2024-08-20-Enhancing-Htmx-Confirmation-Dialogs-with-SweetAlert-for-Better-UX.md"
    )
    url = "https://khalidabuhakmeh.com/confirmation-dialogs-with-htmx-and-sweetalert"
    assert claims(facts) == [
        (K.METADATA, "Khalid Abuhakmeh's Blog", url, 2),
        (K.APPEARED_FIRST, "Khalid Abuhakmeh's Blog", url, 137),
    ]
    assert [(h.name, h.url) for h in facts.chain] == [("Khalid Abuhakmeh's Blog", url)]
    assert [(a.name, a.visible, a.location.line) for a in facts.authors] == [
        ("Khalid Abuhakmeh", False, 4),
        ("Khalid Abuhakmeh", True, 28),  # "*By Khalid Abuhakmeh*"
    ]
    assert facts.original_url is not None and facts.original_url.key == "external_url"


def test_techhub_feed_name_differs_from_the_credited_source() -> None:
    facts = facts_of(f"{TECHHUB}/_community/2025-07-09-checkbox-symbols-bug-in-vscode-copilot-agent-mode.md")
    assert [(c.kind, c.name, c.location.line) for c in facts.claims] == [
        (K.METADATA, "TechHub", 2),
        (K.APPEARED_FIRST, "Reddit Github Copilot", 27),
    ]


def test_techhub_roundup_with_relative_external_url_is_own_content_and_not_parsed() -> None:
    article = read(f"{TECHHUB}/_roundups/2025-07-21-Weekly-AI-and-Tech-News-Roundup-2025-07-21.md")
    facts = extract(article)
    assert facts.republished is False and facts.claims == ()
    assert "document" not in article.__dict__


def test_lctt_header_and_footer_via_and_translation_notice() -> None:
    facts = facts_of(f"{LCTT}/202205/20180523 Creating random, secure passwords in Go.md")
    url = "https://opensource.com/article/18/5/creating-random-secure-passwords-go"
    assert claims(facts) == [(K.VIA, None, url, 2), (K.VIA, None, url, 106), (K.TRANSLATED, None, None, 113)]
    assert [(h.name, h.url) for h in facts.chain] == [(None, url)]
    assert ("Mihalis Tsoukalos", True, 108) in [(a.name, a.visible, a.location.line) for a in facts.authors]


def test_lctt_source_line_and_via_line() -> None:
    facts = facts_of(f"{LCTT}/201508/20150818 Linux Without Limits--IBM Launch LinuxONE Mainframes.md")
    assert claims(facts)[:2] == [
        (
            K.VIA,
            "Reuters (h/t @popey)",
            "http://www.reuters.com/article/2015/08/17/us-ibm-linuxone-idUSKCN0QM09P20150817",
            38,
        ),
        (K.VIA, None, "http://www.omgubuntu.co.uk/2015/08/ibm-linuxone-mainframe-ubuntu-partnership", 42),
    ]


def test_lctt_empty_header_template_is_ignored() -> None:
    facts = facts_of(f"{LCTT}/202112/20210909 Find files and directories on Linux with the find command.md")
    url = "https://opensource.com/article/21/9/linux-find-command"
    assert [(c.kind, c.url, c.location.line) for c in facts.claims if c.kind is K.VIA] == [
        (K.VIA, url, 2),
        (K.VIA, url, 143),
    ]


def test_otel_canonical_and_originally_posted_across_lines() -> None:
    facts = facts_of(f"{OTEL}/en/blog/2025/mainframe-survey/index.md", site="opentelemetry.io")
    url = "https://openmainframeproject.org/blog/exploring-opentelemetry-priorities-for-mainframes-insights-from-survey-responses/"
    assert claims(facts) == [
        (K.CANONICAL, None, url, 8),
        (K.ORIGINALLY_PUBLISHED, "Open Mainframe Project", url, 341),
    ]
    (posted,) = [f for f in facts.links if f.link.text == "originally posted" and f.link.kind == "reference"]
    assert (posted.target, posted.placeholder, posted.host) == (url, False, "openmainframeproject.org")
    assert [(h.name, h.url) for h in facts.chain] == [("Open Mainframe Project", url)]
    assert [a.name for a in facts.authors] == ["Ruediger Schulze"]


def test_otel_sentence_whose_trigger_starts_on_the_second_line() -> None:
    facts = facts_of(f"{OTEL}/en/blog/2024/otel-errors/index.md", site="opentelemetry.io")
    body = [c for c in facts.claims if c.kind is K.ORIGINALLY_PUBLISHED]
    assert [(c.name, c.url, c.location.line) for c in body] == [
        ("New Relic", "https://newrelic.com/blog/how-to-relic/dude-wheres-my-error", 287)
    ]


def test_otel_japanese_notice() -> None:
    facts = facts_of(f"{OTEL}/ja/blog/2022/troubleshooting-nodejs.md", site="opentelemetry.io")
    url = "https://www.aspecto.io/blog/checklist-for-troubleshooting-opentelemetry-nodejs-tracing-issues"
    assert claims(facts) == [(K.CANONICAL, None, url, 5), (K.ORIGINALLY_PUBLISHED, "Aspecto", url, 333)]


@pytest.mark.parametrize(
    "relative",
    [f"{OTEL}/en/blog/2024/year-in-review.md", f"{OTEL}/en/blog/2022/kubecon-na.md"],
)
def test_otel_own_posts_and_crossposts_are_not_republished(relative: str) -> None:
    article = read(relative)
    facts = extract(article, ExtractOptions(frozenset({"opentelemetry.io"})))
    assert facts.republished is False
    assert "document" not in article.__dict__


def test_seed_through_the_text_reader() -> None:
    data = (SHARED / "seed" / "global-research-2009-nato-russia.txt").read_bytes()
    facts = extract(read_bytes("seed/global-research-2009-nato-russia.txt", data))
    assert claims(facts) == [(K.ORIGINAL_SOURCE, "Russia Today", None, 39)]
    assert [(h.name, h.url) for h in facts.chain] == [("Russia Today", None)]
    assert [(n.holders, n.year, n.location.line) for n in facts.copyrights] == [
        (("Global Research", "Russia Today"), 2009, 40)
    ]
    assert [(c.name, c.role, c.location.line) for c in facts.credits] == [
        ("Global Research", "author", 5),
        ("Russia Today", "source", 39),
        ("Global Research", "copyright-holder", 40),
        ("Russia Today", "copyright-holder", 40),
    ]
    assert all(f.placeholder for f in facts.links) and len(facts.links) == 10


def test_every_corpus_file_extracts_without_error() -> None:
    count = 0
    for path in sorted(CORPORA.rglob("*.md")):
        extract(read_bytes(path.name, path.read_bytes()))
        count += 1
    assert count > 250


def test_html_page_through_the_html_reader() -> None:
    data = (Path(__file__).parent / "fixtures" / "extract" / "republished.html").read_bytes()
    facts = extract(read_bytes("site/officials-knew.html", data))
    url = "https://www.propublica.org/article/officials-knew"
    assert claims(facts) == [
        (K.HTML_META, None, url, 7),
        (K.CANONICAL, None, url, 10),
        (K.JSONLD, "ProPublica", url, 12),
        (K.ORIGINALLY_PUBLISHED, "ProPublica", url, 21),
    ]
    assert [(h.name, h.url) for h in facts.chain] == [("ProPublica", url)]
    assert [(f.spdx, f.origin, f.visible, f.url) for f in facts.licenses] == [
        ("CC-BY-NC-ND-3.0", "html-link", False, "https://creativecommons.org/licenses/by-nc-nd/3.0/us/"),
        ("CC-BY-NC-ND-3.0", "html-link", True, "https://creativecommons.org/licenses/by-nc-nd/3.0/us/"),
    ]
    assert [(n.holders, n.year, n.location.line) for n in facts.copyrights] == [
        (("Pro Publica Inc",), 2023, 8)
    ]
    assert [(a.name, a.visible, a.location.line) for a in facts.authors] == [
        ("Jane Doe", False, 6),
        ("Jane Doe", True, 20),
        ("ProPublica", True, 20),
    ]
    assert facts.noindex is True
    assert [e.src for e in facts.embeds] == ["http://pixel.propublica.org/pixel.gif"]
