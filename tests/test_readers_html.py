"""HTML pages: head metadata, JSON-LD, main-content links and text, embeds."""

from __future__ import annotations

from pathlib import Path

from provenance.model import Category, Embed, Format, Link, Location
from provenance.readers import read_bytes, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
RT = "https://www.rt.com/news/nato"


def test_head_fields_with_locations() -> None:
    article = read_file(FIXTURES / "page.html", "site/page.html")
    assert article.format is Format.HTML
    assert article.diagnostics == ()
    assert article.metadata == {}
    assert article.body_line == 1
    assert article.body.startswith("<!DOCTYPE html>")
    head = [(f.key, f.value, f.location) for f in article.fields if not f.key.startswith("jsonld:")]
    assert head == [
        ("title", "NATO and Russia rebuild relations", Location(4, 3)),
        ("meta:author", "Russia Today", Location(5, 3)),
        ("meta:og:url", RT, Location(6, 3)),
        ("meta:DC.rights", "© Russia Today 2009", Location(7, 3)),
        ("link:canonical", RT, Location(8, 3)),
        ("link:license", "https://creativecommons.org/licenses/by/4.0/", Location(9, 3)),
    ]


def test_jsonld_objects_and_nested_paths() -> None:
    article = read_file(FIXTURES / "page.html", "page.html")
    (item,) = article.jsonld
    assert item["isBasedOn"]["publisher"]["name"] == "Russia Today"
    jsonld = {f.key: f.value for f in article.fields if f.key.startswith("jsonld:")}
    assert jsonld["jsonld:@type"] == "NewsArticle"
    assert jsonld["jsonld:isBasedOn.url"] == RT
    assert jsonld["jsonld:isBasedOn.publisher.name"] == "Russia Today"
    assert article.field_location("jsonld:isBasedOn.publisher.name") == Location(10, 3)


def test_main_content_links_head_links_and_embeds() -> None:
    document = read_file(FIXTURES / "page.html", "page.html").document
    assert document.links == (
        Link("", RT, Location(8, 3), f'<link rel="canonical" href="{RT}">', "head", ("canonical",)),
        Link(
            "",
            "https://creativecommons.org/licenses/by/4.0/",
            Location(9, 3),
            '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">',
            "head",
            ("license",),
        ),
        Link(
            "Russia Today",
            RT,
            Location(25, 45),
            f'<a href="{RT}" rel="nofollow">Russia\n  Today</a>',
            "html",
            ("nofollow",),
        ),
        Link("Global Research", "#", Location(27, 23), '<a href="#">Global Research</a>', "html"),
    )
    assert document.embeds == (
        Embed(
            "script",
            "https://stats.example.org/counter.js",
            Location(19, 3),
            '<script src="https://stats.example.org/counter.js">',
        ),
        Embed(
            "img",
            "https://pixel.example.org/p.gif",
            Location(28, 3),
            '<img src="https://pixel.example.org/p.gif" width="1" height="1">',
        ),
    )


def test_visible_text_lines_of_the_article_only() -> None:
    document = read_file(FIXTURES / "page.html", "page.html").document
    assert [(line.location, line.text) for line in document.lines] == [
        (Location(24, 7), "Back to dialogue"),
        (Location(25, 6), "The original source of this article is Russia"),
        (Location(26, 3), "Today."),
        (Location(27, 6), "Copyright © Global Research, 2009"),
    ]
    assert [link.text for link in document.lines[1].links] == ["Russia Today"]
    assert [link.text for link in document.lines[3].links] == ["Global Research"]


def test_invalid_jsonld_is_reported_and_the_page_still_read() -> None:
    article = read_file(FIXTURES / "bad_jsonld.html", "bad_jsonld.html")
    (problem,) = article.diagnostics
    assert problem.category is Category.METADATA_INVALID
    assert problem.message == "invalid JSON-LD: Expecting property name enclosed in double quotes"
    assert problem.location == Location(5, 21)
    assert article.jsonld == ({"@type": "Person", "name": "P"}, {"@graph": "not a list"})
    assert article.field_location("meta:author") == Location(2, 1)
    assert article.field_location("jsonld:name") == Location(8, 1)
    (link,) = article.document.links
    assert (link.text, link.target, link.location) == ("x", "https://x.example.org", Location(9, 22))


def test_graph_members_and_body_without_main() -> None:
    page = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
        '[{"@type": "WebPage"}, {"@type": "Article", "author": [{"name": "A"}]}]}</script>\n'
        "<body><p>Hi <a href=https://a.example.org>a</a> <a name=top>no href</a>\n"
        "<a href='https://b.example.org'>unclosed\n"
    )
    article = read_bytes("g.htm", page.encode())
    assert article.jsonld == ({"@type": "WebPage"}, {"@type": "Article", "author": [{"name": "A"}]})
    assert article.field_location("jsonld:author.0.name") == Location(1, 1)
    links = article.document.links
    assert [(link.target, link.location, link.evidence) for link in links] == [
        ("https://a.example.org", Location(2, 13), "<a href=https://a.example.org>a</a>"),
        ("https://b.example.org", Location(3, 1), "<a href='https://b.example.org'>"),
    ]
    assert links[1].text == "unclosed"


def test_long_evidence_is_truncated() -> None:
    page = f'<p><a href="https://x.example.org">{"word " * 100}</a></p>'
    (link,) = read_bytes("t.html", page.encode()).document.links
    assert len(link.evidence) == 200
    assert link.evidence.endswith("…")
