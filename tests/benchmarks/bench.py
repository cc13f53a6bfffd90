#!/usr/bin/env python3
"""Benchmark provenance against the floor on a synthetic site, in one run, and print the ratios.

    python tests/benchmarks/bench.py [--articles 10000] [--runs 3] [--scale-to 100000] [--python PATH]

Self-contained: it writes its own corpus (a Hugo-like site, about 6 KB per article, 10 % HTML,
about 40 % republished, with the attribution styles of real sites), then times, with the
interpreter running this script:

- the floor: read every file and parse its YAML front matter in one process (no checker can do less);
- ``provenance check .`` cold (no cache), warm (nothing changed), after editing 10 articles,
  and on one article (a pre-commit hook), all with default settings;
- ``reuse lint`` on the same tree, when it is installed (the tool users compare with).

Each wall time is the median of ``--runs`` rounds; each ratio is the median of the rounds' own
ratios (a round times the floor and the checker back to back, so a machine whose speed drifts
between rounds does not skew them); peak RSS is that of the largest process. Bytecode is
compiled once beforehand (into a temporary folder), as it is after ``pip install``.
``--python`` times another interpreter (both the floor and the checker), e.g. that of a virtual
environment where provenance is installed as users install it; it needs PyYAML and provenance.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PUBLISHERS = [
    ("Global Research", "https://www.globalresearch.ca", None),
    ("The Conversation", "https://theconversation.com", "CC-BY-ND-4.0"),
    ("ProPublica", "https://www.propublica.org", "CC-BY-NC-ND-3.0"),
    ("Global Voices", "https://globalvoices.org", "CC-BY-3.0"),
    ("KFF Health News", "https://kffhealthnews.org", "CC-BY-ND-4.0"),
    ("Russia Today", "https://www.rt.com", None),
]
WORDS = (  # noqa: SIM905 - the word list of shared/bench/make_corpus.py, in its order
    "alliance council security policy treaty missile defence radar base dialogue relations "
    "members meeting conference envoy minister assessment conflict programme cooperation "
    "balance forces europe government report analysis community research public health "
    "climate energy market court election budget city school water transport data"
).split()
AUTHORS = ["Staff", "A. Writer", "B. Reporter", "C. Analyst"]

FLOOR = """
import sys
from pathlib import Path
import yaml
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in Path(sys.argv[1]).rglob("*"):
    if path.suffix not in (".md", ".html"):
        continue
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\\n"):
        yaml.load(text[4:text.find("\\n---", 4)], Loader=Loader)
