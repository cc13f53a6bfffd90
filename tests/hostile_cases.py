"""Hostile and broken content for the hardening tests, built at test time (nothing big is committed).

`build_hostile_repo(root)` writes a repository with ordinary articles among every hostile case of
issue 6 and returns the exact findings expected from it; `deadline(seconds)` fails a test that
runs longer (no hang may pass unnoticed).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

ORDINARY = """\
---
title: "School meals programme extended to summer"
date: 2025-07-02
source: Valley Gazette
---
The county will keep serving free school meals through the summer holidays, the council
confirmed on Tuesday.

This article was originally published by the Valley Gazette. [Read the original](#).
"""
OWN = "---\ntitle: Our own report\n---\nThe council met on Tuesday.\n"
CONFIG = "site: {name: Hostile Test, url: https://hostile.example.net, venue: community}\n"
# (rule, category, line) of the ordinary article: they must not change whatever sits beside it.
ORDINARY_FINDINGS = [
    ("PROV-AUTHOR", "author-credit-missing", 9),
    ("PROV-UNKNOWN-SOURCE", "unknown-source", 9),
    ("PROV-LINK", "link-to-original-placeholder", 9),
]
UNREADABLE = ("CORE-UNREADABLE", "file-unreadable")
METADATA = ("CORE-METADATA", "metadata-invalid")
MB = 1_000_000


class Overrun(AssertionError):
    """A test of pathological input took longer than its deadline."""


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail with `Overrun` when the block runs longer than `seconds` (SIGALRM; main thread only)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Overrun(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def alias_bomb() -> bytes:
    """Nine levels of nine-fold aliases: 9**9 nodes if expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        items = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{items}]")
    return ("---\n" + "\n".join(lines) + "\n---\nBody.\n").encode()


def jsonld_page(script: bytes) -> bytes:
    head = b'<html><head><script type="application/ld+json">'
    return head + script + b"</script></head>\n<body><p>Our own page.</p></body></html>\n"


def many_links(count: int) -> bytes:
    anchors = b"".join(b'<a href="https://example.org/%d">link</a>\n' % i for i in range(count))
    return b"<html><body><main>\n" + anchors + b"</main></body></html>\n"


# name -> (content, expected (rule, category, line) or None when it is read without a finding)
CONTENT_CASES: dict[str, tuple[bytes, tuple[str, str, int] | None]] = {
    "invalid-utf8.md": (b"---\ntitle: x\n---\nCaf\xe9 au lait.\n", (*UNREADABLE, 4)),
    "utf16-bom.md": ("---\ntitle: x\n---\nBody.\n".encode("utf-16"), (*UNREADABLE, 1)),
    "utf32-bom.txt": ("Body.\n".encode("utf-32"), (*UNREADABLE, 1)),
    "nul-byte.md": (b"First line.\nSecond\x00line.\n", (*UNREADABLE, 2)),
    "image.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", (*UNREADABLE, 3)),
    "empty.md": (b"", (*METADATA, 1)),
    "never-closed.md": (b"---\ntitle: x\nauthor: y\n\nBody.\n", (*METADATA, 1)),
    "list-front-matter.md": (b"---\n- a\n- b\n---\nBody.\n", (*METADATA, 2)),
    "scalar-front-matter.md": (b"---\njust a sentence\n---\nBody.\n", (*METADATA, 2)),
    "python-tag.md": (b"---\ntitle: !!python/object/apply:os.system [ls]\n---\nBody.\n", (*METADATA, 2)),
    "alias-bomb.md": (alias_bomb(), (*METADATA, 6)),
    "nested-10000.md": (b"---\nkey: " + b"[" * 10_000 + b"]" * 10_000 + b"\n---\nBody.\n", (*METADATA, 2)),
    "toml-error.md": (b"+++\ntitle = 'x'\ndate = \n+++\nBody.\n", (*METADATA, 3)),
    "json-error.md": (b'{\n  "title": "x",\n  "date": nope\n}\nBody.\n', (*METADATA, 3)),
    "jsonld-invalid.html": (jsonld_page(b'{"author": "A",\n "isBasedOn": }'), (*METADATA, 2)),
    "jsonld-1mb-invalid.html": (jsonld_page(b'{"a": "' + b"x" * MB), (*METADATA, 1)),
    "jsonld-1mb.html": (jsonld_page(b'{"a": [' + b",".join([b'"xxxxxxxx"'] * 100_000) + b"]}"), None),
    "unclosed-tags.html": (b"<html><body>" + b"<div><p><a href='x'><b>" * 20_000 + b'<![if x]> <a b="', None),
    "many-links.html": (many_links(100_000), None),
}
BIG_CASES = {  # files over the default 5 MB limit (`max_file_size`)
    "huge-50mb.md": 50 * MB,
    "one-10mb-line.md": 10 * MB,
}


