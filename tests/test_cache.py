"""The result cache: reused only while content, rules, config, tool and (if it matters) day are unchanged."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from speed_site import make_site
from test_cache_codec import full_evaluation

from provenance import cache as cache_module
from provenance.cache import CACHE_FOLDER, Entry, ResultCache
from provenance.cache_codec import decode_evaluation, encode_evaluation
from provenance.engine import CheckOptions, CheckResult, run_check
from provenance.report import json_format
from provenance.report.options import RenderOptions
from provenance.watched_date import WatchedDate

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat files as settled at once (tests cannot wait for the racy window to pass)."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0)


def check(site: Path, *, today: dt.date = TODAY, use_cache: bool = True) -> CheckResult:
    return run_check([site], cwd=site, options=CheckOptions(today=today, jobs=1, use_cache=use_cache))


def as_json(result: CheckResult) -> str:
    return json_format.render(result.report, RenderOptions())


def cache_file(site: Path) -> Path:
    [path] = (site / CACHE_FOLDER).glob("results-*.bin")
    return path


def key_of(path: Path) -> str:
    """The run key a result file names in its first line."""
    return path.read_bytes().split(b"\n", 1)[0].split()[2].decode()


def split_records(data: bytes) -> tuple[bytes, list[bytes]]:
    """The header line and the records of a result file, as stored."""
    header, _, rest = data.partition(b"\n")
    records = []
    while rest:
        _, path_size, body_size = struct.unpack_from("<III", rest)
        size = 12 + path_size + body_size
        records.append(rest[:size])
        rest = rest[size:]
    return header + b"\n", records


def record(paths: list[str], body: bytes) -> bytes:
    """A record as the format documents it: CRC-32 of paths block and body, their lengths, paths block
    (each path, NUL, its offset from the record's start), body."""
    block = b""
    for path in paths:
        block += path.encode("utf-8", "surrogatepass") + b"\0" + struct.pack("<I", 12 + len(block))
    return struct.pack("<III", zlib.crc32(block + body), len(block), len(body)) + block + body


def group(*entries: tuple[str, Any]) -> bytes:
    """The record of a group of entries, each a path and its loaded fields."""
    return record([path for path, _ in entries], marshal.dumps(tuple(fields for _, fields in entries)))


def entry_count(data: bytes) -> int:
    """How many entries the records of a result file hold."""
    return sum(len(marshal.loads(rest_of(record))) for record in split_records(data)[1])


def rest_of(record: bytes) -> bytes:
    """A record's body."""
    _, paths_size, _ = struct.unpack_from("<III", record)
    return record[12 + paths_size :]


def test_a_second_run_reuses_every_result_and_reports_the_same(
    tmp_path: Path, evaluated: list[str], settled: None
) -> None:
    site = make_site(tmp_path, 9)
    first = check(site)
    assert len(evaluated) == 9
    second = check(site)
    assert len(evaluated) == 9  # nothing evaluated again
    assert second.report == first.report
    assert as_json(second) == as_json(check(site, use_cache=False))


def test_a_file_is_read_again_until_it_has_settled(tmp_path: Path, evaluated: list[str]) -> None:
    site = make_site(tmp_path, 3)
    check(site)
    check(site)  # stamps not trusted yet: files are read and hashed, but not evaluated again
    assert len(evaluated) == 3


def test_an_edited_file_is_evaluated_again(tmp_path: Path, evaluated: list[str], settled: None) -> None:
    site = make_site(tmp_path, 6)
    check(site)
    edited = site / "content" / "2001" / "story-1.md"
    edited.write_text(edited.read_text().replace("(#)", "(https://www.globalresearch.ca/story-1/5000001)"))
    evaluated.clear()
    second = check(site)
    assert evaluated == ["content/2001/story-1.md"]
    assert as_json(second) == as_json(check(site, use_cache=False))
    assert not [
        f for f in second.report.findings if f.path == "content/2001/story-1.md" and f.rule == "GR-LINK"
    ]


def test_same_content_with_a_new_stamp_is_not_evaluated_again(
    tmp_path: Path, evaluated: list[str], settled: None
) -> None:
    site = make_site(tmp_path, 3)
    check(site)
    touched = site / "content" / "2001" / "story-1.md"
    os.utime(touched, ns=(1_000_000_000, 1_000_000_000))
    evaluated.clear()
    check(site)
    assert evaluated == []  # read and hashed: same digest, the cached result stands


def test_a_rule_change_invalidates_every_result(tmp_path: Path, evaluated: list[str], settled: None) -> None:
    site = make_site(tmp_path, 4)
    check(site)
    config = site / ".provenance.yaml"
    config.write_text(config.read_text() + "severity:\n  GR-LINK: warning\n")
    evaluated.clear()
    second = check(site)
    assert len(evaluated) == 4
    assert {f.severity.value for f in second.report.findings if f.rule == "GR-LINK"} == {"warning"}


def test_a_local_pack_change_invalidates_every_result(
    tmp_path: Path, evaluated: list[str], settled: None
) -> None:
    site = make_site(tmp_path, 3)
    pack = site / "policies" / "local.yaml"
    pack.parent.mkdir()
    pack.write_text("id: local\nname: Local\nextends: global-research\ndisable: []\n")
    config = site / ".provenance.yaml"
    config.write_text(config.read_text() + "policies: [policies]\n")
    check(site)
    pack.write_text("id: local\nname: Local\nextends: global-research\ndisable: [GR-LINK]\n")
    evaluated.clear()
    second = check(site)
    assert len(evaluated) == 3
    assert as_json(second) == as_json(check(site, use_cache=False))


@pytest.mark.parametrize("part", ["__version__", "code_fingerprint"])
def test_a_new_tool_version_or_code_invalidates_every_result(
    tmp_path: Path, evaluated: list[str], settled: None, monkeypatch: pytest.MonkeyPatch, part: str
) -> None:
    site = make_site(tmp_path, 3)
    check(site)
    if part == "__version__":
        monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    else:
        monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "edited")
    evaluated.clear()
    check(site)
    assert len(evaluated) == 3
    assert len(list((site / CACHE_FOLDER).glob("results-*.bin"))) == 2


