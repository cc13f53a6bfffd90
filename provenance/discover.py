"""Which files to check: the paths given, walked, filtered, each with a display path.

Hidden folders (`.git`, `.provenance-cache`, any name starting with ".") and `node_modules`
are skipped, `.gitignore` files (at the root and below) are honoured, and `include`/`exclude`
gitignore-style patterns apply relative to `root`. A file named explicitly is always checked
unless it lies outside `root`; a folder named explicitly that is itself ignored or excluded is
walked with only the `.gitignore` files inside it. Symlinks are followed only while they stay
inside `root`, and never into a loop; what is left out for those reasons is `Skipped`.
"""

from __future__ import annotations

import operator
import os
from collections import deque
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from provenance.file_names import matchable, printable

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

SKIPPED_FOLDERS = frozenset({"node_modules"})
GITIGNORE = ".gitignore"


class SourceFile(NamedTuple):
    """A file to check, by the three paths each stage needs."""

    path: str  # where to open it: absolute, as reached (possibly through a symlink)
    display_path: str  # POSIX, relative to cwd when below it, else to root; printable (escaped)
    relative: str  # POSIX, relative to root, valid UTF-8: what config patterns match against

    @property
    def fs_path(self) -> Path:
        return Path(self.path)


class Skipped(NamedTuple):
    """A path left out of the run, and why (reported as unreadable)."""

    display_path: str
    reason: str  # e.g. "symlink points outside the root", "symlink loop"


def discover(
    paths: Sequence[Path],
    *,
    root: Path,
    cwd: Path,
    include: Sequence[str],
    exclude: Sequence[str],
    suffixes: Collection[str],
) -> tuple[list[SourceFile], list[Skipped]]:
    """The files to check under `paths` (sorted by display path, each once) and what was skipped."""
    walker = _Walker(root.resolve(), cwd.resolve(), include, exclude, suffixes)
    for path in paths:
        walker.visit(Path(os.path.abspath(walker.cwd / path)))
    files = sorted(walker.found.values(), key=_display_path)
    skipped = sorted(set(walker.skipped), key=lambda s: (s.display_path, s.reason))
    return files, skipped


_Chain = tuple[tuple[str, "GitIgnoreSpec"], ...]  # (folder relative to root, its .gitignore)


class _Folder(NamedTuple):
    """A folder waiting to be walked."""

    path: str  # as reached (possibly through symlinks)
    real: str  # resolved
    relative: str  # where it sits below the root, POSIX ("" for the root)
    chain: _Chain  # the .gitignore files that apply inside it


