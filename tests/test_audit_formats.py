"""Audit formats: golden JSON, Markdown and CSV with a fixed clock; the schema; escaping; reproducibility."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from audit_site import audit_site, copy_site
from sample_report import assert_golden

from provenance.audit import AUDIT_FORMATS, Audit, load
from provenance.audit.render_csv import HEADER
from provenance.audit.schema import SCHEMA_PATH, generated_text

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> Audit:
    return audit_site(copy_site(tmp_path_factory.mktemp("audit")))


@pytest.mark.parametrize(
    ("name", "golden"), [("json", "audit.json"), ("markdown", "audit.md"), ("csv", "audit.csv")]
)
def test_matches_golden(audit: Audit, name: str, golden: str) -> None:
    assert_golden(f"audit/{golden}", AUDIT_FORMATS[name](audit))


def test_checked_in_schema_matches_the_model() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == generated_text(), (
        "run `python -m provenance.audit.schema` and commit the result"
    )


def test_json_validates_against_the_published_schema_and_reads_back(audit: Audit) -> None:
    text = AUDIT_FORMATS["json"](audit)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(text)
    assert list(document) == ["schema_version", "stamp", "site", "summary", "articles", "records"]
    assert document["schema_version"] == 1
    jsonschema.Draft202012Validator(schema).validate(document)
    assert load(text, "audit.json") == audit


def test_json_stamp_without_git(audit: Audit) -> None:
    stamp = json.loads(AUDIT_FORMATS["json"](audit))["stamp"]
    assert stamp["generated_at"] == "2025-07-01T09:30:00Z"
    assert stamp["config_path"] == ".provenance.yaml"
    assert len(stamp["config_sha256"]) == len(stamp["ruleset_sha256"]) == 64
    assert (stamp["git_commit"], stamp["git_dirty"]) == (None, None)


def test_csv_has_one_row_per_article_condition(audit: Audit) -> None:
    text = AUDIT_FORMATS["csv"](audit)
    assert text.startswith(",".join(HEADER) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    expected = sum(max(len(a.conditions), 1) for a in audit.articles)
    assert len(rows) == expected == 4 * 6 + 5 + 1  # four Global Research articles, one unknown, one own
    venue = next(r for r in rows if r["path"] == "content/gr-permitted.md" and r["rule"] == "GR-VENUE")
    assert (venue["outcome"], venue["evidence_places"], venue["evidence_text"]) == (
        "pass",
        "6:1",
        "permission: GR-2023-044",
    )
    original = [r for r in rows if r["path"] == "content/own-reporting.md"]
    assert [(r["status"], r["rule"], r["outcome"]) for r in original] == [("original", "", "")]


def test_csv_neutralises_formulas(audit: Audit) -> None:
    rows = list(csv.DictReader(io.StringIO(AUDIT_FORMATS["csv"](audit), newline="")))
    author = next(r for r in rows if r["path"] == "content/hostile.md" and r["rule"] == "PROV-AUTHOR")
    assert author["evidence_text"] == '\'=HYPERLINK("http://evil.example")'


def test_markdown_escapes_hostile_content(audit: Audit) -> None:
    text = AUDIT_FORMATS["markdown"](audit)
    assert "<script>" not in text and "<img" not in text
    assert "| content/hostile.md | &lt;script&gt;alert(1)&lt;/script&gt; &amp; friends |" in text


def test_html_escapes_hostile_content(audit: Audit) -> None:
    html = AUDIT_FORMATS["html"](audit)
    assert html.count("<script>") == 1  # the report's own script
    assert "<img" not in html and "alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert 'href="javascript:' not in html


def _audit_examples(tmp_path: Path, name: str, fmt: str) -> bytes:
    output = tmp_path / name
    command = [
        sys.executable,
        "-m",
        "provenance",
        "audit",
        "examples/",
        "--format",
        fmt,
        "--output",
        str(output),
    ]
    done = subprocess.run(
        [*command, "--now", "2025-07-01T00:00:00Z"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return output.read_bytes()


@pytest.mark.parametrize("fmt", sorted(AUDIT_FORMATS))
def test_audit_of_examples_is_reproducible_byte_for_byte(tmp_path: Path, fmt: str) -> None:
    first = _audit_examples(tmp_path, "first", fmt)
    assert first == _audit_examples(tmp_path, "second", fmt)
    assert len(first) > 1000