def write_big(path: Path, size: int) -> None:
    """A file of `size` bytes: front matter and prose, or one line without a break."""
    with path.open("wb") as handle:
        if "line" in path.name:
            handle.write(b"x" * size)
            return
        written = handle.write(b"---\ntitle: big\n---\n")
        chunk = b"All work and no play makes a very long article.\n" * 20_000
        while written + len(chunk) <= size:
            written += handle.write(chunk)
        handle.write(b"x" * (size - written))


def build_hostile_repo(root: Path, outside: Path) -> dict[tuple[str, str, str, int], str]:
    """Write the repository; return expected (rule, category, path, line) -> message start.

    `outside` is a folder beside the repository that symlinks point into. The files
    `content/vanishing.md` and `content/locked.md` are written too; the caller deletes or
    locks them between discovery and reading.
    """
    (root / ".git").mkdir(parents=True)
    (root / ".provenance.yaml").write_text(CONFIG, encoding="utf-8")
    content = root / "content"
    content.mkdir()
    (content / "ordinary.md").write_text(ORDINARY, encoding="utf-8")
    (content / "own.md").write_text(OWN, encoding="utf-8")
    expected = {("PROV-AUTHOR", "author-credit-missing", "content/ordinary.md", 9): "The author"}
    expected[("PROV-LINK", "link-to-original-placeholder", "content/ordinary.md", 9)] = "The source link"
    expected[("PROV-UNKNOWN-SOURCE", "unknown-source", "content/ordinary.md", 9)] = "Republished from"
    for name, (data, finding) in CONTENT_CASES.items():
        (content / name).write_bytes(data)
        if finding is not None:
            expected[(finding[0], finding[1], f"content/{name}", finding[2])] = ""
    for name, size in BIG_CASES.items():
        write_big(content / name, size)
        expected[(*UNREADABLE, f"content/{name}", 1)] = f"file is {size:,} bytes, larger than the 5,000,000"
    for name in ("vanishing.md", "locked.md"):
        (content / name).write_text(OWN, encoding="utf-8")
    expected[(*UNREADABLE, "content/vanishing.md", 1)] = "cannot read file: No such file or directory"
    expected[(*UNREADABLE, "content/locked.md", 1)] = "cannot read file: Permission denied"
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.md").write_text(ORDINARY, encoding="utf-8")
    os.symlink("loop.md", content / "loop.md")
    (content / "folder").mkdir()
    os.symlink("..", content / "folder" / "up")
    os.symlink(outside / "secret.md", content / "outside.md")
    os.symlink(outside, content / "outside-folder")
    expected[(*UNREADABLE, "content/loop.md", 1)] = "not read: symlink loop"
    expected[(*UNREADABLE, "content/folder/up", 1)] = "not read: symlink loop"
    expected[(*UNREADABLE, "content/outside.md", 1)] = "not read: symlink points outside the root"
    expected[(*UNREADABLE, "content/outside-folder", 1)] = "not read: symlink points outside the root"
    os.mkfifo(content / "pipe.md")  # opening it would block forever
    expected[(*UNREADABLE, "content/pipe.md", 1)] = (
        "not read: not a regular file (a named pipe, socket or device)"
    )
    # Odd names: empty files, so that each shows up with one finding under its escaped name.
    (content / "new\nline.md").write_bytes(b"")
    (content / os.fsdecode(b"latin1-\xe9t\xe9.md")).write_bytes(b"")
    expected[(*METADATA, "content/new\\nline.md", 1)] = "empty file"
    expected[(*METADATA, "content/latin1-\\xe9t\\xe9.md", 1)] = "empty file"
    return expected
