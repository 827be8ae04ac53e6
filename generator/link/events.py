"""The digest timeline: dated statements of every article, merged across outlets, classified.

An event is the sentence that carries a resolved date. Statements are grouped by date value
first (so merging never compares the whole corpus pairwise); within a date, the statements of
one article form one group, and groups of different articles that share enough of their
distinctive words and entities (weighted by rarity in the digest) merge into one event that lists
every source.

Order: events sort by their ISO value as a string, so a coarser date sorts before the finer dates
it contains and after the finer dates of the period before it:
"2022" < "2022-01-31" < "2022-02" < "2022-02-01" < "2022-03". A year or a month event is placed at
the start of its period.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain, repeat
from statistics import median_low
from typing import Iterable, Mapping, Sequence

from ..annotate.date_patterns import vocabulary
from ..annotate.dates import date_cue, interval, reference_date
from ..core.knowledge import load_data
from ..core.memo import Memo
from ..core.models import Article, Block, DateMention, Event, EventSource, Mention
from .years import resolve_digest_years

# Share of an article's weighted words about a date that another article's words on that date
# must hold to merge: lower when both report the date as their own news (a digest is about one
# story, so two articles' main events on one day are most likely the same happening).
MERGE_THRESHOLD = {"main": 0.15, "other": 0.3}
CLUSTER_SAMPLE = 10
BACKGROUND_DAYS = 7  # a date that ended this long before the story's own date is background
ANNOUNCED_DAYS = 3  # without a publication date, this long after the story date is announced
SUMMARY_LENGTH = 200
MIN_CLAUSE = 60  # a summary is not cut shorter than this at a clause boundary
KIND_ORDER = ("main", "announced", "background")
# Memo stage of the second year resolution, over the linked articles: the events and the list of
# undated articles share it.
SECOND_PASS = "years of linked articles"
WORD = re.compile(r"[^\W\d_][\w'’-]*")
BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*\s+")
LAST_WORD = re.compile(r"([\w.]+)[.!?…]*$")
TAIL_RUN = re.compile(r"[\w.!?…]*")  # matched on the reversed text: the run LAST_WORD matches in
# "MOSKOW – ", "JAKARTA, KOMPAS.com - ": a dateline left at the start of a paragraph.
DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’]{2,}(?:,[^–—\-]{0,40})?\s+[–—-]+\s+")


@dataclass(frozen=True)
class Vocabulary:
    """The timeline word lists of ``data/dates.yml``."""

    abbreviations: frozenset[str]
    openers: re.Pattern
    punctuation: re.Pattern
    conjunction: re.Pattern
    stopwords: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]


@dataclass(frozen=True)
class Statement:
    """One sentence of one article that carries one resolved date."""

    article: str  # the article's file: the digest's order, and unchanged when others come or go
    order: tuple[str, int, int]  # (article, block, position): document order
    value: str
    precision: str
    anchor: str
    sentence: str
    clause: str
    date_text: str
    relative: bool
    entities: tuple[str, ...]
    words: frozenset[str]
    vote: str | None  # the kind this article gives the date, None when it cannot tell


@lru_cache(maxsize=1)
def timeline_vocabulary() -> Vocabulary:
    """Load the timeline word lists once."""
    data = load_data("dates.yml")["timeline"]
    months = vocabulary().months
    short_months = vocabulary().short_months  # "Feb." abbreviates; "Februari." ends a sentence
    openers = "|".join(re.escape(o) for o in sorted(data["openers"], key=len, reverse=True))
    date_words = set(months) | set(vocabulary().weekdays)
    return Vocabulary(
        abbreviations=frozenset(a.lower() for a in data["abbreviations"]) | frozenset(short_months),
        openers=re.compile(rf"^(?:{openers})\s*,\s*", re.IGNORECASE),
        punctuation=re.compile("|".join(map(re.escape, sorted(data["clause_punctuation"], key=len, reverse=True)))),
        conjunction=re.compile(r"\s(?:%s)\s" % "|".join(map(re.escape, data["clause_conjunctions"])), re.IGNORECASE),
        stopwords=frozenset(w.lower() for w in data["stopwords"]) | date_words,
        prefixes=tuple(sorted(data["prefixes"], key=len, reverse=True)),
        suffixes=tuple(sorted(data["suffixes"], key=len, reverse=True)),
    )


# ---------------------------------------------------------------- sentences


@lru_cache(maxsize=1 << 16)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Split a paragraph into sentences, not after abbreviations ("Feb.", "Dr.") or initials.

    Cached by text: the timeline and the coverage comparison split the same paragraphs, and a
    preview rebuild splits only the edited article's again.
    """
    vocab = timeline_vocabulary()
    spans, start, reverse = [], 0, text[::-1]
    for boundary in BOUNDARY.finditer(text):
        end = boundary.start() + 1
        # A match is all word and stop characters: search from where their run before ``end``
        # starts (the same match as in text[start:end], without trying every word before it).
        run = TAIL_RUN.match(reverse, len(text) - end).end() - (len(text) - end)
        before = LAST_WORD.search(text, max(start, end - run), end)
        word = before.group(1).rstrip(".").lower() if before else ""
        following = text[boundary.end():boundary.end() + 1]
        if word in vocab.abbreviations or len(word) == 1 or following.islower():
            continue
        spans.append((start, boundary.end()))
        start = boundary.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


