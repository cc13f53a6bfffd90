"""Bar charts laid out in Python, drawn as inline SVG by the HTML template (no script, no network)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from provenance.audit.model import Count, Summary

LABEL_WIDTH = 150
BAR_SPACE = 160
ROW_HEIGHT = 22
BAR_HEIGHT = 16
TOP = 4
MAX_LABEL = 24


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # as drawn (shortened)
    name: str  # in full (the SVG <title>)
    count: int
    y: int
    width: int
    css_class: str


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int = LABEL_WIDTH


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1] + "…"


def _css_class(prefix: str, name: str) -> str:
    return f"{prefix}-" + "".join(c if c.isalnum() else "-" for c in name.lower()) if prefix else "bar-plain"


def bar_chart(chart_id: str, title: str, counts: Sequence[Count], class_prefix: str = "") -> Chart:
    """Horizontal bars scaled to the largest count; an empty chart has height for one row."""
    largest = max((c.count for c in counts), default=0)
    bars = tuple(
        Bar(
            label=_short(c.name),
            name=c.name,
            count=c.count,
            y=TOP + index * ROW_HEIGHT,
            width=max(2, round(BAR_SPACE * c.count / largest)) if largest else 0,
            css_class=_css_class(class_prefix, c.name),
        )
        for index, c in enumerate(counts)
    )
    height = TOP * 2 + ROW_HEIGHT * max(len(bars), 1)
    return Chart(chart_id, title, bars, LABEL_WIDTH + BAR_SPACE + 40, height)


def summary_charts(summary: Summary) -> tuple[Chart, ...]:
    return (
        bar_chart("by-status", "Articles by status", summary.by_status, "status"),
        bar_chart("by-source", "Republished articles by source", summary.by_source),
        bar_chart("by-license", "Republished articles by licence", summary.by_license),
        bar_chart("by-category", "Violations by category", summary.violations_by_category),
        bar_chart("by-year", "Republished articles by year", summary.republished_by_year),
    )
