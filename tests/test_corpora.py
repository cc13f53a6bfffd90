"""The checker on real content repositories (shared/corpora): no crash, every file accounted for,
and every defect their SOURCE.txt lists visible in the findings.

Each corpus is copied into a temporary repository with the `.provenance.yaml` its owners would
write. Skipped where the corpora are absent (a fresh clone has no ../shared).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from provenance.engine import CheckOptions, run_check
from provenance.extract import extract
from provenance.model import Report
from provenance.readers import SUFFIXES, read_file

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
LCTT_PACK = Path(__file__).parent / "fixtures" / "corpora" / "lctt-notice.yaml"
pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora is not present")

CONFIGS = {
    "techhubms_techhub": "site: {venue: noncommercial, url: 'https://tech.hub.ms'}\n",
    "LCTT_TranslateProject": (
        "site: {venue: noncommercial, url: 'https://linux.cn'}\n"
        "republished: ['published/**', 'sources/**']\n"
        "policies: ['lctt-notice.yaml']\n"
    ),
    "open-telemetry_opentelemetry.io": "site: {venue: community, url: 'https://opentelemetry.io'}\n",
}

# What each defect named in SOURCE.txt must show up as.
DEFECT_RULES = {
    "empty link": "PROV-PLACEHOLDER",
    "placeholder link": "PROV-PLACEHOLDER",
    "feed_name": "PROV-SOURCE-MISMATCH",
    "no source URL line": "PROV-LINK",
    "source line without URL": "PROV-LINK",
    "no 作者 (author) line": "PROV-AUTHOR",
    "author ref [a] undefined": "PROV-PLACEHOLDER",
    "no LCTT/Linux中国 notice": "LCTT-NOTICE",
}

# SOURCE.txt entries checked by hand and found wrong: these files do give the source URL, on a
# "来源于: URL" line or as "来源: [Reuters][2]" with [2] defined. The checker must find that URL.
MISLABELLED = {
    (
        "published/201311/Installing a Desktop Algorithmic Trading Research Environment using"
        " Ubuntu Linux and Python.md",
        "PROV-LINK",
    ): "quantstart.com",
    ("published/201312/How to Make a YouTube Instructional Screencast Video on Linux.md", "PROV-LINK"): (
        "linux.com"
    ),
    ("published/201508/20150818 Linux Without Limits--IBM Launch LinuxONE Mainframes.md", "PROV-LINK"): (
        "reuters.com"
    ),
}


def listed_defects(corpus: Path) -> list[tuple[str, str]]:
    """(path, rule) for every DEFECT in the corpus's SOURCE.txt."""
    expected = []
    for line in (corpus / "SOURCE.txt").read_text(encoding="utf-8").splitlines():
        path, _, why = line.partition("\t")
        for part in why.split(";"):
            if "DEFECT" in part and "defect?" not in part:
                rules = [rule for text, rule in DEFECT_RULES.items() if text in part]
                assert len(rules) == 1, f"no rule mapped for {part!r}"
                expected.append((path, rules[0]))
    return expected


@pytest.fixture(scope="module", params=sorted(CONFIGS))
def checked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    name = request.param
    repo = tmp_path_factory.mktemp(name)
    shutil.copytree(CORPORA / name, repo, dirs_exist_ok=True)
    (repo / ".git").mkdir()
    (repo / ".provenance.yaml").write_text(CONFIGS[name], encoding="utf-8")
    shutil.copy(LCTT_PACK, repo / "lctt-notice.yaml")
    result = run_check([repo], cwd=repo, options=CheckOptions(today=dt.date(2026, 11, 27)))
    return CORPORA / name, result.report


def test_every_file_is_accounted_for(checked: tuple[Path, Report]) -> None:
    corpus, report = checked
    on_disk = {
        p.relative_to(corpus).as_posix()
        for p in corpus.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES
    }
    assert {a.path for a in report.articles} == on_disk


def test_no_file_is_unreadable(checked: tuple[Path, Report]) -> None:
    _, report = checked
    assert [f for f in report.findings if f.category in {"file-unreadable", "metadata-invalid"}] == []


def test_every_listed_defect_is_found(checked: tuple[Path, Report]) -> None:
    corpus, report = checked
    found = {(f.path, f.rule) for f in report.findings}
    missing = [item for item in listed_defects(corpus) if item not in found and item not in MISLABELLED]
    assert missing == []


@pytest.mark.parametrize(("path", "host"), [(path, host) for (path, _), host in MISLABELLED.items()])
def test_mislabelled_defects_do_name_the_source_url(path: str, host: str) -> None:
    article = read_file(CORPORA / "LCTT_TranslateProject" / path, path)
    hosts = {fact.host for claim in extract(article).claims for fact in claim.links}
    assert host in hosts


def test_original_posts_get_no_findings(checked: tuple[Path, Report]) -> None:
    corpus, report = checked
    own = [
        line.partition("\t")[0]
        for line in (corpus / "SOURCE.txt").read_text(encoding="utf-8").splitlines()
        if "\tnegative: original" in line
    ]
    assert [f for f in report.findings if f.path in own] == []
    statuses = {a.path: a.status for a in report.articles}
    assert all(statuses[path] == "original" for path in own)