def test_a_result_that_looked_at_the_date_is_valid_that_day_only(
    tmp_path: Path, evaluated: list[str], settled: None
) -> None:
    site = make_site(tmp_path, 3, expires="2026-06-30")
    before = check(site, today=dt.date(2026, 6, 30))
    assert not [f for f in before.report.findings if f.rule == "CORE-PERMISSION-EXPIRED"]
    evaluated.clear()
    after = check(site, today=dt.date(2026, 7, 1))
    assert evaluated == ["content/print.md"]  # the others never looked at the date
    assert [f.path for f in after.report.findings if f.rule == "CORE-PERMISSION-EXPIRED"] == [
        "content/print.md"
    ]
    assert as_json(after) == as_json(check(site, today=dt.date(2026, 7, 1), use_cache=False))


def test_a_garbled_or_truncated_cache_is_never_trusted(
    tmp_path: Path, evaluated: list[str], settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "GROUP_ENTRIES", 2)  # three records
    site = make_site(tmp_path, 6)
    expected = as_json(check(site))
    path = cache_file(site)
    header, records = split_records(path.read_bytes())
    assert len(records) == 3 and b"GR-LINK" in records[1]
    records[1] = records[1].replace(b"GR-LINK", b"GR-XINK", 1)  # same length, wrong checksum
    path.write_bytes((header + b"".join(records))[:-40])  # and the last record torn
    evaluated.clear()
    assert as_json(check(site)) == expected
    assert evaluated == [f"content/{2000 + n}/story-{n}.md" for n in (2, 3, 4, 5)]  # first record reused
    evaluated.clear()
    assert as_json(check(site)) == expected  # rebuilt: now all reused
    assert evaluated == []
    rebuilt = path.read_bytes()
    assert split_records(rebuilt)[1][0] == records[0]  # the intact record as it was
    assert entry_count(rebuilt) == 6


