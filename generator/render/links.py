"""Check every internal link the generator writes against the pages it writes.

MkDocs checks the Markdown links it rewrites (``[x](../entities/putin.md)``), but not the links
inside raw HTML blocks, which the generator writes with their final URLs (``urls.py``). So the
generator checks both kinds itself: each must lead to a page it writes and, with an ``#anchor``,
to an id that page holds. A broken one is an error naming the page and the target, as strict
MkDocs would report it.

What counts as a link or an id cannot come from article text: its quotes are escaped in HTML
(``&#34;``) and Markdown (``&quot;``), and so are Markdown's brackets and braces; Markdown links
are read only on lines that do not start with a tag, since an HTML block does not escape brackets.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple, Sequence

from ..core.memo import Memo
from ..core.models import Diagnostic
from .urls import page_url

HREF = re.compile(r' href="([^"]*)"')  # a literal start: the regex engine skips ahead to it
MARKDOWN_LINK = re.compile(r'\]\(([^)\s]+)(?:\s+"[^"]*")?\)')
HTML_ID = re.compile(r' id="([^"]*)"')
ATTR_ID = re.compile(r"\{\s*#([^\s}]+)[^}]*\}")  # attr_list: ## Heading { #related }
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
MAX_REPORTED = 50  # broken links reported one by one; a bug breaking thousands is counted after


def check_links(pages: Sequence[tuple[str, str]], directory_urls: bool = True,
                memo: Memo | None = None) -> list[Diagnostic]:
    """Return an error for every internal link of a Markdown page that leads to no generated file,
    or to an anchor its page lacks.

    With the memo of the last build, a page is checked again only when its text, the set of pages
    or the ids of a page it links to changed: a preview rebuild checks the pages an edit touched.
    Where each link leads is read from a page's text once; a new or renamed page (a new seed, a
    headline) only has every page's destinations looked up again among the files.
    """
    memo = memo if memo is not None else Memo()
    texts = {path: text for path, text in pages if path.endswith(".md")}
    files = memo.same(("link check", "files", directory_urls), frozenset(path for path, _ in pages))
    by_url = memo.get(("link check", "urls", directory_urls), files,
                      lambda: {page_url(path, directory_urls).rstrip("/") or ".": path for path in files})
    ids = {path: memo.get(("ids of", path), text, lambda: page_ids(text)) for path, text in texts.items()}  # noqa: B023
    problems = []
    for path, text in texts.items():
        destinations = memo.get(("destinations of", path, directory_urls), text,
                                lambda: link_destinations(path, text, directory_urls))  # noqa: B023
        links = memo.get(("links of", path, directory_urls), (destinations, files), lambda: find_links(path, destinations, files, by_url))  # noqa: B023
        targets = tuple(map(ids.get, links.pages))  # the very same objects while those pages are unchanged
        problems += memo.get(("problems of", path), (links, targets), lambda: broken_links(path, links.links, ids))  # noqa: B023
    if len(problems) > MAX_REPORTED:
        rest = len(problems) - MAX_REPORTED
        problems = problems[:MAX_REPORTED] + [Diagnostic(problems[MAX_REPORTED].file, f"and {rest} more broken links")]
    return problems


class Links(NamedTuple):
    """The internal links of a page, each once, as (link, file it leads to or "", anchor), and the
    pages they lead to."""

    links: tuple[tuple[str, str, str], ...]
    pages: tuple[str, ...]


def link_destinations(page: str, text: str, directory_urls: bool) -> tuple[tuple[str, bool, str, str], ...]:
    """Return each internal link of a page, once, as (link, whether it is an HTML link, where it
    leads: a URL for HTML, a file for Markdown, anchor), whatever the site's files are."""
    html, markdown = scan_links(text)
    served = page_url(page, directory_urls).split("/")[:-1]  # the folder the page is served from
    folder = page.split("/")[:-1]
    destinations = []
    for is_html, targets in ((True, html), (False, markdown)):
        for target in targets:
            path, _, anchor = target.partition("#")
            destination = "" if not path else resolve(served if is_html else folder, path)
            destinations.append((target, is_html, destination, anchor))
    return tuple(destinations)


def find_links(page: str, destinations: Iterable[tuple[str, bool, str, str]], files: frozenset[str],
               by_url: dict[str, str]) -> Links:
    """Find the file each link of a page leads to; ``by_url`` gives every generated file by the
    URL it is served at."""
    links = []
    for target, is_html, destination, anchor in destinations:
        found = page if not destination else by_url.get(destination, "") if is_html else destination
        links.append((target, found if found in files else "", anchor))
    return Links(tuple(links), tuple(dict.fromkeys(found for _, found, _ in links if found)))


def scan_links(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the internal links of a page, each once: (HTML hrefs, Markdown link targets)."""
    html = tuple(href for href in dict.fromkeys(HREF.findall(text)) if not EXTERNAL.match(href))
    if "](" not in text:
        return html, ()
    markdown = (match.group(1) for match in MARKDOWN_LINK.finditer(text)
                if not text.startswith("<", text.rfind("\n", 0, match.start()) + 1))
    return html, tuple(target for target in dict.fromkeys(markdown) if not EXTERNAL.match(target))


def page_ids(text: str) -> frozenset[str]:
    """Return the ids a page holds: ``id=""`` attributes and attr_list ``{ #id }``."""
    return frozenset(HTML_ID.findall(text)) | frozenset(ATTR_ID.findall(text))


def broken_links(page: str, links: Iterable[tuple[str, str, str]], ids: dict[str, frozenset[str]]) -> list[Diagnostic]:
    """Return an error for each link of ``page`` that leads to no generated file, or to a page
    without its anchor (a file other than a page, such as timeline.json, has none)."""
    problems = []
    for target, found, anchor in links:
        if not found:
            problems.append(Diagnostic(page, f"broken link to {target}: no generated page is there"))
        elif anchor and anchor not in ids.get(found, ()):
            problems.append(Diagnostic(page, f"broken link to {target}: {found} has no anchor #{anchor}"))
    return problems


def resolve(folder: list[str], path: str) -> str:
    """Return the path a relative link leads to from ``folder``, as ``posixpath.normpath`` gives it
    ("." for the root), without asking the file system."""
    parts = [part for part in folder if part not in ("", ".")]
    for part in path.split("/"):
        if part == "..":
            if not parts:
                return "<outside the site>"
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts) or "."
