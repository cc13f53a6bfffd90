"""JUnit XML, as CI test reports read it: one testsuite per policy pack.

Inside a policy's suite, each article the policy applies to without a finding is a passing
testcase (``name`` = the path), and each finding is a testcase of its own (``name`` =
``path:line:column RULE``) holding one ``<failure>`` (``type`` = the category) — one failure
per testcase, the shape every common parser (GitLab, Jenkins, Azure, CircleCI) understands.
A suppressed finding is ``<skipped>`` with its reason. No timestamps or durations.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from provenance.model import Finding, Report, finding_order
from provenance.report.options import RenderOptions
from provenance.report.xml_text import xml_safe

SUITES_NAME = "provenance"


def render(report: Report, options: RenderOptions) -> str:
    """The report as a JUnit XML document (UTF-8, with an XML declaration, ending with a newline)."""
    findings = sorted(report.findings, key=finding_order)
    policies = sorted({f.policy for f in findings} | {p for a in report.articles for p in a.policies})
    root = ET.Element("testsuites", name=SUITES_NAME)
    for policy in policies:
        covered = sorted({a.path for a in report.articles if policy in a.policies})
        root.append(_suite(policy, covered, [f for f in findings if f.policy == policy], options))
    _count(root, root.findall("testsuite"))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(policy: str, covered: list[str], findings: list[Finding], options: RenderOptions) -> ET.Element:
    known = options.rules
    names = {known[f.rule].policy_name for f in findings if f.rule in known}
    suite = ET.Element("testsuite", name=xml_safe(policy))
    if len(names) == 1:
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="policy-name", value=names.pop())
    failing_paths = {f.path for f in findings}
    cases = [_passing_case(policy, path) for path in covered if path not in failing_paths]
    cases += [_finding_case(finding) for finding in findings]
    cases.sort(key=lambda case: (case.get("file", ""), _line(case), case.get("name", "")))
    suite.extend(cases)
    _count(suite, [suite])
    return suite


def _passing_case(policy: str, path: str) -> ET.Element:
    return ET.Element("testcase", classname=xml_safe(policy), name=xml_safe(path), file=xml_safe(path))


def _finding_case(finding: Finding) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=xml_safe(finding.policy),
        name=xml_safe(f"{finding.path}:{finding.line}:{finding.column} {finding.rule}"),
        file=xml_safe(finding.path),
        line=str(finding.line),
    )
    if finding.suppression is not None:
        suppression = finding.suppression
        message = f"suppressed ({suppression.kind.value}, {suppression.source}): {suppression.reason}"
        ET.SubElement(case, "skipped", message=xml_safe(message))
        return case
    failure = ET.SubElement(
        case,
        "failure",
        message=xml_safe(finding.message),
        type=finding.category.value,
    )
    failure.text = xml_safe(_failure_text(finding))
    return case


def _failure_text(finding: Finding) -> str:
    lines = [
        f"{finding.severity.value} [{finding.rule}] {finding.message}",
        f"at {finding.path}:{finding.line}:{finding.column}",
    ]
    if finding.evidence:
        lines += ["", finding.evidence.strip("\r\n")]
    if finding.fix:
        lines += ["", f"fix: {finding.fix}"]
    return "\n".join(lines) + "\n"


def _count(element: ET.Element, suites: Iterable[ET.Element]) -> None:
    """Set tests/failures/errors/skipped on `element` from the testcases of `suites`."""
    cases = [case for suite in suites for case in suite.iter("testcase")]
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    element.set("errors", "0")
    element.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))


def _line(case: ET.Element) -> int:
    return int(case.get("line", "0"))