@pytest.mark.parametrize("header", [b"", b"garbage\n", b"provenance-cache 1 x\n"])
def test_a_cache_with_a_foreign_header_is_rewritten(tmp_path: Path, header: bytes, settled: None) -> None:
    site = make_site(tmp_path, 3)
    expected = as_json(check(site))
    path = cache_file(site)
    body = path.read_bytes().split(b"\n", 1)[1]
    path.write_bytes(header + body)
    assert as_json(check(site)) == expected
    assert path.read_bytes().startswith(b"provenance-cache 4 ")


def test_entries_with_a_valid_checksum_but_a_wrong_shape_are_ignored(tmp_path: Path, settled: None) -> None:
    site = make_site(tmp_path, 3)
    check(site)
    path = cache_file(site)
    fields = ("x", None, False, None, ((), ("too", "short")))
    with path.open("ab") as handle:  # a later record replaces the earlier one for the same path
        handle.write(group(("content/2001/story-1.md", fields)))
    cache = ResultCache(path.parent, key_of(path))
    assert cache.get("content/2001/story-1.md") is None
    assert cache.get("content/2002/story-2.md") is not None


def test_two_runs_writing_at_once_both_report_correctly(tmp_path: Path) -> None:
    site = make_site(tmp_path, 120)
    expected = as_json(check(site, use_cache=False))
    command = [sys.executable, "-m", "provenance", "check", ".", "--format", "json", "--jobs", "1"]
    for _ in range(2):  # the first round creates the cache, the second appends to it
        runs = [subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE, text=True) for _ in range(2)]
        outputs = [run.communicate()[0] for run in runs]
        assert outputs == [expected, expected]
        for i in range(3):  # three edits: both runs of the next round append their entries
            target = site / "content" / f"{2000 + i % 7}" / f"story-{i}.md"
            target.write_text(target.read_text() + "\n")
        expected = as_json(check(site, use_cache=False))
    path = cache_file(site)
    cache = ResultCache(path.parent, key_of(path))
    assert all(cache.get(article.path) is not None for article in check(site).report.articles)
    assert as_json(check(site)) == expected


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path, 2)
    check(site, use_cache=False)
    assert not (site / CACHE_FOLDER).exists()


