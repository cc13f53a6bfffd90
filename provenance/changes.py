"""Changed-files mode: which files git says changed, so a run checks only those.

- ``--changed-since REF``: files that differ between REF and the work tree (staged or not),
  plus untracked files that are not ignored: ``git diff --name-only -z --diff-filter=d REF`` and
  ``git ls-files --others --exclude-standard -z``. A renamed file counts under its new name;
  deleted files are not checked.
- ``--staged``: files in the index that differ from HEAD (or from REF when both are given):
  ``git diff --cached --name-only -z --diff-filter=d [REF]``.

When the site configuration or a local policy file is among the changed files, every file counts
as changed. Git itself is run (a subprocess), so its rename detection, ignore rules and path
encoding apply; outside a git repository `ChangedFilesError` says so.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from provenance.discover import Skipped, SourceFile
    from provenance.rules.site_config import SiteConfig


class ChangedFilesError(Exception):
    """Changed files cannot be determined: not a git repository, an unknown REF, no git."""


class ChangeRequest(NamedTuple):
    """What ``--changed-since`` and ``--staged`` ask for."""

    since: str | None = None  # a git revision; None with `staged`: HEAD
    staged: bool = False


class Selection(NamedTuple):
    """The files a run checks, and whether they are the whole site."""

    files: list[SourceFile]
    skipped: list[Skipped]
    complete: bool  # every file under the configuration's root is included
    relative_of: dict[str, str]  # display path -> path below the root

    def relative(self, display_path: str) -> str:
        return self.relative_of.get(display_path, display_path)


class ChangedFiles(NamedTuple):
    """The changed paths, POSIX and relative to the repository's top folder."""

    top: Path
    paths: frozenset[str]

    def touches(self, path: Path) -> bool:
        """Whether `path`, or for a folder anything below it, changed."""
        relative = _below(self.top, path)
        if relative is None:
            return False
        return relative in self.paths or any(p.startswith(relative + "/") for p in self.paths)

    def keeps(self, path: Path) -> bool:
        return _below(self.top, path) in self.paths


def select_files(
    changed: ChangedFiles | None,
    found: tuple[list[SourceFile], list[Skipped]],
    *,
    cwd: Path,
    root: Path,
    targets: Sequence[Path],
    config_path: Path | None,
    config: SiteConfig,
) -> Selection:
    """The discovered files to check: all, or those `changed` names unless the config or a policy changed."""
    files, skipped = found
    whole = any(Path(os.path.realpath(root)).is_relative_to(os.path.realpath(t)) for t in targets)
    watched = [config_path, *(config_path.parent / p for p in config.policies)] if config_path else []
    if changed is not None and not any(changed.touches(path) for path in watched):
        files = [f for f in files if changed.keeps(f.fs_path)]
        skipped = [s for s in skipped if changed.keeps(cwd / s.display_path)]
        whole = False
    return Selection(files, skipped, whole, {f.display_path: f.relative for f in files})


def changed_files(cwd: Path, request: ChangeRequest) -> ChangedFiles:
    """Ask git which files changed, for the repository that holds `cwd`."""
    top_output = _git(cwd, "rev-parse", "--show-toplevel", what="find the repository")
    top = Path(top_output.strip())
    if request.since is not None:
        _git(
            top,
            "rev-parse",
            "--verify",
            "--quiet",
            f"{request.since}^{{commit}}",
            what=f"resolve {request.since!r}",
        )
    revision = [request.since] if request.since is not None else []
    diff = ["diff", "--name-only", "-z", "--diff-filter=d", "--no-ext-diff", "--no-textconv"]
    if request.staged:
        names = _names(_git(top, *diff, "--cached", *revision, "--", what="list staged files"))
    else:
        names = _names(_git(top, *diff, *(revision or ["HEAD"]), "--", what="list changed files"))
        untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z", what="list untracked files")
        names |= _names(untracked)
    return ChangedFiles(top, frozenset(names))


def _git(where: Path, *args: str, what: str) -> str:
    import subprocess  # only a run that asks git pays for it

    try:
        done = subprocess.run(
            ["git", *args], cwd=where, capture_output=True, check=False, env={**os.environ, "LC_ALL": "C"}
        )
    except FileNotFoundError:
        raise ChangedFilesError("--changed-since and --staged need git, which is not installed") from None
    if done.returncode == 0:
        return done.stdout.decode("utf-8", errors="surrogateescape")
    detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
    if "not a git repository" in " ".join(detail):
        raise ChangedFilesError(
            f"--changed-since and --staged need a git repository; {where.as_posix()} is not inside one"
        )
    reason = detail[0] if detail else f"git exited with {done.returncode}"
    if args[:2] == ("rev-parse", "--verify"):
        reason = "unknown revision (a commit, branch or tag is expected)"
    raise ChangedFilesError(f"cannot {what}: {reason}")


def _names(output: str) -> set[str]:
    return {name for name in output.split("\0") if name}


def _below(top: Path, path: Path) -> str | None:
    """`path` (its folder resolved, its own name kept) relative to `top`, POSIX; None outside it."""
    absolute = Path(os.path.realpath(os.path.abspath(path.parent))) / path.name
    real_top = Path(os.path.realpath(top))
    if not absolute.is_relative_to(real_top):
        return None
    relative = absolute.relative_to(real_top).as_posix()
    return "" if relative == "." else relative
