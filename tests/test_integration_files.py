"""The pre-commit hook manifest and the GitHub Action: valid, consistent, running the CLI as documented."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


# --- pre-commit ---------------------------------------------------------------------------------


def test_pre_commit_manifest_validates() -> None:
    pytest.importorskip("pre_commit")
    command = [sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_validation_is_live(tmp_path: Path) -> None:
    """The validator rejects a manifest whose hook lacks an entry."""
    pytest.importorskip("pre_commit")
    broken = tmp_path / "hooks.yaml"
    broken.write_text("- id: provenance-check\n  name: x\n  language: python\n", encoding="utf-8")
    command = [sys.executable, "-m", "pre_commit", "validate-manifest", str(broken)]
    assert subprocess.run(command, capture_output=True, text=True).returncode != 0


def test_pre_commit_hook_runs_the_check_on_content_files() -> None:
    (hook,) = load_yaml(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "provenance-check"
    assert hook["entry"] == "provenance check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert hook["types_or"] == ["markdown", "html", "plain-text"]


def test_hook_file_types_match_what_provenance_reads() -> None:
    identify = pytest.importorskip("identify.identify")
    from provenance.readers import SUFFIXES

    types = set(load_yaml(REPO / ".pre-commit-hooks.yaml")[0]["types_or"])
    for suffix in SUFFIXES:
        assert types & identify.tags_from_filename(f"article{suffix}"), suffix
    for other in ("setup.py", "config.yaml", "style.css"):
        assert not types & identify.tags_from_filename(other), other


# --- GitHub Action ------------------------------------------------------------------------------

ACTION = load_yaml(REPO / "action.yml")
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]


def _step(step_id_or_name: str) -> dict[str, Any]:
    return next(s for s in STEPS if step_id_or_name in (s.get("id"), s.get("name")))


def test_action_is_composite_with_the_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "fail-on", "sarif-file", "upload-sarif", "python-version"}
    assert ACTION["inputs"]["upload-sarif"]["default"] == "false"
    assert all("description" in spec for spec in ACTION["inputs"].values())


def test_every_input_and_step_output_the_action_uses_exists() -> None:
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    used_inputs = set(re.findall(r"inputs\.([a-z-]+)", text))
    assert used_inputs == set(ACTION["inputs"])
    step_ids = {s["id"] for s in STEPS if "id" in s}
    assert set(re.findall(r"steps\.([a-z-]+)\.outputs", text)) <= step_ids


def test_action_steps_install_check_and_upload() -> None:
    assert STEPS[0]["uses"].startswith("actions/setup-python@")
    install = _step("Install provenance")
    assert '"$GITHUB_ACTION_PATH"' in install["run"] and "pip install" in install["run"]
    check = _step("check")
    assert "provenance check" in check["run"]
    assert "--format github" in check["run"] and '--format "sarif:$PROVENANCE_SARIF"' in check["run"]
    assert "${{" not in check["run"]  # inputs reach the script through env, never spliced into it
    upload = _step("Upload SARIF to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "inputs.upload-sarif == 'true'" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert all("shell" in s for s in STEPS if "run" in s)


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("provenance") is None, reason="needs bash")
def test_action_check_step_runs_on_the_example_site(tmp_path: Path) -> None:
    """The Check step's script, run as GitHub would run it (bash -e, env from the inputs)."""
    output, summary, sarif = tmp_path / "output", tmp_path / "summary.md", tmp_path / "p.sarif"
    env = {
        **os.environ,
        "PROVENANCE_PATHS": "content/2009 content/2024",
        "PROVENANCE_FAIL_ON": "error",
        "PROVENANCE_SARIF": str(sarif),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _step("check")["run"]]
    result = subprocess.run(command, cwd=REPO / "examples", env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8") == "exit-code=1\n"
    assert result.stdout.startswith(
        "::error file=content/2009/nato-russia-rebuild-relations.txt,line=5,col=4,"
    )
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"GR-LINK", "GR-UPSTREAM-TERMS", "PP-PIXEL"}
    assert summary.read_text(encoding="utf-8").startswith("## provenance\n")


def test_example_workflow_uses_the_action_with_its_inputs() -> None:
    workflow = load_yaml(REPO / "examples" / ".github" / "workflows" / "provenance.yml")
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["provenance"]["steps"]
    action_step = next(s for s in steps if s.get("uses", "").endswith("/provenance@main"))
    assert set(action_step["with"]) <= set(ACTION["inputs"])
    assert action_step["with"]["upload-sarif"] == "true"