def test_the_cache_folder_ignores_itself(tmp_path: Path) -> None:
    site = make_site(tmp_path, 2)
    check(site)
    assert (site / CACHE_FOLDER / ".gitignore").read_text() == "*\n"
    assert (
        (site / CACHE_FOLDER / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_an_unreadable_file_is_not_cached(tmp_path: Path, evaluated: list[str], settled: None) -> None:
    site = make_site(tmp_path, 2)
    big = site / "content" / "big.md"
    big.write_text("---\ntitle: big\n---\n" + "x" * 2000)
    config = site / ".provenance.yaml"
    config.write_text(config.read_text() + "max_file_size: 1000\n")
    check(site)
    evaluated.clear()
    second = check(site)
    assert evaluated == ["content/big.md"]
    assert [f.category.value for f in second.report.findings if f.path == "content/big.md"] == [
        "file-unreadable"
    ]


def test_the_codec_round_trips_a_full_evaluation(tmp_path: Path) -> None:
    site = make_site(tmp_path, 3, expires="2026-01-01")
    report = check(site, use_cache=False).report
    from provenance.evaluate import Evaluation

    for summary in report.articles:
        findings = tuple(f for f in report.findings if f.path == summary.path)
        evaluation = Evaluation(findings, summary)
        assert decode_evaluation(marshal.loads(marshal.dumps(encode_evaluation(evaluation)))) == evaluation
    assert any(s.permission is not None for s in report.articles)


def test_a_watched_date_notices_every_use() -> None:
    day = dt.date(2026, 7, 1)
    watched = WatchedDate.of(day)
    assert watched.looked_at is False
    for use in (
        lambda w: dt.date(2026, 6, 30) < w,
        lambda w: w >= day,
        lambda w: w == day,
        lambda w: w.isoformat(),
        lambda w: w.year,
        lambda w: day - w,
        lambda w: hash(w),
        lambda w: f"{w}",
    ):
        watched.forget()
        use(watched)
        assert watched.looked_at is True
    assert watched == day and hash(watched) == hash(day) and day - watched == dt.timedelta(0)
    assert dt.date(2026, 6, 30) < watched <= day


KEY = "k" * 64
PATHS = ("content/a.md", "content/café.md", "content/b\tc\nd.md", "content/\udcff-undecodable.md")


def entry(path: str) -> Entry:
    return Entry("d" * 64, (1, 2, 3, 4), True, "2026-11-27", full_evaluation(path))


def write_cache(folder: Path, paths: tuple[str, ...] = PATHS) -> Path:
    cache = ResultCache(folder, KEY)
    for path in paths:
        cache.put(path, entry(path))
    cache.save()
    [path] = folder.glob("results-*.bin")
    return path


def test_every_path_and_field_round_trips_through_the_file(tmp_path: Path) -> None:
    write_cache(tmp_path)
    cache = ResultCache(tmp_path, KEY)
    assert [cache.get(path) for path in PATHS] == [entry(path) for path in PATHS]
    assert cache.get("content/other.md") is None
    assert ResultCache(tmp_path, "x" * 64).get(PATHS[0]) is None  # another run key: another file


def fields_of(path: str) -> Any:
    """The fields of `entry(path)` as a record stores them."""
    return cache_module.entry_fields(entry(path))


@pytest.mark.parametrize(
    ("damage", "lost"),
    [
        (lambda records: [records[0], records[1].replace(b"GR-LINK", b"GR-XINK"), *records[2:]], [2, 3]),
        (lambda records: [*records[:-1], records[-1][:-1]], [2, 3]),  # torn in the body
        (lambda records: [*records[:-1], records[-1][:7]], [2, 3]),  # torn in the head
        (lambda records: [*records, b"\xff" * 40], []),  # a head announcing far more than there is
        (lambda records: [*records, record(["content/a.md"], b"not marshal data")], [0]),
        (lambda records: [*records, record(["content/a.md"], marshal.dumps([1, 2]))], [0]),
        (lambda records: [*records, record(["content/a.md"], marshal.dumps((1, 2)))], [0]),  # 2 for 1 path
        (lambda records: [*records, group(("content/a.md", (1, 2)), (PATHS[1], fields_of(PATHS[1])))], [0]),
        (lambda records: [*records, record(["content/a.md\0"], marshal.dumps((1,)))], []),  # no such path
    ],
)
def test_damaged_records_are_ignored_and_the_file_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Any, lost: list[int]
) -> None:
    """A damaged record loses its own entries only (or, with a wrong shape, that entry only)."""
    monkeypatch.setattr(cache_module, "GROUP_ENTRIES", 2)
    path = write_cache(tmp_path)
    header, records = split_records(path.read_bytes())
    assert len(records) == 2
    path.write_bytes(header + b"".join(damage(records)))
    cache = ResultCache(tmp_path, KEY)
    found = [cache.get(path) for path in PATHS]
    assert [index for index, got in enumerate(found) if got is None] == lost
    assert all(got == entry(path) for path, got in zip(PATHS, found, strict=True) if got is not None)
    for index in lost:
        cache.put(PATHS[index], entry(PATHS[index]))
    cache.save()
    cache = ResultCache(tmp_path, KEY)
    assert [cache.get(path) for path in PATHS] == [entry(path) for path in PATHS]


def test_the_entries_of_a_run_come_back_from_one_record_per_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = tuple(f"content/{n}.md" for n in range(cache_module.GROUP_ENTRIES + 10))
    path = write_cache(tmp_path, paths)
    records = split_records(path.read_bytes())[1]
    assert [len(marshal.loads(rest_of(stored))) for stored in records] == [cache_module.GROUP_ENTRIES, 10]
    loads: list[int] = []
    group_entries = cache_module._group_entries

    def counted(data: Any, start: int, count: int) -> Any:
        loads.append(start)
        return group_entries(data, start, count)

    monkeypatch.setattr(cache_module, "_group_entries", counted)
    cache = ResultCache(tmp_path, KEY)
    assert [cache.get(path) for path in paths] == [entry(path) for path in paths]
    assert len(loads) == 2  # each record decoded once


def test_a_rewrite_copies_whole_live_records_and_groups_the_live_entries_of_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "GROUP_ENTRIES", 4)
    paths = tuple(f"content/{n}.md" for n in range(10))  # records of 4, 4 and 2 entries
    path = write_cache(tmp_path, paths)
    header, records = split_records(path.read_bytes())
    path.write_bytes(header + b"".join(records) + b"\x01\x02")  # torn at the end: the run rewrites
    newer = {p: entry(p)._replace(digest="e" * 64) for p in (paths[1], paths[8])}
    cache = ResultCache(tmp_path, KEY)
    for changed, new in newer.items():
        cache.put(changed, new)
    cache.save()
    rewritten = split_records(path.read_bytes())[1]
    assert rewritten[0] == records[1]  # every entry still its latest: copied as it was
    assert [len(marshal.loads(rest_of(stored))) for stored in rewritten] == [4, 4, 2]
    assert entry_count(path.read_bytes()) == 10  # exactly the live entries: no stale one kept
    reread = ResultCache(tmp_path, KEY)
    assert [reread.get(p) for p in paths] == [newer.get(p, entry(p)) for p in paths]


