"""The columns of the coverage comparison: the outlets of the digest, and articles whose outlet is unknown."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..core.models import Article, Event, Outlet
from .digest import Digest, slugify

UNKNOWN_PREFIX = "?"  # column key of an article without an outlet: "?<slug>"; "?" alone when they share one
MAX_UNKNOWN_COLUMNS = 3  # articles without an outlet that get a column each; more share one
RESERVED_IDS = frozenset({"index"})  # outlets/index.md is the outlet index


@dataclass(frozen=True)
class Column:
    """One outlet of the digest (or one article whose outlet is unknown) and its articles."""

    key: str  # the outlet page id; UNKNOWN_PREFIX + slug for an article without an outlet
    name: str | None  # display name; None when the outlet is unknown
    outlet: Outlet | None  # the outlets.yml entry, when the outlet is known there
    slugs: tuple[str, ...]

    @property
    def page(self) -> str | None:
        return None if self.name is None else f"outlets/{self.key}.md"

    @property
    def shared(self) -> bool:
        """Tell whether this is the one column of all the articles without an outlet."""
        return self.key == UNKNOWN_PREFIX


def outlet_lookup(outlets: Sequence[Outlet]) -> dict[str, Outlet]:
    """Map the casefolded names and aliases of the known outlets to them (a name wins over an alias)."""
    table = {alias.casefold(): outlet for outlet in outlets for alias in outlet.aliases}
    table.update({outlet.name.casefold(): outlet for outlet in outlets})
    return table


def one_line(value: object) -> str | None:
    """Return a metadata value on one line, or None when it is unknown or blank."""
    return None if value is None else (" ".join(str(value).split()) or None)


def outlet_name(article: Article) -> str | None:
    """Return the article's outlet name, or None when it is unknown."""
    return one_line(article.meta.outlet.value)


def group_key(article: Article, lookup: Mapping[str, Outlet]) -> str:
    """Say which column an article belongs to: its known outlet, its outlet name, or itself."""
    name = outlet_name(article)
    if name is None:
        return UNKNOWN_PREFIX + article.slug
    outlet = lookup.get(name.casefold())
    return f"={outlet.id}" if outlet else f"~{name.casefold()}"


def find_columns(digest: Digest, lookup: Mapping[str, Outlet]) -> list[Column]:
    """Group the articles by outlet; each article without an outlet is a column of its own, unless
    there are many: then they share one (a column each would widen every table with the digest)."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in sorted(digest.articles, key=lambda a: a.slug):
        groups[group_key(article, lookup)].append(article)
    unknown = [key for key in groups if key.startswith(UNKNOWN_PREFIX)]
    if len(unknown) > MAX_UNKNOWN_COLUMNS:
        groups[UNKNOWN_PREFIX] = [article for key in unknown for article in groups.pop(key)]
    taken = set(RESERVED_IDS) | {outlet.id for outlet in digest.outlets}
    return [make_column(key, members, lookup, taken) for key, members in sorted(groups.items())]


def make_column(key: str, members: Sequence[Article], lookup: Mapping[str, Outlet], taken: set[str]) -> Column:
    """Build one column; an outlet missing from outlets.yml gets a unique slug of its name."""
    slugs = tuple(article.slug for article in members)
    if key.startswith(UNKNOWN_PREFIX):
        return Column(key, None, None, slugs)
    name = outlet_name(members[0])
    outlet = lookup.get(name.casefold())
    if outlet:
        return Column(outlet.id, outlet.name, outlet, slugs)
    return Column(unique_id(slugify(name) or "media", taken), name, None, slugs)


def unique_id(base: str, taken: set[str]) -> str:
    """Return ``base``, or ``base-2``, ``base-3``... when taken; remember it as taken."""
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def order_columns(columns: Sequence[Column], events: Sequence[Event],
                  column_of: Mapping[str, str]) -> tuple[Column, ...]:
    """Widest coverage first (main events, then articles); unknown outlets last."""
    reported = Counter(key for event in events if event.kind == "main"
                       for key in {column_of[source.slug] for source in event.sources})
    return tuple(sorted(columns, key=lambda c: (c.name is None, -reported[c.key], -len(c.slugs),
                                                (c.name or "").casefold(), c.key)))


def reporters(event: Event, column_of: Mapping[str, str]) -> tuple[str, ...]:
    """Return the column of each source of an event, in source order."""
    return tuple(column_of[source.slug] for source in event.sources)