class _Walker:
    def __init__(
        self, root: Path, cwd: Path, include: Sequence[str], exclude: Sequence[str], suffixes: Collection[str]
    ) -> None:
        self.root, self.cwd = root, cwd
        self.root_prefix = str(root).rstrip(os.sep) + os.sep
        self.cwd_below_root = _relative(cwd, root)
        self.root_below_cwd = _relative(root, cwd)
        self.include = _gitignore_spec(include) if include else None
        self.exclude = _gitignore_spec(exclude) if exclude else None
        self.suffixes = frozenset(suffix.lower() for suffix in suffixes)
        self.found: dict[str, SourceFile] = {}  # by real path
        self.skipped: list[Skipped] = []
        self.walked: set[str] = set()

    def visit(self, path: Path) -> None:
        """One path named by the user: a file is taken as is, a folder is walked."""
        real = self._resolve(str(path), explicit=True)
        if real is None:
            return
        real_relative = _relative(Path(real), self.root)
        if real_relative is None:
            self._skip(str(path), "outside the root")
            return
        relative = _relative(path, self.root)
        relative = real_relative if relative is None else relative
        if not os.path.isdir(real):
            self._add(str(path), real, relative, self._display(relative), regular=os.path.isfile(real))
        else:
            chain = self._chain_to(relative)
            if relative and self._left_out(relative + "/", chain, filtered=True):
                # Asked for by name although ignored or excluded: only ignores inside it apply.
                self._walk(_Folder(str(path), real, relative, _extend((), relative, real)), filtered=False)
            else:
                self._walk(_Folder(str(path), real, relative, chain), filtered=True)

    def _walk(self, start: _Folder, *, filtered: bool) -> None:
        """Walk from `start`; symlinked folders last, so files keep their real paths when they can."""
        folders, linked = [start], deque[_Folder]()
        while folders or linked:
            folder = folders.pop() if folders else linked.popleft()
            if folder.real not in self.walked:
                self.walked.add(folder.real)
                self._scan(folder, filtered, folders, linked)

    def _scan(self, folder: _Folder, filtered: bool, folders: list[_Folder], linked: deque[_Folder]) -> None:
        """Take the wanted files of `folder` and queue its folders.

        Written for speed (every file of the site passes here on every run): what depends only
        on the folder (the start of its entries' paths, whether any pattern applies) is worked
        out once, and a file in a folder that no pattern reaches costs no call to match one.
        """
        try:
            entries = list(os.scandir(folder.path))
        except OSError as failure:
            self._skip(folder.path, f"cannot read folder: {failure.strerror}")
            return
        below = f"{folder.relative}/" if folder.relative else ""
        real_below = folder.real + os.sep
        shown = self._display_prefix(folder.relative)
        chain, suffixes = folder.chain, self.suffixes
        patterns = bool(chain) or (filtered and (self.exclude is not None or self.include is not None))
        for entry in entries:
            name = entry.name
            relative = below + name
            if _is_folder(entry):
                if not (name.startswith(".") or name in SKIPPED_FOLDERS):
                    self._queue(entry, relative, folder, filtered, folders, linked)
            elif _suffix(name) in suffixes and (not patterns or self._wanted(relative, chain, filtered)):
                real = self._link_target(entry) if entry.is_symlink() else real_below + name
                if real is not None:
                    self._add(entry.path, real, relative, shown + printable(name), regular=_is_regular(entry))

    def _queue(
        self,
        entry: os.DirEntry[str],
        relative: str,
        parent: _Folder,
        filtered: bool,
        folders: list[_Folder],
        linked: deque[_Folder],
    ) -> None:
        """Queue the folder `entry` of `parent` unless it is left out, outside the root or a loop."""
        if self._left_out(relative + "/", parent.chain, filtered):
            return
        if not entry.is_symlink():
            real = parent.real + os.sep + entry.name
            folders.append(_Folder(entry.path, real, relative, _extend(parent.chain, relative, real)))
            return
        target = self._link_target(entry)
        if target is None:
            return
        if (parent.real + os.sep).startswith(target.rstrip(os.sep) + os.sep):
            self._skip(entry.path, "symlink loop")
        else:
            linked.append(_Folder(entry.path, target, relative, _extend(parent.chain, relative, target)))

    def _link_target(self, entry: os.DirEntry[str]) -> str | None:
        """Where the symlink `entry` leads; None (recorded as skipped) when broken or outside the root."""
        target = self._resolve(entry.path, explicit=False)
        if target is not None and not target.startswith(self.root_prefix) and target != str(self.root):
            self._skip(entry.path, "symlink points outside the root")
            return None
        return target

    def _wanted(self, relative: str, chain: _Chain, filtered: bool) -> bool:
        """Whether a file with a wanted suffix at `relative` is neither ignored, excluded nor left
        out by the include patterns."""
        if self._left_out(relative, chain, filtered):
            return False
        return not filtered or self.include is None or self.include.match_file(matchable(relative))

    def _left_out(self, relative: str, chain: _Chain, filtered: bool) -> bool:
        """Whether `relative` is ignored by a `.gitignore` in `chain` or, when `filtered`, excluded."""
        if not chain and (not filtered or self.exclude is None):
            return False
        relative = matchable(relative)
        excluded = filtered and self.exclude is not None and self.exclude.match_file(relative)
        return excluded or _ignored(relative, chain)

    def _chain_to(self, relative: str) -> _Chain:
        """The `.gitignore` files from the root down to the folder at `relative`, itself included."""
        parts = relative.split("/") if relative else []
        chain: _Chain = ()
        for depth in range(len(parts) + 1):
            chain = _extend(chain, "/".join(parts[:depth]), str(self.root.joinpath(*parts[:depth])))
        return chain

    def _resolve(self, path: str, *, explicit: bool) -> str | None:
        try:
            return os.path.realpath(path, strict=True)
        except FileNotFoundError:
            reason = (
                "no such file or directory" if explicit and not os.path.islink(path) else "broken symlink"
            )
        except OSError:
            reason = "symlink loop"
        self._skip(path, reason)
        return None

    def _add(self, path: str, real: str, relative: str, display: str, *, regular: bool) -> None:
        """Keep one path per real file: preferably not through a symlink, then the first in order.

        A named pipe, socket or device is skipped: reading it could block the run forever.
        """
        if not regular:
            self._skip(path, "not a regular file (a named pipe, socket or device)")
            return
        current = self.found.get(real)
        if current is None or (path != real, display) < (current.path != real, current.display_path):
            self.found[real] = SourceFile(path, display, matchable(relative))

    def _display(self, relative: str) -> str:
        """The display path of a file at `relative` below the root."""
        if self.root_below_cwd:
            shown = f"{self.root_below_cwd}/{relative}" if relative else self.root_below_cwd
        elif (below := self.cwd_below_root) and (relative == below or relative.startswith(below + "/")):
            shown = relative[len(below) + 1 :] or "."
        else:
            shown = relative or "."
        return printable(shown)

    def _display_prefix(self, relative_folder: str) -> str:
        """What the display paths of the files in the folder at `relative_folder` start with.

        A file's display path is this plus `printable(name)`: a file is below the working folder
        exactly when its folder is (or is that folder), and `printable` escapes one character at
        a time.
        """
        shown = self._display(relative_folder)
        return "" if shown == "." else f"{shown}/"

    def _skip(self, path: str, reason: str) -> None:
        relative = _relative(Path(path), self.root)
        shown = self._display(relative) if relative is not None else _relative(Path(path), self.cwd)
        self.skipped.append(Skipped(printable(shown or Path(path).as_posix()), reason))


