"""LinkFacts: placeholder classification, host, and Hugo templates resolved from front matter."""

from __future__ import annotations

import pytest
from extract_builder import make_article

from provenance.extract import extract
from provenance.extract.links import host_of, is_placeholder, link_fact, resolve
from provenance.model import Link, Location


@pytest.mark.parametrize(
    ("target", "placeholder"),
    [
        ("", True),
        ("  ", True),
        ("#", True),
        ("#!", True),
        ("javascript:void(0)", True),
        ("JavaScript:alert(1)", True),
        ("about:blank", True),
        ("{{% param canonical_url %}}", True),
        ("{% post_url x %}", True),
        ("https://example.org/p/YOUR-POST-ID", True),
        ("#section-2", False),
        ("/docs/contributing/", False),
        ("https://www.globalresearch.ca/x/5000000", False),
        ("mailto:publications@globalresearch.ca", False),
    ],
)
def test_placeholder_table(target: str, placeholder: bool) -> None:
    assert is_placeholder(target) is placeholder


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.GlobalResearch.ca/x/1", "globalresearch.ca"),
        ("http://news.softpedia.com/news/x", "news.softpedia.com"),
        ("//cdn.example.org/a.js", "cdn.example.org"),
        ("https://user@www.example.org:8080/x", "example.org"),
        ("/docs/", None),
        ("#", None),
        ("mailto:a@b.c", None),
        ("https://[broken", None),
    ],
)
def test_host_table(url: str, host: str | None) -> None:
    assert host_of(url) == host


META = {
    "canonical_url": "https://newrelic.com/blog/x",
    "params": {"original": "https://example.org/o"},
    "Count": 3,
    "tags": ["a"],
}


@pytest.mark.parametrize(
    ("target", "resolved"),
    [
        ("{{% param canonical_url %}}", "https://newrelic.com/blog/x"),
        ('{{< param "canonical_url" >}}', "https://newrelic.com/blog/x"),
        ("{{ .Params.canonical_url }}", "https://newrelic.com/blog/x"),
        ("{{ .Page.Params.canonical_url }}", "https://newrelic.com/blog/x"),
        ("{{% param params.original %}}", "https://example.org/o"),
        ("{{% param CANONICAL_URL %}}", "https://newrelic.com/blog/x"),
        ("%7B%7B%25%20param%20canonical_url%20%25%7D%7D", "https://newrelic.com/blog/x"),
        ("{{% param crosspost_url %}}", "{{% param crosspost_url %}}"),
        ("{{% param tags %}}", "{{% param tags %}}"),
        ("https://plain.example/x", "https://plain.example/x"),
    ],
)
def test_template_resolution(target: str, resolved: str) -> None:
    assert resolve(target, META) == resolved


def test_link_fact_of_unresolved_template_is_placeholder_without_host() -> None:
    link = Link(
        "originally posted",
        "{{% param crosspost_url %}}",
        Location(9, 3),
        "[originally posted][]",
        "reference",
    )
    fact = link_fact(link, {"canonical_url": "https://a.example/x"})
    assert (fact.target, fact.placeholder, fact.host) == ("{{% param crosspost_url %}}", True, None)
    resolved = link_fact(link, {"crosspost_url": "https://www.cncf.io/blog/x/"})
    assert (resolved.target, resolved.placeholder, resolved.host) == (
        "https://www.cncf.io/blog/x/",
        False,
        "cncf.io",
    )
    assert resolved.link is link


def test_every_document_link_becomes_a_link_fact_for_republished_articles() -> None:
    body = [
        "See [docs](/docs/) and [demo](#).",
        "_A version of this article was [originally posted][] on the Aspecto blog._",
    ]
    article = make_article(
        body,
        {"canonical_url": "https://www.aspecto.io/blog/x"},
        refs={"originally posted": "<{{% param canonical_url %}}>".strip("<>")},
    )
    facts = extract(article)
    assert [(f.link.text, f.target, f.placeholder, f.host, f.link.location.line) for f in facts.links] == [
        ("docs", "/docs/", False, None, 1),
        ("demo", "#", True, None, 1),
        ("originally posted", "https://www.aspecto.io/blog/x", False, "aspecto.io", 2),
    ]
