"""A small content repository for the speed tests: republished articles with findings, and originals."""

from __future__ import annotations

from pathlib import Path

CONFIG = "site:\n  name: Test\n  url: https://test.example.org\n  venue: commercial\n"

REPUBLISHED = """---
title: "Story {i}"
source: Global Research
original_url: https://www.globalresearch.ca/story-{i}/5{i:06d}
---

Body text of story {i}, taken from [Global Research](#).

The original source of this article is [Global Research](#)
"""

ORIGINAL = """---
title: "Own story {i}"
---

Our own story {i}, with a [link](https://example.org/{i}).
"""

EXPIRING = """---
title: "Print story"
source: Global Research
original_url: https://www.globalresearch.ca/print/5999999
permission:
  reference: GR-1
  expires: {expires}
---

The original source of this article is [Global Research](https://www.globalresearch.ca/print/5999999)

Copyright © [Global Research](https://www.globalresearch.ca/print/5999999), 2024
"""


def make_site(root: Path, count: int, *, expires: str | None = None) -> Path:
    """A repository at `root` with `count` articles (every third one original)."""
    (root / ".git").mkdir(parents=True)
    (root / ".provenance.yaml").write_text(CONFIG, encoding="utf-8")
    for i in range(count):
        add_article(root, i)
    if expires is not None:
        (root / "content" / "print.md").write_text(EXPIRING.format(expires=expires), encoding="utf-8")
    return root


def add_article(root: Path, i: int) -> Path:
    path = root / "content" / f"{2000 + i % 7}" / f"story-{i}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((ORIGINAL if i % 3 == 0 else REPUBLISHED).format(i=i), encoding="utf-8")
    return path
