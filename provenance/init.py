"""`provenance init`: find out whose articles a repository holds and draft its `.provenance.yaml`.

Detection runs the real machinery (discover, read, extract, match, evaluate) with the built-in
packs, and counts the articles each pack applies to. The drafted file is commented for a human
to finish (site name and address), and always validates with `load_config`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from provenance.atomic import replace_atomically
from provenance.discover import discover
from provenance.evaluate import Evaluator
from provenance.model import Venue
from provenance.readers import SUFFIXES, read_file
from provenance.rules.loader import load_ruleset
from provenance.rules.models import AppliesTo

# Where static-site generators keep their articles (Hugo, Astro, Jekyll), in order of preference.
CONTENT_FOLDERS = ("content", "src/content", "_posts")
DRAFT_FOLDERS = ("drafts", "_drafts")

VENUE_HELP: dict[Venue, str] = {
    Venue.COMMUNITY: "a non-commercial community site (no ads, no paywall)",
    Venue.NONCOMMERCIAL: "a non-commercial publication",
    Venue.COMMERCIAL: "a site that earns money (ads, subscriptions, sponsorship)",
    Venue.PRINT: "printed copies",
}


@dataclass(frozen=True)
class DetectedPack:
    """A policy pack that applies to some of the repository's articles."""

    id: str
    name: str
    publisher: bool  # a publisher's own pack (not a licence family or the unknown-source pack)
    articles: int


@dataclass(frozen=True)
class Detection:
    files: int
    republished: int
    packs: tuple[DetectedPack, ...]  # most articles first, then by id

    @property
    def publishers(self) -> tuple[DetectedPack, ...]:
        return tuple(pack for pack in self.packs if pack.publisher)


def detect(root: Path, *, today: dt.date | None = None) -> Detection:
    """Read every supported file under `root` and count the articles each built-in pack applies to."""
    ruleset = load_ruleset()
    files, _ = discover([root], root=root, cwd=root, include=(), exclude=(), suffixes=SUFFIXES)
    evaluator = Evaluator(ruleset, venue=Venue.COMMUNITY, today=today or dt.date.today())
    counts: Counter[str] = Counter()
    republished = 0
    for source in files:
        summary = evaluator.evaluate(read_file(source.fs_path, source.display_path)).summary
        counts.update(summary.policies)
        republished += summary.republished
    packs = []
    for pack_id, articles in counts.items():
        pack = ruleset.pack(pack_id)
        if pack is not None:
            publisher = pack.applies_to is AppliesTo.PUBLISHER
            packs.append(DetectedPack(pack.id, pack.name, publisher, articles))
    packs.sort(key=lambda p: (-p.articles, p.id))
    return Detection(len(files), republished, tuple(packs))


def content_folder(root: Path) -> str | None:
    """The first conventional content folder that exists under `root`, as a POSIX path."""
    return next((name for name in CONTENT_FOLDERS if (root / name).is_dir()), None)


def render_config(detection: Detection, venue: Venue, *, content: str | None, drafts: str | None) -> str:
    """The commented `.provenance.yaml` text for `detection` and the chosen `venue`."""
    include = f'include: ["{content}/**"]' if content is not None else '# include: ["content/**"]'
    exclude = f'# exclude: ["{drafts}/**"]' if drafts is not None else "# exclude: []"
    lines = [
        "# provenance configuration, drafted by `provenance init`.",
        "# Fill in the site's name and address, check the patterns, then run: provenance check",
        "#",
        *_detection_comment(detection),
        "site:",
        _commented('  # name: ""', "the site's name"),
        _commented('  # url: ""', "the site's address; links to it count as the site's own"),
        _commented(f"  venue: {venue.value}", " | ".join(v.value for v in Venue)),
        _commented(include, "gitignore-style patterns of the files to check"),
        _commented(exclude, "patterns of files to skip"),
        _commented("# republished: []", "patterns of files that are all republished, credited or not"),
        _commented("# policies: []", "folders of local policy packs (see the README)"),
    ]
    return "\n".join(lines) + "\n"


def write_config(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path`; without `force`, raise `FileExistsError` rather than overwrite."""
    if not force:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    replace_atomically(path, text)


def _commented(code: str, comment: str) -> str:
    return f"{code:<28}# {comment}"


def _detection_comment(detection: Detection) -> list[str]:
    files = f"{detection.files} file{'' if detection.files == 1 else 's'}"
    lines = [f"# Scanned {files} ({detection.republished} republished)."]
    publishers = detection.publishers
    if publishers:
        lines.append("# Publishers whose articles this repository holds (policy pack: articles):")
        lines += [_pack_line(p) for p in publishers]
    else:
        lines.append("# No article from a publisher with a built-in policy pack was found.")
    others = [p for p in detection.packs if not p.publisher]
    if others:
        lines.append("# Other packs that apply (policy pack: articles):")
        lines += [_pack_line(p) for p in others]
    lines += ["# `provenance rules list` shows every rule; `provenance rules explain ID` explains one.", "#"]
    return lines


def _pack_line(pack: DetectedPack) -> str:
    name = " ".join(pack.name.split())  # a comment stays on one line
    return f"#   {name} ({pack.id}): {pack.articles}"
