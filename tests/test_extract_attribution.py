# ruff: noqa: RUF001  (CJK punctuation and Cyrillic in real attribution lines are intended)
"""Body attribution lines -> SourceClaims (kind, name, url, line), and prose that is not a claim."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from extract_builder import make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.extract import extract
from provenance.extract.facts import ClaimKind
from provenance.extract.lazy import LazyPattern
from provenance.extract.names import _DATE_WINDOW, _TRAILING_DATE, _trailing_date, fold_name

SEED = Path(__file__).parent / "fixtures" / "extract" / "seed-footer.md"

K = ClaimKind


def claims_of(body: str | list[str], metadata: dict[str, object] | None = None, **kw: object) -> list[tuple]:
    facts = extract(make_article(body, metadata, **kw))  # type: ignore[arg-type]
    return [(c.kind, c.name, c.url, c.location.line) for c in facts.claims]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The original source of this article is [Russia Today](#)",
            (K.ORIGINAL_SOURCE, "Russia Today", None, 1),
        ),
        (
            "The original source of this article is [Russia Today](https://www.rt.com/news/1)",
            (K.ORIGINAL_SOURCE, "Russia Today", "https://www.rt.com/news/1", 1),
        ),
        (
            "*This article was originally published on [ProPublica](https://www.propublica.org/article/x).*",
            (K.ORIGINALLY_PUBLISHED, "ProPublica", "https://www.propublica.org/article/x", 1),
        ),
        (
            "This story was originally published by CalMatters.",
            (K.ORIGINALLY_PUBLISHED, "CalMatters", None, 1),
        ),
        (
            "This article originally appeared on Grist at https://grist.org/x.",
            (K.ORIGINALLY_PUBLISHED, "Grist", "https://grist.org/x", 1),
        ),
        ("This essay first appeared in The Nation.", (K.ORIGINALLY_PUBLISHED, "The Nation", None, 1)),
        ("Originally published at Example Weekly", (K.ORIGINALLY_PUBLISHED, "Example Weekly", None, 1)),
        (
            "This article first appeared on Montana Free Press and is republished here under a "
            "Creative Commons license.",
            (K.ORIGINALLY_PUBLISHED, "Montana Free Press", None, 1),
        ),
        (
            "This article is republished from [The Conversation](https://theconversation.com) under a "
            "Creative Commons license. Read the [original article](https://theconversation.com/a-123).",
            (K.REPUBLISHED_FROM, "The Conversation", "https://theconversation.com", 1),
        ),
        ("Reprinted with permission from MIT News.", (K.REPUBLISHED_FROM, "MIT News", None, 1)),
        (
            'This post appeared first on "Khalid Abuhakmeh\'s Blog". '
            "[Read the entire article here](https://khalidabuhakmeh.com/x)",
            (K.APPEARED_FIRST, "Khalid Abuhakmeh's Blog", "https://khalidabuhakmeh.com/x", 1),
        ),
        ("The post Ten Tips appeared first on Example Blog.", (K.APPEARED_FIRST, "Example Blog", None, 1)),
        (
            "via: http://www.omgubuntu.co.uk/2015/08/x",
            (K.VIA, None, "http://www.omgubuntu.co.uk/2015/08/x", 1),
        ),
        (
            "via:[stackoverflow](http://stackoverflow.com/questions/1)",
            (K.VIA, "stackoverflow", "http://stackoverflow.com/questions/1", 1),
        ),
        (
            "via: [https://www.howtoforge.com/x/](https://www.howtoforge.com/x/)",
            (K.VIA, None, "https://www.howtoforge.com/x/", 1),
        ),
        ("原文: https://github.com/google/lmctfy/", (K.VIA, None, "https://github.com/google/lmctfy/", 1)),
        (
            "原文链接: http://news.softpedia.com/news/x.shtml",
            (K.VIA, None, "http://news.softpedia.com/news/x.shtml", 1),
        ),
        ("来源: [Reuters](http://www.reuters.com/a)", (K.VIA, "Reuters", "http://www.reuters.com/a", 1)),
        ("Source: Global Voices", (K.VIA, "Global Voices", None, 1)),
        (
            "本文由 [LCTT](https://github.com/LCTT/TranslateProject) 原创编译，"
            "[Linux中国](https://linux.cn/) 荣誉推出",
            (K.TRANSLATED, None, None, 1),
        ),
    ],
)
def test_attribution_styles(body: str, expected: tuple) -> None:
    assert claims_of(body) == [expected]


def test_seed_footer_original_source_and_copyright() -> None:
    facts = extract(make_article(SEED.read_text(encoding="utf-8")))
    assert [(c.kind, c.name, c.url, c.location.line) for c in facts.claims] == [
        (K.ORIGINAL_SOURCE, "Russia Today", None, 5)
    ]
    (claim,) = facts.claims
    assert [(f.link.text, f.target, f.placeholder) for f in claim.links] == [("Russia Today", "#", True)]
    assert claim.evidence == "The original source of this article is Russia Today"
    assert [(n.holders, n.year, n.location.line) for n in facts.copyrights] == [
        (("Global Research", "Russia Today"), 2009, 6)
    ]
    assert facts.republished is True


def test_story_by_author_credits_author_and_source() -> None:
    facts = extract(
        make_article("This story by Jane Doe originally appeared on Global Voices on January 26, 2009.")
    )
    assert [(c.kind, c.name) for c in facts.claims] == [(K.ORIGINALLY_PUBLISHED, "Global Voices")]
    assert [(c.name, c.role, c.visible) for c in facts.credits] == [
        ("Jane Doe", "author", True),
        ("Global Voices", "source", True),
    ]


def test_otel_sentence_cut_by_line_breaks_is_read_whole() -> None:
    body = [
        "_A version of this article was [originally posted][] on",
        "the Open Mainframe",
        "Project blog._",
    ]
    meta = {"canonical_url": "https://openmainframeproject.org/blog/x/"}
    facts = extract(make_article(body, meta, refs={"originally posted": "{{% param canonical_url %}}"}))
    body_claims = [c for c in facts.claims if c.kind is K.ORIGINALLY_PUBLISHED]
    assert [(c.name, c.url, c.location.line) for c in body_claims] == [
        ("Open Mainframe Project", "https://openmainframeproject.org/blog/x/", 1)
    ]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("_A version of this article was [originally posted][] on the New Relic blog._", "New Relic"),
        ("_A version of this article was [originally posted][] to the author's blog._", "the author's blog"),
        (
            "_この記事のバージョンは、もともと [New Relic のブログに投稿されたもの]"
            "[originally posted]です。_",
            "New Relic",
        ),
        ("_この記事は eBay Tech Blog に[最初に投稿][originally posted]されたものです。_", "eBay Tech"),
        ("_この記事は、著者のブログに[もともと投稿された][originally posted]ものです。_", None),
    ],
)
def test_otel_english_and_japanese_notices(line: str, name: str | None) -> None:
    refs = {"originally posted": "{{% param canonical_url %}}"}
    meta = {"canonical_url": "https://newrelic.com/blog/x"}
    claims = claims_of(line, meta, refs=refs)
    assert claims[-1] == (K.ORIGINALLY_PUBLISHED, name, "https://newrelic.com/blog/x", 1)


def test_also_appears_on_is_a_crosspost_not_a_claim() -> None:
    meta = {"crosspost_url": "https://www.cncf.io/blog/2024/12/20/x/"}
    refs = {"appears on the CNCF blog": "{{% param crosspost_url %}}"}
    for line in (
        "_A version of this article also [appears on the CNCF blog][]._",
        "_この記事は [CNCF ブログにも掲載][appears on the CNCF blog]されています。_",
    ):
        facts = extract(make_article(line, meta, refs=refs))
        assert facts.claims == () and facts.republished is False


@pytest.mark.parametrize(
    "prose",
    [
        "Sources say the talks will resume in February.",
        "The original plan was to meet in Munich.",
        "The summit was originally planned for March.",
        "Police are searching for the source of the leak.",
        "He republished his book in 2010.",
        "The paper was originally published in Nature in 2005.",
        "We routed traffic via the API gateway.",
        "This is the source code of the plugin.",
        "Copyright law was changed in 1976.",
        "这些信息来源于“/proc”目录。",
    ],
)
def test_prose_is_not_a_claim(prose: str) -> None:
    facts = extract(make_article(["Some paragraph.", prose]))
    assert facts.claims == ()
    assert facts.republished is False
    assert facts.copyrights == ()


def test_lctt_reference_definition_headers() -> None:
    body = [
        '[#]: subject: "Creating random, secure passwords in Go"',
        '[#]: via: "https://opensource.com/article/18/5/creating-random-secure-passwords-go"',
        '[#]: author: "Mihalis Tsoukalos https://opensource.com/users/mtsouk"',
        "",
        "在 Go 中生成随机的安全密码",
    ]
    facts = extract(make_article(body, body_line=1))
    assert [(c.kind, c.name, c.url, c.location.line) for c in facts.claims] == [
        (K.VIA, None, "https://opensource.com/article/18/5/creating-random-secure-passwords-go", 2)
    ]
    assert [(a.name, a.visible, a.location.line) for a in facts.authors] == [("Mihalis Tsoukalos", False, 3)]


def test_old_lctt_header_with_parentheses_and_offset_body() -> None:
    body = ["[#]: via: (https://itsfoss.com/pinta-new-release/)", "", "正文"]
    facts = extract(make_article(body, body_line=4))
    assert [(c.url, c.location.line) for c in facts.claims] == [("https://itsfoss.com/pinta-new-release/", 4)]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By [Global Research](#)", ["Global Research"]),
        ("By Jane Doe and John Roe, CalMatters", ["Jane Doe", "John Roe", "CalMatters"]),
        ("Articles by: [Global Research](#)", ["Global Research"]),
        ("作者：[Damon][a][Michael Kohne][b]", ["Damon", "Michael Kohne"]),
        ("作者：[Joey-Elijah Sneddon][a]", ["Joey-Elijah Sneddon"]),
    ],
)
def test_body_bylines(line: str, names: list[str]) -> None:
    refs = {"a": "http://stackoverflow.com/users/1", "b": "http://stackoverflow.com/users/2"}
    facts = extract(make_article([line, "", "The original source of this article is X"], refs=refs))
    assert [a.name for a in facts.authors if a.visible] == names


def test_by_far_in_the_body_is_no_byline() -> None:
    body = ["p"] * 10 + ["By contrast, the alliance refused.", "The original source of this article is X"]
    facts = extract(make_article(body))
    assert facts.authors == ()


@pytest.mark.parametrize(
    "line",
    [
        "By simply copy-pasting the relevant parts of API documentation into a chat, you get far.",
        "By contrast, the alliance refused.",
        "By 2030 the plan should be done.",
        "By The Way This Is A Long Title Case Sentence Without End",
    ],
)
def test_prose_starting_with_by_is_no_byline(line: str) -> None:
    facts = extract(make_article([line, "The original source of this article is X"]))
    assert [a.name for a in facts.authors] == []


def test_empty_lctt_header_template_is_no_claim() -> None:
    body = ["正文", "", "[#]: via:", "[#]: author:", '[#]: via: " "']
    facts = extract(make_article(body))
    assert facts.claims == () and facts.authors == ()


def test_fold_name_treats_as_space_what_isalnum_rejects() -> None:
    """`fold_name` folds with a regex; it must split words exactly where `str.isalnum` says."""

    def by_isalnum(text: str) -> str:
        folded = " ".join("".join(ch if ch.isalnum() else " " for ch in text.casefold()).split())
        return folded.removeprefix("the ") if folded != "the" else folded

    samples = [chr(cp) for cp in range(0x3000)] + [chr(cp) for cp in range(0x10000, 0x10400)]
    samples += ["The Valley-Gazette", "ÆBLE_ß Straße", "the", "THE 2nd. Co.", "١٢٣ x²", "Ⅻ volume"]
    for text in samples:
        assert fold_name(f"a{text}b") == by_isalnum(f"a{text}b"), repr(text)
        assert fold_name(f"The{text}") == by_isalnum(f"The{text}"), repr(text)


_DATE_PIECES = st.sampled_from([*"Ma y3,0 2\t\u00a0\u0663\u00b2x-", "2019", "May ", " in ", "12th", "-05"])


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(_DATE_PIECES, max_size=12).map("".join))
def test_trailing_date_shortcut_matches_the_pattern(text: str) -> None:
    found = _trailing_date(text)
    expected = _TRAILING_DATE.search(text, max(0, len(text) - _DATE_WINDOW))
    assert (found and found.span()) == (expected and expected.span())


def test_lazy_pattern_compiles_on_first_use_and_answers_as_re_does() -> None:
    pattern = LazyPattern(r"(?P<word>b\w+)", re.IGNORECASE)
    assert "compiled" not in vars(pattern)
    text = "a Bee, a bat"
    compiled = re.compile(r"(?P<word>b\w+)", re.IGNORECASE)
    found, expected = pattern.search(text, 3), compiled.search(text, 3)
    assert found is not None and expected is not None and found.span() == expected.span()
    assert pattern.match(text) is None and pattern.match(text, 2) is not None
    assert [m.group() for m in pattern.finditer(text)] == ["Bee", "bat"]
    assert pattern.sub("x", text) == compiled.sub("x", text)
    assert pattern.compiled is pattern.compiled


def test_body_patterns_are_not_compiled_by_import() -> None:
    """A run that scans no body does not pay for the body patterns (checked in a fresh interpreter)."""
    code = (
        "import provenance.evaluate\n"
        "from provenance.extract import attribution, body, license_facts\n"
        "lazy = [p for _, p in attribution._PATTERNS] + [attribution.TRIGGER, body._BLOCK_START]\n"
        "assert not any('compiled' in vars(p) for p in lazy + [license_facts.MENTION])\n"
        "assert body._interesting.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
