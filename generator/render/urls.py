"""Where MkDocs serves each generated page, and the relative URL from one page to another.

Markdown links (``[x](../entities/putin.md)``) are rewritten by MkDocs; links inside a raw HTML
block are not, so the generator writes their final URLs itself, for the ``use_directory_urls``
setting in force: ``articles/x.md`` is served at ``articles/x/`` (or ``articles/x.html``).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from .escape import SAFE_TARGET


def page_url(path: str, directory_urls: bool = True) -> str:
    """Return the URL of a generated file relative to the site root, as MkDocs gives it
    (``File.url``): ``entities/index.md`` is ``entities/``, ``index.md`` is ``./``."""
    if not path.endswith(".md"):
        return path  # a file other than a page (timeline.json) keeps its path
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return "./"
    if stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@lru_cache(maxsize=1 << 17)
def relative_url(page: str, target: str, directory_urls: bool = True) -> str:
    """Return the URL that leads from the page ``page`` to ``target`` (a generated file, with an
    optional ``#anchor``), relative as MkDocs writes it; a bare ``#anchor`` on the page itself.
    Cached: pages link to the same targets thousands of times."""
    if not SAFE_TARGET.fullmatch(target):  # generated pages only: no scheme, host or quote
        raise ValueError(f"unsafe link target {target!r}")
    path, _, anchor = target.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    if path == page and anchor:
        return fragment
    here, there = page_url(page, directory_urls), page_url(path, directory_urls)
    folder = here.rsplit("/", 1)[0] if "/" in here else "."
    relative = posixpath.relpath(there.rstrip("/") or ".", folder or ".")
    if there.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + fragment
