"""The example site end to end, as a user runs it: `python -m provenance check examples/`.

The founding article (shared/seed, copied byte for byte) must report its placeholder links to
the original as errors with their lines, and must not report source or copyright as missing.
The fixed copy (real links) must pass.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = "examples/content/2009/nato-russia-rebuild-relations.txt"
FIXED = "examples/content/2009/nato-russia-rebuild-relations-fixed.md"
GOLDEN = Path(__file__).parent / "golden" / "examples.txt"

EXPECTED = [
    ("GR-UPSTREAM-TERMS", "upstream-terms-unknown", FIXED, 44, 1),
    ("GR-LINK", "link-to-original-placeholder", SEED, 5, 4),
    ("GR-UPSTREAM-TERMS", "upstream-terms-unknown", SEED, 39, 1),
    ("GR-LINK", "link-to-original-placeholder", SEED, 39, 40),
    ("GR-LINK", "link-to-original-placeholder", SEED, 40, 13),
    ("GR-LINK", "link-to-original-placeholder", SEED, 40, 35),
    ("GR-LINK", "link-to-original-placeholder", SEED, 46, 14),
    ("PP-PIXEL", "tracking-pixel-missing", "examples/content/2024/hidden-cost-of-care.html", 24, 10),
    ("CC-ND-NO-EDITS", "modification-not-allowed", "examples/content/2025/clinic-closures.md", 8, 1),
    ("PROV-AUTHOR", "author-credit-missing", "examples/content/2025/school-meals.md", 9, 1),
    ("PROV-UNKNOWN-SOURCE", "unknown-source", "examples/content/2025/school-meals.md", 9, 1),
    ("PROV-LINK", "link-to-original-placeholder", "examples/content/2025/school-meals.md", 9, 62),
    ("CC-NOTICE", "license-notice-missing", "examples/content/2025/seed-libraries.md", 6, 1),
]


def provenance(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run(
        [sys.executable, "-m", "provenance", *args], cwd=cwd, capture_output=True, text=True, env=env
    )


def test_example_site_findings_are_exactly_these() -> None:
    run = provenance("check", "examples/", "--format", "json")
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    found = [(f["rule"], f["category"], f["path"], f["line"], f["column"]) for f in report["findings"]]
    assert found == EXPECTED
    assert report["summary"] == {
        "files": 12,
        "republished": 9,
        "findings": 13,
        "errors": 8,
        "warnings": 5,
        "infos": 0,
        "suppressed": 0,
    }


def test_founding_article_keeps_source_and_copyright_but_not_its_links() -> None:
    report = json.loads(provenance("check", SEED, "--format", "json").stdout)
    rules = {f["rule"] for f in report["findings"]}
    assert "GR-SOURCE" not in rules and "GR-COPYRIGHT" not in rules
    evidence = [f["evidence"] for f in report["findings"] if f["rule"] == "GR-LINK"]
    assert evidence == [
        "[Global Research](#)",
        "[Russia Today](#)",
        "[Global Research](#)",
        "[Russia Today](#)",
        "[Global Research](#)",
    ]
    assert all(f["severity"] == "error" for f in report["findings"] if f["rule"] == "GR-LINK")
    (article,) = report["articles"]
    assert article["sources"] == ["Global Research", "Russia Today"]
    assert article["policies"] == ["global-research"]


def test_fixed_copy_passes() -> None:
    run = provenance("check", FIXED)
    assert run.returncode == 0, run.stdout
    assert "error" not in run.stdout.split("\n")[-2]


def test_text_report_matches_golden() -> None:
    run = provenance("check", "examples/")
    if os.environ.get("PROVENANCE_UPDATE_GOLDEN"):
        GOLDEN.write_text(run.stdout, encoding="utf-8")
    assert run.stdout == GOLDEN.read_text(encoding="utf-8")
    assert run.stderr == ""  # the example site has a .provenance.yaml: no notice


def tree_state(root: Path) -> dict[str, tuple[str, int, int]]:
    """Every file's content hash, mode and mtime (the result cache, check's own folder, aside)."""
    state = {}
    for path in sorted(root.rglob("*")):
        if ".provenance-cache" in path.relative_to(root).parts:
            continue
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        state[path.relative_to(root).as_posix()] = (digest, info.st_mode, info.st_mtime_ns)
    return state


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_never_writes_to_the_content_it_reads(tmp_path: Path, fmt: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "examples", site)
    before = tree_state(site)
    run = provenance("check", ".", "--format", fmt, cwd=site)
    assert run.returncode == 1
    assert tree_state(site) == before
    assert (site / ".provenance-cache" / ".gitignore").read_text() == "*\n"


def test_readme_documents_every_category_and_builtin_rule() -> None:
    from provenance.model import Category
    from provenance.rules.loader import load_ruleset

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert [c.value for c in Category if f"| `{c.value}` |" not in readme] == []
    assert [r.id for r in load_ruleset().rules() if f"| `{r.id}` |" not in readme] == []


def test_readme_quickstart_runs_the_installed_command() -> None:
    # `python3 -m provenance` from the repository root would import the source tree, where the
    # built-in packs (top-level rules/) are not the package provenance.builtin_rules.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "```sh\npython3 -m pip install . && provenance check examples/\n```" in readme


def test_readme_quickstart_is_what_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = "python3 -m pip install -e '.[test]' && python3 -m pytest"
    assert f"```sh\n{command}\n```" in readme
    assert command in ci.splitlines()