def test_a_file_that_is_not_a_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = write_cache(tmp_path)
    path.write_bytes(path.read_bytes()[:20])  # not even a whole header
    cache = ResultCache(tmp_path, KEY)
    assert cache.get(PATHS[0]) is None
    cache.save()  # nothing changed, but the file is rewritten whole
    assert path.read_bytes().startswith(f"provenance-cache 4 {KEY}\n".encode())


def test_a_compacted_cache_keeps_the_entries_it_looked_up(tmp_path: Path) -> None:
    path = write_cache(tmp_path, PATHS[:2])
    counts = []
    for _ in range(110):  # runs that look up both entries and change one: stale records pile up
        cache = ResultCache(tmp_path, KEY)
        assert cache.get(PATHS[1]) == entry(PATHS[1])  # its bytes dropped: written again from the entry
        cache.put(PATHS[0], entry(PATHS[0]))
        cache.save()
        counts.append(len(split_records(path.read_bytes())[1]))
    # compacted once the stale entries outnumbered the rest: 2 live, 104 stored (the first record holds 2)
    assert max(counts) == 103 and counts[counts.index(103) + 1] == 1
    cache = ResultCache(tmp_path, KEY)
    assert [cache.get(path) for path in PATHS[:2]] == [entry(path) for path in PATHS[:2]]


@pytest.mark.parametrize("existing", ["none", "garbled", "valid"])
def test_a_large_run_writes_its_entries_as_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: str
) -> None:
    """Past FLUSH_BYTES the waiting records are written before `save`; every entry is there after it."""
    if existing == "valid":
        write_cache(tmp_path, ("content/old.md",))
    elif existing == "garbled":
        tmp_path.joinpath(f"results-{KEY[:32]}.bin").write_bytes(b"not a cache")
    monkeypatch.setattr("provenance.cache.FLUSH_BYTES", 1)  # write on every put
    many = tuple(f"content/{n}.md" for n in range(30))
    cache = ResultCache(tmp_path, KEY)
    cache.put(many[0], entry(many[0]))
    assert ResultCache(tmp_path, KEY).get(many[0]) == entry(many[0])  # on disk before `save`
    assert cache.get(many[0]) is None  # written this run: not read back
    for path in many[1:]:
        cache.put(path, entry(path))
    cache.save()
    reread = ResultCache(tmp_path, KEY)
    assert [reread.get(path) for path in many] == [entry(path) for path in many]
    kept = reread.get("content/old.md")
    assert kept == (entry("content/old.md") if existing == "valid" else None)


