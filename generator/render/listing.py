"""Helpers of the listings split by month: period names, rows and the links between periods."""

from __future__ import annotations

from typing import Callable

from ..link.paging import UNDATED, PagedList, Part
from .escape import Markdown, front_matter, markdown_link
from .site import Site

LATEST_ROWS = 20  # mentions, quotes and speakers on an overview that links to monthly pages


def listing_front(title: str) -> Markdown:
    """Front matter of a monthly listing: its rows repeat article text, so search skips it."""
    return front_matter({"title": title, "search": {"exclude": True}})


def period_label(site: Site, key: str) -> str:
    """Name a period of a paged list: "Februari 2025", "2025" or "undated"."""
    if key == UNDATED:
        return site.labels["undated"]
    return site.date(key, "month" if len(key) == 7 else "year")


def period_rows(site: Site, pages: PagedList, page: str) -> list[tuple[str, str, int]]:
    """Return (label, link from ``page``, row count) of every period of a paged list."""
    return [(period_label(site, part.key), site.link(page, part.path), len(part.items)) for part in pages.parts]


def listing_nav(site: Site, page: str, previous, following, overview: str) -> Markdown:
    """Link a monthly listing to the months before and after it and to its overview."""
    return period_nav(previous, following, markdown_link(site.labels["overview"], site.link(page, overview)),
                      lambda key: period_label(site, key), lambda path: site.link(page, path))


def period_nav(previous: Part | None, following: Part | None, overview: Markdown,
               label: Callable[[str], str], link: Callable[[str], str]) -> Markdown:
    """Link a period page to the one before, the overview and the one after:
    "← Januari 2025 · Ikhtisar · Maret 2025 →". ``label`` names a period key, ``link`` is relative."""
    links = [overview]
    if previous:
        links.insert(0, markdown_link("← " + label(previous.key), link(previous.path)))
    if following:
        links.append(markdown_link(label(following.key) + " →", link(following.path)))
    return Markdown(" · ".join(links))
