"""Coverage comparison: how each outlet told the same story.

The analysis groups first (by outlet, event, quote cluster and speaker) and never compares the
articles of the digest pairwise: a matrix of main events by outlet (``columns``), the events only
one outlet reports, the wordings of each quote cluster diffed word by word against one reference
wording (``wordings``), statements per speaker per outlet, the sources each article relies on, and
the reported details (durations, counts, places) that differ between outlets for the same event
(``details``). ``render.coverage`` turns the result into the coverage page, the outlet index and
one page per outlet.

Past ``page_rows`` entries the sections about events (matrix, single-outlet reports, quote
comparisons, article sourcing, details) are split into one period per month (``split_periods``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Mapping, Sequence

from ..core.memo import Memo
from ..core.models import Article, Event, Outlet
from .columns import Column, find_columns, one_line, order_columns, outlet_lookup, outlet_name, reporters
from .details import EventDetails, differing_details
from .digest import Digest, article_date
from .paging import UNDATED, Part, paged
from .wordings import Comparison, compare_quotes


# ---------------------------------------------------------------- events


@dataclass(frozen=True)
class Cell:
    """Where one article reports an event."""

    slug: str
    anchor: str
    title: str


@dataclass(frozen=True)
class Row:
    """One main event and, per column (in column order), where that outlet reports it."""

    event: Event
    cells: tuple[tuple[Cell, ...], ...]  # () when the outlet does not report the event


def build_matrix(events: Sequence[Event], columns: Sequence[Column], column_of: Mapping[str, str],
                 memo: Memo | None = None) -> tuple[Row, ...]:
    """Return one row per main event with one cell per column (the last build's row while its event,
    the columns of its sources and the column order are the same)."""
    memo = memo if memo is not None else Memo()
    keys = tuple(column.key for column in columns)
    position = {key: index for index, key in enumerate(keys)}
    return tuple(memo.get(("coverage row", event.id), (event, keys, reporters(event, column_of)),
                          lambda: matrix_row(event, position, column_of))  # noqa: B023
                 for event in events if event.kind == "main")


def matrix_row(event: Event, position: Mapping[str, int], column_of: Mapping[str, str]) -> Row:
    """Return the row of one main event: per column, the paragraphs that report it."""
    cells: list[list[Cell]] = [[] for _ in position]
    for source in event.sources:
        cells[position[column_of[source.slug]]].append(Cell(source.slug, source.anchor, source.title))
    return Row(event, tuple(tuple(cell) for cell in cells))


def exclusive_events(events: Sequence[Event], columns: Sequence[Column],
                     column_of: Mapping[str, str]) -> tuple[tuple[str, tuple[Event, ...]], ...]:
    """Per column, the events no other outlet reports (none when the digest has a single outlet)."""
    if len(columns) < 2:
        return ()
    only: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        keys = {column_of[source.slug] for source in event.sources}
        if len(keys) == 1:
            only[keys.pop()].append(event)
    return tuple((column.key, tuple(only[column.key])) for column in columns if only[column.key])


# ---------------------------------------------------------------- speakers and sources


@dataclass(frozen=True)
class SpeakerCount:
    """How many statements of one speaker each outlet quotes."""

    speaker_id: str | None
    speaker_name: str | None
    counts: tuple[int, ...]  # per column

    @property
    def total(self) -> int:
        return sum(self.counts)


def count_speakers(digest: Digest, columns: Sequence[Column],
                   column_of: Mapping[str, str]) -> tuple[SpeakerCount, ...]:
    """Count the statements of each speaker in each outlet, most quoted speaker first."""
    position = {column.key: index for index, column in enumerate(columns)}
    counts: dict[tuple[str | None, str | None], list[int]] = {}
    for article in digest.articles:
        for quote in article.quotes:
            if quote.kind == "statement":
                key = (quote.speaker_id, None) if quote.speaker_id else (None, quote.speaker_name)
                counts.setdefault(key, [0] * len(columns))[position[column_of[article.slug]]] += 1
    rows = [SpeakerCount(speaker_id, name, tuple(values)) for (speaker_id, name), values in counts.items()]
    return tuple(sorted(rows, key=lambda r: (-r.total, r.speaker_id is None, r.speaker_id or "",
                                             r.speaker_name or "")))


@dataclass(frozen=True)
class Sourcing:
    """What one article relies on: the publisher it reprints and the agencies or media it cites."""

    slug: str
    column: str
    original: str | None
    cited: tuple[str, ...]


def find_sourcing(digest: Digest, column_of: Mapping[str, str], memo: Memo | None = None) -> tuple[Sourcing, ...]:
    """Return the sourcing of every article, in digest order (an unchanged article in the same column
    keeps the object of the last build)."""
    memo = memo if memo is not None else Memo()
    return tuple(memo.get(("coverage sourcing", article.file), (article, column_of[article.slug]),
                          lambda: article_sourcing(article, column_of[article.slug]))  # noqa: B023
                 for article in digest.articles)


def article_sourcing(article: Article, column: str) -> Sourcing:
    """Return what one article relies on besides its own outlet."""
    original = one_line(article.meta.original_source.value)
    own = {(outlet_name(article) or "").casefold(), (original or "").casefold()}
    cited = tuple(name for name in article.sources if name.casefold() not in own)
    return Sourcing(article.slug, column, original, cited)


# ---------------------------------------------------------------- the whole comparison


@dataclass(frozen=True)
class Coverage:
    """Everything the coverage pages show."""

    columns: tuple[Column, ...]
    column_of: Mapping[str, str]  # article slug -> column key
    rows: tuple[Row, ...]
    exclusive: tuple[tuple[str, tuple[Event, ...]], ...]
    comparisons: tuple[Comparison, ...]
    speakers: tuple[SpeakerCount, ...]
    sourcing: tuple[Sourcing, ...]
    details: tuple[EventDetails, ...]
    lookup: Mapping[str, Outlet]  # casefolded outlet names and aliases -> outlet

    @cached_property
    def by_key(self) -> Mapping[str, Column]:
        return {column.key: column for column in self.columns}

    @cached_property
    def by_name(self) -> Mapping[str, Column]:
        return {column.name.casefold(): column for column in self.columns if column.name}

    def column_named(self, name: str) -> Column | None:
        """Return the column of an outlet named in the text (a cited agency), if it has articles."""
        outlet = self.lookup.get(name.casefold())
        return self.by_key.get(outlet.id) if outlet else self.by_name.get(name.casefold())


def build_coverage(digest: Digest, memo: Memo | None = None, columns: Sequence[Column] | None = None) -> Coverage:
    """Compare how the outlets of the digest report its events, quotes and details.

    ``memo``, kept by the caller between rebuilds, reuses the parts of the last comparison whose
    inputs are equal; what is kept comes out as the very same objects, so that the pages built
    from them recognise it at the cost of an identity check. ``columns``, for a part of a digest
    (one story), are the whole digest's columns with that part's articles: their keys are the
    outlet pages' ids.
    """
    memo = memo if memo is not None else Memo()
    lookup = outlet_lookup(digest.outlets)
    found = find_columns(digest, lookup) if columns is None else list(columns)
    column_of = {slug: column.key for column in found for slug in column.slugs}
    columns = memo.same(("coverage", "columns"), order_columns(found, digest.events, column_of))
    return Coverage(
        columns=columns,
        column_of=column_of,
        rows=build_matrix(digest.events, columns, column_of, memo),
        exclusive=exclusive_events(digest.events, columns, column_of),
        comparisons=compare_quotes(digest, column_of, memo),
        speakers=count_speakers(digest, columns, column_of),
        sourcing=find_sourcing(digest, column_of, memo),
        details=differing_details(digest, digest.events, columns, column_of, memo),
        lookup=lookup,
    )


# ---------------------------------------------------------------- periods


@dataclass(frozen=True)
class Entry:
    """One dated entry of the event sections, for splitting them by period."""

    section: str  # the Coverage (and Period) field it belongs to
    date: str | None
    item: object


@dataclass(frozen=True)
class Period:
    """The event sections of one month (or year, or of the undated) of a digest too large for one page."""

    key: str  # "2025-02", "2025" or "undated"
    path: str  # coverage/2025-02.md
    rows: tuple[Row, ...]
    exclusive: tuple[tuple[str, tuple[Event, ...]], ...]
    comparisons: tuple[Comparison, ...]
    sourcing: tuple[Sourcing, ...]
    details: tuple[EventDetails, ...]

    @property
    def exclusive_count(self) -> int:
        return sum(len(events) for _, events in self.exclusive)


def split_periods(digest: Digest, coverage: Coverage) -> tuple[Period, ...]:
    """Give each month its own page once the event sections outgrow one; () while they fit.

    Matrix rows, single-outlet reports and detail tables go by the date of their event, quote
    comparisons by their first report, articles (with their sourcing) by their own date; all of
    them count towards the size of one page.
    """
    entries = [
        *(Entry("rows", row.event.date, row) for row in coverage.rows),
        *(Entry("exclusive", event.date, (key, event)) for key, events in coverage.exclusive for event in events),
        *(Entry("comparisons", first_reported(digest, c), c) for c in coverage.comparisons),
        *(Entry("sourcing", article_date(digest.by_slug[s.slug]) or None, s) for s in coverage.sourcing),
        *(Entry("details", found.event.date, found) for found in coverage.details),
    ]
    pages = paged("coverage", entries, lambda entry: entry.date, max_rows=digest.page_rows)
    if not pages.split:
        return ()
    return tuple(sorted(map(make_period, pages.parts), key=lambda period: (period.key == UNDATED, period.key)))


def first_reported(digest: Digest, comparison: Comparison) -> str | None:
    """Date a quote by the earliest article that carries it."""
    dates = (article_date(digest.by_slug[use.slug]) for wording in (comparison.reference, *comparison.others)
             for use in wording.uses)
    return min((date for date in dates if date), default=None)


def make_period(part: Part[Entry]) -> Period:
    """Sort the entries of one period back into their sections, in the order of the whole page."""
    sections: dict[str, list] = defaultdict(list)
    for entry in part.items:
        sections[entry.section].append(entry.item)
    exclusive: dict[str, list[Event]] = defaultdict(list)
    for key, event in sections["exclusive"]:
        exclusive[key].append(event)
    return Period(part.key, part.path, tuple(sections["rows"]),
                  tuple((key, tuple(events)) for key, events in exclusive.items()),
                  tuple(sections["comparisons"]), tuple(sections["sourcing"]), tuple(sections["details"]))


# ---------------------------------------------------------------- outlet summaries


@dataclass(frozen=True)
class OutletSummary:
    """What one outlet's page and index row show."""

    column: Column
    articles: tuple[Article, ...]  # in digest order (newest story first)
    originals: tuple[tuple[str, int], ...]  # original publishers, with article counts
    cited: tuple[tuple[str, int], ...]  # cited agencies and media, with article counts
    rows: tuple[Row, ...]  # the main events it reports
    statements: int
    speakers: tuple[tuple[SpeakerCount, int], ...]  # most quoted first, with its count here


