"""The audit's stamp: when it was generated, from which rules, configuration and commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from collections.abc import Mapping
from pathlib import Path

from provenance import __version__
from provenance.audit.model import Stamp

_GIT_TIMEOUT = 10


class ClockError(ValueError):
    """The generation time given (--now or SOURCE_DATE_EPOCH) is not a valid time."""


def generation_time(now: str | None, environ: Mapping[str, str]) -> dt.datetime:
    """`now` (ISO 8601; naive means UTC), else ``SOURCE_DATE_EPOCH``, else the clock: UTC, whole seconds."""
    if now is not None:
        try:
            moment = dt.datetime.fromisoformat(now.strip())
        except ValueError:
            raise ClockError(f"--now: not an ISO 8601 date or time: {now!r}") from None
    elif (epoch := environ.get("SOURCE_DATE_EPOCH", "").strip()) != "":
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise ClockError(f"SOURCE_DATE_EPOCH: not a Unix time in seconds: {epoch!r}") from None
    else:
        moment = dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def git_state(folder: Path) -> tuple[str | None, bool | None]:
    """(HEAD commit, dirty) of the Git work tree holding `folder`; (None, None) if there is none."""
    if not any((candidate / ".git").exists() for candidate in (folder, *folder.parents)):
        return None, None
    head = _git(folder, "rev-parse", "--verify", "HEAD")
    if head is None:
        return None, None
    status = _git(folder, "status", "--porcelain")
    return head.strip(), (bool(status.strip()) if status is not None else None)


def _git(folder: Path, *arguments: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *arguments],
            capture_output=True,
            text=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def make_stamp(
    *,
    generated_at: dt.datetime,
    ruleset_sha256: str,
    config_path: Path | None,
    cwd: Path,
    content_folder: Path,
) -> Stamp:
    """The stamp of an audit run from `cwd` over the content under `content_folder`."""
    config_hash = hashlib.sha256(config_path.read_bytes()).hexdigest() if config_path else None
    commit, dirty = git_state(content_folder.resolve())
    return Stamp(
        tool_version=__version__,
        generated_at=generated_at,
        ruleset_sha256=ruleset_sha256,
        config_path=_shown(config_path, cwd) if config_path else None,
        config_sha256=config_hash,
        git_commit=commit,
        git_dirty=dirty,
    )


def _shown(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()