"""

TARGETS = {"cold": 1.5, "warm": 0.3, "edit 10": 0.4}


# --- the corpus ---------------------------------------------------------------------------------


def _paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 7)):
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 22))).capitalize() + "."
        if rng.random() < 0.15:
            word = rng.choice(WORDS)
            sentence = sentence.replace(
                word, f"[{word}](https://example.org/{word}/{rng.randint(1, 9999)})", 1
            )
        sentences.append(sentence)
    return " ".join(sentences)


def _attribution(
    rng: random.Random, name: str, base: str, slug: str, year: int
) -> tuple[dict[str, str], str]:
    url = f"{base}/{slug}/{rng.randint(5000000, 5999999)}"
    link = "#" if rng.random() < 0.1 else url  # a placeholder left behind by copy and paste
    style = rng.randrange(4)
    meta: dict[str, str] = {}
    if style in (0, 1):
        meta["source"] = name
        meta["original_url" if style == 0 else "canonical_url"] = url
    if rng.random() < 0.7:
        meta["copyright"] = f"© {year} {name}"
    footer = [
        f"The original source of this article is [{name}]({link})\n\nCopyright © [{name}]({link}), {year}",
        f"*This article was originally published on [{name}]({link}).*",
        f"This article is republished from [{name}]({link}) under a Creative Commons license. "
        f"Read the [original article]({link}).",
        f"Source: {name}",
    ][style]
    return meta, footer


def write_corpus(out: Path, articles: int, seed: int = 1, html_share: float = 0.1) -> None:
    """`articles` files under ``out/content/<year>/``; the same tree for the same seed."""
    rng = random.Random(seed)
    for i in range(articles):
        year = rng.randint(2005, 2026)
        slug = "-".join(rng.choice(WORDS) for _ in range(4)) + f"-{i}"
        meta: dict[str, object] = {
            "title": " ".join(rng.choice(WORDS) for _ in range(6)).title(),
            "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "author": rng.choice(AUTHORS),
            "tags": rng.sample(WORDS, 3),
        }
        body = [_paragraph(rng) for _ in range(rng.randint(4, 10))]
        if rng.random() < 0.4:
            name, base, licence = rng.choice(PUBLISHERS)
            extra, footer = _attribution(rng, name, base, slug, year)
            meta.update(extra)
            if licence and rng.random() < 0.8:
                meta["license"] = licence
            body.append(footer)
        text = "\n\n".join(body) + "\n"
        path = out / "content" / str(year) / slug
        path.parent.mkdir(parents=True, exist_ok=True)
        if rng.random() < html_share:
            path.with_suffix(".html").write_text(_html(meta, text), encoding="utf-8")
        else:
            front = "\n".join(f"{key}: {json.dumps(value)}" for key, value in meta.items())
            path.with_suffix(".md").write_text(f"---\n{front}\n---\n\n{text}", encoding="utf-8")


def _html(meta: dict[str, object], body: str) -> str:
    head = [f"<title>{meta['title']}</title>"]
    original = meta.get("canonical_url") or meta.get("original_url")
    if original:
        head.append(f'<link rel="canonical" href="{original}">')
    if "license" in meta:
        head.append(f'<link rel="license" href="https://spdx.org/licenses/{meta["license"]}.html">')
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    page = f"<html><head>{''.join(head)}</head><body><article>\n{paragraphs}\n</article></body></html>"
    return f"<!doctype html>\n{page}\n"


# --- timing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float  # user + system, workers included
    peak_rss_mb: float  # the largest process
    exit_code: int


def run(command: list[str], cwd: Path, env: dict[str, str]) -> Sample:
    """Time one command; a command that failed (exit code above 1: not findings) stops the benchmark."""
    with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        exit_code = os.waitstatus_to_exitcode(status)
        if exit_code not in (0, 1):
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"{' '.join(command)} failed with exit code {exit_code}:\n{message}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, exit_code)


def median(samples: list[Sample]) -> Sample:
    return Sample(
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        max(s.peak_rss_mb for s in samples),
        samples[-1].exit_code,
    )


def median_ratio(samples: list[Sample], floors: list[Sample]) -> float:
    """The median of each round's wall time over that round's floor."""
    if len(samples) != len(floors):  # not timed in the rounds (reuse lint): against the median floor
        return median(samples).wall / median(floors).wall
    return statistics.median(s.wall / f.wall for s, f in zip(samples, floors, strict=True))


def wait_until_settled(corpus: Path, seconds: float = 2.5) -> None:
    """Let the newest file age past the cache's racy window, as files in a real repository have."""
    newest = max(p.stat().st_mtime for p in corpus.rglob("*") if p.is_file())
    time.sleep(max(0.0, newest + seconds - time.time()))


def edit(paths: list[Path], round_number: int) -> None:
    for path in paths:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nEdited in round {round_number}.\n")


# --- the benchmark ------------------------------------------------------------------------------


