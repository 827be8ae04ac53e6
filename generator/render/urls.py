"""Where MkDocs serves each generated page, and the relative URL from one page to another.

Markdown links (``[x](../entities/putin.md)``) are rewritten by MkDocs; links inside a raw HTML
block are not, so the generator writes their final URLs itself, for the ``use_directory_urls``
setting in force: ``articles/x.md`` is served at ``articles/x/`` (or ``articles/x.html``).
"""

from __future__ import annotations

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


def relative_url(page: str, target: str, directory_urls: bool = True) -> str:
    """Return the URL that leads from the page ``page`` to ``target`` (a generated file, with an
    optional ``#anchor``), relative as MkDocs writes it; a bare ``#anchor`` on the page itself."""
    path, _, anchor = target.partition("#")
    if anchor and path == page:
        return f"#{anchor}"
    url = path_url(page, path, directory_urls)
    return f"{url}#{anchor}" if anchor else url


@lru_cache(maxsize=1 << 17)
def path_url(page: str, path: str, directory_urls: bool = True) -> str:
    """Return the relative URL from the page ``page`` to the file ``path``. Cached: pages link to
    the same pages thousands of times (``posixpath.relpath`` asks the file system for the cwd)."""
    here, there = served_folder(page, directory_urls), served_parts(path, directory_urls)
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + list(there[common:])
    return "/".join(parts) if parts != [""] else "./"


@lru_cache(maxsize=1 << 15)
def served_folder(page: str, directory_urls: bool) -> tuple[str, ...]:
    """Return the folder a page is served from, as parts (none for the site's root), once per page:
    most pairs of a page and a target are linked once, the pages link from hundreds of times."""
    here = page_url(page, directory_urls).split("/")[:-1]
    return () if here == ["."] else tuple(here)


@lru_cache(maxsize=1 << 16)
def served_parts(path: str, directory_urls: bool) -> tuple[str, ...]:
    """Return the URL of a generated file as parts, once per file; refuse anything else."""
    if not SAFE_TARGET.fullmatch(path):  # generated pages only: no scheme, host or quote
        raise ValueError(f"unsafe link target {path!r}")
    there = page_url(path, directory_urls).split("/")
    return tuple(there[1:] if there[0] == "." else there)
