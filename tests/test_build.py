"""End to end: the sample seeds build a strict MkDocs site with source cards and anchors."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

MKDOCS = Path(sys.executable).parent / "mkdocs"


class IdCollector(HTMLParser):
    """Collect element ids and link targets of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse(path: Path) -> IdCollector:
    collector = IdCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Build the sample site once with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    cache = tmp_path_factory.mktemp("cache")
    config = tmp_path_factory.mktemp("cfg") / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", "")
    text += f"\ndocs_dir: {ROOT / 'docs'}\n"
    text = text.replace("seeds_dir: seeds", f"seeds_dir: {ROOT / 'seeds'}")
    text = text.replace("strict: false", f"strict: false\n      out_dir: {cache}")
    text = text.replace("custom_dir: generator/theme", f"custom_dir: {ROOT / 'generator' / 'theme'}")
    config.write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert "WARNING -" not in result.stderr, result.stderr
    return out


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


def test_every_internal_link_with_anchor_resolves(site):
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
    assert broken == []


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
