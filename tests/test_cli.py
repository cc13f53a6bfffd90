"""The command line: exit-code contract, output handling and the rules commands.

The library calls (`plan_check`, `load_rules_for`, `validate_pack_files`) are monkeypatched, so
these tests pin the adapter alone; the end-to-end runs on tests/fixtures/cli_repo come last.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
from click.testing import CliRunner, Result
from fake_plan import planned
from hypothesis import given
from hypothesis import strategies as st
from sample_report import ARTICLES, SAMPLE_REPORT

import provenance.cli as cli
from provenance.checks.base import CheckSpec, NoParams
from provenance.cli_outputs import OutputSpec, RenderedOutput
from provenance.engine import CheckOptions, CheckResult
from provenance.model import Category, Finding, Report, Severity, Venue
from provenance.report import FORMATTERS, RenderOptions
from provenance.rules.errors import ConfigError, RuleErrors, RuleFileError
from provenance.rules.models import AppliesTo, Example, Examples
from provenance.rules.ruleset import CompiledPack, CompiledRule, RuleSet
from provenance.validation import validate


def finding(severity: Severity, path: str = "a.md", line: int = 1) -> Finding:
    return Finding(
        rule="GR-LINK",
        policy="global-research",
        category=Category.LINK_TO_ORIGINAL_PLACEHOLDER,
        severity=severity,
        path=path,
        line=line,
        column=1,
        message="placeholder link",
    )


def report_with(*severities: Severity) -> Report:
    return Report(tuple(finding(s, line=n) for n, s in enumerate(severities, 1)), ARTICLES, "0.1.0")


class FakeCheck:
    """Stands in for `run_check` (run by a fake plan): records its call, then returns a result or raises."""

    def __init__(self, outcome: Report | BaseException, notices: tuple[str, ...] = ()) -> None:
        self.outcome = outcome
        self.notices = notices
        self.calls: list[tuple[tuple[Path, ...], Path, CheckOptions]] = []

    def __call__(self, paths: Sequence[Path], *, cwd: Path, options: CheckOptions) -> CheckResult:
        self.calls.append((tuple(paths), cwd, options))
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return CheckResult(report=self.outcome, notices=self.notices)


@pytest.fixture
def invoke(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[[list[str], Report | BaseException], tuple[Result, FakeCheck]]:
    monkeypatch.chdir(tmp_path)

    def run(
        args: list[str], outcome: Report | BaseException, notices: tuple[str, ...] = ()
    ) -> tuple[Result, FakeCheck]:
        fake = FakeCheck(outcome, notices)
        monkeypatch.setattr(cli, "plan_check", planned(fake))
        return CliRunner().invoke(cli.main, args), fake

    return run


# --- exit codes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fail_on", "severities", "expected"),
    [
        (None, (Severity.ERROR,), 1),
        (None, (Severity.WARNING, Severity.INFO), 0),
        ("error", (Severity.ERROR,), 1),
        ("error", (Severity.WARNING,), 0),
        ("error", (Severity.INFO,), 0),
        ("error", (), 0),
        ("warning", (Severity.ERROR,), 1),
        ("warning", (Severity.WARNING,), 1),
        ("warning", (Severity.INFO,), 0),
        ("warning", (), 0),
        ("never", (Severity.ERROR, Severity.WARNING), 0),
        ("never", (), 0),
    ],
)
def test_exit_code_follows_fail_on(
    invoke: Any, fail_on: str | None, severities: tuple[Severity, ...], expected: int
) -> None:
    args = ["check"] + ([] if fail_on is None else ["--fail-on", fail_on])
    result, _ = invoke(args, report_with(*severities))
    assert result.exit_code == expected, result.output


def test_exit_code_function() -> None:
    assert cli.exit_code(report_with(Severity.INFO), Severity.WARNING) == cli.EXIT_CLEAN
    assert cli.exit_code(report_with(Severity.INFO, Severity.WARNING), Severity.WARNING) == cli.EXIT_FINDINGS
    assert cli.exit_code(report_with(Severity.ERROR), None) == cli.EXIT_CLEAN


def test_unknown_fail_on_is_a_usage_error(invoke: Any) -> None:
    result, fake = invoke(["check", "--fail-on", "info"], report_with())
    assert result.exit_code == 2
    assert fake.calls == []


# --- check: arguments, output ----------------------------------------------------------------


def test_default_path_and_options_reach_the_library(invoke: Any, tmp_path: Path) -> None:
    result, fake = invoke(["check"], report_with())
    assert result.exit_code == 0
    assert fake.calls == [((Path("."),), tmp_path, CheckOptions(config_path=None))]


def test_paths_and_config_reach_the_library(invoke: Any, tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "site.yaml").write_text("site: {venue: community}\n")
    result, fake = invoke(["check", "content", "site.yaml", "--config", "site.yaml"], report_with())
    assert result.exit_code == 0
    assert fake.calls == [((Path("content"), Path("site.yaml")), tmp_path, CheckOptions(Path("site.yaml")))]


@pytest.mark.parametrize("format_name", ["text", "json"])
def test_stdout_is_the_rendered_report(invoke: Any, format_name: str) -> None:
    result, _ = invoke(["check", "--format", format_name], SAMPLE_REPORT)
    assert result.exit_code == 1
    assert result.stdout == FORMATTERS[format_name](SAMPLE_REPORT, RenderOptions(color=False))
    assert result.stderr == ""


def test_default_format_is_text(invoke: Any) -> None:
    result, _ = invoke(["check"], SAMPLE_REPORT)
    assert result.stdout.endswith("\n4 files (2 republished): 3 errors, 1 warning, 1 info\n")


def test_notices_go_to_stderr(invoke: Any) -> None:
    notice = "no .provenance.yaml found; assuming venue 'community'"
    result, _ = invoke(["check", "--format", "json"], report_with(), (notice,))
    assert result.stderr == f"provenance: {notice}\n"
    assert json.loads(result.stdout)["schema_version"] == 1


def test_colour_when_stdout_wants_it(invoke: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_stdout_wants_color", lambda: True)
    result, _ = invoke(["check"], SAMPLE_REPORT)
    assert result.stdout == FORMATTERS["text"](SAMPLE_REPORT, RenderOptions(color=True))
    assert "\x1b[31merror" in result.stdout


@pytest.mark.parametrize(
    ("tty", "no_color", "expected"),
    [(True, None, True), (True, "1", False), (True, "", True), (False, None, False)],
)
def test_colour_decision(
    monkeypatch: pytest.MonkeyPatch, tty: bool, no_color: str | None, expected: bool
) -> None:
    class Stream:
        def isatty(self) -> bool:
            return tty

    monkeypatch.setattr(sys, "stdout", Stream())
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert cli._stdout_wants_color() is expected


def test_output_file_gets_the_report_and_stdout_stays_empty(
    invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_stdout_wants_color", lambda: True)  # a terminal, yet the file has no colour
    (tmp_path / "out").mkdir()
    result, _ = invoke(["check", "--output", "out/report.txt"], SAMPLE_REPORT)
    assert result.exit_code == 1
    assert result.stdout == ""
    written = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert written == FORMATTERS["text"](SAMPLE_REPORT, RenderOptions(color=False))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.txt"]


def test_output_file_replaces_an_existing_one(invoke: Any, tmp_path: Path) -> None:
    (tmp_path / "report.json").write_text("old")
    result, _ = invoke(["check", "--format", "json", "-o", "report.json"], report_with())
    assert result.exit_code == 0
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["summary"]["findings"] == 0


def test_unwritable_output_is_a_usage_error(invoke: Any) -> None:
    result, _ = invoke(["check", "--output", "missing/report.txt"], report_with())
    assert result.exit_code == 2
    assert result.stderr.startswith("provenance: cannot write missing/report.txt: ")


@pytest.mark.parametrize(
    "args", [["check", "--format", "yaml"], ["check", "no-such-dir"], ["check", "--config", "nope.yaml"]]
)
def test_usage_errors_exit_2_without_running(invoke: Any, args: list[str]) -> None:
    result, fake = invoke(args, report_with())
    assert result.exit_code == 2
    assert fake.calls == []


def test_version() -> None:
    result = CliRunner().invoke(cli.main, ["--version"])
    assert (result.exit_code, result.stdout) == (0, "provenance 0.1.0\n")


# --- check: errors -----------------------------------------------------------------------------

RULE_ERRORS = (
    RuleFileError("rules/local.yaml", 7, "/conditions/0/check", "unknown check 'no-such-check'"),
    RuleFileError("rules/local.yaml", 12, "/conditions/1/id", "duplicate rule id GR-LINK"),
)


@pytest.mark.parametrize("error_type", [RuleErrors, ConfigError])
def test_rule_and_config_errors_exit_2_with_locations(
    invoke: Any, tmp_path: Path, error_type: type[RuleErrors]
) -> None:
    result, _ = invoke(["check", "--output", "report.txt"], error_type(RULE_ERRORS))
    assert result.exit_code == 2
    assert result.stderr == (
        "rules/local.yaml:7: /conditions/0/check: unknown check 'no-such-check'\n"
        "rules/local.yaml:12: /conditions/1/id: duplicate rule id GR-LINK\n"
    )
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


class CrashWhileChecking(Exception):
    def __init__(self, path: str) -> None:
        super().__init__(f"crashed on {path}")
        self.path = path


def test_internal_error_exits_3_and_leaves_no_output_file(invoke: Any, tmp_path: Path) -> None:
    (tmp_path / "report.json").write_text("previous run")
    result, _ = invoke(["check", "--format", "json", "--output", "report.json"], KeyError("title"))
    assert result.exit_code == 3
    assert result.stderr == "provenance: internal error: KeyError: 'title'\n"
    assert result.stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    assert (tmp_path / "report.json").read_text() == "previous run"


def test_internal_error_names_the_file_being_checked(invoke: Any, tmp_path: Path) -> None:
    crash = CrashWhileChecking("content/2009/nato-russia.md")
    crash.__cause__ = ValueError("bad offset")
    result, _ = invoke(["check", "-o", "report.txt"], crash)
    assert result.exit_code == 3
    assert result.stderr == (
        "provenance: internal error while checking content/2009/nato-russia.md: ValueError: bad offset\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_internal_error_in_a_formatter_exits_3(
    invoke: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(report: Report, options: RenderOptions) -> str:
        raise RuntimeError("formatter bug")

    monkeypatch.setattr("provenance.report.text.render", broken)
    result, _ = invoke(["check", "-o", "report.txt"], report_with())
    assert (result.exit_code, result.stderr) == (
        3,
        "provenance: internal error: RuntimeError: formatter bug\n",
    )
    assert list(tmp_path.iterdir()) == []


# --- rules commands ----------------------------------------------------------------------------


def compiled_rule(rule_id: str, name: str, pack: str, severity: Severity, **extra: Any) -> CompiledRule:
    spec: CheckSpec[NoParams] = CheckSpec(
        "link-to-original",
        lambda ctx, params: (),
        NoParams,
        frozenset({Category.LINK_TO_ORIGINAL_MISSING}),
        "",
    )
    fields: dict[str, Any] = {
        "params": NoParams(),
        "category": Category.LINK_TO_ORIGINAL_MISSING,
        "message": "No hyperlink to the original article.",
        "fix": "",
        "rationale": "The permission requires a hyperlink to the original.",
        "source_url": "https://example.org/terms",
        "venues": frozenset(),
        "examples": Examples(),
        "origin": f"{pack}.yaml",
    }
    fields.update(extra)
    return CompiledRule(id=rule_id, name=name, pack_id=pack, check=spec, severity=severity, **fields)


LINK_RULE = compiled_rule(
    "GR-LINK",
    "hyperlink-to-original",
    "global-research",
    Severity.ERROR,
    fix="Link the credit to the original article.",
    venues=frozenset({Venue.COMMUNITY, Venue.NONCOMMERCIAL}),
    examples=validate(
        Examples,
        {
            "pass": [Example(content="Source: [Global Research](https://www.globalresearch.ca/a/1)\n")],
            "fail": [
                Example(path="post.md", content="---\ntitle: T\n---\nSource: Global Research\n", lines=[4])
            ],
        },
    ),
)
LOCAL_RULE = compiled_rule("SITE-CANONICAL", "canonical-link", "my-site-extra", Severity.WARNING)


def ruleset(*rules: CompiledRule) -> RuleSet:
    pack = CompiledPack(
        id="global-research",
        name="Global Research",
        description="",
        source_url="",
        applies_to=AppliesTo.PUBLISHER,
        publisher=None,
        signatures=(),
        licenses=(),
        rules=rules,
        origin="global-research.yaml",
        builtin=True,
    )
    return RuleSet(packs=(pack,), fingerprint="x")


@pytest.fixture
def rules_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[list[str]], Result]:
    monkeypatch.chdir(tmp_path)
    calls: list[tuple[Path, Path | None]] = []

    def load(cwd: Path, config_path: Path | None) -> RuleSet:
        calls.append((cwd, config_path))
        return ruleset(LINK_RULE, LOCAL_RULE)

    monkeypatch.setattr(cli, "load_rules_for", load)
    return lambda args: CliRunner().invoke(cli.main, args)


def test_rules_list_text_is_aligned(rules_cli: Callable[[list[str]], Result]) -> None:
    result = rules_cli(["rules", "list"])
    assert result.exit_code == 0
    assert result.stdout == (
        "ID              CATEGORY                  SEVERITY  PACK             NAME\n"
        "GR-LINK         link-to-original-missing  error     global-research  hyperlink-to-original\n"
        "SITE-CANONICAL  link-to-original-missing  warning   my-site-extra    canonical-link\n"
    )


def test_rules_list_json(rules_cli: Callable[[list[str]], Result]) -> None:
    result = rules_cli(["rules", "list", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0] == {
        "id": "GR-LINK",
        "name": "hyperlink-to-original",
        "pack": "global-research",
        "category": "link-to-original-missing",
        "severity": "error",
        "check": "link-to-original",
        "source_url": "https://example.org/terms",
    }
    assert [r["id"] for r in json.loads(result.stdout)] == ["GR-LINK", "SITE-CANONICAL"]


def test_rules_explain_shows_everything(rules_cli: Callable[[list[str]], Result]) -> None:
    result = rules_cli(["rules", "explain", "gr-link"])
    assert result.exit_code == 0
    assert result.stdout == (
        "GR-LINK: hyperlink-to-original\n"
        "\n"
        "  pack:      global-research\n"
        "  check:     link-to-original\n"
        "  category:  link-to-original-missing\n"
        "  severity:  error\n"
        "  venues:    community, noncommercial\n"
        "  source:    https://example.org/terms\n"
        "\n"
        "Message:\n"
        "    No hyperlink to the original article.\n"
        "\n"
        "Fix:\n"
        "    Link the credit to the original article.\n"
        "\n"
        "Rationale:\n"
        "    The permission requires a hyperlink to the original.\n"
        "\n"
        "Passing example 1: example.md, venue community\n"
        "    | Source: [Global Research](https://www.globalresearch.ca/a/1)\n"
        "\n"
        "Failing example 1: post.md, venue community; findings on line 4\n"
        "    | ---\n"
        "    | title: T\n"
        "    | ---\n"
        "    | Source: Global Research\n"
    )


def test_rules_explain_unknown_rule_exits_2_with_suggestion(rules_cli: Callable[[list[str]], Result]) -> None:
    result = rules_cli(["rules", "explain", "GR-LNK"])
    assert result.exit_code == 2
    assert result.stderr == "provenance: unknown rule 'GR-LNK' (did you mean GR-LINK?)\n"


def test_rules_commands_report_pack_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def load(cwd: Path, config_path: Path | None) -> RuleSet:
        raise RuleErrors(RULE_ERRORS[:1])

    monkeypatch.setattr(cli, "load_rules_for", load)
    for args in (["rules", "list"], ["rules", "explain", "GR-LINK"]):
        result = CliRunner().invoke(cli.main, args)
        assert result.exit_code == 2
        assert result.stderr == "rules/local.yaml:7: /conditions/0/check: unknown check 'no-such-check'\n"


def test_rules_validate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text("id: good\n")
    Path("bad.yaml").write_text("id: Bad\n")
    seen: list[list[Path]] = []

    def validate(paths: Sequence[Path]) -> list[RuleFileError]:
        seen.append(list(paths))
        return (
            [RuleFileError("bad.yaml", 1, "/id", "'Bad' does not match pattern")]
            if Path("bad.yaml") in paths
            else []
        )

    monkeypatch.setattr("provenance.rules.loader.validate_pack_files", validate)  # imported when run
    monkeypatch.setattr("provenance.rule_examples.failing_examples", lambda paths: [])
    good = CliRunner().invoke(cli.main, ["rules", "validate", "good.yaml"])
    assert (good.exit_code, good.stdout) == (0, "1 pack file valid, examples pass\n")
    bad = CliRunner().invoke(cli.main, ["rules", "validate", "good.yaml", "bad.yaml"])
    assert (bad.exit_code, bad.stdout) == (2, "bad.yaml:1: /id: 'Bad' does not match pattern\n")
    assert seen == [[Path("good.yaml")], [Path("good.yaml"), Path("bad.yaml")]]
    missing = CliRunner().invoke(cli.main, ["rules", "validate"])
    assert missing.exit_code == 2


# --- end to end on tests/fixtures/cli_repo -----------------------------------------------------

FIXTURE_REPO = Path(__file__).parent / "fixtures" / "cli_repo"
REPORT_SCHEMA = Path(cli.__file__).parent / "schemas" / "report.schema.json"
PLACEHOLDER_POST = "content/posts/back-to-dialogue.md"
CREDITED_POST = "content/posts/credited.md"
ORIGINAL_POST = "content/posts/garden-notes.md"

EXPECTED_FINDINGS = [
    ("GR-UPSTREAM-TERMS", PLACEHOLDER_POST, 10),  # Russia Today: no policy pack
    ("GR-LINK", PLACEHOLDER_POST, 10),  # The original source of this article is [Russia Today](#)
    ("GR-LINK", PLACEHOLDER_POST, 11),  # Copyright © [Global Research](#), ...
    ("GR-LINK", PLACEHOLDER_POST, 11),  # ..., [Russia Today](#), 2009
]


def run_in_fixture_repo(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> Result:
    monkeypatch.chdir(FIXTURE_REPO)
    return CliRunner().invoke(cli.main, args)


def test_e2e_json_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_in_fixture_repo(monkeypatch, ["check", "--format", "json"])
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))).validate(document)
    assert [(f["rule"], f["path"], f["line"]) for f in document["findings"]] == EXPECTED_FINDINGS
    assert [f["column"] for f in document["findings"]] == [1, 40, 13, 35]
    assert result.exit_code == 1
    assert result.stderr == ""
    assert [(a["path"], a["republished"], a["status"]) for a in document["articles"]] == [
        (PLACEHOLDER_POST, True, "violations"),
        (CREDITED_POST, True, "compliant"),
        (ORIGINAL_POST, False, "original"),
    ]


def test_e2e_single_path_and_fail_on_never(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_in_fixture_repo(
        monkeypatch, ["check", CREDITED_POST, "--format", "json", "--fail-on", "never"]
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["findings"] == []
    assert document["summary"]["files"] == 1


def test_e2e_text_output_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = run_in_fixture_repo(monkeypatch, ["check", "content", "--output", str(out)])
    assert (result.exit_code, result.stdout) == (1, "")
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"{PLACEHOLDER_POST}:10:1: warning [GR-UPSTREAM-TERMS] ")
    assert f"\n\n{PLACEHOLDER_POST}:10:40: error [GR-LINK] " in text
    assert "\n    | [Russia Today](#)\n" in text
    assert text.endswith("\n\n3 files (2 republished): 3 errors, 1 warning\n")


def test_e2e_rules_list_and_explain_builtin(monkeypatch: pytest.MonkeyPatch) -> None:
    listed = run_in_fixture_repo(monkeypatch, ["rules", "list", "--format", "json"])
    assert listed.exit_code == 0
    ids = [r["id"] for r in json.loads(listed.stdout)]
    assert "GR-LINK" in ids and len(ids) == len(set(ids))
    explained = run_in_fixture_repo(monkeypatch, ["rules", "explain", "GR-LINK"])
    assert explained.exit_code == 0
    assert explained.stdout.startswith("GR-LINK: link-to-original\n")
    assert "    | The original source of this article is [Global Research](#)\n" in explained.stdout


def test_e2e_rules_validate_reports_locations(tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text("id: bad-pack\nname: Bad\nconditions:\n  - id: lower\n    name: x\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["rules", "validate", str(pack)])
    assert result.exit_code == 2
    assert result.stdout.startswith(f"{pack}:4: /conditions/0")


def test_python_dash_m_runs_the_cli() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "provenance", "--version"], capture_output=True, text=True, check=False
    )
    assert (completed.returncode, completed.stdout) == (0, "provenance 0.1.0\n")


def test_the_script_runs_with_the_collector_set_for_a_short_run() -> None:
    """The installed script is `provenance.console:main`: the command line, with fewer collections
    and everything frozen once it is done (the interpreter's exit then need not walk it)."""
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="provenance")
    assert script.value == "provenance.console:main"
    probe = (
        "import gc, sys\n"
        "from provenance.console import main\n"
        "sys.argv = ['provenance', '--version']\n"
        "try:\n    main()\n"
        "except SystemExit as done:\n"
        "    print(done.code, gc.get_threshold(), gc.get_freeze_count() > 0)\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert completed.stdout == "provenance 0.1.0\n0 (50000, 10, 10) True\n"


@given(
    text=st.text(alphabet="ab\n", max_size=80),
    cuts=st.lists(st.integers(min_value=0, max_value=80), max_size=6),
    size=st.integers(min_value=0, max_value=12),
)
def test_large_output_is_written_in_whole_line_pieces(text: str, cuts: list[int], size: int) -> None:
    """However a formatter cuts its text into chunks, it goes out in the same whole-line pieces."""
    from provenance.cli import _line_chunks

    bounds = sorted({0, len(text), *(cut for cut in cuts if cut <= len(text))})
    pieces = list(_line_chunks([text[a:b] for a, b in itertools.pairwise(bounds)], size=size))
    assert "".join(pieces) == text
    assert all(piece.endswith("\n") for piece in pieces[:-1])
    assert all(len(piece) > size and "\n" not in piece[size:-1] for piece in pieces[:-1])  # first break
    assert pieces == list(_line_chunks([text], size=size))  # the same pieces from the whole text


@pytest.mark.parametrize("color", [False, True])
def test_pieces_lose_styles_only_without_colour(color: bool, capsys: pytest.CaptureFixture[str]) -> None:
    """Pieces without an escape character skip click's stripping; the bytes written stay the same."""
    text = f"plain line\n{click.style('red', fg='red')} line\n" + "x\n" * 10
    cli._echo_in_chunks([text], color, size=4)
    assert capsys.readouterr().out == (text if color else click.unstyle(text))


def test_a_large_output_goes_out_in_pieces_of_about_a_megabyte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text rendered as one chunk is written, echoed and recorded a piece at a time, never encoded whole."""
    line = "x" * 99 + "\n"
    text = line * 30_000  # 3 MB in one chunk, as the text format renders it
    pieces: list[tuple[int, int]] = []

    def tee(index: int, chunks: Iterable[str]) -> Iterator[str]:
        for chunk in chunks:
            pieces.append((index, len(chunk)))
            yield chunk

    report_file = tmp_path / "report.txt"
    to_stdout, to_file = OutputSpec("text"), OutputSpec("text", report_file)
    cli.deliver([RenderedOutput(to_stdout, [text]), RenderedOutput(to_file, [text])], False, tee)
    assert capsys.readouterr().out == text and report_file.read_text(encoding="utf-8") == text
    thirds = [1_048_600, 1_048_600, 902_800]  # each to the first line break past 1 MiB
    assert pieces == [(1, size) for size in thirds] + [(0, size) for size in thirds]  # the file first
