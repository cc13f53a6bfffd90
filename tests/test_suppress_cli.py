"""Suppressions end to end: inline, front matter and site config, through `provenance check`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from adoption_site import CONFIG, GR_ARTICLE, run, write

import provenance

SCHEMA = json.loads((Path(provenance.__file__).parent / "schemas" / "report.schema.json").read_text("utf-8"))
HEAD = "---\ntitle: Back to dialogue\nsource: Global Research\n---\nBody text.\n\n"
CREDIT = "The original source of this article is [Global Research](#)\n"
NOTICE = "Copyright © [Global Research](#), 2009\n"


def site(tmp_path: Path, article: str, config: str = CONFIG, **more: str) -> Path:
    return write(tmp_path, {".provenance.yaml": config, "content/gr.md": article, **more})


def test_inline_ignore_suppresses_the_block_and_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reason = "the print edition carries the address"
    comment = f'<!-- provenance: ignore GR-LINK reason="{reason}" expires=2099-12-31 -->\n'
    root = site(tmp_path, HEAD + comment + CREDIT + NOTICE)
    result = run(root, monkeypatch, "--format", "json")
    assert result.exit_code == 0
    assert result.active() == []
    assert result.suppressed() == [
        ("GR-LINK", "content/gr.md", 8, "inline"),
        ("GR-LINK", "content/gr.md", 9, "inline"),
    ]
    assert result.report["findings"][0]["suppression"] == {
        "kind": "inline",
        "reason": "the print edition carries the address",
        "source": "content/gr.md:7",
        "expires": "2099-12-31",
    }
    assert result.report["summary"]["findings"] == 0 and result.report["summary"]["suppressed"] == 2
    jsonschema.validate(result.report, SCHEMA)
    text = run(root, monkeypatch)
    assert text.exit_code == 0
    assert text.stdout == "1 file (1 republished): no findings; 2 suppressed\n"


def test_a_trailing_comment_covers_its_own_line_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    credit = CREDIT.rstrip("\n") + ' <!-- provenance: ignore GR-LINK reason="restored in print" -->\n'
    result = run(site(tmp_path, HEAD + credit + NOTICE), monkeypatch, "--format", "json")
    assert result.exit_code == 1
    assert result.active() == [("GR-LINK", "content/gr.md", 8)]
    assert result.suppressed() == [("GR-LINK", "content/gr.md", 7, "inline")]
    assert result.report["summary"]["errors"] == 1


def test_an_expired_suppression_stops_suppressing_and_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    comment = '<!-- provenance: ignore-file GR-LINK reason="permission renewal" expires=2020-01-31 -->\n'
    result = run(site(tmp_path, HEAD + comment + CREDIT + NOTICE), monkeypatch, "--format", "json")
    assert result.exit_code == 1
    assert result.active() == [
        ("CORE-SUPPRESSION-EXPIRED", "content/gr.md", 7),
        ("GR-LINK", "content/gr.md", 8),
        ("GR-LINK", "content/gr.md", 9),
    ]
    expired = result.report["findings"][0]
    assert (expired["category"], expired["severity"]) == ("suppression-expired", "warning")
    assert expired["message"] == "The suppression of GR-LINK expired on 2020-01-31; it no longer applies"


def test_an_unused_suppression_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = (
        "Our own reporting.\n\n"
        + '<!-- provenance: ignore GR-LINK,GR-COPYRIGHT reason="left over" -->\n'
        + "Text.\n"
    )
    root = site(tmp_path, own)
    result = run(root, monkeypatch, "--format", "json")
    assert result.exit_code == 0
    assert [
        (f["rule"], f["line"], f["column"], f["category"], f["message"]) for f in result.report["findings"]
    ] == [
        (
            "CORE-SUPPRESSION-UNUSED",
            3,
            1,
            "suppression-unused",
            "The suppression of GR-COPYRIGHT suppresses nothing; remove it",
        ),
        (
            "CORE-SUPPRESSION-UNUSED",
            3,
            1,
            "suppression-unused",
            "The suppression of GR-LINK suppresses nothing; remove it",
        ),
    ]
    assert run(root, monkeypatch, "--fail-on", "warning").exit_code == 1


def test_one_rule_used_and_another_unused_in_the_same_comment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    comment = '<!-- provenance: ignore GR-LINK,GR-SOURCE reason="print edition" -->\n'
    result = run(site(tmp_path, HEAD + comment + CREDIT + NOTICE), monkeypatch, "--format", "json")
    assert result.active() == [("CORE-SUPPRESSION-UNUSED", "content/gr.md", 7)]
    assert "GR-SOURCE" in result.report["findings"][0]["message"]
    assert result.report["summary"]["suppressed"] == 2


def test_malformed_suppressions_are_errors_and_suppress_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = (
        HEAD
        + "<!-- provenance: ignore GR-LINK -->\n"
        + CREDIT
        + '<!-- provenance: ignore GR-LNK reason="typo" -->\n'
        + NOTICE
    )
    result = run(site(tmp_path, article), monkeypatch, "--format", "json")
    assert result.exit_code == 1
    assert result.active() == [
        ("CORE-SUPPRESSION-INVALID", "content/gr.md", 7),
        ("GR-LINK", "content/gr.md", 8),
        ("CORE-SUPPRESSION-INVALID", "content/gr.md", 9),
        ("GR-LINK", "content/gr.md", 10),
    ]
    messages = [f["message"] for f in result.report["findings"] if f["rule"] == "CORE-SUPPRESSION-INVALID"]
    assert messages == [
        'Malformed suppression: a reason is mandatory: reason="why this is acceptable"',
        "The suppression names GR-LNK, which no loaded rule has (did you mean GR-LINK?)",
    ]
    assert {f["category"] for f in result.report["findings"] if f["rule"].startswith("CORE-")} == {
        "metadata-invalid"
    }


def test_front_matter_suppression_covers_the_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = (
        "---\ntitle: Back to dialogue\nsource: Global Research\nprovenance:\n  ignore:\n"
        '    - {rule: GR-LINK, reason: "links restored in print", expires: 2099-01-01}\n'
        "---\nBody text.\n\n" + CREDIT + NOTICE
    )
    result = run(site(tmp_path, article), monkeypatch, "--format", "json")
    assert result.exit_code == 0
    assert result.suppressed() == [
        ("GR-LINK", "content/gr.md", 10, "front-matter"),
        ("GR-LINK", "content/gr.md", 11, "front-matter"),
    ]
    assert result.report["findings"][0]["suppression"]["source"] == "content/gr.md:6"
    assert result.report["findings"][0]["suppression"]["expires"] == "2099-01-01"


CONFIG_IGNORES = (
    CONFIG
    + "ignore:\n"
    + '  - paths: ["content/archive/**"]\n'  # line 3
    + "    rules: [GR-LINK]\n"
    + '    reason: "pre-2010 archive under review"\n'
    + '  - paths: ["content/archive/**"]\n'  # line 6
    + "    rules: [GR-COPYRIGHT]\n"
    + '    reason: "never fires"\n'
    + '  - paths: ["content/gr.md"]\n'  # line 9
    + "    rules: [GR-LINK]\n"
    + '    reason: "was agreed until 2020"\n'
    + "    expires: 2020-06-30\n"
)


def test_config_ignores_by_path_with_unused_and_expired_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site(tmp_path, GR_ARTICLE, CONFIG_IGNORES, **{"content/archive/old.md": GR_ARTICLE})
    result = run(root, monkeypatch, "--format", "json")
    assert result.exit_code == 1
    assert result.active() == [
        ("CORE-SUPPRESSION-UNUSED", ".provenance.yaml", 6),
        ("CORE-SUPPRESSION-EXPIRED", ".provenance.yaml", 9),
        ("GR-LINK", "content/gr.md", 7),
        ("GR-LINK", "content/gr.md", 8),
    ]
    assert result.suppressed() == [
        ("GR-LINK", "content/archive/old.md", 7, "config"),
        ("GR-LINK", "content/archive/old.md", 8, "config"),
    ]
    suppression = next(f["suppression"] for f in result.report["findings"] if f["suppression"])
    assert suppression == {
        "kind": "config",
        "reason": "pre-2010 archive under review",
        "source": ".provenance.yaml:3",
        "expires": None,
    }
    jsonschema.validate(result.report, SCHEMA)


def test_unused_config_entries_are_not_judged_on_a_partial_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site(tmp_path, GR_ARTICLE, CONFIG_IGNORES, **{"content/archive/old.md": GR_ARTICLE})
    result = run(root, monkeypatch, "--format", "json", "content/archive")
    assert result.active() == [("CORE-SUPPRESSION-EXPIRED", ".provenance.yaml", 9)]
    assert result.report["summary"]["suppressed"] == 2


def test_config_entry_naming_an_unknown_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = CONFIG + 'ignore:\n  - {paths: ["**"], rules: [GR-LINKS], reason: "typo"}\n'
    result = run(site(tmp_path, "Own text.\n", config), monkeypatch, "--format", "json", "content")
    assert [(f["rule"], f["path"], f["line"], f["message"]) for f in result.report["findings"]] == [
        (
            "CORE-SUPPRESSION-INVALID",
            ".provenance.yaml",
            3,
            "The suppression names GR-LINKS, which no loaded rule has (did you mean GR-LINK?)",
        )
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('{paths: ["**"], rules: [GR-LINK]}', ".provenance.yaml:3: /ignore/0: missing required key 'reason'"),
        ('{paths: ["**"], rules: [GR-LINK], reason: ""}', ".provenance.yaml:3: /ignore/0/reason: ''"),
        (
            '{paths: ["**"], rules: ["*"], reason: "all"}',
            ".provenance.yaml:3: /ignore/0/rules/0: '*' does not match",
        ),
        (
            '{paths: ["**"], rules: [GR-LINK], reason: r, expires: 31.12.2026}',
            ".provenance.yaml:3: /ignore/0/expires: Input should be a valid date",
        ),
    ],
)
def test_malformed_config_entries_are_configuration_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: str, message: str
) -> None:
    result = run(site(tmp_path, GR_ARTICLE, CONFIG + f"ignore:\n  - {entry}\n"), monkeypatch)
    assert result.exit_code == 2
    assert result.stderr.replace(f"{tmp_path}/", "").startswith(message)
    assert result.stdout == ""
