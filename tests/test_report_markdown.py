"""Markdown summary: golden output, escaping of content, headline counts and the suppressed section."""

from __future__ import annotations

import re

import pytest
from format_samples import OPTIONS, SUPPRESSED_REPORT
from sample_report import EMPTY_REPORT, FINDINGS, SAMPLE_REPORT, assert_golden

from provenance.model import Report
from provenance.report import FORMATTERS
from provenance.report.markdown import escape, headline, render


def test_registered() -> None:
    assert FORMATTERS["markdown"] is render


def test_golden() -> None:
    assert_golden("report.md", render(SUPPRESSED_REPORT, OPTIONS))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("*bold* _em_ `code` ~~del~~", "\\*bold\\* \\_em\\_ \\`code\\` \\~\\~del\\~\\~"),
        ("[Russia Today](#)", "\\[Russia Today\\](\\#)"),
        ('<script>alert("x")</script> & more', '&lt;script&gt;alert("x")&lt;/script&gt; &amp; more'),
        ("ping @someone about #12", "ping \\@someone about \\#12"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\r\nthree", "two<br>lines<br>three"),
        ("\x1b[31m", "\\\\x1b\\[31m"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_headline() -> None:
    assert (
        headline(SUPPRESSED_REPORT)
        == "**3 errors**, 1 warning, 1 info in 4 files (2 republished); 2 suppressed."
    )
    assert headline(EMPTY_REPORT) == "No findings in 1 file (0 republished)."
    warnings_only = Report((FINDINGS[0],), SAMPLE_REPORT.articles, "0.1.0")
    assert headline(warnings_only) == "1 warning in 4 files (2 republished)."


def test_table_groups_findings_by_file() -> None:
    rows = [line for line in render(SUPPRESSED_REPORT, OPTIONS).splitlines() if line.startswith("| ")]
    assert rows[:7] == [
        "| File | Line | Severity | Rule | Finding |",
        "| --- | ---: | --- | --- | --- |",
        "| content/2009/nato-russia.md | 41 | error | GR-CREDIT | "
        "Global Research is not credited as the source |",
        "|  | 41 | error | GR-LINK | The link to the original article is a placeholder |",
        "|  | 44 | warning | GR-COPYRIGHT | No copyright notice naming the author |",
        "| content/2010/blog.html | 12 | info | UNK-SOURCE | Republished from a source with no known policy: "
        "Example Times |",
        "| content/переводы/статья.md | 3 | error | CORE-UNREADABLE | "
        "Front matter is not valid YAML: mapping values are not allowed here |",
    ]


def test_suppressed_findings_in_a_collapsed_section_with_reasons() -> None:
    text = render(SUPPRESSED_REPORT, OPTIONS)
    section = text[text.index("<details>") :]
    assert section.splitlines()[:6] == [
        "<details><summary>2 suppressed findings</summary>",
        "",
        "| File | Line | Rule | Reason | Recorded in |",
        "| --- | ---: | --- | --- | --- |",
        "| content/2009/nato-russia.md | 46 | GR-LINK | "
        'link restored in print edition \\| see "notes" &lt;b&gt; (until 2026-12-31) | '
        "inline: content/2009/nato-russia.md:45 |",
        "| content/2010/old, archived.html | 3 | UNK-SOURCE | in the baseline | "
        "baseline: .provenance-baseline.json |",
    ]
    assert section.endswith("</details>\n")


def test_a_pipe_in_a_message_does_not_add_a_column() -> None:
    finding = FINDINGS[1]._replace(message="a | b | c")
    row = render(Report((finding,), (), "0.1.0"), OPTIONS).splitlines()[-1]
    assert row.replace("\\|", "").count("|") == 6


def test_empty_report() -> None:
    assert render(EMPTY_REPORT, OPTIONS) == "## provenance\n\nNo findings in 1 file (0 republished).\n"


def test_renders_as_tables_with_a_fixed_number_of_cells_and_no_markup_from_content() -> None:
    from markdown_it import MarkdownIt

    hostile = FINDINGS[1]._replace(message="x | <img src=x onerror=alert(1)> *y* [z](http://e.x) `c`")
    report = Report((hostile, *SUPPRESSED_REPORT.findings), SUPPRESSED_REPORT.articles, "0.1.0")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(render(report, OPTIONS))
    rows = html.split("<tr>")[1:]
    assert len(rows) == 2 + 6 + 2  # two header rows, six active findings, two suppressed
    assert all(len(re.findall(r"<t[dh][ >]", row)) == 5 for row in rows)
    assert "<img" not in html and "<em>" not in html and "<a href" not in html and "<code>" not in html
