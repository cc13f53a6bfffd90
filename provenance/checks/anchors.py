"""Where to report something that is absent: the place a reader would look for it."""

from __future__ import annotations

from provenance.checks.attribution import is_visible_claim
from provenance.extract.facts import Provenance
from provenance.model import Article, Location


def absent_anchor(article: Article, facts: Provenance) -> Location:
    """The first visible source claim, else the ``title`` field, else the body's first line, else 1:1."""
    for claim in facts.claims:
        if is_visible_claim(claim):
            return claim.location
    title = article.field_location("title")
    if title is not None:
        return title
    if article.body_line >= 1:
        return Location(article.body_line, 1)
    return Location(1, 1)
