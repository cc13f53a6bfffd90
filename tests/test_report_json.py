"""The JSON formatter: golden output, the published schema, and the schema's enums against the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sample_report import ARTICLES, EMPTY_REPORT, SAMPLE_REPORT, assert_golden, assert_streamed

import provenance
from provenance.model import Category, Format, Severity, Status
from provenance.report import FORMATTERS, RenderOptions, json_format
from provenance.report.json_format import render, render_chunks, report_document

SCHEMA_PATH = Path(provenance.__file__).parent / "schemas" / "report.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def test_matches_golden() -> None:
    assert_golden("report.json", render(SAMPLE_REPORT, RenderOptions()))


def test_registered_and_ignores_colour() -> None:
    assert FORMATTERS["json"] is render
    assert render(SAMPLE_REPORT, RenderOptions(color=True)) == render(SAMPLE_REPORT, RenderOptions())


def test_layout_is_fixed() -> None:
    text = render(SAMPLE_REPORT, RenderOptions())
    assert text.startswith('{\n  "schema_version": 1,\n  "tool": {\n    "name": "provenance",\n')
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert '"path": "content/переводы/статья.md"' in text  # not ASCII-escaped
    document = json.loads(text)
    assert list(document) == ["schema_version", "tool", "summary", "findings", "articles"]
    assert document["summary"] == {
        "files": 4,
        "republished": 2,
        "findings": 5,
        "errors": 3,
        "warnings": 1,
        "infos": 1,
        "suppressed": 0,
    }


def test_findings_and_articles_sorted() -> None:
    document = json.loads(render(SAMPLE_REPORT, RenderOptions()))
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in document["findings"]] == [
        ("content/2009/nato-russia.md", 41, 33, "GR-CREDIT"),
        ("content/2009/nato-russia.md", 41, 33, "GR-LINK"),
        ("content/2009/nato-russia.md", 44, 1, "GR-COPYRIGHT"),
        ("content/2010/blog.html", 12, 7, "UNK-SOURCE"),
        ("content/переводы/статья.md", 3, 5, "CORE-UNREADABLE"),
    ]
    assert [a["path"] for a in document["articles"]] == [
        "content/2009/nato-russia.md",
        "content/2010/blog.html",
        "content/about.txt",
        "content/переводы/статья.md",
    ]


def test_deterministic_whatever_the_input_order() -> None:
    reversed_report = type(SAMPLE_REPORT)(
        findings=SAMPLE_REPORT.findings[::-1],
        articles=SAMPLE_REPORT.articles[::-1],
        tool_version=SAMPLE_REPORT.tool_version,
    )
    assert render(reversed_report, RenderOptions()) == render(SAMPLE_REPORT, RenderOptions())


@pytest.mark.parametrize("report", [SAMPLE_REPORT, EMPTY_REPORT], ids=["sample", "empty"])
def test_output_validates_against_published_schema(schema: dict[str, Any], report: Any) -> None:
    jsonschema.Draft202012Validator(schema).validate(json.loads(render(report, RenderOptions())))


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(extra=1),
        lambda d: d["findings"][0].update(extra=1),
        lambda d: d["findings"][0].update(category="not-a-category"),
        lambda d: d["findings"][0].update(severity="fatal"),
        lambda d: d["articles"][0].update(status="fine"),
        lambda d: d["articles"][0].pop("license"),
        lambda d: d.update(schema_version=2),
    ],
    ids=["top-extra", "finding-extra", "category", "severity", "status", "missing-license", "version"],
)
def test_schema_rejects_drifted_documents(schema: dict[str, Any], mutate: Any) -> None:
    document = json.loads(render(SAMPLE_REPORT, RenderOptions()))
    mutate(document)
    assert not jsonschema.Draft202012Validator(schema).is_valid(document)


def test_schema_enums_equal_model_enums(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    assert defs["category"]["enum"] == [c.value for c in Category]
    assert defs["severity"]["enum"] == [s.value for s in Severity]
    assert defs["status"]["enum"] == [s.value for s in Status]
    assert defs["format"]["enum"] == [*(f.value for f in Format), None]


def test_schema_requires_exactly_the_rendered_keys(schema: dict[str, Any]) -> None:
    document = json.loads(render(SAMPLE_REPORT, RenderOptions()))
    assert schema["required"] == list(document)
    assert schema["$defs"]["finding"]["required"] == list(document["findings"][0])
    assert schema["$defs"]["article"]["required"] == list(document["articles"][0])
    assert schema["properties"]["summary"]["required"] == list(document["summary"])


@pytest.mark.parametrize("report", [SAMPLE_REPORT, EMPTY_REPORT], ids=["sample", "empty"])
def test_chunks_join_to_the_rendered_text(report: Any) -> None:
    assert "".join(render_chunks(report, RenderOptions())) == render(report, RenderOptions())


def test_report_document_is_the_rendered_document() -> None:
    assert report_document(SAMPLE_REPORT) == json.loads(render(SAMPLE_REPORT, RenderOptions()))


def test_chunks_build_findings_on_demand(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_streamed(
        monkeypatch, json_format, "finding_document", RenderOptions(), '{\n  "schema_version": 1,', ARTICLES
    )
