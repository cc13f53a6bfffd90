"""SARIF: golden output, validity against the OASIS schema, and the fields GitHub code scanning reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from format_samples import OPTIONS, RULES, SUPPRESSED_REPORT
from sample_report import EMPTY_REPORT, SAMPLE_REPORT, assert_golden, assert_streamed

from provenance.model import Report
from provenance.report import FORMATTERS, RenderOptions
from provenance.report import sarif as sarif_module
from provenance.report.sarif import artifact_uri, render, render_chunks, sarif_log

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)


def sarif(report: Report = SUPPRESSED_REPORT, options: RenderOptions = OPTIONS) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render(report, options))
    return document


def test_registered() -> None:
    assert FORMATTERS["sarif"] is render


def test_golden() -> None:
    assert_golden("report.sarif", render(SUPPRESSED_REPORT, OPTIONS))


@pytest.mark.parametrize(
    ("report", "options"),
    [(SUPPRESSED_REPORT, OPTIONS), (SAMPLE_REPORT, RenderOptions()), (EMPTY_REPORT, RenderOptions())],
)
def test_valid_against_the_oasis_schema(report: Report, options: RenderOptions) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(sarif(report, options))]
    assert errors == []


def test_the_schema_rejects_what_it_should() -> None:
    """The validator is live: a result without a message is invalid."""
    document = sarif()
    del document["runs"][0]["results"][0]["message"]
    assert not VALIDATOR.is_valid(document)


def test_one_run_with_the_tool_and_its_version() -> None:
    document = sarif()
    assert document["version"] == "2.1.0"
    assert document["$schema"] == SCHEMA["id"]
    (run,) = document["runs"]
    assert run["tool"]["driver"]["name"] == "provenance"
    assert run["tool"]["driver"]["version"] == "0.1.0"
    assert "informationUri" not in run["tool"]["driver"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_rules_are_the_rules_of_the_findings_sorted_and_indexed() -> None:
    run = sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [
        "CORE-UNREADABLE",
        "GR-COPYRIGHT",
        "GR-CREDIT",
        "GR-LINK",
        "UNK-SOURCE",
    ]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_rule_descriptor_from_the_catalogue() -> None:
    rules = {r["id"]: r for r in sarif()["runs"][0]["tool"]["driver"]["rules"]}
    link = rules["GR-LINK"]
    assert link["name"] == "link-to-original"
    assert link["shortDescription"] == {"text": RULES["GR-LINK"].summary}
    assert link["fullDescription"] == {"text": RULES["GR-LINK"].rationale}
    assert link["helpUri"] == RULES["GR-LINK"].source_url
    assert link["defaultConfiguration"] == {"level": "error"}
    assert link["properties"]["category"] == "link-to-original-missing"
    assert link["help"]["text"].endswith(f"Source: {RULES['GR-LINK'].source_url}")


def test_help_uri_only_for_absolute_urls() -> None:
    rules = {r["id"]: r for r in sarif()["runs"][0]["tool"]["driver"]["rules"]}
    assert "helpUri" not in rules["CORE-UNREADABLE"]  # README.md#categories is relative
    assert "helpUri" not in rules["GR-COPYRIGHT"]  # not in the catalogue: no URL known


def test_rule_missing_from_the_catalogue_falls_back_on_its_finding() -> None:
    rules = {r["id"]: r for r in sarif()["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["GR-COPYRIGHT"]["shortDescription"] == {"text": "No copyright notice naming the author"}
    assert rules["GR-COPYRIGHT"]["defaultConfiguration"] == {"level": "warning"}
    assert rules["UNK-SOURCE"]["defaultConfiguration"] == {"level": "note"}


def test_results_locations_levels_and_fingerprints() -> None:
    results = sarif()["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("GR-CREDIT", "error"),
        ("GR-LINK", "error"),
        ("GR-COPYRIGHT", "warning"),
        ("GR-LINK", "error"),
        ("UNK-SOURCE", "note"),
        ("UNK-SOURCE", "warning"),
        ("CORE-UNREADABLE", "error"),
    ]
    link = results[1]
    location = link["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "content/2009/nato-russia.md"}
    assert location["region"] == {
        "startLine": 41,
        "startColumn": 33,
        "snippet": {"text": "[Russia Today](#)"},
    }
    assert link["partialFingerprints"] == {"provenance/v1": "9a0b4c6d8e2f1a3b"}
    assert link["message"]["text"] == (
        "The link to the original article is a placeholder\n"
        "Fix: Link the credit to the article's URL on rt.com"
    )


def test_fingerprint_does_not_depend_on_the_line() -> None:
    moved = Report(
        tuple(f._replace(line=f.line + 10) for f in SUPPRESSED_REPORT.findings),
        SUPPRESSED_REPORT.articles,
        "0.1.0",
    )
    before = [r["partialFingerprints"] for r in sarif()["runs"][0]["results"]]
    after = [r["partialFingerprints"] for r in sarif(moved)["runs"][0]["results"]]
    assert before == after


def test_suppressed_findings_carry_suppressions() -> None:
    results = sarif()["runs"][0]["results"]
    inline = results[3]
    assert inline["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": 'link restored in print edition | see "notes" <b>',
            "properties": {
                "source": "content/2009/nato-russia.md:45",
                "recordedIn": "inline",
                "expires": "2026-12-31",
            },
        }
    ]
    baseline = results[5]
    assert baseline["suppressions"][0]["kind"] == "external"
    assert baseline["suppressions"][0]["justification"] == "in the baseline"
    assert sum("suppressions" in r for r in results) == 2


def test_paths_are_percent_encoded_uri_references() -> None:
    assert artifact_uri("content/переводы/статья.md") == (
        "content/%D0%BF%D0%B5%D1%80%D0%B5%D0%B2%D0%BE%D0%B4%D1%8B/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F.md"
    )
    assert artifact_uri("content/2010/old, archived.html") == "content/2010/old%2C%20archived.html"
    assert artifact_uri("a/100%.md") == "a/100%25.md"


def test_empty_report_has_no_rules_and_no_results() -> None:
    run = sarif(EMPTY_REPORT, RenderOptions())["runs"][0]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []


@pytest.mark.parametrize(
    ("report", "options"),
    [(SUPPRESSED_REPORT, OPTIONS), (SAMPLE_REPORT, RenderOptions()), (EMPTY_REPORT, RenderOptions())],
)
def test_chunks_join_to_the_rendered_text(report: Report, options: RenderOptions) -> None:
    assert "".join(render_chunks(report, options)) == render(report, options)
    assert sarif_log(report, options) == json.loads(render(report, options))


def test_chunks_build_results_on_demand(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_streamed(monkeypatch, sarif_module, "result", OPTIONS, '{\n  "$schema": ')
