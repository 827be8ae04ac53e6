"""Follow the internal links of a built site to their files and anchors (shared by the tests of the
built site)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PageLinks(HTMLParser):
    """The ids of a built page, and its links: all of them, or those of its content (<article>)."""

    def __init__(self, content_only: bool = False):
        super().__init__()
        self.content_only, self.ids, self.links, self._depth = content_only, set(), [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        self._depth += tag == "article"
        if (self._depth or not self.content_only) and tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        self._depth -= tag == "article"


def broken_site_links(site: Path, content_only: bool = False) -> tuple[list[str], int]:
    """Return every internal link of the built site whose file or anchor is missing ("page ->
    href"), and how many links were followed. Links to other hosts, and the 404 page's
    site-absolute ones, are not followed."""
    parsed: dict[Path, PageLinks] = {}

    def page(path: Path) -> PageLinks:
        if path not in parsed:
            parsed[path] = PageLinks(content_only)
            parsed[path].feed(path.read_text(encoding="utf-8"))
        return parsed[path]

    broken, checked = [], 0
    for path in sorted(site.rglob("*.html")):
        for href in page(path).links:
            url = urlsplit(href)
            if url.scheme or href.startswith("/"):
                continue
            target = (path.parent / unquote(url.path)).resolve() if url.path else path
            target = target / "index.html" if target.is_dir() else target
            checked += 1
            if not target.is_file() or (url.fragment and target.suffix == ".html"
                                        and url.fragment not in page(target).ids):
                broken.append(f"{path.relative_to(site)} -> {href}")
    return broken, checked
