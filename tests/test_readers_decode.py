"""Decoding and unreadable input: every bad file becomes exactly one diagnostic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance.model import Category, Format, Location
from provenance.readers import SUFFIXES, format_for, read_bytes, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def only_problem(data: bytes, name: str = "a.md") -> tuple[Category, str, Location | None]:
    article = read_bytes(name, data)
    assert len(article.diagnostics) == 1, article.diagnostics
    problem = article.diagnostics[0]
    assert article.body == ""
    assert article.metadata == {}
    assert article.fields == ()
    assert article.document.links == ()
    return problem.category, problem.message, problem.location


def test_format_for_suffixes() -> None:
    assert SUFFIXES == {
        ".md": Format.MARKDOWN,
        ".markdown": Format.MARKDOWN,
        ".html": Format.HTML,
        ".htm": Format.HTML,
        ".txt": Format.TEXT,
    }
    assert format_for("content/post/Index.MD") is Format.MARKDOWN
    assert format_for("a/b.htm") is Format.HTML
    assert format_for("notes.txt") is Format.TEXT
    assert format_for("image.png") is None
    assert format_for("README") is None


def test_bom_and_crlf_do_not_shift_positions() -> None:
    article = read_file(FIXTURES / "bom_crlf.md", "bom_crlf.md")
    assert article.path == "bom_crlf.md"
    assert article.diagnostics == ()
    assert article.metadata == {"title": "CRLF"}
    assert article.field_location("title") == Location(2, 1)
    assert article.body_line == 4
    assert "\r" not in article.body
    (link,) = article.document.links
    assert (link.text, link.target, link.location) == (
        "the source",
        "https://src.example.org/a",
        Location(6, 5),
    )
    assert link.evidence == "[the source](https://src.example.org/a)"


def test_lone_cr_line_breaks_count_as_lines() -> None:
    article = read_bytes("old.txt", b"title\r\rBy [Source](https://s.example.org)\r")
    (link,) = article.document.links
    assert link.location == Location(3, 4)


def test_invalid_utf8_names_line_and_column() -> None:
    category, message, location = only_problem(b"line one\nline two \xe9t\xe9\n")
    assert category is Category.FILE_UNREADABLE
    assert "invalid UTF-8 on line 2" in message
    assert location == Location(2, 10)


def test_nul_bytes_are_binary() -> None:
    category, message, location = only_problem(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert category is Category.FILE_UNREADABLE
    assert message == "file contains NUL bytes: binary content, not text"
    assert location == Location(3, 1)
    assert only_problem(b"ab\rcd\x00")[2] == Location(2, 3)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("héllo".encode("utf-16"), "UTF-16"),
        (b"\xfe\xff" + "hi".encode("utf-16-be"), "UTF-16"),
        ("hi".encode("utf-32"), "UTF-32"),
    ],
)
def test_utf16_and_utf32_boms_are_refused(data: bytes, encoding: str) -> None:
    category, message, location = only_problem(data)
    assert category is Category.FILE_UNREADABLE
    assert message == f"file is encoded as {encoding}; provenance reads UTF-8"
    assert location == Location(1, 1)


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\xef\xbb\xbf\r\n"])
def test_empty_file(data: bytes) -> None:
    assert only_problem(data) == (Category.METADATA_INVALID, "empty file: nothing to check", Location(1, 1))


def test_oversize_file_names_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 1_500)
    article = read_file(path, "big.md", max_size=1_000)
    (problem,) = article.diagnostics
    assert problem.category is Category.FILE_UNREADABLE
    assert "1,500 bytes" in problem.message
    assert "1,000-byte limit" in problem.message
    assert read_file(path, "big.md", max_size=1_500).diagnostics == ()


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = read_file(tmp_path / "gone.md", "gone.md")
    assert missing.path == "gone.md"
    assert missing.format is Format.MARKDOWN
    (problem,) = missing.diagnostics
    assert problem.category is Category.FILE_UNREADABLE
    assert problem.message == "cannot read file: No such file or directory"
    (problem,) = read_file(tmp_path, "dir.md").diagnostics
    assert problem.category is Category.FILE_UNREADABLE
    assert problem.message == "cannot read file: Is a directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text("hello")
    path.chmod(0)
    (problem,) = read_file(path, "secret.md").diagnostics
    assert problem.message == "cannot read file: Permission denied"