def clause_span(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """Return the clause of ``text[start:end]`` that holds ``position``."""
    vocab = timeline_vocabulary()
    cut_start, cut_end = start, end
    breaks = [(m.end(), m.start(), m.end()) for m in vocab.punctuation.finditer(text, start, end)]
    breaks += [(m.start() + 1, m.start(), m.end()) for m in vocab.conjunction.finditer(text, start, end)]
    for clause_start, break_start, break_end in sorted(breaks):
        if break_end <= position:
            cut_start = max(cut_start, clause_start)  # a conjunction stays with its clause
        elif break_start >= position:
            cut_end = min(cut_end, break_start)
    return cut_start, cut_end


def summarise(text: str, date_text: str = "") -> str:
    """Trim a sentence into a one-line summary of at most SUMMARY_LENGTH characters, keeping its date."""
    vocab = timeline_vocabulary()
    text = vocab.openers.sub("", DATELINE.sub("", " ".join(text.split())))
    date_at = text.find(" ".join(date_text.split())) if date_text else -1
    if len(text) > SUMMARY_LENGTH and date_at + len(date_text) > SUMMARY_LENGTH - 2:
        return "… " + tail(text, SUMMARY_LENGTH - 2)
    if len(text) > SUMMARY_LENGTH:
        cuts = ([m.start() for m in vocab.punctuation.finditer(text, MIN_CLAUSE, SUMMARY_LENGTH)]
                or [m.start() for m in vocab.conjunction.finditer(text, MIN_CLAUSE, SUMMARY_LENGTH)]
                or [text.rfind(" ", 0, SUMMARY_LENGTH - 1)])
        cut = cuts[-1] if cuts[-1] > 0 else SUMMARY_LENGTH - 1
        text = text[:cut].rstrip(" ,;:—–-") + " …"
    return text[:1].upper() + text[1:]


def tail(text: str, length: int) -> str:
    """Return the end of ``text`` from a clause break or a word boundary, at most ``length`` long."""
    vocab = timeline_vocabulary()
    first = len(text) - length
    starts = ([m.end() for m in vocab.punctuation.finditer(text, first, len(text) - MIN_CLAUSE)]
              or [m.start() + 1 for m in vocab.conjunction.finditer(text, first, len(text) - MIN_CLAUSE)]
              or [text.find(" ", first) + 1])
    return text[starts[0]:].strip()


@lru_cache(maxsize=16384)  # a sentence with several dates is one statement per date
def words_of(text: str) -> frozenset[str]:
    """Return the distinctive words of a sentence: stemmed, without stopwords or date words."""
    keys = map(distinctive_key, WORD.findall(text))
    return frozenset(key for key in keys if key is not None)


@lru_cache(maxsize=65536)
def distinctive_key(word: str) -> str | None:
    """Return the key of a distinctive word (stemmed, lower-case), None for a stopword or date word."""
    vocab = timeline_vocabulary()
    if len(word) <= 2 or word.lower() in vocab.stopwords:
        return None
    # Names are not stemmed: "Peskov" is no "pe-" word.
    return word.lower() if word[0].isupper() else stem(word, vocab)


@lru_cache(maxsize=65536)
def stem(word: str, vocab: Vocabulary) -> str:
    """Strip one suffix and one prefix when at least four letters stay ("pembicaraan" -> "bicara")."""
    for suffix in vocab.suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[:-len(suffix)]
            break
    for prefix in vocab.prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix):]
    return word


