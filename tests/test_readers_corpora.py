"""Real content repositories: reading never raises, and every link is where it says it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.readers import read_file
from provenance.readers.decode import decode

CORPORA = Path("/work/shared/corpora")

pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="corpora not available")


def corpus_files() -> list[Path]:
    return sorted(path for path in CORPORA.rglob("*") if path.is_file())


def test_reading_every_corpus_file_never_raises() -> None:
    files = corpus_files()
    assert len(files) > 100
    articles = [read_file(path, path.relative_to(CORPORA).as_posix()) for path in files]
    assert all(article.document is not None for article in articles)
    undefined = {
        article.path
        for article in articles
        for link in article.document.links
        if link.kind == "reference" and link.target == "" and link.evidence.endswith("[a]")
    }
    # SOURCE.txt: "DEFECT author ref [a] undefined"
    assert "LCTT_TranslateProject/published/201512/20151229 Watch Star Wars In Linux Terminal.md" in undefined


def test_link_and_embed_evidence_sits_at_its_location() -> None:
    for path in corpus_files():
        article = read_file(path, path.name)
        raw_lines = decode(path.read_bytes()).text.split("\n")
        document = article.document
        placed = [(link.location, link.evidence) for link in document.links]
        placed += [(embed.location, embed.evidence) for embed in document.embeds]
        for location, evidence in placed:
            first_line = evidence.split("\n")[0].rstrip("…")
            raw = raw_lines[location.line - 1]
            assert raw[location.column - 1 :].startswith(first_line), (path, location, evidence)
