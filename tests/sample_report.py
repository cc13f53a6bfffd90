"""A fixed, hand-built report shared by the formatter and CLI tests (given out of order on purpose)."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from provenance.model import ArticleSummary, Category, Finding, Format, Report, Severity, Status
from provenance.report import RenderOptions

FINDINGS = (
    Finding(
        rule="GR-COPYRIGHT",
        policy="global-research",
        category=Category.COPYRIGHT_NOTICE_MISSING,
        severity=Severity.WARNING,
        path="content/2009/nato-russia.md",
        line=44,
        column=1,
        message="No copyright notice naming the author",
        evidence="",
        fix="",
        fingerprint="3c1f0a9e5b7d2c41",
    ),
    Finding(
        rule="GR-LINK",
        policy="global-research",
        category=Category.LINK_TO_ORIGINAL_PLACEHOLDER,
        severity=Severity.ERROR,
        path="content/2009/nato-russia.md",
        line=41,
        column=33,
        message="The link to the original article is a placeholder",
        evidence="[Russia Today](#)",
        fix="Link the credit to the article's URL on rt.com",
        fingerprint="9a0b4c6d8e2f1a3b",
    ),
    Finding(
        rule="CORE-UNREADABLE",
        policy="core",
        category=Category.METADATA_INVALID,
        severity=Severity.ERROR,
        path="content/переводы/статья.md",
        line=3,
        column=5,
        message="Front matter is not valid YAML: mapping values are not allowed here",
        evidence="title: Россия: взгляд\nauthor: \x1b[31mX",
        fix='Quote the title:\n  title: "Россия: взгляд"',
        fingerprint="d41d8cd98f00b204",
    ),
    Finding(
        rule="UNK-SOURCE",
        policy="unknown-source",
        category=Category.UNKNOWN_SOURCE,
        severity=Severity.INFO,
        path="content/2010/blog.html",
        line=12,
        column=7,
        message="Republished from a source with no known policy: Example Times",
        evidence='<p>Originally published by\n   <a href="https://example.com/a">Example Times</a></p>',
        fix="",
        fingerprint="0f0e0d0c0b0a0908",
    ),
    Finding(
        rule="GR-CREDIT",
        policy="global-research",
        category=Category.SOURCE_CREDIT_MISSING,
        severity=Severity.ERROR,
        path="content/2009/nato-russia.md",
        line=41,
        column=33,
        message="Global Research is not credited as the source",
        evidence="Global Research, 2009",
        fix="Add: The original source of this article is Global Research",
        fingerprint="77aa55cc33ee11ff",
    ),
)

ARTICLES = (
    ArticleSummary(
        path="content/2009/nato-russia.md",
        format=Format.MARKDOWN,
        republished=True,
        sources=("Global Research", "Russia Today"),
        policies=("global-research",),
        license=None,
        status=Status.VIOLATIONS,
    ),
    ArticleSummary(
        path="content/about.txt",
        format=Format.TEXT,
        republished=False,
        sources=(),
        policies=(),
        license=None,
        status=Status.ORIGINAL,
    ),
    ArticleSummary(
        path="content/переводы/статья.md",
        format=None,
        republished=False,
        sources=(),
        policies=(),
        license=None,
        status=Status.UNREADABLE,
    ),
    ArticleSummary(
        path="content/2010/blog.html",
        format=Format.HTML,
        republished=True,
        sources=("Example Times",),
        policies=("unknown-source",),
        license="CC-BY-4.0",
        status=Status.UNKNOWN_SOURCE,
    ),
)

SAMPLE_REPORT = Report(findings=FINDINGS, articles=ARTICLES, tool_version="0.1.0")
EMPTY_REPORT = Report(findings=(), articles=ARTICLES[1:2], tool_version="0.1.0")


GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; PROVENANCE_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("PROVENANCE_UPDATE_GOLDEN"):
        path.write_bytes(actual.encode("utf-8"))
    assert actual == path.read_bytes().decode("utf-8")


def assert_streamed(
    monkeypatch: pytest.MonkeyPatch,
    module: ModuleType,
    builder: str,
    options: RenderOptions,
    head: str,
    articles: tuple[ArticleSummary, ...] = (),
) -> None:
    """`module.render_chunks` of 10,000 findings builds each item (`module.<builder>`) only when
    its chunk is written: few are built when the first chunk (starting with `head`) comes out,
    and the chunks join to `module.render`."""
    built = 0
    original = getattr(module, builder)

    def counted(*args: Any) -> Any:
        nonlocal built
        built += 1
        return original(*args)

    monkeypatch.setattr(module, builder, counted)
    large = Report(tuple(f._replace(line=n) for n in range(1, 2001) for f in FINDINGS), articles, "0.1.0")
    chunks = module.render_chunks(large, options)
    first = next(chunks)
    assert first.startswith(head) and built < 1000
    assert first + "".join(chunks) == module.render(large, options)
    assert built == 2 * len(large.findings)  # each item once by the chunks, once by `render`
