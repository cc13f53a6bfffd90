"""The fast YAML path gives exactly what the careful path gives, or leaves the document to it.

`parse_yaml` tries `_parse_plain` (libyaml composes, a lean walk builds) and falls back to
`_parse_careful` (events composed in Python, with limits). Every test here compares the two
on the same text: values, fields with their locations, and diagnostics, compared by `repr`
so that types (1 vs True vs "1", date vs datetime) and NaN compare too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from differential import differential
from hypothesis import given
from hypothesis import strategies as st

from provenance.readers import fm_yaml
from provenance.readers.decode import decode
from provenance.readers.fm_yaml import parse_yaml
from provenance.readers.metadata import ParsedMetadata

ROOT = Path(__file__).parent.parent
FOLDERS = (ROOT / "tests" / "fixtures", ROOT / "examples", Path("/work/shared/corpora"))
YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)  # as in readers/frontmatter.py
DIFFERENTIAL = differential(200)


def outcome(parse: Callable[[str, int], ParsedMetadata | None], source: str) -> str:
    try:
        return repr(parse(source, 2))
    except Exception as error:  # the careful path still raises on a few tags (e.g. "!!int ")
        return f"raised {type(error).__name__}"


def same_as_careful(source: str) -> bool:
    """Assert both paths agree on `source`; return whether the fast path took it."""
    careful = outcome(fm_yaml._parse_careful, source)
    plain = fm_yaml._parse_plain(source, 2)  # never raises: failing, it leaves the text to careful
    if plain is not None:
        assert repr(plain) == careful
    assert outcome(parse_yaml, source) == careful
    return plain is not None


def yaml_front_matter(path: Path) -> str | None:
    """The text `split_front_matter` hands to `parse_yaml` for this file, if any."""
    text = decode(path.read_bytes()).text
    first, newline, rest = text.partition("\n")
    if first.rstrip() != "---" or not newline:
        return None
    closing = YAML_CLOSE.search(rest)
    return rest[: closing.start()] if closing else None


def front_matters() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for folder in FOLDERS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            source = yaml_front_matter(path) if path.is_file() else None
            if source is not None:
                found.append((path.as_posix(), source))
    return found


def test_every_front_matter_on_disk_reads_the_same() -> None:
    found = front_matters()
    assert len(found) >= 15  # the fixtures and examples alone
    fast = [name for name, source in found if same_as_careful(source)]
    assert len(fast) >= 0.8 * len(found)  # the common case does take the fast path


# -- generated documents -------------------------------------------------------------------------
TRICKY_TEXT = st.sampled_from(
    ["1", "1.0", "yes", "No", "~", "null", "<<", "=", "2020-01-01", "0x1F", ".nan", "a: b", "- x", "#", ""]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(dt.UTC)),
    st.text(max_size=12),
    TRICKY_TEXT,
)
KEYS = st.one_of(st.text(max_size=8), TRICKY_TEXT, st.integers(-3, 3), st.booleans(), st.none(), st.dates())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=16,
)
DUMP_OPTIONS = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, True, None]),
        "allow_unicode": st.booleans(),
        "sort_keys": st.booleans(),
        "width": st.sampled_from([20, 80, 1000]),
        "indent": st.sampled_from([2, 4]),
        "explicit_end": st.booleans(),
    }
)


@DIFFERENTIAL
@given(st.dictionaries(KEYS, VALUES, max_size=8), DUMP_OPTIONS)
def test_dumped_documents_read_the_same(mapping: dict[Any, Any], options: dict[str, Any]) -> None:
    same_as_careful(yaml.safe_dump(mapping, **options))


PIECES = st.sampled_from(
    [
        "title: ",
        "author: ",
        "a: ",
        "1: ",
        "'1': ",
        "True: ",
        "~: ",
        "2020-01-01: ",
        "- ",
        "  ",
        "    ",
        ": ",
        "? ",
        "<<: ",
        "<<: {a: 1, b: 2}",
        "<<: [{a: 1}, {c: 3}]",
        "=: x",
        "&a ",
        "*a ",
        "!!str ",
        "!!int ",
        "!!binary aGk=",
        "!!set ",
        "!!omap ",
        "!!python/name:os.system ",
        "! ",
        "!local ",
        "|\n  ",
        ">-\n  ",
        "{",
        "}",
        "[",
        "]",
        ", ",
        '"',
        "'",
        "# note",
        "--- ",
        "...",
        "\n",
        "\n---\n",
        "\n...\n",
        "%YAML 1.1\n---\n",
        "%TAG ! tag:example.com,2000:\n--- ",
        "\t",
        "\ufeff",
        "\\",
        "1_000",
        "0o17",
        "-.inf",
        "2001-12-14t21:59:43.10-05:00",
        "2020-13-45",
        "yes",
        "null",
        "x",
        "Some Publisher",
        "https://example.org/a?b=1&c=2",
    ]
)
LINE = st.builds(
    lambda indent, key, value: " " * indent + key + value,
    st.sampled_from([0, 0, 0, 2, 4]),
    st.sampled_from(["title: ", "tags: ", "- ", "a: ", "? ", "<<: ", "1: ", ""]),
    st.lists(PIECES | st.text(max_size=6), max_size=4).map("".join),
)
PLAIN_LINE = st.builds(  # mostly well formed: the documents the fast path does take
    lambda indent, key, value: " " * indent + key + value,
    st.sampled_from([0, 0, 0, 2, 4]),
    st.sampled_from(["title: ", "a: ", "1: ", "'1': ", "True: ", "~: ", "2020-01-01: ", "- ", "- k: "]),
    st.sampled_from(
        [
            "",
            "x",
            "1",
            "1.0",
            "yes",
            "~",
            "2020-01-01",
            "2001-12-14t21:59:43.10-05:00",
            "'quoted'",
            '"double \\u00e9"',
            "[a, 1, yes, [b]]",
            "{b: 1, c: [d], 2: e}",
            "|\n  text\n  more",
            ">-\n  folded",
            "!!str 1",
            "! 1",
            "&anchor v",
            "x # comment",
        ]
    ),
)
RAW = st.one_of(
    st.lists(PIECES, max_size=30).map("".join),
    st.lists(LINE, max_size=12).map("\n".join),
    st.lists(PLAIN_LINE, max_size=12).map("\n".join),
)


@DIFFERENTIAL
@given(RAW)
def test_raw_yaml_reads_the_same(source: str) -> None:
    same_as_careful(source)


# -- the details, one by one ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "source",
    [
        "title: x\ndate: 2020-01-02\nupdated: 2020-01-02 10:20:30+02:00\ncount: 1_000\n",
        "a: ~\nb: null\nc: yes\nd: .inf\ne: -.nan\nf: 0x1F\ng: 0o17\nh: 1.5e3\n",
        "1: int\n'1': str\n",  # two keys, one field name
        "1: int\nTrue: bool\n",  # one dict key (1 == True), two field names
        "? [a, b]\n: complex\n",  # an unhashable key
        "~: null key\n",
        "x: ! 1\ny: !!str 2\n",
        "title: x\n--- \nsecond: document\n",
        "title: x\n...\n",
        "title: x\n...\n%YAML 1.1\n--- y\n",
        "\ufefftitle: x\n",
        "title:\tx\n",
        "list:\n- a\n- - b\n  - c\n- {d: e}\n",
        "anchor: &x value\nother: value\n",
        "dup: &x a\nagain: &x b\n",  # a repeated anchor: libyaml refuses, the careful path does not
        "<<: {a: 1}\nb: 2\n",
        "<<: {a: 1}\na: 2\n",
        "base: {a: 1}\n=: x\n",
        "title: one\ntitle: two\n",
        "outer: {a: 1, a: 2}\n",
        "x: !!set {a, b}\n",
        "x: !!binary aGk=\n",
        "x: !!omap [a: 1]\n",
        "date: 2020-13-45\n",
        "- a\n- b\n",
        "just text\n",
        "",
        "# only a comment\n",
        "title: [unclosed\n",
        "title: x\n]\n",
        "title: x\n@\n",
    ],
)
def test_yaml_details_read_the_same(source: str) -> None:
    same_as_careful(source)


@pytest.mark.parametrize(
    ("source", "fast"),
    [
        ("title: x\ntags: [a, b]\n", True),
        ("title: Q&A *live*\n", False),  # a '*' may be an alias: careful path
        ("a: &x [1]\nb: *x\n", False),
        ("title: one\ntitle: two\n", False),  # the careful path reports the duplicate
        ("<<: {a: 1}\n", False),
        ("x: !!binary aGk=\n", False),
        ("- a\n", False),
        pytest.param("x: " + "[" * 99 + "]" * 99, True, id="100 levels with the root"),
        pytest.param("x: " + "[" * 100 + "]" * 100, False, id="101 levels"),
        pytest.param("x: " + "[" * 5000 + "]" * 5000, False, id="never handed to libyaml's composer"),
    ],
)
def test_which_documents_take_the_fast_path(source: str, fast: bool) -> None:
    assert same_as_careful(source) is fast


@pytest.mark.parametrize(("items", "fast"), [(9_997, True), (9_998, False)])
def test_node_limit_is_the_careful_one(monkeypatch: pytest.MonkeyPatch, items: int, fast: bool) -> None:
    monkeypatch.setattr(fm_yaml, "_PLAIN_MAX_CHARS", 100_000)
    source = "x: [" + ", ".join(["1"] * items) + "]\n"  # the mapping, its key, the list: 3 more nodes
    assert same_as_careful(source) is fast
    refused = parse_yaml(source, 2).diagnostics
    assert bool(refused) is not fast
