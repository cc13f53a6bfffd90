"""A run whose results are cached needs neither the checks nor validation, and still says the same.

The rules are compiled, and the configuration validated, only when nothing proves them valid:
a result file exists under a key that covers every pack file and the whole configuration, and
only a run that validated both writes one.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"
HEAVY = ["provenance.checks", "provenance.rules.loader", "provenance.evaluate", "jsonschema", "pydantic"]
RUN = """
import json, sys
from provenance.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
print(json.dumps({{"exit": code, "imported": [n for n in {heavy!r} if n in sys.modules]}}), file=sys.stderr)
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the example site (configuration included) at the top of its own repository."""
    root = tmp_path / "site"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns(".provenance-cache"))
    (root / ".git").mkdir()
    return root


def check(site: Path, *args: str) -> tuple[int, str, list[str]]:
    """Exit code, stdout and which heavy modules a `provenance check` in a fresh interpreter imported."""
    code = RUN.format(heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", code, "check", *args], cwd=site, capture_output=True, text=True, check=False
    )
    outcome = json.loads(done.stderr.splitlines()[-1])
    return outcome["exit"], done.stdout, outcome["imported"]


def test_a_warm_run_says_what_the_cold_one_said_without_checks_or_validation(site: Path) -> None:
    cold = check(site)
    assert cold[0] == 1 and set(cold[2]) == set(HEAVY)  # validated the config, compiled the rules
    warm = check(site)
    assert warm == (1, cold[1], [])
    assert check(site, "--no-cache")[:2] == cold[:2]


def test_a_warm_run_compiles_the_rules_only_to_check_an_edited_file(site: Path) -> None:
    check(site)
    article = site / "content" / "2025" / "school-meals.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    exit_code, _, imported = check(site)
    assert exit_code == 1
    assert "provenance.checks" in imported and "jsonschema" not in imported  # config still proven


def test_sarif_of_a_warm_run_still_describes_its_rules(site: Path) -> None:
    cold = check(site, "--format", "sarif")
    warm = check(site, "--format", "sarif")
    assert warm[1] == cold[1]
    rules = json.loads(warm[1])["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} >= {"GR-LINK", "PP-PIXEL"}


def test_an_edited_configuration_is_validated_again(site: Path) -> None:
    check(site)
    config = site / ".provenance.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "max_file_size: 0\n", encoding="utf-8")
    exit_code, stdout, imported = check(site)
    assert (exit_code, stdout) == (2, "")
    assert "jsonschema" in imported


def with_local_packs(site: Path) -> Path:
    """The folder of local packs that `site`'s configuration now names (empty)."""
    config = site / ".provenance.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "policies: [rules]\n", encoding="utf-8")
    (site / "rules").mkdir()
    return site / "rules"


def test_an_edited_rule_pack_is_compiled_again_before_any_file_is_read(site: Path) -> None:
    pack = with_local_packs(site) / "local.yaml"
    pack.write_text("id: local\nname: Local\napplies_to: always\n", encoding="utf-8")
    assert check(site)[0] == 1
    pack.write_text("id: Local\nname: Local\napplies_to: always\n", encoding="utf-8")
    exit_code, stdout, imported = check(site)
    assert (exit_code, stdout) == (2, "")
    assert "provenance.rules.loader" in imported


def test_a_proven_configuration_still_has_its_policy_paths_checked(site: Path) -> None:
    packs = with_local_packs(site)
    assert check(site)[0] == 1  # an empty folder of packs: the same rules as none
    packs.rmdir()
    exit_code, stdout, _ = check(site)
    assert (exit_code, stdout) == (2, "")


LOCAL_PACK = """\
id: valley-gazette
name: Valley Gazette
description: The Valley Gazette lets community sites republish its stories with its credit line.
source_url: https://valley-gazette.example.org/republishing
applies_to: publisher
publisher:
  names: [Valley Gazette]
  domains: [valley-gazette.example.org]
conditions:
  - id: VG-CREDIT
    name: credit-line
    check: credit-line
    params:
      pattern: 'first published by\\s+the valley gazette'
      example: This story was first published by the Valley Gazette.
    category: credit-line-mismatch
    severity: error
    message: The line "This story was first published by the Valley Gazette." is missing.
    fix: Put "This story was first published by the Valley Gazette." at the top.
    rationale: The Gazette's republishing terms ask for this line.
    source_url: https://valley-gazette.example.org/republishing
"""


def test_local_packs_proven_by_a_result_file_are_compiled_without_validation(site: Path) -> None:
    """A result file proves the exact text of every pack valid: an edited article is then checked
    with the local packs read on the fast path (neither jsonschema nor pydantic imported), with
    the findings of a run that validated them."""
    (with_local_packs(site) / "valley-gazette.yaml").write_text(LOCAL_PACK, encoding="utf-8")
    cold = check(site)
    assert cold[0] == 1 and "[VG-CREDIT]" in cold[1] and "pydantic" in cold[2]
    article = site / "content" / "2025" / "school-meals.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    edited = check(site)
    assert "provenance.rules.loader" in edited[2]
    assert "jsonschema" not in edited[2] and "pydantic" not in edited[2]
    assert edited[:2] == check(site, "--no-cache")[:2]
    assert "content/2025/school-meals.md:9:1: error [VG-CREDIT] No line credits Valley Gazette" in edited[1]
