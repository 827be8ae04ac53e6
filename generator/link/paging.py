"""Corpus-wide lists split by month once they grow, so every page stays small and the total linear.

A digest of a few dozen articles reads best on one page; one that follows a story for a year
would put thousands of rows (and their links) on it, and every such page grows with the corpus.
Past ``page_rows`` rows (a plugin option, ``MAX_ROWS`` by default) a list becomes an overview page
plus one page per month (or year, for dates known only to the year); the other pages link to a row
through ``PagedList.target``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable, Generic, Iterable, Sequence, TypeVar

MAX_ROWS = 150
UNDATED = "undated"
T = TypeVar("T")
P = TypeVar("P")  # a part of a paged list: Part, or coverage's Period (both have key and path)


@dataclass(frozen=True)
class Part(Generic[T]):
    key: str  # "" when the whole list fits one page; else "2025-02", "2025" or "undated"
    path: str  # the page that shows this part
    items: tuple[T, ...]


@dataclass(frozen=True)
class PagedList(Generic[T]):
    base: str  # "timeline": the overview is timeline.md, the parts timeline/<key>.md
    parts: tuple[Part[T], ...]

    @property
    def split(self) -> bool:
        return len(self.parts) > 1 or bool(self.parts and self.parts[0].key)

    @property
    def overview(self) -> str:
        return f"{self.base}.md"

    def page_of(self, date: str | None) -> str:
        """Return the page that lists rows of this (ISO, any precision) date."""
        if not self.split:
            return self.overview
        key = period_of(date)
        return part_path(self.base, key) if key in self.keys else self.overview

    @cached_property
    def keys(self) -> frozenset[str]:
        """The periods that have a page (looked up for every link to a row)."""
        return frozenset(part.key for part in self.parts)

    def target(self, date: str | None, anchor: str = "") -> str:
        """Return the link target of a row: its page, and its anchor there."""
        return self.page_of(date) + (f"#{anchor}" if anchor else "")


def paged(base: str, items: Iterable[T], date_of: Callable[[T], str | None],
          max_rows: int = MAX_ROWS) -> PagedList[T]:
    """Keep ``items`` (in the caller's order) on one page, or group them by period of their date."""
    items = tuple(items)
    if len(items) <= max_rows:
        return PagedList(base, (Part("", f"{base}.md", items),))
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(period_of(date_of(item)), []).append(item)
    return PagedList(base, tuple(Part(key, part_path(base, key), tuple(rows)) for key, rows in groups.items()))


@lru_cache(maxsize=1 << 14)
def period_of(date: str | None) -> str:
    """Return the month ("2025-02") of an ISO date, the year of a year-only date, else "undated"."""
    date = str(date or "")
    if len(date) >= 7 and date[4] == "-":
        return date[:7]
    return date[:4] if len(date) >= 4 and date[:4].isdigit() else UNDATED


def part_path(base: str, key: str) -> str:
    """Return the page of one part: ``timeline/2025-02.md``."""
    return f"{base}/{key}.md" if key else f"{base}.md"


def neighbours(parts: Sequence[P]) -> list[tuple[P | None, P, P | None]]:
    """Return each part with the one before and the one after it (None at the ends)."""
    padded = [None, *parts, None]
    return [(padded[i - 1], padded[i], padded[i + 1]) for i in range(1, len(padded) - 1)]