def outlet_summaries(digest: Digest, coverage: Coverage) -> dict[str, OutletSummary]:
    """Summarise every column at once (grouped, not one pass over the digest per outlet)."""
    articles: dict[str, list[Article]] = defaultdict(list)
    sourcing: dict[str, list[Sourcing]] = defaultdict(list)
    rows: dict[str, list[Row]] = defaultdict(list)
    for article in digest.articles:
        articles[coverage.column_of[article.slug]].append(article)
    for item in coverage.sourcing:
        sourcing[item.column].append(item)
    for row in coverage.rows:
        for column, cells in zip(coverage.columns, row.cells):
            if cells:
                rows[column.key].append(row)
    return {column.key: outlet_summary(column, position, articles[column.key], sourcing[column.key],
                                       rows[column.key], coverage.speakers)
            for position, column in enumerate(coverage.columns)}


def outlet_summary(column: Column, position: int, articles: Sequence[Article], sourcing: Sequence[Sourcing],
                   rows: Sequence[Row], speakers: Sequence[SpeakerCount]) -> OutletSummary:
    """Summarise one column: articles, sources, main events and speakers."""
    quoted = sorted(((s, s.counts[position]) for s in speakers if s.counts[position]), key=lambda item: -item[1])
    return OutletSummary(
        column=column,
        articles=tuple(articles),
        originals=ranked(s.original for s in sourcing if s.original),
        cited=ranked(name for s in sourcing for name in s.cited),
        rows=tuple(rows),
        statements=sum(count for _, count in quoted),
        speakers=tuple(quoted),
    )


def ranked(names) -> tuple[tuple[str, int], ...]:
    """Count names, most frequent first."""
    counts = Counter(names)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())))


def cited_by(coverage: Coverage) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Map every source the articles rely on (reprinted or cited) to the columns that rely on it."""
    users: dict[str, dict[str, None]] = defaultdict(dict)
    for sourcing in coverage.sourcing:
        for name in ((sourcing.original,) if sourcing.original else ()) + sourcing.cited:
            users[name][sourcing.column] = None
    order = {column.key: index for index, column in enumerate(coverage.columns)}
    return tuple((name, tuple(sorted(keys, key=order.__getitem__)))
                 for name, keys in sorted(users.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold())))
