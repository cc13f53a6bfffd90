"""JUnit XML: golden output, well-formed XML, and the structure CI test-report parsers read."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from format_samples import OPTIONS, SUPPRESSED_REPORT
from sample_report import EMPTY_REPORT, assert_golden

from provenance.model import Report
from provenance.report import FORMATTERS, RenderOptions
from provenance.report.junit import render
from provenance.report.xml_text import xml_safe


def parsed(report: Report = SUPPRESSED_REPORT) -> ET.Element:
    return ET.fromstring(render(report, OPTIONS).encode("utf-8"))


def test_registered() -> None:
    assert FORMATTERS["junit"] is render


def test_golden() -> None:
    assert_golden("report.junit.xml", render(SUPPRESSED_REPORT, OPTIONS))


def test_declaration_and_root_counts() -> None:
    text = render(SUPPRESSED_REPORT, OPTIONS)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="provenance"')
    root = parsed()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == (
        "7",
        "5",
        "0",
        "2",
    )


def test_one_suite_per_policy_with_its_own_counts() -> None:
    suites = {s.get("name"): s for s in parsed().findall("testsuite")}
    assert list(suites) == ["core", "global-research", "unknown-source"]
    counts = {name: (s.get("tests"), s.get("failures"), s.get("skipped")) for name, s in suites.items()}
    assert counts == {
        "core": ("1", "1", "0"),
        "global-research": ("4", "3", "1"),
        "unknown-source": ("2", "1", "1"),
    }
    names = suites["global-research"].findall("properties/property")
    assert [(p.get("name"), p.get("value")) for p in names] == [("policy-name", "Global Research")]


def test_a_testcase_per_finding_with_one_failure() -> None:
    cases = parsed().findall("testsuite[@name='global-research']/testcase")
    assert [c.get("name") for c in cases] == [
        "content/2009/nato-russia.md:41:33 GR-CREDIT",
        "content/2009/nato-russia.md:41:33 GR-LINK",
        "content/2009/nato-russia.md:44:1 GR-COPYRIGHT",
        "content/2009/nato-russia.md:46:14 GR-LINK",
    ]
    link = cases[1]
    assert (link.get("classname"), link.get("file"), link.get("line")) == (
        "global-research",
        "content/2009/nato-russia.md",
        "41",
    )
    (failure,) = link.findall("failure")
    assert failure.get("type") == "link-to-original-placeholder"
    assert failure.get("message") == "The link to the original article is a placeholder"
    assert failure.text == (
        "error [GR-LINK] The link to the original article is a placeholder\n"
        "at content/2009/nato-russia.md:41:33\n\n[Russia Today](#)\n\n"
        "fix: Link the credit to the article's URL on rt.com\n"
    )


def test_suppressed_finding_is_skipped_with_its_reason() -> None:
    case = parsed().find("testsuite[@name='global-research']/testcase[@line='46']")
    assert case is not None
    assert case.find("failure") is None
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("message") == (
        "suppressed (inline, content/2009/nato-russia.md:45): "
        'link restored in print edition | see "notes" <b>'
    )


def test_articles_without_findings_pass() -> None:
    report = Report(SUPPRESSED_REPORT.findings[:1], SUPPRESSED_REPORT.articles, "0.1.0")
    suites = {s.get("name"): s for s in parsed(report).findall("testsuite")}
    cases = suites["unknown-source"].findall("testcase")
    assert [(c.get("name"), list(c)) for c in cases] == [("content/2010/blog.html", [])]


def test_control_characters_do_not_break_the_xml() -> None:
    case = parsed().find("testsuite[@name='core']/testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    assert "author: \\x1b[31mX" in failure.text
    assert xml_safe("a\x00b\x1fc\td\ne\uffff") == "a\\x00b\\x1fc\td\ne\\uffff"


def test_empty_report_is_an_empty_but_valid_document() -> None:
    root = ET.fromstring(render(EMPTY_REPORT, RenderOptions()))
    assert (root.get("tests"), root.get("failures")) == ("0", "0")
    assert root.findall("testsuite") == []
