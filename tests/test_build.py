"""End to end: the sample seeds build a strict MkDocs site with source cards and anchors."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from sitelinks import PageLinks


def parse(path: Path) -> PageLinks:
    collector = PageLinks()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    """The sample site, built once per session with --strict (see tests/browser/sitebuild.py)."""
    return built_site


def article_pages(site: Path) -> list[Path]:
    return sorted((site / "articles").glob("*/index.html"))


def test_every_seed_has_an_article_page(site):
    assert len(article_pages(site)) == len(list((ROOT / "seeds").glob("*.txt")))


def test_article_pages_have_source_card_and_paragraph_anchors(site):
    for page in article_pages(site):
        html = page.read_text(encoding="utf-8")
        ids = parse(page).ids
        assert "Kartu sumber" in html, page
        assert "sha256:" in html, page
        assert {"p1", "p2", "p3"} <= ids, page


@pytest.mark.parametrize("page", ["index.html", "timeline/index.html", "entities/index.html",
                                  "quotes/index.html", "glossary/index.html", "about/index.html"])
def test_site_pages_exist(site, page):
    assert (site / page).is_file()


def broken_anchor_links(site: Path) -> list[str]:
    """Return every internal link with an #anchor of the built site that misses its page or anchor."""
    broken = []
    for page in site.rglob("*.html"):
        for href in parse(page).links:
            if href.startswith(("http:", "https:", "mailto:", "#")) or "#" not in href:
                continue
            path, anchor = href.split("#", 1)
            target = (page.parent / path).resolve()
            target = target / "index.html" if target.is_dir() else target
            if not target.is_file() or anchor not in parse(target).ids:
                broken.append(f"{page.relative_to(site)} -> {href}")
    return broken


def test_every_internal_link_with_anchor_resolves(site):
    assert broken_anchor_links(site) == []


def test_generated_pages_live_outside_docs():
    generated = {"index.md", "timeline.md", "quotes.md", "glossary.md", "report.md"}
    assert not generated & {p.name for p in (ROOT / "docs").iterdir()}
    assert not (ROOT / "docs" / "articles").exists()


def test_timeline_exports_are_published(site):
    import json
    data = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    assert data["events"] and all("year" in e["start_date"] and e["text"]["headline"] for e in data["events"])
    ics = (site / "timeline.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and "DTSTART;VALUE=DATE:20250212" in ics
