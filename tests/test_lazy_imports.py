"""A run imports only what it uses: the modules a short run never needs stay unimported.

Each case runs a fresh interpreter (the test process has imported everything already) and
lists the modules a snippet left out of `sys.modules`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

REPORT = """
import provenance.report.rule_docs, provenance.report.rule_info  # the CLI imports them for `rules`
from provenance.model import Report
from provenance.report import FORMATTERS, RenderOptions
FORMATTERS["text"](Report((), (), "0"), RenderOptions())
"""
MARKDOWN_READ = """
from provenance.readers import read_bytes
article = read_bytes("a.md", b"---\\ntitle: t\\n---\\nBy [A](#)\\n")
assert article.metadata == {"title": "t"}
"""
MARKDOWN_BODY = MARKDOWN_READ + "assert article.document.links\n"
QUOTED_BODY = MARKDOWN_BODY.replace("By [A]", "> By [A]")  # not plain: markdown-it parses it
DISCOVER = """
import pathlib, tempfile
from provenance.discover import discover
with tempfile.TemporaryDirectory() as folder:
    root = pathlib.Path(folder)
    (root / "a.md").write_text("text")
    files, _ = discover([root], root=root, cwd=root, include=(), exclude=(), suffixes={".md"})
    assert [f.display_path for f in files] == ["a.md"]
"""
SERIAL_CHECK = """
from types import SimpleNamespace
from provenance.parallel import check_all
checker = SimpleNamespace(check=lambda job: job)  # too few jobs for workers: checked in this process
assert list(check_all(lambda: checker, ["job"], workers=8)) == ["job"]
"""
NO_BASELINE = """
from pathlib import Path
from provenance.baseline import settle
from provenance.model import Report
assert settle(Report((), (), "0"), use=None, write=None, cwd=Path(".")) == (Report((), (), "0"), [])
"""
BUILTIN_RULES = """
from provenance.rules.loader import load_ruleset
assert load_ruleset().packs
"""
CASES = {
    "text report": (REPORT, ["provenance.rules.ruleset", "provenance.checks"]),
    "readers": ("import provenance.readers", ["provenance.readers.text", "provenance.readers.html"]),
    "markdown front matter": (
        MARKDOWN_READ,
        ["tomllib", "provenance.readers.fm_json", "provenance.readers.markdown", "html.parser"],
    ),
    "markdown body without HTML": (QUOTED_BODY, ["provenance.readers.html_scan", "html.parser"]),
    "plain markdown body": (MARKDOWN_BODY, ["markdown_it", "provenance.readers.markdown"]),
    "discovery without patterns or .gitignore": (DISCOVER, ["pathspec"]),
    "serial check": (SERIAL_CHECK, ["multiprocessing", "concurrent.futures"]),
    "changes module": ("import provenance.changes", ["subprocess", "provenance.rules.models"]),
    "site suppressions": ("import provenance.suppress.site", ["provenance.checks", "pathspec"]),
    "configuration, before one is read": (
        "import provenance.config, provenance.engine",
        ["yaml", "jsonschema", "provenance.rules.schema", "provenance.rules.yaml_marks"],
    ),
    "a run without a baseline": (NO_BASELINE, ["provenance.baseline_file"]),
    "the built-in rules, compiled": (BUILTIN_RULES, ["provenance.rules.schema", "jsonschema", "pydantic"]),
    "command line, before rules are compiled": (
        "import provenance.cli",
        ["provenance.rules.models", "difflib", "provenance.readers.markdown_plain"],
    ),
}


def imported(snippet: str, names: list[str]) -> list[str]:
    """Those of `names` that are in `sys.modules` once `snippet` has run in a fresh interpreter."""
    report = f"import json, sys\nprint(json.dumps([n for n in {names!r} if n in sys.modules]))"
    code = textwrap.dedent(snippet) + "\n" + report
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    found: list[str] = json.loads(done.stdout.splitlines()[-1])
    return found


@pytest.mark.parametrize("case", list(CASES))
def test_short_runs_do_not_import_what_they_do_not_use(case: str) -> None:
    snippet, unused = CASES[case]
    assert imported(snippet, unused) == []


def test_what_is_imported_late_is_still_imported_when_needed() -> None:
    toml = 'from provenance.readers import read_bytes\nread_bytes("a.md", b"+++\\ntitle = 1\\n+++\\n")\n'
    html = 'from provenance.readers import read_bytes\nread_bytes("a.html", b"<p>x</p>")\n'
    assert imported(toml, ["tomllib"]) == ["tomllib"]
    assert imported(html, ["provenance.readers.html_scan"]) == ["provenance.readers.html_scan"]
    assert imported(QUOTED_BODY, ["markdown_it"]) == ["markdown_it"]
