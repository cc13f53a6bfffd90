"""Markdown and plain-text articles: front matter read now, body parsed on first use."""

from __future__ import annotations

from provenance.model import Article, Document, Format
from provenance.readers.frontmatter import split_front_matter


def read_markdown(display_path: str, text: str) -> Article:
    """A Markdown file: front matter (YAML, TOML or JSON) and a lazily parsed body."""
    split = split_front_matter(text)
    body, body_line = split.body, split.body_line
    return Article(
        path=display_path,
        format=Format.MARKDOWN,
        metadata=split.metadata.values,
        fields=split.metadata.fields,
        body=body,
        body_line=body_line,
        parse_body=lambda: parse_body(body, body_line),
        diagnostics=split.metadata.diagnostics,
    )


def read_text(display_path: str, text: str) -> Article:
    """A plain-text file: no front matter; the body is read as Markdown (it is valid Markdown)."""
    return Article(
        path=display_path,
        format=Format.TEXT,
        metadata={},
        fields=(),
        body=text,
        body_line=1,
        parse_body=lambda: parse_body(text, 1),
    )


def parse_body(body: str, body_line: int) -> Document:
    """The parsed body: plain paragraphs by the fast path, the rest by markdown-it (imported then).

    Both parsers are imported on first use: a run that reads only front matter needs neither.
    """
    from provenance.readers.markdown_plain import parse_plain_markdown

    plain = parse_plain_markdown(body, body_line)
    if plain is not None:
        return plain
    from provenance.readers.markdown import parse_markdown

    return parse_markdown(body, body_line)