_display_path = operator.attrgetter("display_path")


def _suffix(name: str) -> str:
    """`os.path.splitext(name)[1].lower()` for a bare file name, at a fraction of its cost.

    As there, leading dots do not start a suffix: ``.md`` has none, ``.a.md`` has ``.md``.
    """
    _, dot, suffix = name.lstrip(".").rpartition(".")
    return f".{suffix}".lower() if dot else ""


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether `entry` is a folder, through a symlink; False when it is broken or loops."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_regular(entry: os.DirEntry[str]) -> bool:
    """Whether `entry` is a regular file, through a symlink."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _relative(path: Path, base: Path) -> str | None:
    """`path` relative to `base` in POSIX form ("" for `base` itself), None when not below it."""
    if not path.is_relative_to(base):
        return None
    relative = path.relative_to(base).as_posix()
    return "" if relative == "." else relative


def _extend(chain: _Chain, relative_folder: str, folder: str) -> _Chain:
    """`chain` plus the `.gitignore` of `folder`, if it has a readable one."""
    try:
        with open(os.path.join(folder, GITIGNORE), encoding="utf-8", errors="replace") as file:
            lines = file.read().splitlines()
    except OSError:
        return chain
    return (*chain, (matchable(relative_folder), _gitignore_spec(_valid_lines(lines))))


def _gitignore_spec(lines: Sequence[str]) -> GitIgnoreSpec:
    """`lines` compiled as gitignore patterns; raises `ValueError` for one git would not accept.

    `pathspec` is imported here, on first use: a site without `.gitignore` files or patterns
    never pays for it (its import probes for optional regex back ends).
    """
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _valid_lines(lines: list[str]) -> list[str]:
    """The lines of a `.gitignore` that git would accept (it silently skips the others)."""
    valid = []
    for line in lines:
        try:
            _gitignore_spec([line])
        except ValueError:
            continue
        valid.append(line)
    return valid


def _ignored(relative: str, chain: _Chain) -> bool:
    """Whether the `.gitignore` files in `chain` ignore `relative`; deeper files decide last."""
    ignored = False
    for folder, spec in chain:
        if folder and not relative.startswith(folder + "/"):
            continue
        result = spec.check_file(relative[len(folder) + 1 :] if folder else relative)
        if result.include is not None:
            ignored = result.include
    return ignored
