"""The text formatter: golden output with and without colour, and its exact line shapes."""

from __future__ import annotations

import re

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sample_report import ARTICLES, EMPTY_REPORT, SAMPLE_REPORT, assert_golden

from provenance.model import Category, Finding, Report, Severity, finding_order
from provenance.report import FORMATTERS, RenderOptions
from provenance.report.text import render, summary_line


@pytest.mark.parametrize(("color", "golden"), [(False, "report.txt"), (True, "report.color.txt")])
def test_matches_golden(color: bool, golden: str) -> None:
    assert_golden(golden, render(SAMPLE_REPORT, RenderOptions(color=color)))


def test_registered_as_default_text_format() -> None:
    assert FORMATTERS["text"] is render


def test_finding_block_shape() -> None:
    lines = render(SAMPLE_REPORT, RenderOptions()).splitlines()
    assert lines[3] == ""
    assert lines[4:7] == [
        "content/2009/nato-russia.md:41:33: error [GR-LINK]"
        " The link to the original article is a placeholder",
        "    | [Russia Today](#)",
        "    fix: Link the credit to the article's URL on rt.com",
    ]
    assert lines[7] == ""


def test_findings_sorted_by_path_line_column_rule() -> None:
    heads = re.findall(r"^\S+ \w+ \[([A-Z-]+)\]", render(SAMPLE_REPORT, RenderOptions()), re.MULTILINE)
    assert heads == ["GR-CREDIT", "GR-LINK", "GR-COPYRIGHT", "UNK-SOURCE", "CORE-UNREADABLE"]


def test_multi_line_evidence_and_fix_are_indented_and_control_characters_escaped() -> None:
    text = render(SAMPLE_REPORT, RenderOptions())
    assert "    | title: Россия: взгляд\n    | author: \\x1b[31mX\n" in text
    assert '    fix: Quote the title:\n           title: "Россия: взгляд"\n' in text
    assert "\x1b" not in text


def test_no_colour_codes_unless_asked() -> None:
    plain = render(SAMPLE_REPORT, RenderOptions(color=False))
    colored = render(SAMPLE_REPORT, RenderOptions(color=True))
    assert "\x1b[" not in plain
    assert click.unstyle(colored) == plain
    assert "\x1b[31merror\x1b[0m" in colored
    assert "\x1b[33mwarning\x1b[0m" in colored
    assert "\x1b[1mcontent/2010/blog.html:12:7:\x1b[0m info [UNK-SOURCE]" in colored


def test_summary_lines() -> None:
    assert render(EMPTY_REPORT, RenderOptions()) == "1 file (0 republished): no findings\n"
    assert summary_line(SAMPLE_REPORT) == "4 files (2 republished): 3 errors, 1 warning, 1 info"


def test_summary_counts_only_present_severities() -> None:
    warning = Finding(
        rule="GR-X1",
        policy="p",
        category=Category.LINK_PLACEHOLDER,
        severity=Severity.WARNING,
        path="a.md",
        line=1,
        column=1,
        message="m",
    )
    report = Report(findings=(warning, warning), articles=ARTICLES, tool_version="0.1.0")
    assert summary_line(report) == "4 files (2 republished): 2 warnings"
    assert render(report, RenderOptions()).endswith(
        "a.md:1:1: warning [GR-X1] m\n\n4 files (2 republished): 2 warnings\n"
    )


def test_findings_are_ordered_by_place_then_rule_and_message() -> None:
    for finding in SAMPLE_REPORT.findings:
        expected = (finding.path, finding.line, finding.column, finding.rule, finding.message)
        assert finding_order(finding) == finding.sort_key == expected


def test_each_finding_gets_its_own_evidence_and_fix_lines() -> None:
    base = SAMPLE_REPORT.findings[0]
    findings = [
        base._replace(line=line, evidence=evidence, fix=fix)
        for line, (evidence, fix) in enumerate(
            [("a\nb", "x"), ("", "x"), ("a\nb", ""), ("a\nb", "x"), (" ", "y\nz")]
        )
    ]
    report = Report(tuple(findings), ARTICLES, "1.0")
    blocks = render(report, RenderOptions()).split("\n\n")[:-1]
    assert [block.splitlines()[1:] for block in blocks] == [
        ["    | a", "    | b", "    fix: x"],
        ["    fix: x"],
        ["    | a", "    | b"],
        ["    | a", "    | b", "    fix: x"],
        ["    fix: y", "         z"],
    ]


_ODD_TEXTS = (
    "",
    " ",
    "plain",
    "é, © and Россия",
    "esc \x1b[31mred",
    "c1 \x85 and \x9b",
    "tab\tkept",
    "cr\r\nlf\n",
    "trailing  \xa0",
    "undecodable \udce9 byte",
    "line\u2028separator",
    "two\n\nblank",
)


def _copy(text: str) -> str:
    """An equal string that is another object (the memos must not tell them apart)."""
    return "".join(list(text))


_odd_findings = st.builds(
    lambda base, severity, rule, path, line, message, evidence, fix, copy: base._replace(
        severity=severity,
        rule=rule,
        path=_copy(path) if copy else path,
        line=line,
        message=_copy(message) if copy else message,
        evidence=_copy(evidence) if copy else evidence,
        fix=_copy(fix) if copy else fix,
    ),
    st.just(SAMPLE_REPORT.findings[0]),
    st.sampled_from(Severity),
    st.sampled_from(["GR-LINK", "GR-CREDIT"]),
    st.sampled_from(["a.md", "é/b.md", "c\x1bd.md", "é\x85.md", "\udce9.md"]),
    st.integers(1, 3),
    st.sampled_from(_ODD_TEXTS[2:]),
    st.sampled_from(_ODD_TEXTS),
    st.sampled_from(_ODD_TEXTS),
    st.booleans(),
)


@given(st.lists(_odd_findings, max_size=10), st.booleans())
def test_each_block_reads_as_if_its_finding_were_rendered_alone(findings: list[Finding], color: bool) -> None:
    """Texts are cleaned and laid out once per render and shared: never across findings that differ."""
    options = RenderOptions(color=color)
    alone = []
    for finding in sorted(findings, key=finding_order):
        single = Report((finding,), ARTICLES, "1.0")
        alone.append(render(single, options).removesuffix(summary_line(single, color) + "\n"))
    report = Report(tuple(findings), ARTICLES, "1.0")
    assert render(report, options) == "".join(alone) + summary_line(report, color) + "\n"


def test_odd_characters_are_shown_as_before() -> None:
    finding = SAMPLE_REPORT.findings[0]._replace(
        path="é\x1bd.md", message="esc \x1b[31mred, \udce9", evidence="cr\r\nc1 \x85\n", fix="a\u2028b\n"
    )
    text = render(Report((finding, finding._replace(line=45)), ARTICLES, "1.0"), RenderOptions())
    block = (
        "é\\x1bd.md:{}:1: warning [GR-COPYRIGHT] esc \\x1b[31mred, \udce9\n"
        "    | cr\n    | c1 \\x85\n    fix: a\n         b\n"
    )
    assert text.startswith(block.format(44) + "\n" + block.format(45) + "\n")
