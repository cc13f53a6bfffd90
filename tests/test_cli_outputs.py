"""Several outputs in one run: --format NAME[:PATH], --output, stdout, files and the step summary.

The adapter tests monkeypatch `plan_check`; the end-to-end tests run the real check on examples/.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
from click.testing import CliRunner, Result
from fake_plan import planned
from format_samples import SUPPRESSED_REPORT

import provenance.cli as cli
from provenance.cli_outputs import OutputSpec, OutputSpecType, plan_outputs
from provenance.engine import CheckOptions, CheckResult
from provenance.model import Report
from provenance.report import FORMATTERS, RenderOptions

REPO = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


# --- parsing and planning ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("sarif", OutputSpec("sarif")),
        ("sarif:out/p.sarif", OutputSpec("sarif", Path("out/p.sarif"))),
        ("junit:C:\\reports\\p.xml", OutputSpec("junit", Path("C:\\reports\\p.xml"))),
    ],
)
def test_output_spec_parsing(value: str, expected: OutputSpec) -> None:
    assert OutputSpecType().convert(value, None, None) == expected


@pytest.mark.parametrize("value", ["yaml", "yaml:out.yaml", "sarif:", ""])
def test_bad_output_specs(value: str) -> None:
    with pytest.raises(click.BadParameter):
        OutputSpecType().convert(value, None, None)


def test_plan_defaults_to_text_on_stdout() -> None:
    assert plan_outputs((), None) == [OutputSpec("text")]
    assert plan_outputs((), Path("r.txt")) == [OutputSpec("text", Path("r.txt"))]


def test_plan_sends_output_to_the_format_without_a_path() -> None:
    specs = (OutputSpec("json"), OutputSpec("sarif", Path("p.sarif")))
    assert plan_outputs(specs, Path("r.json")) == [OutputSpec("json", Path("r.json")), specs[1]]


@pytest.mark.parametrize(
    ("specs", "output", "message"),
    [
        ((OutputSpec("text"), OutputSpec("json")), None, "only one format can go to standard output"),
        ((OutputSpec("sarif", Path("p")),), Path("r"), "--output has no format to take"),
        ((OutputSpec("sarif", Path("p")), OutputSpec("junit", Path("./p"))), None, "two formats would write"),
        ((OutputSpec("sarif", Path("p")), OutputSpec("junit")), Path("p"), "two formats would write"),
    ],
)
def test_plan_usage_errors(specs: Sequence[OutputSpec], output: Path | None, message: str) -> None:
    with pytest.raises(click.UsageError, match=message):
        plan_outputs(specs, output)


# --- the adapter --------------------------------------------------------------------------------


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)

    def run(args: list[str], report: Report = SUPPRESSED_REPORT, env: dict[str, str] | None = None) -> Result:
        def fake(paths: Sequence[Path], *, cwd: Path, options: CheckOptions) -> CheckResult:
            return CheckResult(report, ())

        monkeypatch.setattr(cli, "plan_check", planned(fake))
        return CliRunner().invoke(cli.main, args, env=env)

    return run


def rendered(name: str, report: Report = SUPPRESSED_REPORT) -> str:
    return FORMATTERS[name](report, RenderOptions())


def test_several_outputs_in_one_run(invoke: Any, tmp_path: Path) -> None:
    args = ["check", "--format", "text", "--format", "sarif:p.sarif", "--format", "junit:out.xml"]
    args += ["--format", "gitlab:gl.json", "--format", "markdown:summary.md", "--format", "json:r.json"]
    result = invoke(args)
    assert result.exit_code == 1
    assert result.stdout == rendered("text")
    for name, file in (("sarif", "p.sarif"), ("junit", "out.xml"), ("gitlab", "gl.json"), ("json", "r.json")):
        assert (tmp_path / file).read_text(encoding="utf-8") == rendered(name)
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == rendered("markdown")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gl.json",
        "out.xml",
        "p.sarif",
        "r.json",
        "summary.md",
    ]


def test_only_files_leaves_stdout_empty(invoke: Any, tmp_path: Path) -> None:
    result = invoke(["check", "--format", "sarif:p.sarif"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert (tmp_path / "p.sarif").is_file()


def test_output_keeps_working_for_one_format(invoke: Any, tmp_path: Path) -> None:
    result = invoke(["check", "--format", "junit", "--output", "r.xml"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert (tmp_path / "r.xml").read_text(encoding="utf-8") == rendered("junit")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "text", "--format", "json"],
        ["check", "--format", "sarif:p.sarif", "--output", "r.txt"],
        ["check", "--format", "yaml"],
        ["check", "--format", "sarif:"],
    ],
)
def test_conflicting_outputs_are_usage_errors_and_write_nothing(
    invoke: Any, tmp_path: Path, args: list[str]
) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_github_format_appends_the_markdown_table_to_the_step_summary(invoke: Any, tmp_path: Path) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = invoke(["check", "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    assert result.stdout == rendered("github")
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + rendered("markdown")


def test_no_step_summary_without_the_github_format_or_the_variable(invoke: Any, tmp_path: Path) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    invoke(["check", "--format", "sarif:p.sarif"], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_text(encoding="utf-8") == ""
    result = invoke(["check", "--format", "github"])
    assert result.exit_code == 1


def test_unwritable_step_summary_is_a_warning(invoke: Any, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "summary.md"
    result = invoke(["check", "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(target)})
    assert result.exit_code == 1
    assert "provenance: cannot append to GITHUB_STEP_SUMMARY" in result.stderr


# --- end to end on the example site -------------------------------------------------------------


def test_end_to_end_on_the_example_site(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(REPO / "examples")
    summary = tmp_path / "summary.md"
    sarif, junit = tmp_path / "p.sarif", tmp_path / "p.xml"
    args = ["check", "--format", "github", "--format", f"sarif:{sarif}", "--format", f"junit:{junit}"]
    result = CliRunner().invoke(cli.main, args, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1, result.stderr

    annotations = result.stdout.splitlines()[:-1]
    assert len(annotations) == 13
    assert [line.split(" ", 1)[0] for line in annotations] == ["::error"] * 8 + ["::warning"] * 5
    assert annotations[0].startswith(
        "::error file=content/2009/nato-russia-rebuild-relations.txt,line=5,col=4,"
        "title=GR-LINK (link-to-original-placeholder)::"
    )
    assert result.stdout.splitlines()[-1] == "provenance: 12 files (9 republished): 8 errors, 5 warnings"

    log = json.loads(sarif.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["GR-LINK"]["name"] == "link-to-original"
    assert rules["GR-LINK"]["helpUri"].startswith("https://www.globalresearch.ca/")
    assert rules["GR-LINK"]["properties"]["category"] == "link-to-original-missing"
    assert len(log["runs"][0]["results"]) == 13

    root = ET.parse(junit).getroot()
    assert (root.get("tests"), root.get("failures")) == (str(13 + _passing_cases(root)), "13")
    passing = {(case.get("classname"), case.get("name")) for case in root.iter("testcase") if len(case) == 0}
    assert ("global-research", "content/2023/gr-sanctions-analysis.md") in passing
    assert ("global-voices", "content/2024/voices-from-the-delta.md") in passing
    assert summary.read_text(encoding="utf-8").startswith(
        "## provenance\n\n**8 errors**, 5 warnings in 12 files"
    )


def _passing_cases(root: ET.Element) -> int:
    return sum(1 for case in root.iter("testcase") if len(case) == 0)
