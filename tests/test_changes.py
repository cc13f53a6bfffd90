"""Changed-files mode against real git repositories: commits, renames, deletions, untracked, staged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from adoption_site import CONFIG, GR_ARTICLE, Run, git, git_repo, run, write

from provenance.changes import ChangedFilesError, ChangeRequest, changed_files

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OWN = "Our own reporting.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return git_repo(
        tmp_path / "site",
        {
            ".provenance.yaml": CONFIG + "policies: [policies]\n",
            "policies/local.yaml": "id: local\nname: Local\napplies_to: always\nconditions: []\n",
            ".gitignore": "drafts/\n",
            "content/a.md": GR_ARTICLE,
            "content/b.md": GR_ARTICLE,
            "content/c.md": OWN,
            "content/sub/e.md": OWN,
        },
    )


def checked(result: Run) -> list[str]:
    return [article["path"] for article in result.report["articles"]]


def test_work_tree_changes_untracked_renamed_and_deleted(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo, {"content/a.md": GR_ARTICLE + "\nA correction.\n", "content/d.md": OWN, "drafts/x.md": OWN})
    git(repo, "mv", "content/b.md", "content/b2.md")
    git(repo, "rm", "-q", "content/c.md")
    result = run(repo, monkeypatch, "--changed-since", "HEAD", "--format", "json")
    assert checked(result) == ["content/a.md", "content/b2.md", "content/d.md"]
    assert result.active() == [
        ("GR-LINK", "content/a.md", 7),
        ("GR-LINK", "content/a.md", 8),
        ("GR-LINK", "content/b2.md", 7),
        ("GR-LINK", "content/b2.md", 8),
    ]
    assert result.exit_code == 1


def test_nothing_changed_checks_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(repo, monkeypatch, "--changed-since", "HEAD")
    assert (result.exit_code, result.stdout) == (0, "0 files (0 republished): no findings\n")


def test_committed_changes_since_a_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo, {"content/c.md": GR_ARTICLE})
    git(repo, "commit", "-q", "-am", "republish c")
    git(repo, "tag", "before-e")
    write(repo, {"content/sub/e.md": OWN + "More.\n"})
    git(repo, "commit", "-q", "-am", "edit e")
    assert checked(run(repo, monkeypatch, "--changed-since", "HEAD~2", "--format", "json")) == [
        "content/c.md",
        "content/sub/e.md",
    ]
    assert checked(run(repo, monkeypatch, "--changed-since", "before-e", "--format", "json")) == [
        "content/sub/e.md"
    ]


def test_staged_checks_the_index_only(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        repo,
        {"content/a.md": GR_ARTICLE + "\nUnstaged.\n", "content/c.md": GR_ARTICLE, "content/new.md": OWN},
    )
    git(repo, "add", "content/c.md")
    git(repo, "mv", "content/b.md", "content/b2.md")
    result = run(repo, monkeypatch, "--staged", "--format", "json")
    assert checked(result) == ["content/b2.md", "content/c.md"]
    assert result.active() == [
        ("GR-LINK", "content/b2.md", 7),
        ("GR-LINK", "content/b2.md", 8),
        ("GR-LINK", "content/c.md", 7),
        ("GR-LINK", "content/c.md", 8),
    ]


def test_staged_in_a_repository_without_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "fresh"
    root.mkdir()
    git(root, "init", "-q")
    write(root, {".provenance.yaml": CONFIG, "a.md": GR_ARTICLE, "b.md": OWN})
    git(root, "add", "a.md")
    assert checked(run(root, monkeypatch, "--staged", "--format", "json")) == ["a.md"]


@pytest.mark.parametrize(
    "change",
    [
        {".provenance.yaml": CONFIG + "policies: [policies]\nexclude: []\n"},
        {"policies/local.yaml": "id: local\nname: L\napplies_to: always\n"},
    ],
    ids=["config", "policy"],
)
def test_a_config_or_policy_change_makes_every_file_changed(
    repo: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, str]
) -> None:
    write(repo, change)
    result = run(repo, monkeypatch, "--changed-since", "HEAD", "--format", "json")
    assert checked(result) == ["content/a.md", "content/b.md", "content/c.md", "content/sub/e.md"]


def test_paths_narrow_the_changed_files_and_cwd_may_be_below_the_root(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo, {"content/a.md": GR_ARTICLE + "\nx\n", "content/sub/e.md": OWN + "y\n"})
    assert checked(run(repo, monkeypatch, "--changed-since", "HEAD", "--format", "json", "content/sub")) == [
        "content/sub/e.md"
    ]
    below = run(repo / "content", monkeypatch, "--changed-since", "HEAD", "--format", "json")
    assert checked(below) == ["a.md", "sub/e.md"]


def test_unused_config_suppressions_are_not_judged_on_changed_files(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = (
        CONFIG
        + "policies: [policies]\n"
        + 'ignore:\n  - {paths: ["content/b.md"], rules: [GR-LINK], reason: "agreed"}\n'
    )
    write(repo, {".provenance.yaml": config})
    git(repo, "commit", "-q", "-am", "suppress b")
    write(repo, {"content/c.md": OWN + "z\n"})
    result = run(repo, monkeypatch, "--changed-since", "HEAD", "--format", "json")
    assert (checked(result), result.report["findings"]) == (["content/c.md"], [])


def test_outside_a_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write(tmp_path / "plain", {".provenance.yaml": CONFIG, "a.md": OWN})
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for option in (["--changed-since", "HEAD"], ["--staged"]):
        result = run(root, monkeypatch, *option)
        assert result.exit_code == 2
        assert result.stderr == (
            "provenance: --changed-since and --staged need a git repository;"
            f" {root.as_posix()} is not inside one\n"
        )
        assert result.stdout == ""


def test_an_unknown_revision_exits_2(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(repo, monkeypatch, "--changed-since", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr == (
        "provenance: cannot resolve 'no-such-branch':"
        " unknown revision (a commit, branch or tag is expected)\n"
    )


def test_changed_files_lists_paths_relative_to_the_top(repo: Path) -> None:
    write(repo, {"content/sub/e.md": "changed\n", "content/sp ace é.md": OWN})
    git(repo, "rm", "-q", "content/c.md")
    found = changed_files(repo / "content", ChangeRequest(since="HEAD"))
    assert found.top == repo.resolve()
    assert found.paths == frozenset({"content/sub/e.md", "content/sp ace é.md"})
    assert found.touches(repo / "content" / "sub")
    assert not found.touches(repo / "policies")


def test_changed_files_error_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(ChangedFilesError, match="need a git repository"):
        changed_files(tmp_path, ChangeRequest(staged=True))
