"""Corpus-wide linking: unique slugs, quote clusters, events, entity indexes, related coverage."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Mapping, Sequence

from ..core.memo import Memo
from ..core.models import (Article, Candidate, Diagnostic, Entity, Event, GlossaryTerm, Knowledge, Outlet,
                           Quote, Story, article_date, visible_name)
from .autoentities import add_automatic_entities
from .events import build_events, undated_articles
from .paging import MAX_ROWS, PagedList, paged, part_path, period_of
from .quote_clusters import cluster_quotes
from .slugs import slugify
from .stories import group_stories
from .years import resolve_digest_years

MAX_RELATED = 8
MAX_KEY_SPREAD = 200
# Weights of what two articles share: an event or a quote says more than a shared name. Each is
# divided by the number of articles that share it; places never count.
WEIGHTS = {"event": 3.0, "quote": 3.0, "entity": 1.0}
# Outside its story, an article is related to another only when what they share weighs this much:
# one person or body named by two articles, or a rarer event or quote.
MIN_RELATED_SCORE = 0.5
UNWEIGHTED = ("story",)  # the articles of the same story come first, whatever else they share


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
    undated: tuple[Article, ...] = ()  # the articles whose story date stays unknown, in that order
    events: tuple[Event, ...] = ()
    clusters: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    mentions: Mapping[str, tuple[MentionRef, ...]] = field(default_factory=dict)
    companions: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    related: Mapping[str, tuple[Related, ...]] = field(default_factory=dict)
    stories: tuple[Story, ...] = ()  # newest activity first
    diagnostics: tuple[Diagnostic, ...] = ()
    page_rows: int = MAX_ROWS  # rows of a corpus-wide list before it splits by month

    # Built once per digest (it is frozen): pages look entities and articles up thousands of times.
    @cached_property
    def entities(self) -> Mapping[str, Entity]:
        return MappingProxyType({entity.id: entity for entity in self.knowledge.entities})

    @cached_property
    def story_of(self) -> Mapping[str, Story]:
        """The story of each article, by slug."""
        return MappingProxyType({slug: story for story in self.stories for slug in story.slugs})

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
    def event_targets(self) -> Mapping[str, str]:
        """Where each event is shown (page#anchor), by its id: article pages link their dates there."""
        return MappingProxyType({event.id: self.timeline_pages.target(event.date, event.id) for event in self.events})

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
    def statement_count(self) -> int:
        """Statements of the digest, with a known speaker or not (the rows of the quotes pages)."""
        return sum(quote.kind == "statement" for article in self.articles for quote in article.quotes)

    def cluster_page(self, refs: Sequence[tuple[str, int]]) -> str:
        """Return the quotes page that shows a cluster's wordings side by side: quotes.md, or once the
        quotes are split by month, the month of the cluster's newest report."""
        if self.statement_count <= self.page_rows:
            return "quotes.md"
        newest = min((self.by_slug[slug] for slug, _ in refs), key=lambda article: self.position[article.slug])
        return part_path("quotes", period_of(article_date(newest)))

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


def link(articles: Sequence[Article], knowledge: Knowledge, diagnostics: Sequence[Diagnostic] = (),
         page_rows: int = MAX_ROWS, memo: Memo | None = None) -> Digest:
    """Connect the articles of the digest to each other and to the knowledge base.

    ``memo``, kept by the caller between rebuilds, lets an unchanged article come out as the very
    same object, so that the later stages recognise it at the cost of an identity check.
    """
    memo = memo if memo is not None else Memo()
    articles = assign_slugs(sorted(articles, key=lambda a: a.file), memo)
    # A date without a year ("Rabu (12/2)") in an article with no other clue takes it from the digest.
    articles = list(resolve_digest_years(articles, memo))
    # People and bodies the articles introduce become entities too; entities.yml always wins.
    articles, automatic = add_automatic_entities(articles, knowledge, memo)
    knowledge = memo.same("knowledge with automatic", replace(knowledge, entities=knowledge.entities + automatic))
    articles = attach_clusters(articles, cluster_quotes(articles, memo), memo)
    events = build_events(articles, memo)
    mentions = index_mentions(articles, memo)
    stories, story_problems = group_stories(articles, knowledge.entities, knowledge.stories, memo)
    ordered = order_by_date(articles)
    return Digest(
        articles=ordered,
        undated=undated_articles(ordered, memo),
        knowledge=knowledge,
        events=events,
        clusters=index_clusters(articles),
        mentions=mentions,
        companions=count_companions(articles, memo),
        related=find_related(articles, events, memo, stories, knowledge.entities),
        stories=stories,
        page_rows=page_rows,
        diagnostics=tuple(diagnostics) + title_collisions(articles) + story_problems,
    )


def assign_slugs(articles: Sequence[Article], memo: Memo | None = None) -> list[Article]:
    """Give every article a unique slug from its title (or file name), in file order."""
    memo = memo if memo is not None else Memo()
    taken: set[str] = set()
    result = []
    for article in articles:
        base = slugify(str(article.meta.title.value or "")) or slugify(article.file.rsplit(".", 1)[0])
        base = base or "artikel"
        slug, number = base, 2
        while slug in taken or slug == "index":
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        result.append(memo.get(("slug", article.file), (article, slug),
                               lambda: replace(article, slug=slug)))  # noqa: B023 - called at once
    return result


def title_collisions(articles: Sequence[Article]) -> tuple[Diagnostic, ...]:
    """Warn about articles whose title another article already has (their slugs got a suffix)."""
    first: dict[str, Article] = {}
    warnings = []
    for article in articles:
        key = slugify(str(article.meta.title.value or ""))
        if key and key in first:
            warnings.append(Diagnostic(article.file, f"same title as {visible_name(first[key].file)}; its page is "
                                       f"articles/{article.slug}/", severity="warning"))
        first.setdefault(key, article)
    return tuple(warnings)


def attach_clusters(articles: Sequence[Article], clusters: Mapping[tuple[str, int], str],
                    memo: Memo | None = None) -> list[Article]:
    """Set ``Quote.cluster`` from the corpus-wide clustering."""
    memo = memo if memo is not None else Memo()
    result = []
    for article in articles:
        names = tuple(clusters.get((article.slug, index)) for index in range(len(article.quotes)))
        result.append(memo.get(("clusters", article.file), (article, names),
                               lambda: with_clusters(article, names)))  # noqa: B023 - called at once
    return result


def with_clusters(article: Article, names: Sequence[str | None]) -> Article:
    """Return the article with the cluster names of its quotes set."""
    quotes = tuple(replace(quote, cluster=name) for quote, name in zip(article.quotes, names))
    return replace(article, quotes=quotes) if quotes != article.quotes else article


def index_clusters(articles: Sequence[Article]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Map each quote cluster to its members (slug, quote index)."""
    members = defaultdict(list)
    for article in articles:
        for index, quote in enumerate(article.quotes):
            if quote.cluster:
                members[quote.cluster].append((article.slug, index))
    return {cluster: tuple(refs) for cluster, refs in sorted(members.items())}


def index_mentions(articles: Sequence[Article], memo: Memo | None = None) -> dict[str, tuple[MentionRef, ...]]:
    """Map each entity to the paragraphs that mention it (first mention per paragraph)."""
    memo = memo if memo is not None else Memo()
    parts = tuple(memo.get(("mention refs", article.file), (article,), lambda: article_mention_refs(article))  # noqa: B023
                  for article in articles)
    return memo.get("mentions", parts, lambda: merge_mention_refs(parts, memo))


def merge_mention_refs(parts: Sequence[tuple[tuple[str, tuple[MentionRef, ...]], ...]],
                       memo: Memo) -> dict[str, tuple[MentionRef, ...]]:
    """Merge the articles' ``article_mention_refs``, keeping an entity's unchanged tuple as it was."""
    refs: dict[str, list[MentionRef]] = defaultdict(list)
    for part in parts:
        for entity, found in part:
            refs[entity].extend(found)
    return {entity: memo.same(("mentions of", entity), tuple(found)) for entity, found in sorted(refs.items())}


def article_mention_refs(article: Article) -> tuple[tuple[str, tuple[MentionRef, ...]], ...]:
    """Return the paragraphs of one article that mention each entity, in the order of the text."""
    refs: dict[str, dict[str, None]] = defaultdict(dict)
    for mention in article.mentions:
        refs[mention.entity_id].setdefault(mention.anchor, None)
    return tuple((entity, tuple(MentionRef(article.slug, anchor) for anchor in anchors))
                 for entity, anchors in refs.items())


def count_companions(articles: Sequence[Article], memo: Memo | None = None) -> dict[str, tuple[tuple[str, int], ...]]:
    """Count, per entity, the other entities named in the same articles."""
    memo = memo if memo is not None else Memo()
    parts = tuple(memo.get(("named", article.file), (article,),
                           lambda: tuple(sorted({m.entity_id for m in article.mentions})))  # noqa: B023
                  for article in articles)
    return memo.get("companions", parts, lambda: count_named_together(parts, memo))


def count_named_together(parts: Sequence[tuple[str, ...]], memo: Memo) -> dict[str, tuple[tuple[str, int], ...]]:
    """Count companions from each article's named entities, per entity only when its articles changed."""
    named_together: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for named in parts:
        for entity in named:
            named_together[entity].append(named)
    return {entity: memo.get(("companions", entity), tuple(groups), lambda: companions_of(entity, groups))  # noqa: B023
            for entity, groups in sorted(named_together.items())}


def companions_of(entity: str, groups: Sequence[Sequence[str]]) -> tuple[tuple[str, int], ...]:
    """Count the other entities of the articles that name ``entity``, most frequent first."""
    counter = Counter(other for named in groups for other in named if other != entity)
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def find_related(articles: Sequence[Article], events: Sequence[Event], memo: Memo | None = None,
                 stories: Sequence[Story] = (), entities: Sequence[Entity] = ()) -> dict[str, tuple[Related, ...]]:
    """Rank other articles: the same story first, then by shared events, quote clusters and people
    or bodies (inverted indexes); a shared place alone never relates two articles.

    ``memo``, kept across the rebuilds of a preview, ranks again only the articles that share a
    key whose articles changed.
    """
    memo = memo if memo is not None else Memo()
    kinds = {entity.id: entity.type for entity in entities}
    parts = tuple(memo.get(("related keys", article.file), (article, tuple(kinds.get(m.entity_id) for m in article.mentions)),
                           lambda: related_keys(article, kinds))  # noqa: B023
                  for article in articles)
    groups = tuple((story.id, story.slugs) for story in stories)
    return memo.get("related", (tuple(events), parts, groups), lambda: rank_all_related(events, parts, memo, groups))


def rank_all_related(events: Sequence[Event], parts: Sequence[tuple[str, tuple[tuple[str, str], ...]]],
                     memo: Memo, groups: Sequence[tuple[str, Sequence[str]]] = ()) -> dict[str, tuple[Related, ...]]:
    """Rank the related articles of every article from the events, the stories and each article's
    ``related_keys``; an article whose keys and their articles are unchanged keeps its ranking."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for event in events:
        for source in event.sources:
            index[("event", event.id)].add(source.slug)
    for story_id, slugs in groups:
        index[("story", story_id)].update(slugs)
    for slug, keys in parts:
        for key in keys:
            index[key].add(slug)
    # A key shared by a large part of the corpus says little and would make this quadratic.
    usable = {key: memo.same(("related by", key), frozenset(slugs)) for key, slugs in index.items()
              if 2 <= len(slugs) <= MAX_KEY_SPREAD}
    keys_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, slugs in usable.items():
        for slug in slugs:
            keys_of[slug].append(key)
    related = {}
    for slug, _ in parts:
        keys = tuple(keys_of[slug])
        related[slug] = memo.get(("related", slug), (keys, tuple(usable[k] for k in keys)),
                                 lambda: rank_related(slug, keys, usable))  # noqa: B023
    return related


def related_keys(article: Article, kinds: Mapping[str, str] | None = None) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Return an article's slug and its own index keys: the statements it shares with other
    articles (quote clusters) and the people it names (``kinds``: entity types). A body or a place
    many unrelated reports name is a theme, not a link."""
    kinds = kinds or {}
    keys = [("quote", quote.cluster) for quote in article.quotes if quote.cluster]
    keys += [("entity", mention.entity_id) for mention in article.mentions if kinds.get(mention.entity_id) == "person"]
    return article.slug, tuple(dict.fromkeys(keys))


def rank_related(slug: str, keys: Sequence[tuple[str, str]],
                 index: Mapping[tuple[str, str], set[str]]) -> tuple[Related, ...]:
    """Rank the articles of the same story first, then those whose shared keys weigh at least
    MIN_RELATED_SCORE, rarer keys weighing more."""
    scores: dict[str, float] = defaultdict(float)
    same_story: set[str] = set()
    for key in keys:
        slugs = index[key]
        if key[0] in UNWEIGHTED:
            same_story.update(slugs)
            continue
        weight = WEIGHTS[key[0]] / len(slugs)
        for other in slugs:
            scores[other] += weight
    same_story.discard(slug)
    scores.pop(slug, None)
    # An event alone is a date two reports share, often the day they were filed: it needs a person
    # or a quote beside it.
    named = {other for key in keys if key[0] in ("entity", "quote") for other in index[key]}
    chosen = same_story | {other for other, score in scores.items() if score >= MIN_RELATED_SCORE and other in named}
    # Only the few kept need their reasons: collecting them for every candidate cost as much as scoring.
    ranked = heapq.nsmallest(MAX_RELATED, chosen,
                             key=lambda other: (other not in same_story, -scores.get(other, 0.0), other))
    return tuple(Related(other, round(scores.get(other, 0.0), 3), tuple(sorted(k for k in keys if other in index[k])))
                 for other in ranked)


def order_by_date(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Newest story first; undated articles last, by title."""
    def key(article: Article):
        date = article_date(article)
        return (0, _descending(date), article.slug) if date else (1, "", article.slug)
    return tuple(sorted(articles, key=key))


def _descending(date: str) -> str:
    """Turn an ISO date into a key that sorts newest first."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in date)