# ---------------------------------------------------------------- statements


def present_of(article: Article) -> dt.date | None:
    """Return the article's own "now": its story date, else its publication date."""
    story = reference_date(article.meta.story_date.value)
    return story or reference_date(article.meta.published.value)


def vote_kind(value: str, cue: str | None, present: dt.date | None, reference: dt.date | None) -> str | None:
    """Classify a date against the article's own date: main, background or announced (None: unknown)."""
    start, end = interval(value)
    if cue == "announced" and (present is None or end >= present):
        return "announced"
    if reference is not None and start > reference:
        return "announced"
    if present is None:
        return "background" if cue == "background" else None
    if end < present - dt.timedelta(days=BACKGROUND_DAYS) or (cue == "background" and end < present):
        return "background"
    if reference is None and start > present + dt.timedelta(days=ANNOUNCED_DAYS):
        return "announced"
    return "main"


def statements_of(article: Article, fallback: dt.date | None = None) -> list[Statement]:
    """Return one statement per (sentence, date value) of an article, in document order.

    ``fallback`` is the "now" of an article that has no date of its own (the digest's).
    """
    by_anchor: dict[str, list[DateMention]] = defaultdict(list)
    for mention in article.dates:
        if mention.value:
            by_anchor[mention.anchor].append(mention)
    now = (present_of(article) or fallback, reference_date(article.meta.published.value))
    named: dict[str, list[Mention]] = defaultdict(list)  # the entity mentions of each dated block
    for mention in article.mentions:
        if mention.anchor in by_anchor:
            named[mention.anchor].append(mention)
    found = []
    for position, block in enumerate(article.blocks):
        for start, end in sentence_spans(block.text) if block.anchor in by_anchor else ():
            inside = [m for m in by_anchor[block.anchor] if start <= m.start < end]
            several = len({m.value for m in inside}) > 1
            found += [make_statement((article.file, position), article, block, (start, end), mention, several, now,
                                     named[block.anchor])
                      for mention in unique_values(inside)]
    return found


def make_statement(where: tuple[str, int], article: Article, block: Block, sentence: tuple[int, int],
                   mention: DateMention, several: bool, now: tuple[dt.date | None, dt.date | None],
                   named: Sequence[Mention] | None = None) -> Statement:
    """Build the statement of one date in one sentence; with several dates, its clause is its own.

    ``named`` are the entity mentions of the block (all of the article's when not given).
    """
    start, end = sentence
    clause = clause_span(block.text, start, end, mention.start) if several else sentence
    entities = tuple(m.entity_id for m in (article.mentions if named is None else named)
                     if m.anchor == block.anchor and clause[0] <= m.start and m.end <= clause[1])
    text = block.text[start:end].strip()
    vote = vote_kind(mention.value, date_cue(block.text, mention.start, mention.end), *now)
    return Statement(
        article=where[0], order=(*where, mention.start), value=mention.value, precision=mention.precision,
        anchor=block.anchor, sentence=text, clause=block.text[clause[0]:clause[1]].strip(),
        date_text=mention.text, relative=mention.relative, entities=entities,
        words=words_of(text) | {f"@{e}" for e in entities}, vote=vote)


def unique_values(mentions: Iterable[DateMention]) -> list[DateMention]:
    """Keep the first mention of each value (an absolute one over a relative one)."""
    chosen: dict[str, DateMention] = {}
    for mention in mentions:
        if mention.value not in chosen or (chosen[mention.value].relative and not mention.relative):
            chosen[mention.value] = mention
    return sorted(chosen.values(), key=lambda m: m.start)


# ---------------------------------------------------------------- merging


def rarity(statements: Sequence[Statement]) -> dict[str, float]:
    """Weight each word by how rare it is among all dated sentences of the digest (IDF)."""
    counts = Counter(chain.from_iterable(s.words for s in statements))
    total = len(statements) + 1
    return {word: math.log(total / count) + 0.1 for word, count in counts.items()}


def weight_of(words: Iterable[str], weight: Mapping[str, float]) -> float:
    """Sum the weights of ``words`` (0 for a word without one), in their order, looked up in C."""
    return sum(map(weight.get, words, repeat(0.0)))


