"""Self-contained and private: no built page loads anything from another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# <link rel=...> values that make the browser fetch or connect to the target.
FETCHING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
                 "icon", "shortcut", "apple-touch-icon", "manifest", "prerender"}
SOURCE_TAGS = {"script", "img", "iframe", "audio", "video", "source", "track", "embed", "input", "frame"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def external(url: str) -> bool:
    """Say whether loading ``url`` would contact another host (data: and relative URLs do not)."""
    return bool(EXTERNAL.match(url.strip()))


class ResourceParser(HTMLParser):
    """Collect the URLs a page loads by itself: scripts, styles, images, frames, CSS url()."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link" and FETCHING_RELS & set(attrs.get("rel", "").lower().split()):
            self.loads.append(attrs.get("href", ""))
        if tag in SOURCE_TAGS and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "object" and attrs.get("data"):
            self.loads.append(attrs["data"])
        if tag == "video" and attrs.get("poster"):
            self.loads.append(attrs["poster"])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.loads.append(candidate.split()[0])
        self.loads += css_urls(attrs.get("style", ""))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.loads += css_urls(data)


def css_urls(css: str) -> list[str]:
    """Return the URLs of ``url(...)`` and ``@import`` in a stylesheet."""
    return [first or second for first, second in CSS_URL.findall(css)]


def page_loads(path: Path) -> list[str]:
    parser = ResourceParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.loads


@pytest.mark.parametrize("url, expected", [
    ("https://fonts.googleapis.com/css", True), ("//cdn.example/x.js", True), ("http://x.org/a.png", True),
    ("assets/x.css", False), ("../assets/x.css", False), ("/news-digest/assets/x.css", False),
    ("data:image/svg+xml;base64,AAA", False), ("#top", False),
], ids=lambda value: str(value)[:30])
def test_external(url, expected):
    assert external(url) is expected


def test_parser_finds_every_kind_of_load():
    parser = ResourceParser()
    parser.feed('<link rel="preconnect" href="https://fonts.gstatic.com"><script src="//cdn/x.js"></script>'
                '<img srcset="https://a/1.png 1x, b.png 2x"><div style="background:url(https://b/x.png)">'
                '<style>@import "https://c/y.css";</style><a href="https://outlet.example/">ok</a>')
    assert parser.loads == ["https://fonts.gstatic.com", "//cdn/x.js", "https://a/1.png", "b.png",
                            "https://b/x.png", "https://c/y.css"]


def test_built_pages_load_nothing_from_other_hosts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    problems = [f"{path.relative_to(built_site)}: {url}"
                for path in pages for url in page_loads(path) if external(url)]
    assert not problems, "\n".join(problems)


def test_built_stylesheets_load_nothing_from_other_hosts(built_site):
    sheets = sorted(built_site.rglob("*.css"))
    assert sheets
    problems = [f"{path.relative_to(built_site)}: {url}"
                for path in sheets for url in css_urls(path.read_text(encoding="utf-8")) if external(url)]
    assert not problems, "\n".join(problems)


def test_no_web_fonts_are_configured(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
