"""Replaying a command's last outputs: only while every input of its report is unchanged."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import zlib
from pathlib import Path

import pytest
from adoption_site import Run, git, run
from speed_site import add_article, make_site
from test_engine_warm import LOCAL_PACK

from provenance import cache as cache_module
from provenance import replay
from provenance.cache import CACHE_FOLDER
from provenance.engine import CheckOptions, CheckPlan, plan_check

Runs = list[int]


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat files as settled at once (tests cannot wait for the racy window to pass)."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Runs:
    """Counts the checks that actually ran (a replayed one does not)."""
    counted: Runs = []
    original = CheckPlan.run

    def counting(self: CheckPlan) -> object:
        counted.append(1)
        return original(self)

    monkeypatch.setattr(CheckPlan, "run", counting)
    return counted


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", 9)


def replay_files(site: Path) -> list[Path]:
    return sorted((site / CACHE_FOLDER).glob("replay-*.bin"))


def twice(site: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[Run, Run]:
    return run(site, monkeypatch, *args), run(site, monkeypatch, *args)


def same(first: Run, second: Run) -> bool:
    return (first.exit_code, first.stdout, first.stderr) == (second.exit_code, second.stdout, second.stderr)


def test_an_unchanged_site_gets_the_same_outputs_without_a_check(
    site: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs
) -> None:
    first, second = twice(site, monkeypatch)
    assert runs == [1]
    assert same(first, second)
    assert first.exit_code == 1 and "GR-LINK" in first.stdout
    assert same(second, run(site, monkeypatch, "--no-cache"))  # what checking every file says


def test_the_configuration_notice_is_printed_on_a_replay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs
) -> None:
    site = make_site(tmp_path / "bare", 4)
    (site / ".provenance.yaml").unlink()
    first, second = twice(site, monkeypatch)
    assert runs == [1]
    assert "no .provenance.yaml found" in second.stderr
    assert same(first, second)


@pytest.mark.parametrize("change", ["edit", "add", "remove", "touch", "config", "pack"])
def test_any_change_to_the_inputs_checks_again(
    site: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs, change: str
) -> None:
    pack = site / "rules" / "valley-gazette.yaml"
    if change == "pack":
        (site / ".provenance.yaml").write_text(
            (site / ".provenance.yaml").read_text() + "policies: [rules]\n"
        )
        pack.parent.mkdir()
        pack.write_text(LOCAL_PACK)
    run(site, monkeypatch)
    article = site / "content" / "2001" / "story-1.md"
    if change == "edit":
        article.write_text(article.read_text() + "\nCopyright © Global Research, 2024\n")
    elif change == "add":
        add_article(site, 100)
    elif change == "remove":
        article.unlink()
    elif change == "touch":  # same bytes, new stamp: checked again (and found the same)
        os.utime(article, ns=(time.time_ns(), time.time_ns()))
    elif change == "config":
        config = site / ".provenance.yaml"
        config.write_text(config.read_text().replace("commercial", "community"))
    else:
        pack.write_text(LOCAL_PACK.replace("ask for this line", "ask for this very line"))
    after = run(site, monkeypatch)
    assert runs == [1, 1]
    assert same(after, run(site, monkeypatch, "--no-cache"))
    assert same(after, run(site, monkeypatch))  # and that is replayed in turn
    assert runs == [1, 1, 1]


def test_another_day_checks_again(site: Path, settled: None) -> None:
    def digest(day: dt.date) -> str | None:
        return plan_check([site], cwd=site, options=CheckOptions(today=day)).inputs_digest()

    today, tomorrow = digest(dt.date(2026, 11, 27)), digest(dt.date(2026, 11, 28))
    assert today is not None and tomorrow is not None and today != tomorrow
    assert digest(dt.date(2026, 11, 27)) == today


def test_each_command_keeps_its_own_outputs(
    site: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs
) -> None:
    text = run(site, monkeypatch)
    as_json = run(site, monkeypatch, "--format", "json")
    never = run(site, monkeypatch, "--fail-on", "never")
    assert runs == [1, 1, 1] and len(replay_files(site)) == 3
    assert json.loads(as_json.stdout)["findings"] and never.exit_code == 0
    assert same(run(site, monkeypatch), text)
    assert same(run(site, monkeypatch, "--format", "json"), as_json)
    assert same(run(site, monkeypatch, "--fail-on", "never"), never)
    assert runs == [1, 1, 1]


def test_output_files_are_written_again(
    site: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs
) -> None:
    run(site, monkeypatch, "--format", "sarif:out.sarif", "--format", "text")
    written = (site / "out.sarif").read_bytes()
    (site / "out.sarif").unlink()
    run(site, monkeypatch, "--format", "sarif:out.sarif", "--format", "text")
    assert runs == [1]
    assert (site / "out.sarif").read_bytes() == written


def test_files_not_yet_settled_are_not_recorded(
    site: Path, monkeypatch: pytest.MonkeyPatch, runs: Runs
) -> None:
    first, second = twice(site, monkeypatch)  # written moments ago: their content could still change unseen
    assert runs == [1, 1] and same(first, second)
    assert replay_files(site) == []


@pytest.mark.parametrize(
    "args", [("--no-cache",), ("--baseline-write", "base.json"), ("--changed-since", "HEAD"), ("--staged",)]
)
def test_runs_that_depend_on_more_are_neither_recorded_nor_replayed(
    site: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs, args: tuple[str, ...]
) -> None:
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "site")
    first, second = twice(site, monkeypatch, *args)
    assert runs == [1, 1] and (first.exit_code, first.stdout) == (second.exit_code, second.stdout)
    assert replay_files(site) == []


def test_a_baseline_is_read_on_every_run(
    site: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs
) -> None:
    run(site, monkeypatch, "--baseline-write", "base.json")
    base, again = twice(site, monkeypatch, "--baseline", "base.json")
    assert runs == [1, 1, 1] and same(base, again) and base.exit_code == 0


def test_a_github_step_summary_is_appended_on_every_run(
    site: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs
) -> None:
    summary = site.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    twice(site, monkeypatch, "--format", "github")
    assert runs == [1, 1]
    once = summary.read_text()
    assert once and once == once[: len(once) // 2] * 2


@pytest.mark.parametrize("damage", ["flip", "truncate", "header", "lengths"])
def test_a_damaged_replay_file_is_ignored_and_replaced(
    site: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs, damage: str
) -> None:
    first = run(site, monkeypatch)
    [path] = replay_files(site)
    data = path.read_bytes()
    if damage == "flip":
        data = data[:-10] + bytes([data[-10] ^ 1]) + data[-9:]
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "header":
        data = data.replace(
            f"provenance-replay {replay.FORMAT_VERSION} ".encode(), b"provenance-replay 0 ", 1
        )
    else:  # a valid checksum over outputs of other lengths than the shape line says
        body, shape = b"text", b"1 0:5"
        checksum = zlib.crc32(shape, zlib.crc32(body))
        data = data[: data.index(b"\n") + 1] + body + shape + replay._TRAILER.pack(len(shape), checksum)
    path.write_bytes(data)
    assert same(run(site, monkeypatch), first)
    assert runs == [1, 1]
    assert same(run(site, monkeypatch), first) and runs == [1, 1]  # replaced, and replayed


def record(folder: Path, outputs: list[list[str]], exit_code: int, order: list[int] | None = None) -> None:
    """Record `outputs` (each as its chunks) as `Recorder` does while a run writes them, in `order`."""
    recorder = replay.Recorder(folder, "cmd", "inputs")
    try:
        for index in order if order is not None else range(len(outputs)):
            assert list(recorder.tee(index, outputs[index])) == outputs[index]  # passed on unchanged
        recorder.commit(exit_code)
    finally:
        recorder.discard()


def loaded(folder: Path, command: str = "cmd", inputs: str = "inputs") -> tuple[list[str], int] | None:
    found = replay.load(folder, command, inputs)
    return None if found is None else (["".join(chunks) for chunks in found.outputs], found.exit_code)


@pytest.mark.parametrize(
    "outputs",
    [
        [["text out\n"], ['{"json"', ": 1}"]],
        [],
        [[]],
        [[""], ["a", "", "b"]],
        [["a" * 3_000_000 + "é\udce9", "€" * 1_000_000], ["\x00\n"]],
    ],
)
def test_record_and_load_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, outputs: list[list[str]]
) -> None:
    monkeypatch.setattr(replay, "_CHUNK", 1001)  # decoded in pieces that end inside multi-byte characters
    record(tmp_path, outputs, 1)
    assert loaded(tmp_path) == (["".join(chunks) for chunks in outputs], 1)
    assert loaded(tmp_path, inputs="other inputs") is None
    assert loaded(tmp_path, command="other") is None


def test_outputs_written_out_of_plan_order_load_in_plan_order(tmp_path: Path) -> None:
    """A run writes its files first, then standard output: the replay gives them back by plan index."""
    record(tmp_path, [["stdout text\n"], ["{}\n"], ["<xml/>\n"]], 0, order=[1, 2, 0])
    assert loaded(tmp_path) == (["stdout text\n", "{}\n", "<xml/>\n"], 0)


def test_outputs_not_written_in_full_are_not_kept(
    site: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs
) -> None:
    unwritable = site / "missing-folder" / "report.json"
    failed = run(site, monkeypatch, "--format", f"json:{unwritable}", "--format", "text")
    assert failed.exit_code == 2 and "cannot write" in failed.stderr
    assert sorted(p.name for p in (site / CACHE_FOLDER).iterdir() if "replay" in p.name) == []
    assert run(site, monkeypatch, "--format", f"json:{unwritable}", "--format", "text").exit_code == 2
    assert runs == [1, 1]  # checked again: nothing was recorded


def test_a_recording_that_cannot_be_written_records_nothing_and_passes_the_output_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = replay.Recorder(tmp_path, "cmd", "inputs")

    def full(data: bytes) -> int:
        raise OSError(28, "No space left on device")

    assert recorder._file is not None
    monkeypatch.setattr(recorder._file.handle, "write", full)
    try:
        assert list(recorder.tee(0, ["a", "b"])) == ["a", "b"]
        recorder.commit(0)
    finally:
        recorder.discard()
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_recorded_without_a_cache_folder_or_an_inputs_digest(tmp_path: Path) -> None:
    for folder, inputs in ((tmp_path / "missing", "inputs"), (None, "inputs"), (tmp_path, None)):
        recorder = replay.Recorder(folder, "cmd", inputs)
        assert list(recorder.tee(0, ["x"])) == ["x"]
        recorder.commit(0)
        recorder.discard()
    assert list(tmp_path.iterdir()) == []


def test_replay_files_unused_for_a_week_are_deleted(tmp_path: Path) -> None:
    old, recent = tmp_path / "replay-old.bin", tmp_path / "replay-recent.bin"
    for path in (old, recent):
        path.write_bytes(b"")
    eight_days_ago = time.time() - 8 * 86400
    os.utime(old, (eight_days_ago, eight_days_ago))
    left = tmp_path / ".replay-killed.bin.x1y2.tmp"  # the recording of a run that was killed
    left.write_bytes(b"")
    os.utime(left, (eight_days_ago, eight_days_ago))
    record(tmp_path, [["x"]], 0)
    assert not old.exists() and recent.exists() and not left.exists()
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["replay-cmd.bin", "replay-recent.bin"]


def test_the_command_key_tells_commands_apart() -> None:
    keys = {
        replay.command_key("/site", (), None, "text", False),
        replay.command_key("/site", (), None, "text", True),
        replay.command_key("/other", (), None, "text", False),
        replay.command_key("/site", (Path("content"),), None, "text", False),
    }
    assert len(keys) == 4
    assert replay.command_key("/site", (), None, "text", False) in keys


def test_a_comment_added_to_the_configuration_moves_its_findings(
    site: Path, monkeypatch: pytest.MonkeyPatch, settled: None, runs: Runs
) -> None:
    """Lines of `.provenance.yaml` show in findings though a comment does not change the configuration."""
    config = site / ".provenance.yaml"
    entry = '  - {paths: ["**"], rules: [GR-LINKS], reason: "typo"}\n'
    config.write_text(config.read_text() + "ignore:\n" + entry)

    def invalid_suppression_lines() -> list[int]:
        findings = run(site, monkeypatch, "--format", "json").report["findings"]
        return [f["line"] for f in findings if f["rule"] == "CORE-SUPPRESSION-INVALID"]

    assert invalid_suppression_lines() == [6]
    config.write_text("# the site's settings\n" + config.read_text())
    assert invalid_suppression_lines() == [7]
    assert runs == [1, 1]
