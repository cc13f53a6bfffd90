"""`provenance init`: detection on a copy of examples/, the drafted file, and the venue rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import provenance.cli as cli
import provenance.cli_init as cli_init
from provenance.config import load_config
from provenance.engine import CheckOptions, run_check
from provenance.init import DetectedPack, Detection, detect, render_config
from provenance.model import Venue

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the example site without its configuration."""
    root = tmp_path / "site"
    shutil.copytree(EXAMPLES, root)
    (root / ".provenance.yaml").unlink()
    return root


def run_init(args: list[str], *, terminal: bool = False, answer: str | None = None) -> Result:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli_init, "stdin_is_terminal", lambda: terminal)
        return CliRunner().invoke(cli.main, ["init", *args], input=answer)


def test_detects_the_publishers_of_the_example_site(site: Path) -> None:
    detection = detect(site)
    assert [(p.id, p.articles) for p in detection.publishers] == [
        ("global-research", 3),
        ("global-voices", 1),
        ("propublica", 1),
        ("the-conversation", 1),
    ]
    assert {p.name for p in detection.publishers} == {
        "Global Research",
        "Global Voices",
        "ProPublica",
        "The Conversation",
    }
    assert ("unknown-source", 2) in [(p.id, p.articles) for p in detection.packs]
    assert detection.files == 13


def test_writes_a_commented_valid_config(site: Path) -> None:
    result = run_init([str(site), "--venue", "community"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {site.as_posix()}/.provenance.yaml (venue community); 13 files scanned; articles from "
        "Global Research (3), Global Voices (1), ProPublica (1), The Conversation (1)\n"
    )
    text = (site / ".provenance.yaml").read_text(encoding="utf-8")
    assert "#   Global Research (global-research): 3\n" in text
    assert "#   The Conversation (the-conversation): 1\n" in text
    assert '  # name: ""' in text and '  # url: ""' in text
    config = load_config(site / ".provenance.yaml")
    assert config.site.venue is Venue.COMMUNITY
    assert (config.site.name, config.site.url) == ("", "")
    assert config.include == ["content/**"]
    assert config.exclude == []


def test_the_written_config_drives_a_check(site: Path) -> None:
    assert run_init([str(site), "--venue", "commercial"]).exit_code == 0
    report = run_check([site], cwd=site, options=CheckOptions()).report
    assert "drafts/unfinished.md" not in {a.path for a in report.articles}  # include: content/**
    assert {f.rule for f in report.findings} >= {"GR-VENUE", "PP-NONCOMMERCIAL"}  # commercial venue


def test_without_a_terminal_and_without_venue_it_writes_nothing(site: Path) -> None:
    result = run_init([str(site)])
    assert result.exit_code == 2
    assert "choose the site's venue with --venue community|noncommercial|commercial|print" in result.stderr
    assert not (site / ".provenance.yaml").exists()


def test_on_a_terminal_it_asks_for_the_venue(site: Path) -> None:
    result = run_init([str(site)], terminal=True, answer="banana\nnoncommercial\n")
    assert result.exit_code == 0, result.output
    assert "Venue" in result.stderr and "banana" in result.stderr  # asked again after a wrong answer
    assert load_config(site / ".provenance.yaml").site.venue is Venue.NONCOMMERCIAL


def test_refuses_to_overwrite_without_force(site: Path) -> None:
    existing = site / ".provenance.yaml"
    existing.write_text("site: {venue: print}\n", encoding="utf-8")
    result = run_init([str(site), "--venue", "community"])
    assert result.exit_code == 2
    assert f"{existing.as_posix()} exists; use --force to replace it" in result.stderr
    assert existing.read_text(encoding="utf-8") == "site: {venue: print}\n"

    assert run_init([str(site), "--venue", "community", "--force"]).exit_code == 0
    assert load_config(existing).site.venue is Venue.COMMUNITY
    assert [p.name for p in site.iterdir() if p.name.startswith(".provenance")] == [".provenance.yaml"]


def test_an_empty_folder_gets_a_valid_config_without_include(tmp_path: Path) -> None:
    result = run_init([str(tmp_path), "--venue", "print"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("0 files scanned, no known publisher found\n")
    text = (tmp_path / ".provenance.yaml").read_text(encoding="utf-8")
    assert "# No article from a publisher with a built-in policy pack was found." in text
    assert '# include: ["content/**"]' in text
    assert load_config(tmp_path / ".provenance.yaml").include == []


@pytest.mark.parametrize("venue", list(Venue))
def test_every_rendering_validates(tmp_path: Path, venue: Venue) -> None:
    detection = Detection(2, 1, (DetectedPack("propublica", 'ProPublica:\n"x" # y', True, 1),))
    path = tmp_path / ".provenance.yaml"
    path.write_text(
        render_config(detection, venue, content="src/content", drafts="_drafts"), encoding="utf-8"
    )
    config = load_config(path)
    assert (config.site.venue, config.include) == (venue, ["src/content/**"])
