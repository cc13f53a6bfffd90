"""The baseline end to end: record today's findings, fail only on new ones, report stale entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from adoption_site import CONFIG, GR_ARTICLE, run, write

from provenance.baseline import BaselineError
from provenance.baseline_file import load_baseline

BASELINE = ".provenance-baseline.json"
FIXED_LINK = "[Global Research](https://www.globalresearch.ca/nato-russia/11914)"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        {".provenance.yaml": CONFIG, "content/gr.md": GR_ARTICLE, "content/archive/old.md": GR_ARTICLE},
    )


def entries(root: Path) -> list[tuple[str, str]]:
    document = json.loads((root / BASELINE).read_text(encoding="utf-8"))
    return [(entry["rule"], entry["path"]) for entry in document["findings"]]


def test_write_records_the_active_findings_and_exits_0(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(archive, monkeypatch, "--baseline-write", BASELINE, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == f"provenance: wrote baseline {BASELINE}: 4 entries (4 new, 0 dropped)\n"
    assert result.active() == []
    assert [s[3] for s in result.suppressed()] == ["baseline"] * 4
    assert result.report["findings"][0]["suppression"] == {
        "kind": "baseline",
        "reason": f"in baseline {BASELINE}",
        "source": BASELINE,
        "expires": None,
    }
    document = json.loads((archive / BASELINE).read_text(encoding="utf-8"))
    assert list(document) == ["schema_version", "tool", "findings"]
    assert (document["schema_version"], document["tool"]) == (1, "provenance")
    assert [list(e) for e in document["findings"]] == [["rule", "path", "fingerprint", "message"]] * 4
    assert (
        entries(archive) == [("GR-LINK", "content/archive/old.md")] * 2 + [("GR-LINK", "content/gr.md")] * 2
    )
    fingerprints = [f["fingerprint"] for f in result.report["findings"]]
    assert sorted(e["fingerprint"] for e in document["findings"]) == sorted(fingerprints)
    rewritten = run(archive, monkeypatch, "--baseline-write", BASELINE)
    assert rewritten.stderr == f"provenance: wrote baseline {BASELINE}: 4 entries (0 new, 0 dropped)\n"
    assert rewritten.stdout == "2 files (2 republished): no findings; 4 suppressed\n"


def test_only_new_findings_fail_and_moved_ones_stay_recorded(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(archive, monkeypatch, "--baseline-write", BASELINE)
    moved = GR_ARTICLE.replace("Body text.\n", "Body text.\n\nA new paragraph.\nAnd another line.\n")
    new = moved + "\nRepublished with thanks to [Global Research](#).\n"
    write(archive, {"content/gr.md": new})
    result = run(archive, monkeypatch, "--baseline", BASELINE, "--format", "json")
    assert result.exit_code == 1
    assert result.suppressed() == [
        ("GR-LINK", "content/archive/old.md", 7, "baseline"),
        ("GR-LINK", "content/archive/old.md", 8, "baseline"),
        ("GR-LINK", "content/gr.md", 10, "baseline"),
        ("GR-LINK", "content/gr.md", 11, "baseline"),
    ]
    assert result.active() == [("GR-LINK", "content/gr.md", 13)]
    assert result.report["summary"]["errors"] == 1 and result.report["summary"]["suppressed"] == 4
    assert result.stderr == ""


def test_fixed_findings_are_stale_and_dropped_on_the_next_write(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(archive, monkeypatch, "--baseline-write", BASELINE)
    write(archive, {"content/gr.md": GR_ARTICLE.replace("[Global Research](#)", FIXED_LINK)})
    result = run(archive, monkeypatch, "--baseline", BASELINE)
    assert result.exit_code == 0
    assert result.stderr == (
        f"provenance: baseline {BASELINE}: 2 entries no longer found (fixed);"
        f" `--baseline-write {BASELINE}` drops stale entries\n"
    )
    rewritten = run(archive, monkeypatch, "--baseline-write", BASELINE)
    assert rewritten.stderr == f"provenance: wrote baseline {BASELINE}: 2 entries (0 new, 2 dropped)\n"
    assert entries(archive) == [("GR-LINK", "content/archive/old.md")] * 2
    assert run(archive, monkeypatch, "--baseline", BASELINE).stderr == ""


def test_a_partial_run_keeps_the_entries_of_files_it_did_not_check(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(archive, monkeypatch, "--baseline-write", BASELINE)
    write(archive, {"content/gr.md": "Our own article now.\n"})
    partial = run(archive, monkeypatch, "--baseline", BASELINE, "content/archive")
    assert (partial.exit_code, partial.stderr) == (0, "")  # gr.md was not checked: its entries are not stale
    rewritten = run(archive, monkeypatch, "--baseline-write", BASELINE, "content/archive")
    assert rewritten.stderr == f"provenance: wrote baseline {BASELINE}: 4 entries (0 new, 0 dropped)\n"
    full = run(archive, monkeypatch, "--baseline-write", BASELINE)
    assert full.stderr == f"provenance: wrote baseline {BASELINE}: 2 entries (0 new, 2 dropped)\n"


def test_findings_suppressed_inline_are_not_recorded(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    comment = '<!-- provenance: ignore-file GR-LINK reason="agreed with Global Research" -->\n'
    write(archive, {"content/gr.md": GR_ARTICLE + comment})
    result = run(archive, monkeypatch, "--baseline-write", BASELINE, "--format", "json")
    assert entries(archive) == [("GR-LINK", "content/archive/old.md")] * 2
    assert [s[3] for s in result.suppressed()] == ["baseline", "baseline", "inline", "inline"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, f"provenance: cannot read baseline {BASELINE}: No such file or directory\n"),
        ("{not json", f"provenance: baseline {BASELINE} is not valid JSON: "),
        (
            '{"schema_version": 2, "tool": "provenance", "findings": []}',
            f"provenance: baseline {BASELINE} is not a provenance baseline (version 1): /schema_version:",
        ),
        (
            '{"schema_version": 1, "tool": "provenance", "findings": [{"rule": "GR-LINK"}]}',
            f"provenance: baseline {BASELINE} is not a provenance baseline (version 1):"
            " /findings/0/path: Field required",
        ),
    ],
)
def test_an_unusable_baseline_exits_2(
    archive: Path, monkeypatch: pytest.MonkeyPatch, content: str | None, message: str
) -> None:
    if content is not None:
        write(archive, {BASELINE: content})
    result = run(archive, monkeypatch, "--baseline", BASELINE)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stdout == ""


def test_a_malformed_baseline_is_not_overwritten(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(archive, {BASELINE: "[]"})
    result = run(archive, monkeypatch, "--baseline-write", BASELINE)
    assert result.exit_code == 2
    assert (archive / BASELINE).read_text(encoding="utf-8") == "[]"


def test_load_baseline_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="is not valid JSON"):
        load_baseline(write(tmp_path, {"b.json": ""}) / "b.json")