def overlap(a: frozenset[str], b: frozenset[str], weight: Mapping[str, float]) -> float:
    """Share of the smaller word set's weight that the other set also holds."""
    if not a or not b:
        return 0.0
    shared = weight_of(a & b, weight)
    return shared / min(weight_of(a, weight), weight_of(b, weight))


@dataclass(frozen=True)
class Group:
    """The statements of one article about one date, with their words."""

    statements: tuple[Statement, ...]
    words: frozenset[str]
    main: bool  # the article reports the date as its own news
    weight: float = 0.0  # of its words, summed once (``overlap`` would sum it for every comparison)


def cluster_date(statements: Sequence[Statement], weight: Mapping[str, float]) -> list[list[Statement]]:
    """Merge the statements of one date: one group per article, then similar groups across articles.

    Single linkage, but a new group is compared with at most 2 * CLUSTER_SAMPLE members of each
    cluster, so that a date reported by thousands of articles stays near linear.
    """
    clusters: list[list[Group]] = []
    for group in article_groups(statements, weight):
        linked = [c for c in clusters if any(similar(group, member, weight) for member in sample(c))]
        merged = [member for c in linked for member in c] + [group]
        clusters = [c for c in clusters if not any(c is l for l in linked)] + [merged]
    return [sorted((s for g in c for s in g.statements), key=lambda s: s.order)
            for c in sorted(clusters, key=lambda c: min(g.statements[0].order for g in c))]


def article_groups(statements: Sequence[Statement], weight: Mapping[str, float]) -> list[Group]:
    """Gather the statements of each article, in article order."""
    by_article: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        by_article[statement.article].append(statement)
    groups = []
    for _, items in sorted(by_article.items()):
        words = frozenset().union(*(s.words for s in items))
        groups.append(Group(tuple(items), words, any(s.vote == "main" for s in items),
                            weight_of(words, weight)))
    return groups


def sample(cluster: Sequence[Group]) -> Sequence[Group]:
    """Return the members of a cluster a new group is compared with."""
    if len(cluster) <= 2 * CLUSTER_SAMPLE:
        return cluster
    return list(cluster[:CLUSTER_SAMPLE]) + list(cluster[-CLUSTER_SAMPLE:])


def similar(a: Group, b: Group, weight: Mapping[str, float]) -> bool:
    """Tell whether two articles' statements on one date report the same happening."""
    threshold = MERGE_THRESHOLD["main" if a.main and b.main else "other"]
    if not a.words or not b.words:
        return False  # overlap() is 0.0 then
    # overlap() with the sums of both groups' weights made once (the same sums, in the same order)
    shared = weight_of(a.words & b.words, weight)
    return shared / min(a.weight, b.weight) >= threshold


# ---------------------------------------------------------------- events


def build_events(articles: Sequence[Article], memo: Memo | None = None) -> tuple[Event, ...]:
    """Return the dated events of the digest, merged across articles, in chronological order.

    ``memo``, kept across the rebuilds of a preview, reads only edited articles again and merges
    again only the dates whose statements (or their words' weights) changed.
    """
    memo = memo if memo is not None else Memo()
    articles = resolve_digest_years(articles, memo, SECOND_PASS)
    context = digest_present(articles)
    per_article = tuple(memo.get(("statements", article.file), (article, context),
                                 lambda: tuple(statements_of(article, context)))  # noqa: B023
                        for article in articles)
    statements = [statement for found in per_article for statement in found]
    weight = memo.get("rarity", per_article, lambda: rarity(statements))
    # What an event shows of its sources' articles: an edit elsewhere in an article leaves it alone.
    cards = {article.file: memo.get(("event card", article.file), article, lambda: source_card(article))  # noqa: B023
             for article in articles}
    by_value: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        by_value[statement.value].append(statement)
    drafts = [draft for value, found in by_value.items()
              for draft in memo.get(("events", value), date_inputs(value, found, cards, weight, memo),
                                    lambda: date_events(found, cards, weight))]  # noqa: B023
    drafts.sort(key=lambda item: (item[0].date, -len(item[0].sources), item[1]))
    return number_events([event for event, _ in drafts], memo)


