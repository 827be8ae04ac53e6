"""Corpus-wide linking: unique slugs, quote clusters, events, entity indexes, related coverage."""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Mapping, Sequence

from .models import Article, Candidate, Diagnostic, Entity, Event, GlossaryTerm, Knowledge, Outlet, Quote
from .dates import resolve_digest_years
from .quotes import cluster_quotes
from .paging import MAX_ROWS, PagedList, paged
from .timeline import build_events

MAX_SLUG_LENGTH = 80
MAX_RELATED = 8
MAX_KEY_SPREAD = 200
# Weights of what two articles share: an event or a quote says more than a shared name.
WEIGHTS = {"event": 3.0, "quote": 3.0, "entity": 1.0}


@dataclass(frozen=True)
class MentionRef:
    slug: str
    anchor: str


@dataclass(frozen=True)
class Related:
    slug: str
    score: float
    reasons: tuple[tuple[str, str], ...]  # (kind, key): ("event", "2025-02-12"), ("quote", "peskov")


@dataclass(frozen=True)
class Digest:
    articles: tuple[Article, ...]  # newest story first, undated last
    knowledge: Knowledge
    events: tuple[Event, ...] = ()
    clusters: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    mentions: Mapping[str, tuple[MentionRef, ...]] = field(default_factory=dict)
    companions: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    related: Mapping[str, tuple[Related, ...]] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    page_rows: int = MAX_ROWS  # rows of a corpus-wide list before it splits by month

    # Built once per digest (it is frozen): pages look entities and articles up thousands of times.
    @cached_property
    def entities(self) -> Mapping[str, Entity]:
        return MappingProxyType({entity.id: entity for entity in self.knowledge.entities})

    @cached_property
    def by_slug(self) -> Mapping[str, Article]:
        return MappingProxyType({article.slug: article for article in self.articles})

    @cached_property
    def position(self) -> Mapping[str, int]:
        """Place of each article (by slug) in the digest's order, newest story first."""
        return MappingProxyType({article.slug: number for number, article in enumerate(self.articles)})

    @cached_property
    def event_ids(self) -> frozenset[str]:
        return frozenset(event.id for event in self.events)

    @cached_property
    def statements(self) -> Mapping[str, tuple[tuple[Article, int, Quote], ...]]:
        """Statements (not scare quotes) by speaker entity, as (article, quote index, quote)."""
        found: dict[str, list[tuple[Article, int, Quote]]] = defaultdict(list)
        for article in self.articles:
            for index, quote in enumerate(article.quotes):
                if quote.speaker_id and quote.kind == "statement":
                    found[quote.speaker_id].append((article, index, quote))
        return MappingProxyType({speaker: tuple(items) for speaker, items in found.items()})

    @cached_property
    def timeline_pages(self) -> PagedList[Event]:
        """The timeline, on one page or split by month: other pages link to events through it."""
        return paged("timeline", self.events, lambda event: event.date, self.page_rows)

    @cached_property
    def archive_pages(self) -> PagedList[Article]:
        """All articles, newest first: past a page's worth the front page links to monthly archives."""
        return paged("archive", self.articles, article_date, self.page_rows)

    @property
    def glossary(self) -> tuple[GlossaryTerm, ...]:
        return self.knowledge.glossary

    @property
    def outlets(self) -> tuple[Outlet, ...]:
        return self.knowledge.outlets

    @property
    def candidates(self) -> tuple[tuple[str, Candidate], ...]:
        return tuple((a.slug, c) for a in self.articles for c in a.candidates)


def link(articles: Sequence[Article], knowledge: Knowledge,
         diagnostics: Sequence[Diagnostic] = (), page_rows: int = MAX_ROWS) -> Digest:
    """Connect the articles of the digest to each other and to the knowledge base."""
    articles = assign_slugs(sorted(articles, key=lambda a: a.file))
    # A date without a year ("Rabu (12/2)") in an article with no other clue takes it from the digest.
    articles = list(resolve_digest_years(articles))
    articles = attach_clusters(articles, cluster_quotes(articles))
    events = build_events(articles)
    mentions = index_mentions(articles)
    return Digest(
        articles=order_by_date(articles),
        knowledge=knowledge,
        events=events,
        clusters=index_clusters(articles),
        mentions=mentions,
        companions=count_companions(articles),
        related=find_related(articles, events),
        page_rows=page_rows,
        diagnostics=tuple(diagnostics) + title_collisions(articles),
    )


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug of ``text``, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


