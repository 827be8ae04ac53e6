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
from typing import Iterable, Sequence

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
    or to an anchor its page lacks."""
    memo = memo if memo is not None else Memo()
    texts = dict(pages)
    by_url = {page_url(path, directory_urls).rstrip("/") or ".": path for path in texts}
    problems = []
    for path, text in pages:
        if path.endswith(".md"):
            links = memo.get(("links of", path), text, lambda: scan_links(text))  # noqa: B023
            problems += broken_links(path, links, texts, by_url, directory_urls, memo)
    if len(problems) > MAX_REPORTED:
        rest = len(problems) - MAX_REPORTED
        problems = problems[:MAX_REPORTED] + [Diagnostic(problems[MAX_REPORTED].file, f"and {rest} more broken links")]
    return problems


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


def broken_links(page: str, links: tuple[tuple[str, ...], tuple[str, ...]], texts: dict[str, str],
                 by_url: dict[str, str], directory_urls: bool, memo: Memo) -> Iterable[Diagnostic]:
    """Yield an error for each link of ``page`` that does not resolve."""
    html, markdown = links
    served = page_url(page, directory_urls).split("/")[:-1]  # the folder the page is served from
    source = page.split("/")[:-1]
    for kind, targets in (("HTML", html), ("Markdown", markdown)):
        for target in targets:
            path, _, anchor = target.partition("#")
            if kind == "HTML":
                found = by_url.get(resolve(served, path)) if path else page
            else:
                found = resolve(source, path) if path else page
            if found not in texts:
                yield Diagnostic(page, f"broken link to {target}: no generated page is there")
            elif anchor and anchor not in memo.get(("ids of", found), texts[found],
                                                   lambda: page_ids(texts[found])):  # noqa: B023
                yield Diagnostic(page, f"broken link to {target}: {found} has no anchor #{anchor}")


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
