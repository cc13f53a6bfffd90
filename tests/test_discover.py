"""File discovery: suffixes, hidden folders, .gitignore, include/exclude, symlinks, explicit files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.discover import Skipped, SourceFile, _suffix, discover

SUFFIXES = {".md", ".html", ".txt"}


def write(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{name}\n")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write(
        root,
        "content/a.md",
        "content/b.HTML",
        "content/c.txt",
        "content/image.png",
        "content/.hidden/x.md",
        "content/node_modules/pkg/readme.md",
        "content/drafts/d.md",
        "content/z.tmp.md",
        "content/keep.tmp.md",
        "content/sub/secret.md",
        "content/sub/public.md",
        "content/sub/deeper/secret.md",
        ".git/description.md",
        ".provenance-cache/cached.md",
        "other/o.md",
        ".gitignore",
        "content/sub/.gitignore",
    )
    (root / ".gitignore").write_text("drafts/\n*.tmp.md\n!keep.tmp.md\n")
    (root / "content" / "sub" / ".gitignore").write_text("/secret.md\n")
    write(tmp_path, "outside/out.md")
    return root


def run(
    root: Path,
    paths: Sequence[str] = (".",),
    *,
    cwd: Path | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> tuple[list[str], list[tuple[str, str]]]:
    base = cwd or root
    files, skipped = discover(
        [Path(p) for p in paths], root=root, cwd=base, include=include, exclude=exclude, suffixes=SUFFIXES
    )
    for found in files:
        assert found.fs_path.is_file()
    return [f.display_path for f in files], [(s.display_path, s.reason) for s in skipped]


def test_walk_honours_suffixes_hidden_folders_and_gitignore(site: Path) -> None:
    assert run(site) == (
        [
            "content/a.md",
            "content/b.HTML",
            "content/c.txt",
            "content/keep.tmp.md",
            "content/sub/deeper/secret.md",
            "content/sub/public.md",
            "other/o.md",
        ],
        [],
    )


def test_include_and_exclude_are_relative_to_root(site: Path) -> None:
    assert run(site, include=["content/"], exclude=["*.txt", "/content/sub/"])[0] == [
        "content/a.md",
        "content/b.HTML",
        "content/keep.tmp.md",
    ]
    assert run(site, include=["*.md", "!content/sub/**"])[0] == [
        "content/a.md",
        "content/keep.tmp.md",
        "other/o.md",
    ]


def test_display_paths_relative_to_cwd_else_root(site: Path) -> None:
    files, _ = run(site, ["sub", "../other/o.md"], cwd=site / "content")
    assert files == ["other/o.md", "sub/deeper/secret.md", "sub/public.md"]
    found, _ = discover(
        [site / "content" / "a.md"], root=site, cwd=site, include=[], exclude=[], suffixes=SUFFIXES
    )
    assert found == [SourceFile(str(site / "content" / "a.md"), "content/a.md", "content/a.md")]


def test_display_paths_when_cwd_is_above_or_beside_root(site: Path, tmp_path: Path) -> None:
    assert run(site, ["site/other"], cwd=tmp_path)[0] == ["site/other/o.md"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    files, _ = run(site, [str(site / "other")], cwd=elsewhere)
    assert files == ["other/o.md"]


def test_explicit_files_are_always_checked_inside_root(site: Path) -> None:
    files, skipped = run(
        site,
        ["content/drafts/d.md", "content/image.png", "content/.hidden/x.md", "../outside/out.md", "nope.md"],
        exclude=["content/"],
    )
    assert files == ["content/.hidden/x.md", "content/drafts/d.md", "content/image.png"]
    assert skipped == [
        (f"{site.parent.as_posix()}/outside/out.md", "outside the root"),
        ("nope.md", "no such file or directory"),
    ]


def test_explicit_folder_applies_gitignore_of_parents(site: Path) -> None:
    assert run(site, ["content/sub"])[0] == ["content/sub/deeper/secret.md", "content/sub/public.md"]
    assert run(site, ["content/sub"], exclude=["deeper/"])[0] == ["content/sub/public.md"]


def test_explicit_folder_that_is_left_out_is_walked_with_its_own_ignores_only(site: Path) -> None:
    write(site, "content/drafts/e.tmp.md", "content/drafts/f.md", "content/drafts/skip.md")
    (site / "content" / "drafts" / ".gitignore").write_text("skip.md\n")
    expected = ["content/drafts/d.md", "content/drafts/e.tmp.md", "content/drafts/f.md"]
    assert run(site, ["content/drafts"])[0] == expected
    assert run(site, ["content/drafts"], include=["other/"], exclude=["f.md"])[0] == expected
    assert run(site, ["content"], exclude=["content/sub/"])[0] == [
        "content/a.md",
        "content/b.HTML",
        "content/c.txt",
        "content/keep.tmp.md",
    ]


def test_results_are_deduplicated_and_sorted(site: Path) -> None:
    files, _ = run(site, ["other", "content/a.md", ".", "./content/a.md", "content"])
    assert files == run(site)[0]


def test_symlink_outside_root_is_skipped_inside_root_followed(site: Path) -> None:
    outside = site.parent / "outside"
    (site / "content" / "linked-out").symlink_to(outside, target_is_directory=True)
    (site / "content" / "file-out.md").symlink_to(outside / "out.md")
    (site / "content" / "ignored-out.png").symlink_to(outside / "out.md")
    (site / "content" / "alias.md").symlink_to(site / "other" / "o.md")
    (site / "shared").symlink_to(site / "content" / "sub", target_is_directory=True)
    files, skipped = run(site)
    assert "content/alias.md" not in files  # the same file as other/o.md, kept once
    assert "other/o.md" in files
    assert [f for f in files if "public" in f] == ["content/sub/public.md"]
    assert skipped == [
        ("content/file-out.md", "symlink points outside the root"),
        ("content/linked-out", "symlink points outside the root"),
    ]
    assert run(site, ["content/file-out.md"])[1] == [("content/file-out.md", "outside the root")]


def test_symlinked_folder_reached_only_through_the_link(site: Path) -> None:
    (site / "content" / "shared").symlink_to(site / "other", target_is_directory=True)
    assert run(site, ["content"])[0] == [
        "content/a.md",
        "content/b.HTML",
        "content/c.txt",
        "content/keep.tmp.md",
        "content/shared/o.md",
        "content/sub/deeper/secret.md",
        "content/sub/public.md",
    ]


def test_symlink_loops_are_reported_not_followed(site: Path) -> None:
    (site / "content" / "sub" / "up").symlink_to(site / "content", target_is_directory=True)
    (site / "content" / "self.md").symlink_to(site / "content" / "self.md")
    (site / "content" / "broken.md").symlink_to(site / "content" / "missing.md")
    (site / "content" / "ring-a").symlink_to(site / "content" / "ring-b")
    (site / "content" / "ring-b").symlink_to(site / "content" / "ring-a")
    files, skipped = run(site)
    assert files == run_without_links(site)
    assert skipped == [
        ("content/broken.md", "broken symlink"),
        ("content/self.md", "symlink loop"),
        ("content/sub/up", "symlink loop"),
    ]


def run_without_links(site: Path) -> list[str]:
    return [
        "content/a.md",
        "content/b.HTML",
        "content/c.txt",
        "content/keep.tmp.md",
        "content/sub/deeper/secret.md",
        "content/sub/public.md",
        "other/o.md",
    ]


def test_root_symlinked_into_itself_is_a_loop(tmp_path: Path) -> None:
    write(tmp_path, "a/b/post.md")
    (tmp_path / "a" / "b" / "again").symlink_to(tmp_path, target_is_directory=True)
    files, skipped = discover(
        [Path(".")], root=tmp_path, cwd=tmp_path, include=[], exclude=[], suffixes=[".md"]
    )
    assert files == [SourceFile(str(tmp_path / "a" / "b" / "post.md"), "a/b/post.md", "a/b/post.md")]
    assert skipped == [Skipped("a/b/again", "symlink loop")]


def test_unreadable_gitignore_lines_are_ignored_like_git(tmp_path: Path) -> None:
    write(tmp_path, "x.md", "y.md")
    (tmp_path / ".gitignore").write_text("!\nx.md\n")
    files, _ = discover([tmp_path], root=tmp_path, cwd=tmp_path, include=[], exclude=[], suffixes=[".md"])
    assert [f.display_path for f in files] == ["y.md"]


def test_odd_names_are_escaped_in_display_paths_from_any_working_folder(tmp_path: Path) -> None:
    root = tmp_path / "site"
    odd = root / "ctl\x07"
    for name in ("a.md", "ctl\x07/new\nline.md", os.fsdecode(b"ctl\x07/\xe9t\xe9.md"), "ctl\x07/é/b.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"")
    below = ["ctl\\x07/\\xe9t\\xe9.md", "ctl\\x07/new\\nline.md", "ctl\\x07/é/b.md"]
    assert run(root)[0] == ["a.md", *below]
    assert run(root, [str(root)], cwd=odd)[0] == ["\\xe9t\\xe9.md", "a.md", "new\\nline.md", "é/b.md"]
    assert run(root, [str(root)], cwd=odd / "é")[0] == ["a.md", "b.md", *below[:2]]
    assert run(root, ["site"], cwd=tmp_path)[0] == ["site/a.md", *(f"site/{path}" for path in below)]


def test_a_gitignore_below_applies_only_from_its_folder_down(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "b.md", "sub/c.md", "sub/deeper/d.md", "sub/keep.txt", "other/e.md")
    (tmp_path / "sub" / ".gitignore").write_text("*.md\n")
    assert run(tmp_path)[0] == ["a.md", "b.md", "other/e.md", "sub/keep.txt"]
    assert run(tmp_path, exclude=["b.md"])[0] == ["a.md", "other/e.md", "sub/keep.txt"]
    assert run(tmp_path, include=["*.md"])[0] == ["a.md", "b.md", "other/e.md"]


@pytest.mark.parametrize(
    "name", ["a.md", "A.MD", ".md", "..md", ".a.md", "a..md", "a.", "...", "a", "a.b.Html", ".", "é.Md"]
)
def test_suffix_is_that_of_splitext(name: str) -> None:
    assert _suffix(name) == os.path.splitext(name)[1].lower()


@given(st.text(alphabet=".aMé\udc80", max_size=8).filter(lambda name: name not in ("", ".", "..")))
def test_suffix_is_that_of_splitext_for_any_name(name: str) -> None:
    assert _suffix(name) == os.path.splitext(name)[1].lower()
