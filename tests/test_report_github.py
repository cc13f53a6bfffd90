"""GitHub Actions workflow commands: golden output, escaping, and most-severe-first order."""

from __future__ import annotations

import pytest
from format_samples import OPTIONS, SUPPRESSED_REPORT
from sample_report import EMPTY_REPORT, FINDINGS, assert_golden

from provenance.model import Report, Severity
from provenance.report import FORMATTERS
from provenance.report.github import annotation, escape_data, escape_property, render


def test_registered() -> None:
    assert FORMATTERS["github"] is render


def test_golden() -> None:
    assert_golden("report.github.txt", render(SUPPRESSED_REPORT, OPTIONS))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100% sure", "100%25 sure"),
        ("a\r\nb\nc\rd", "a%0D%0Ab%0Ac%0Dd"),
        ("%0A is literal", "%250A is literal"),
        ("a: b, c", "a: b, c"),  # ':' and ',' stay in messages
        ("::error::injected", "::error::injected"),  # harmless: it cannot start a line
        ("\x1b[31mred", "\\x1b[31mred"),  # no terminal styling in the log
    ],
)
def test_escape_data(text: str, expected: str) -> None:
    assert escape_data(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a,b:c", "a%2Cb%3Ac"),
        ("50%\n", "50%25%0A"),
        ("GR-LINK (link-placeholder)", "GR-LINK (link-placeholder)"),
    ],
)
def test_escape_property(text: str, expected: str) -> None:
    assert escape_property(text) == expected


def test_annotation_of_one_finding() -> None:
    link = next(f for f in FINDINGS if f.rule == "GR-LINK")
    assert annotation(link) == (
        "::error file=content/2009/nato-russia.md,line=41,col=33,title=GR-LINK (link-to-original-placeholder)"
        "::The link to the original article is a placeholder%0A| [Russia Today](#)"
        "%0Afix: Link the credit to the article's URL on rt.com"
    )


def test_a_path_with_a_comma_and_a_multiline_finding_stay_on_one_line() -> None:
    finding = FINDINGS[0]._replace(path="a, b:c.md", message="one\ntwo", severity=Severity.INFO)
    line = annotation(finding)
    assert line == (
        "::notice file=a%2C b%3Ac.md,line=44,col=1,title=GR-COPYRIGHT (copyright-notice-missing)::one%0Atwo"
    )
    assert "\n" not in line


def test_most_severe_first_then_file_order_and_info_as_notice() -> None:
    lines = render(SUPPRESSED_REPORT, OPTIONS).splitlines()
    commands = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert commands == ["::error", "::error", "::error", "::warning", "::notice"]
    assert [line.split("title=", 1)[1].split(" ", 1)[0] for line in lines[:-1]] == [
        "GR-CREDIT",
        "GR-LINK",
        "CORE-UNREADABLE",
        "GR-COPYRIGHT",
        "UNK-SOURCE",
    ]


def test_more_than_ten_errors_come_before_every_warning() -> None:
    warning = FINDINGS[0]._replace(path="a.md", line=1)
    errors = [FINDINGS[1]._replace(path="z.md", line=n) for n in range(1, 13)]
    lines = render(Report((warning, *errors), (), "0.1.0"), OPTIONS).splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == ["::error"] * 12 + ["::warning"]


def test_suppressed_findings_are_not_annotated_but_counted() -> None:
    output = render(SUPPRESSED_REPORT, OPTIONS)
    assert "line=46" not in output
    assert "archived" not in output
    assert (
        output.splitlines()[-1]
        == "provenance: 4 files (2 republished): 3 errors, 1 warning, 1 info; 2 suppressed"
    )


def test_empty_report() -> None:
    assert render(EMPTY_REPORT, OPTIONS) == "provenance: 1 file (0 republished): no findings\n"