def assign_slugs(articles: Sequence[Article]) -> list[Article]:
    """Give every article a unique slug from its title (or file name), in file order."""
    taken: set[str] = set()
    result = []
    for article in articles:
        base = slugify(str(article.meta.title.value or "")) or slugify(article.file.rsplit(".", 1)[0])
        base = base or "artikel"
        slug, number = base, 2
        while slug in taken or slug == "index":
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        result.append(replace(article, slug=slug))
    return result


def title_collisions(articles: Sequence[Article]) -> tuple[Diagnostic, ...]:
    """Warn about articles whose title another article already has (their slugs got a suffix)."""
    first: dict[str, Article] = {}
    warnings = []
    for article in articles:
        key = slugify(str(article.meta.title.value or ""))
        if key and key in first:
            warnings.append(Diagnostic(article.file, f"same title as {first[key].file}; its page is "
                                       f"articles/{article.slug}/", severity="warning"))
        first.setdefault(key, article)
    return tuple(warnings)


def attach_clusters(articles: Sequence[Article], clusters: Mapping[tuple[str, int], str]) -> list[Article]:
    """Set ``Quote.cluster`` from the corpus-wide clustering."""
    result = []
    for article in articles:
        quotes = tuple(replace(quote, cluster=clusters.get((article.slug, index)))
                       for index, quote in enumerate(article.quotes))
        result.append(replace(article, quotes=quotes) if quotes != article.quotes else article)
    return result


def index_clusters(articles: Sequence[Article]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Map each quote cluster to its members (slug, quote index)."""
    members = defaultdict(list)
    for article in articles:
        for index, quote in enumerate(article.quotes):
            if quote.cluster:
                members[quote.cluster].append((article.slug, index))
    return {cluster: tuple(refs) for cluster, refs in sorted(members.items())}


def index_mentions(articles: Sequence[Article]) -> dict[str, tuple[MentionRef, ...]]:
    """Map each entity to the paragraphs that mention it (first mention per paragraph)."""
    refs = defaultdict(dict)
    for article in articles:
        for mention in article.mentions:
            refs[mention.entity_id].setdefault((article.slug, mention.anchor), None)
    return {entity: tuple(MentionRef(*key) for key in keys) for entity, keys in sorted(refs.items())}


def count_companions(articles: Sequence[Article]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Count, per entity, the other entities named in the same articles."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        named = sorted({mention.entity_id for mention in article.mentions})
        for entity in named:
            counts[entity].update(other for other in named if other != entity)
    return {entity: tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
            for entity, counter in sorted(counts.items())}


def find_related(articles: Sequence[Article], events: Sequence[Event]) -> dict[str, tuple[Related, ...]]:
    """Rank other articles by shared events, quote clusters and entities (inverted indexes)."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for event in events:
        for source in event.sources:
            index[("event", event.date)].add(source.slug)
    for article in articles:
        for quote in article.quotes:
            if quote.cluster:
                index[("quote", quote.speaker_id or quote.speaker_name or "")].add(article.slug)
        for mention in article.mentions:
            index[("entity", mention.entity_id)].add(article.slug)
    keys_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, slugs in index.items():
        # A key shared by a large part of the corpus says little and would make this quadratic.
        if 2 <= len(slugs) <= MAX_KEY_SPREAD:
            for slug in slugs:
                keys_of[slug].append(key)
    return {article.slug: rank_related(article.slug, keys_of[article.slug], index) for article in articles}


def rank_related(slug: str, keys: Sequence[tuple[str, str]],
                 index: Mapping[tuple[str, str], set[str]]) -> tuple[Related, ...]:
    """Score the articles that share index keys with ``slug``, rarer keys weighing more."""
    scores: dict[str, float] = defaultdict(float)
    for key in keys:
        slugs = index[key]
        weight = WEIGHTS[key[0]] / len(slugs)
        for other in slugs:
            if other != slug:
                scores[other] += weight
    # Only the few kept need their reasons: collecting them for every candidate cost as much as scoring.
    ranked = heapq.nsmallest(MAX_RELATED, scores, key=lambda other: (-scores[other], other))
    return tuple(Related(other, round(scores[other], 3), tuple(sorted(k for k in keys if other in index[k])))
                 for other in ranked)


def article_date(article: Article) -> str:
    """Return the date an article is filed under: its story date, else its publication day."""
    return article.meta.story_date.value or str(article.meta.published.value or "")[:10]


def order_by_date(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Newest story first; undated articles last, by title."""
    def key(article: Article):
        date = article_date(article)
        return (0, _descending(date), article.slug) if date else (1, "", article.slug)
    return tuple(sorted(articles, key=key))


def _descending(date: str) -> str:
    """Turn an ISO date into a key that sorts newest first."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in date)