@pytest.fixture
def searched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any result file is large enough to be searched by a run of a few files."""
    monkeypatch.setattr(cache_module, "SEARCH_MIN_BYTES", 0)


def searching_cache(folder: Path, lookups: int = 1) -> ResultCache:
    cache = ResultCache(folder, KEY)
    cache.plan(lookups)
    return cache


def test_a_few_look_ups_search_the_file_and_find_what_the_index_finds(tmp_path: Path, searched: None) -> None:
    """The latest intact record answers, even when its path is part of other paths and bodies."""
    paths = (*PATHS, "content/a.md.bak", "xcontent/a.md", "content/a.m")
    write_cache(tmp_path, paths)
    later = ResultCache(tmp_path, KEY)
    newer = entry("content/a.md")._replace(digest="e" * 64)
    later.put("content/a.md", newer)  # appended: a second record for the same path
    later.save()
    searching = searching_cache(tmp_path, len(paths))
    found = [searching.get(path) for path in (*paths, "content/none.md")]
    assert searching._stored == {} and searching._searching  # never indexed
    indexed = ResultCache(tmp_path, KEY)
    assert found == [indexed.get(path) for path in (*paths, "content/none.md")]
    assert found[0] == newer and found[-1] is None
    assert found[1:-1] == [entry(path) for path in paths[1:]]  # each but the first not first in its record
    place = searching._search(paths[2])
    assert place is not None and place[1] == 2


def test_a_search_takes_a_path_only_where_an_intact_paths_block_holds_it(
    tmp_path: Path, searched: None
) -> None:
    """A path and NUL inside a body, with a back-pointer to its record's start, is passed over."""
    path = write_cache(tmp_path)
    forged_path = b"content/a.md\0"
    forged = ("e" * 64, None, True, None, (), forged_path + b"\0" * 4)
    draft = group(("content/other.md", forged))
    place = draft.index(forged_path + b"\0" * 4)  # where the forged path lies in its record
    forged = (*forged[:5], forged_path + struct.pack("<I", place))
    with path.open("ab") as handle:
        handle.write(group(("content/other.md", forged)))
    searching = searching_cache(tmp_path)
    assert searching.get("content/a.md") == entry("content/a.md")  # the real one, found before it
    assert searching._search("content/other.md") == (len(path.read_bytes()) - len(draft), 0, 1)
    assert path.read_bytes().rfind(forged_path) > len(path.read_bytes()) - len(draft)  # the last occurrence


def test_a_search_skips_a_damaged_record_and_its_run_appends(tmp_path: Path, searched: None) -> None:
    path = write_cache(tmp_path)
    later = ResultCache(tmp_path, KEY)
    later.put(PATHS[0], entry(PATHS[0])._replace(digest="e" * 64))
    later.save()
    header, records = split_records(path.read_bytes())
    records[-1] = records[-1].replace(b"GR-LINK", b"GR-XINK", 1)  # the newer record: wrong checksum
    path.write_bytes(header + b"".join(records))
    searching = searching_cache(tmp_path)
    assert searching.get(PATHS[0]) == entry(PATHS[0])  # the older intact record, for its own content
    searching.put(PATHS[1], entry(PATHS[1])._replace(digest="f" * 64))
    searching.save()
    assert len(split_records(path.read_bytes())[1]) == len(records) + 1  # appended, not rewritten
    assert ResultCache(tmp_path, KEY).get(PATHS[1]) == entry(PATHS[1])._replace(digest="f" * 64)


def test_small_files_and_large_runs_are_indexed(tmp_path: Path) -> None:
    write_cache(tmp_path)
    small = searching_cache(tmp_path)  # the default threshold: this file is small
    assert small.get(PATHS[0]) == entry(PATHS[0]) and not small._searching and small._stored
    large_run = ResultCache(tmp_path, KEY)
    large_run.plan(cache_module.SEARCH_LIMIT + 1)
    assert large_run.get(PATHS[0]) == entry(PATHS[0]) and not large_run._searching


def test_a_one_file_run_on_a_large_cache_reuses_and_records_by_searching(
    tmp_path: Path, evaluated: list[str], settled: None, searched: None
) -> None:
    site = make_site(tmp_path, 20)
    full = check(site)
    one = site / "content" / "2001" / "story-1.md"
    evaluated.clear()
    again = run_check([one], cwd=site, options=CheckOptions(today=TODAY, jobs=1))
    assert evaluated == [] and again.report.findings == tuple(
        f for f in full.report.findings if f.path == "content/2001/story-1.md"
    )
    one.write_text(one.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    run_check([one], cwd=site, options=CheckOptions(today=TODAY, jobs=1))
    assert evaluated == ["content/2001/story-1.md"]
    evaluated.clear()
    warm = as_json(check(site))
    assert evaluated == []  # the record the one-file run appended is found by the index too
    assert warm == as_json(check(site, use_cache=False))