def date_inputs(value: str, statements: Sequence[Statement], cards: Mapping[str, tuple], weight: Mapping[str, float],
                memo: Memo) -> tuple:
    """What the events of one date depend on: its statements, their articles' ``source_card`` and
    their words' weights."""
    statements = tuple(statements)
    # The words are the same tuple, in the same order, as long as the statements are equal.
    words = memo.get(("date words", value), statements, lambda: tuple(frozenset().union(*(s.words for s in statements))))
    return statements, tuple(cards[s.article] for s in statements), words, tuple(map(weight.__getitem__, words))


def source_card(article: Article) -> tuple:
    """What ``make_event`` reads of an article."""
    return article.slug, article.meta.outlet.value, article.meta.title.value


def date_events(statements: Sequence[Statement], cards: Mapping[str, tuple],
                weight: Mapping[str, float]) -> list[tuple[Event, tuple[str, int, int]]]:
    """Merge the statements of one date into events (see ``make_event``)."""
    return [make_event(cluster, cards, weight) for cluster in cluster_date(statements, weight)]


def digest_present(articles: Sequence[Article]) -> dt.date | None:
    """Return the median own date of the digest's articles (the "now" of undated ones)."""
    known = sorted(d for d in map(present_of, articles) if d)
    return median_low(known) if known else None


def make_event(cluster: Sequence[Statement], cards: Mapping[str, tuple],
               weight: Mapping[str, float]) -> tuple[Event, tuple[str, int, int]]:
    """Turn a cluster of statements into an event (without its final id) and its first position;
    ``cards`` are the ``source_card`` of the digest's articles, by file."""
    first = cluster[0]
    kind = event_kind(cluster)
    best = representative(cluster, kind, weight)
    sources, seen = [], set()
    for statement in cluster:
        if statement.article not in seen:
            seen.add(statement.article)
            slug, outlet, title = cards[statement.article]
            sources.append(EventSource(slug, statement.anchor, outlet, str(title or slug), statement.sentence))
    entities = Counter(e for s in cluster for e in dict.fromkeys(s.entities))
    event = Event(
        id=first.value, date=first.value, precision=first.precision, kind=kind,
        summary=summarise(best.clause, best.date_text), sources=tuple(sources),
        entity_ids=tuple(sorted(entities, key=lambda e: (-entities[e], e))),
    )
    return event, first.order


def event_kind(cluster: Sequence[Statement]) -> str:
    """Main if any article reports it as its own news, else announced, else background.

    With no date to compare to at all (a digest of undated articles), an uncued date is main.
    """
    votes = {s.vote for s in cluster}
    return next((kind for kind in KIND_ORDER if kind in votes), "main")


def representative(cluster: Sequence[Statement], kind: str, weight: Mapping[str, float]) -> Statement:
    """Pick the statement that best summarises the cluster: of its kind, stated, central, short."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for statement in cluster:
        by_article[statement.article] |= statement.words
    spread = Counter(w for words in by_article.values() for w in words)  # articles using each word

    def score(s: Statement):
        total = weight_of(s.words, weight) or 1.0
        central = sum(weight.get(w, 0.0) * (spread[w] - 1) for w in s.words) / total
        return (s.vote == kind, not s.relative, s.clause == s.sentence, round(central, 3), -len(s.clause))

    return max(cluster, key=score)


def number_events(events: Sequence[Event], memo: Memo | None = None) -> tuple[Event, ...]:
    """Give each event its anchor: the date itself, then "<date>-2", "<date>-3" for later ones.

    Below day precision the number reads "-n2": "2025-02-10" would be the tenth event of
    February 2025 and the day of 10 February at once.
    """
    memo = memo if memo is not None else Memo()
    seen: Counter = Counter()
    numbered = []
    for event in events:
        seen[event.date] += 1
        number = seen[event.date]
        anchor = event.date if number == 1 else f"{event.date}-{'' if event.precision == 'day' else 'n'}{number}"
        numbered.append(event if event.id == anchor else memo.get(
            ("event id", anchor), (event,), lambda: replace(event, id=anchor)))  # noqa: B023
    return tuple(numbered)


def undated_articles(articles: Sequence[Article], memo: Memo | None = None) -> tuple[Article, ...]:
    """Return the articles whose story date is unknown (after the digest-wide year resolution);
    given the memo of ``build_events``, the resolution is the one the events were built from."""
    return tuple(a for a in resolve_digest_years(articles, memo, SECOND_PASS) if not a.meta.story_date.known)
