"""`rules validate` runs a pack's examples; an internal error names the file and exits 3."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main
from provenance.evaluate import Evaluator
from provenance.rules.loader import builtin_pack_files

PACK = """\
id: valley-gazette
name: Valley Gazette
applies_to: publisher
publisher: {names: [Valley Gazette], domains: [valleygazette.example.org]}
conditions:
  - id: VG-LINK
    name: link-to-original
    check: link-to-original
    category: link-to-original-missing
    message: No link to the original.
    rationale: The republishing page asks for one.
    source_url: https://valleygazette.example.org/republish
    examples:
      pass:
        - content: "---\\nsource: Valley Gazette\\n---\\nFrom [Valley Gazette](#).\\n"
      fail:
        - content: "---\\nsource: Valley Gazette\\n---\\nFrom [Valley Gazette](#).\\n"
          lines: [4]
"""


def test_validate_reports_an_example_that_does_not_behave(tmp_path: Path) -> None:
    pack = tmp_path / "vg.yaml"
    pack.write_text(PACK, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "validate", str(pack)])
    assert result.exit_code == 2
    assert result.output == f"{pack.as_posix()}: VG-LINK pass example 1: unexpected findings on lines [4]\n"


def test_validate_accepts_the_builtin_pack_files_themselves() -> None:
    packs = [str(entry) for entry in builtin_pack_files()]  # the installed files, wherever they are
    result = CliRunner().invoke(main, ["rules", "validate", *packs])
    assert result.exit_code == 0, result.output
    assert result.output == f"{len(packs)} pack files valid, examples pass\n"


def test_internal_error_names_the_file_and_exits_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_text("Our own text.\n", encoding="utf-8")

    def explode(self: Evaluator, article: object, **_: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(Evaluator, "evaluate", explode)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "a.md", "--output", "out.json", "--format", "json"])
    assert result.exit_code == 3
    assert "internal error while checking a.md: ZeroDivisionError: boom" in result.output
    assert not (tmp_path / "out.json").exists()
