"""Each story's part of the digest: its articles, the events they report, the quotes they share
and how its outlets compare (link stage).

A story page shows for one story what the corpus-wide pages show for the digest: the digest
restricted to the story's articles (each event they report with their reports only, the quote
clusters among them) and the coverage comparison of its outlets, whose columns keep the keys the
whole digest gave them (the outlet pages' ids). Each part is remembered with what it is made from,
so that a preview rebuild after an edit makes again only the parts of the stories it touched, and
the pages of the other stories are recognised as unchanged by identity.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from ..core.memo import Memo
from ..core.models import Article, Event, Story
from .columns import Column, find_columns, outlet_lookup
from .coverage import Coverage, build_coverage
from .digest import Digest


@dataclass(frozen=True)
class StoryPart:
    """One story and the digest restricted to it."""

    story: Story
    digest: Digest  # its articles (in the digest's order), events, quote clusters and undated articles
    coverage: Coverage  # how its outlets report it


def story_parts(digest: Digest, memo: Memo | None = None) -> tuple[StoryPart, ...]:
    """Return the part of every story, in the digest's story order (newest activity first)."""
    memo = memo if memo is not None else Memo()
    index = DigestIndex(
        events_of=memo.get("story events by article", digest.events, lambda: index_events(digest.events)),
        position=memo.get("story event order", digest.events,
                          lambda: {event.id: number for number, event in enumerate(digest.events)}),
        column_of=memo.get("story columns", tuple((a.slug, a.meta.outlet.value) for a in digest.articles),
                           lambda: columns_by_slug(digest)),
        undated=memo.get("story undated", digest.undated, lambda: frozenset(a.slug for a in digest.undated)))
    return tuple(story_part(digest, story, index, memo) for story in digest.stories)


@dataclass(frozen=True)
class DigestIndex:
    """What every story's part looks up in the whole digest, built once per build."""

    events_of: Mapping[str, tuple[Event, ...]]  # article slug -> the events it reports, in timeline order
    position: Mapping[str, int]  # event id -> place on the timeline
    column_of: Mapping[str, Column]  # article slug -> its column of the whole digest's comparison
    undated: frozenset[str]  # the slugs of the undated articles


def index_events(events: Sequence[Event]) -> dict[str, tuple[Event, ...]]:
    """Map each article (slug) to the events it reports, in timeline order."""
    found: dict[str, dict[str, Event]] = defaultdict(dict)
    for event in events:
        for source in event.sources:
            found[source.slug][event.id] = event
    return {slug: tuple(events.values()) for slug, events in found.items()}


def columns_by_slug(digest: Digest) -> dict[str, Column]:
    """Map each article (slug) to its column of the whole digest's comparison."""
    return {slug: column for column in find_columns(digest, outlet_lookup(digest.outlets)) for slug in column.slugs}


def story_part(digest: Digest, story: Story, index: DigestIndex, memo: Memo) -> StoryPart:
    """Return one story's part: the last build's while what it is made from is the same (its
    articles, the events they report and their columns, compared by identity)."""
    articles = tuple(digest.by_slug[slug] for slug in story.slugs)
    reports = tuple(index.events_of.get(slug, ()) for slug in story.slugs)
    columns = tuple(index.column_of[slug] for slug in story.slugs)
    inputs = (story, articles, reports, columns, digest.knowledge, digest.page_rows)
    return memo.get(("story part", story.id), inputs, lambda: make_part(
        digest, story, reports, index, memo.get(("story memo", story.id), None, Memo)))


def only_sources(event: Event, slugs: frozenset[str]) -> Event:
    """Return the event with only the reports of ``slugs`` (the same event when they are all of them)."""
    sources = tuple(source for source in event.sources if source.slug in slugs)
    return event if len(sources) == len(event.sources) else replace(event, sources=sources)


def story_columns(articles: Sequence[Article], column_of: Mapping[str, Column]) -> tuple[Column, ...]:
    """Return the whole digest's columns of a story's outlets, each with the story's articles only."""
    members: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(article.slug for article in articles):
        members[column_of[slug].key].append(slug)
    return tuple(replace(column_of[found[0]], slugs=tuple(found)) for _, found in sorted(members.items()))


def make_part(digest: Digest, story: Story, reports: Sequence[tuple[Event, ...]], index: DigestIndex,
              memo: Memo) -> StoryPart:
    """Restrict the digest to one story and compare its outlets (``memo``: this story's own)."""
    slugs = frozenset(story.slugs)
    articles = tuple(sorted((digest.by_slug[slug] for slug in story.slugs), key=lambda a: digest.position[a.slug]))
    reported = {event.id: event for events in reports for event in events}
    events = tuple(only_sources(reported[key], slugs) for key in sorted(reported, key=index.position.__getitem__))
    part = Digest(articles=articles, knowledge=digest.knowledge, events=events, stories=(story,),
                  undated=tuple(article for article in articles if article.slug in index.undated),
                  clusters=story_clusters(articles), page_rows=digest.page_rows)
    return StoryPart(story, part, build_coverage(part, memo, story_columns(articles, index.column_of)))


def story_clusters(articles: Sequence[Article]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Map each quote cluster of the story to its quotes there (slug, quote index), in file order."""
    members: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: a.file):
        for index, quote in enumerate(article.quotes):
            if quote.cluster:
                members[quote.cluster].append((article.slug, index))
    return {cluster: tuple(refs) for cluster, refs in sorted(members.items())}
