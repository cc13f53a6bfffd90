"""The HTML audit in a real headless browser (Debian's chromium, driven by Playwright).

Skipped unless both are installed: ``apt-get install -y chromium`` and ``pip install playwright``
(no ``playwright install``: the system chromium is used).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from audit_site import audit_site, copy_site

from provenance.audit import AUDIT_FORMATS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    target = folder / "audit.html"
    target.write_text(AUDIT_FORMATS["html"](audit_site(copy_site(folder))), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


class Page:
    """A page that records console errors, script errors, dialogs and every request."""

    def __init__(self, browser: Any, url: str) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.set_default_timeout(20_000)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)

    def visible_rows(self) -> list[str]:
        rows = self.page.locator("#article-table tbody tr:not(.hidden) td:first-child a")
        return [text.strip() for text in rows.all_inner_texts()]


def test_renders_without_errors_or_network(browser: Any, report: Path, tmp_path: Path) -> None:
    page = Page(browser, report.as_uri())
    shot = tmp_path / "audit.png"
    page.page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
    assert page.page.title() == "Provenance audit — Harbour Weekly"
    assert page.page.locator("svg rect.bar").count() == 4 + 2 + 1 + 5 + 3  # status, source, licence, ...
    assert page.errors == [] and page.dialogs == []
    assert page.requests == [report.as_uri()]
    csp = page.page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert csp is not None and csp.startswith("default-src 'none'; style-src 'sha256-")


def test_hostile_content_is_text(browser: Any, report: Path) -> None:
    page = Page(browser, report.as_uri())
    assert page.page.locator("img").count() == 0
    assert page.page.locator("script").count() == 1
    assert page.page.get_by_text("<script>alert(1)</script> & friends").count() == 2  # table and details
    page.page.locator("details#article-4 summary").click()
    assert page.page.get_by_text('"><img src=x onerror=alert(2)> → this site').is_visible()
    assert page.dialogs == [] and page.errors == []


def test_table_filters_and_sorts(browser: Any, report: Path) -> None:
    page = Page(browser, report.as_uri())
    assert len(page.visible_rows()) == 6
    page.page.fill("#filter", "grain")
    assert page.visible_rows() == ["content/gr-permitted.md"]
    assert page.page.inner_text("#shown") == "1 of 6 articles"
    page.page.fill("#filter", "")
    page.page.select_option("#status-filter", "permission-on-file")
    assert page.visible_rows() == ["content/gr-expiring.md", "content/gr-permitted.md"]
    page.page.select_option("#status-filter", "")
    violations = page.page.locator("#article-table th:last-child button")
    violations.click()
    violations.click()  # descending
    assert page.visible_rows()[0] == "content/hostile.md"
    assert page.page.locator("#article-table th:last-child").get_attribute("aria-sort") == "descending"
    assert page.errors == []


def test_prints_with_every_detail_open(browser: Any, report: Path) -> None:
    page = Page(browser, report.as_uri())
    page.page.emulate_media(media="print")
    assert not page.page.locator(".controls").is_visible()
    pdf = page.page.pdf(format="A4")
    assert pdf[:5] == b"%PDF-" and len(pdf) > 20_000
    assert page.page.evaluate("Array.from(document.querySelectorAll('details')).every(d => d.open)")
    assert page.errors == []