def measure(
    corpus: Path, runs: int, env: dict[str, str], python: str = sys.executable, reuse: str | None = None
) -> dict[str, list[Sample]]:
    """Every round's samples of each measure, in the order they were taken; `reuse lint` last, with
    the `reuse` executable given (else the one on PATH, if any)."""
    check = [python, "-m", "provenance", "check", "."]
    articles = sorted(corpus.rglob("*.md"))
    edited = articles[:: max(1, len(articles) // 10)][:10]
    single = next(p for p in articles if "source:" in p.read_text(encoding="utf-8"))
    run([python, "-m", "provenance", "check", "--no-cache", str(single)], corpus, env)  # compile bytecode
    results: dict[str, list[Sample]] = {name: [] for name in ("floor", "cold", "warm", "edit 10", "one file")}
    for round_number in range(runs):
        results["floor"].append(run([python, "-c", FLOOR, "."], corpus, env))
        shutil.rmtree(corpus / ".provenance-cache", ignore_errors=True)
        results["cold"].append(run(check, corpus, env))
        results["warm"].append(run(check, corpus, env))
        edit(edited, round_number)
        results["edit 10"].append(run(check, corpus, env))
        edit([single], round_number)
        command = [python, "-m", "provenance", "check", str(single.relative_to(corpus))]
        results["one file"].append(run(command, corpus, env))
        wait_until_settled(corpus)
    reuse = reuse or shutil.which("reuse")
    if reuse:
        results["reuse lint"] = [run([reuse, "lint"], corpus, env) for _ in range(runs)]
    return results


def report(rounds: dict[str, list[Sample]], articles: int, python: str = sys.executable) -> None:
    version = subprocess.run(
        [python, "-c", "import platform; print(platform.python_version())"], capture_output=True, text=True
    ).stdout.strip()
    machine = f"{platform.node()} ({os.cpu_count()} CPUs), Python {version} ({python})"
    print(f"\n{articles:,} articles, {len(rounds['floor'])} rounds; {machine}")
    print("| measure | median wall | x floor (median of rounds) | target | CPU (all processes) | peak RSS |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, samples in rounds.items():
        sample = median(samples)
        ratio = "" if name in ("floor", "one file") else f"{median_ratio(samples, rounds['floor']):.2f} x"
        target = f"<= {TARGETS[name]} x" if name in TARGETS else ("<= 0.3 s" if name == "one file" else "")
        cells = [
            name,
            f"{sample.wall:.2f} s",
            ratio,
            target,
            f"{sample.cpu:.2f} s",
            f"{sample.peak_rss_mb:.0f} MB",
        ]
        print(f"| {' | '.join(cells)} |")


def scale(articles: int, base: Sample, work: Path, env: dict[str, str], python: str = sys.executable) -> None:
    corpus = work / f"corpus-{articles}"
    if not corpus.exists():  # kept in a --work folder: written once
        write_corpus(corpus, articles)
        (corpus / ".git").mkdir()
    wait_until_settled(corpus)
    shutil.rmtree(corpus / ".provenance-cache", ignore_errors=True)  # cold: no results of an earlier run
    floor = run([python, "-c", FLOOR, "."], corpus, env)
    cold = run([python, "-m", "provenance", "check", "."], corpus, env)
    growth, overhead = cold.wall / base.wall, cold.wall / floor.wall
    print(f"\n{articles:,} articles cold: {cold.wall:.1f} s, {growth:.1f} x the cold run above")
    print(f"(floor {floor.wall:.1f} s: {overhead:.2f} x floor), peak RSS {cold.peak_rss_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale-to", type=int, help="also time a cold run on this many articles")
    parser.add_argument("--work", type=Path, help="folder for the corpora (default: a temporary one)")
    parser.add_argument(
        "--python", default=sys.executable, help="the interpreter to time (default: this one)"
    )
    parser.add_argument("--reuse", help="the `reuse` executable to time beside it (default: on PATH, if any)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="provenance-bench-"))
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    corpus = work / f"corpus-{args.articles}"
    if not corpus.exists():
        write_corpus(corpus, args.articles)
        (corpus / ".git").mkdir()  # a repository of its own: the cache goes to its root
    wait_until_settled(corpus)
    rounds = measure(corpus, args.runs, env, args.python, args.reuse)
    report(rounds, args.articles, args.python)
    if args.scale_to:
        scale(args.scale_to, median(rounds["cold"]), work, env, args.python)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
