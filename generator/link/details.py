"""Details that outlets give differently for the same event: durations, counts and places."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Mapping, Sequence

from ..annotate.date_patterns import vocabulary as date_vocabulary, words as phrase_pattern
from ..core.knowledge import load_data
from ..core.memo import Memo
from ..core.models import Article, Block, Event, EventSource, Mention
from .columns import Column, reporters
from .digest import Digest
from .events import sentence_spans

DETAIL_KINDS = ("duration", "count", "place")
THOUSANDS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
YEAR = re.compile(r"1[89]\d\d|2[01]\d\d")


@dataclass(frozen=True)
class DetailWords:
    """The word lists of ``data/details.yml`` and the one pattern built from them."""

    pattern: re.Pattern
    token: re.Pattern
    numbers: Mapping[str, float]
    teens: frozenset[str]
    scales: Mapping[str, float]
    fractions: Mapping[str, float]
    articles: frozenset[str]
    minutes: Mapping[str, float]
    families: Mapping[str, str]
    one_units: Mapping[str, str]
    count_units: Mapping[str, str]
    not_units: frozenset[str]
    prepositions: Mapping[str, str]  # preposition -> the role of the place: "at" or "to"
    following: int


def alternation(words) -> str:
    """Join words into one regex, as a prefix tree (a longer word wins); a space matches any spaces.

    A plain alternation made ``re`` try every number word at every word start: the detail search
    was the slowest part of the coverage page.
    """
    return phrase_pattern(str(word) for word in words)


@lru_cache(maxsize=1)
def detail_words() -> DetailWords:
    """Load the detail word lists once and compile the detail pattern."""
    data = load_data("details.yml")
    lower = lambda mapping: {str(k).lower(): v for k, v in mapping.items()}  # noqa: E731
    numbers, scales, fractions = lower(data["numbers"]), lower(data["scales"]), lower(data["fractions"])
    durations = {family: lower(units) for family, units in data["durations"].items()}
    minutes = {unit: float(value) for units in durations.values() for unit, value in units.items()}
    token = rf"(?:\d+(?:[.,]\d+)*|(?:{alternation([*numbers, *scales, *fractions, *data['teens'], *data['articles']])})\b)"
    pattern = re.compile(
        rf"(?<![\w.,-])(?:(?P<qualifier>{alternation(data['qualifiers'])})\s+)?"
        rf"(?:(?P<one>{alternation(data['one_unit_words'])})\b"
        rf"|(?P<number>{token}(?:[\s-]+{token})*)(?:\s*-\s*|\s+|(?=%))(?P<unit>%|[^\W\d_]+)"
        rf"(?:\s+(?P<suffix>{alternation(fractions)})\b)?)",
        re.IGNORECASE)
    return DetailWords(
        pattern=pattern, token=re.compile(token, re.IGNORECASE), numbers=numbers,
        teens=frozenset(w.lower() for w in data["teens"]), scales=scales, fractions=fractions,
        articles=frozenset(w.lower() for w in data["articles"]), minutes=minutes,
        families={unit: family for family, units in durations.items() for unit in units},
        one_units=lower(data["one_unit_words"]),
        count_units={str(w).lower(): key for key, words in data["count_units"].items() for w in words},
        not_units=frozenset(str(w).lower() for w in data["not_units"]),
        prepositions={str(word).lower(): role for role, items in data["place_prepositions"].items()
                      for word in items},
        following=int(data["following_paragraphs"]),
    )


@dataclass(frozen=True)
class Detail:
    """A duration, count or place one article gives for an event."""

    kind: str  # one of DETAIL_KINDS
    key: str  # duration family ("hours", "days", "years"), counted noun, or place role ("at", "to")
    value: float | str  # minutes, a number, or a place entity id
    text: str  # the phrase as the article writes it
    slug: str
    anchor: str


@dataclass(frozen=True)
class DetailRow:
    """One kind of detail of an event that outlets give with different values."""

    kind: str
    key: str
    cells: Mapping[str, tuple[Detail, ...]]  # column key -> what that outlet gives


@dataclass(frozen=True)
class EventDetails:
    event: Event
    columns: tuple[str, ...]  # the columns that give one of the details, in column order
    rows: tuple[DetailRow, ...]


def digits_value(text: str) -> float:
    """Read "3.000" and "3,000" as thousands, "1,5" and "1.5" as decimals."""
    if THOUSANDS.fullmatch(text):
        return float(re.sub(r"[.,]", "", text))
    last = max(text.rfind("."), text.rfind(","))
    if last < 0:
        return float(text)
    return float(re.sub(r"[.,]", "", text[:last]) + "." + text[last + 1:])


def number_value(tokens: Sequence[str], words: DetailWords) -> float:
    """Add up a run of number tokens: "dua puluh lima" = 25, "satu setengah" = 1.5, "3 juta" = 3e6."""
    total, group, last = 0.0, 0.0, 0.0
    if any(token[0].isdigit() for token in tokens):  # "a 90-minute call": the article is no number
        tokens = [token for token in tokens if token.lower() not in words.articles]
    for token in (t.lower() for t in tokens):
        scale = words.scales.get(token)
        if token[0].isdigit() or token in words.numbers or token in words.articles:
            last = digits_value(token) if token[0].isdigit() else words.numbers.get(token, 1.0)
            group += last
        elif token in words.teens:
            group += 10
        elif token in words.fractions:
            group += words.fractions[token]
        elif scale and scale >= 1000:
            total, group, last = total + (group or 1.0) * scale, 0.0, 0.0
        elif scale:
            group, last = group - last + (last or 1.0) * scale, 0.0
    return total + group


def measure(match: re.Match, words: DetailWords) -> tuple[str, str, float] | None:
    """Return (kind, key, value) of a number phrase and its unit, or None when it is no detail."""
    if match.group("one"):
        unit = words.one_units[match.group("one").lower()]
        return "duration", words.families[unit], words.minutes[unit]
    tokens = [" ".join(t.split()).lower() for t in words.token.findall(match.group("number"))]
    unit = match.group("unit").lower()
    value = number_value(tokens, words)
    if unit in words.minutes:
        extra = words.fractions.get(" ".join((match.group("suffix") or "").lower().split()), 0.0)
        return "duration", words.families[unit], round((value + extra) * words.minutes[unit], 2)
    if all(t in words.articles for t in tokens) or unit in words.not_units or is_date_word(unit):
        return None
    if YEAR.fullmatch(match.group("number")) and unit not in words.count_units:
        return None
    return "count", words.count_units.get(unit, unit), round(value, 2)


def is_date_word(word: str) -> bool:
    """Tell whether a word is a month or weekday name ("12 Februari" is a date, not a count)."""
    vocab = date_vocabulary()
    return word in vocab.months or word in vocab.weekdays


@dataclass(frozen=True)
class ArticleText:
    """One article's lookups for the detail search, by block anchor: built once, not per event."""

    article: Article
    position: Mapping[str, int]  # block anchor -> index in article.blocks
    dated: Mapping[str, tuple[tuple[int, int, str | None], ...]]  # spans and values of date expressions
    places: Mapping[str, tuple[Mention, ...]]  # mentions of place entities


def article_text(digest: Digest, article: Article) -> ArticleText:
    """Index the blocks, date expressions and place mentions of an article by block anchor."""
    position: dict[str, int] = {}
    for index, block in enumerate(article.blocks):
        position.setdefault(block.anchor, index)
    dated: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    for mention in article.dates:
        dated[mention.anchor].append((mention.start, mention.end, mention.value))
    places: dict[str, list[Mention]] = defaultdict(list)
    for mention in article.mentions:
        entity = digest.entities.get(mention.entity_id)
        if entity is not None and entity.type == "place":
            places[mention.anchor].append(mention)
    return ArticleText(article, position, {anchor: tuple(spans) for anchor, spans in dated.items()},
                       {anchor: tuple(found) for anchor, found in places.items()})


class DetailSearch:
    """Find the details of the sentences events reach, each sentence once.

    An article's events reach overlapping runs of sentences (an event's sentence and the ones after
    it), and one article reports many events: splitting and scanning them again for every event was
    most of the cost of the coverage page on a large digest. Across rebuilds (``memo``) each source
    of an unchanged article keeps its details: an edited article is a source of events that many
    other articles report too.
    """

    def __init__(self, digest: Digest, memo: Memo | None = None):
        self.digest = digest
        self.memo = memo if memo is not None else Memo()
        self.texts: dict[str, ArticleText] = {}

    def source_details(self, event: Event, source: EventSource) -> tuple[Detail, ...]:
        """Return the details one article gives in the sentences about an event."""
        article = self.digest.by_slug[source.slug]
        return self.memo.get(("coverage source details", event.date, article.file, source.anchor), (article, source),
                             lambda: self.search_source(source, event.date))

    def search_source(self, source: EventSource, date: str) -> tuple[Detail, ...]:
        """Search the sentences of a source about the event of ``date`` (see ``source_details``)."""
        text = self.text(source.slug)
        return tuple([detail for block, start, end in self.event_reach(text, source, date)
                      for detail in self.span_details(text, block, start, end)])

    def text(self, slug: str) -> ArticleText:
        if slug not in self.texts:
            self.texts[slug] = article_text(self.digest, self.digest.by_slug[slug])
        return self.texts[slug]

    def event_reach(self, text: ArticleText, source: EventSource, date: str) -> list[tuple[Block, int, int]]:
        """Return the event's sentence and the sentences after it, up to one about another date."""
        index = text.position.get(source.anchor)
        if index is None:
            return []
        block = text.article.blocks[index]
        start = block.text.find(source.sentence)
        if start < 0:
            return [(block, 0, len(block.text))]
        end = start + len(source.sentence)
        spans = [(block, start, end)]
        for block, s, e in self.sentences_after(text, index, end):
            if any(s <= at < e and value != date for at, _, value in text.dated.get(block.anchor, ())):
                break
            spans.append((block, s, e))
        return spans

    def sentences_after(self, text: ArticleText, index: int, offset: int) -> Iterator[tuple[Block, int, int]]:
        """Yield the sentences after ``offset`` in block ``index``, then those of the next paragraphs."""
        for step, block in enumerate(text.article.blocks[index:index + 1 + detail_words().following]):
            if step and block.kind == "heading":
                return
            for start, end in sentence_spans(block.text):  # cached by text
                if step or start >= offset:
                    yield block, start, end

    def span_details(self, text: ArticleText, block: Block, start: int, end: int) -> tuple[Detail, ...]:
        """Find the details of one sentence (``find_details`` remembers each sentence it read)."""
        return find_details(text.article.slug, block.anchor, block.text, (start, end),
                            text.dated.get(block.anchor, ()), text.places.get(block.anchor, ()))


@lru_cache(maxsize=1 << 16)
def find_details(slug: str, anchor: str, text: str, span: tuple[int, int],
                 dated: tuple[tuple[int, int, str | None], ...], places: tuple[Mention, ...]) -> tuple[Detail, ...]:
    """Find the durations, counts and places of one span of a block, outside its date expressions.

    Cached by everything it reads: a preview rebuild searches only the edited article again.
    """
    words = detail_words()
    dates = [(start, end) for start, end, _ in dated]
    found = []
    for match in words.pattern.finditer(text, *span):
        measured = None if overlaps(match.span(), dates) else measure(match, words)
        if measured:
            found.append(Detail(*measured, match.group().strip(), slug, anchor))
    return tuple(found) + find_places(slug, anchor, text, span, places)


def overlaps(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    """Tell whether a span overlaps any of ``others``."""
    return any(start < span[1] and span[0] < end for start, end in others)


def find_places(slug: str, anchor: str, text: str, span: tuple[int, int],
                places: Sequence[Mention]) -> tuple[Detail, ...]:
    """Find the known places of a span named with a locative preposition ("di Moskow", "in Geneva")."""
    found = []
    for mention in places:
        if span[0] <= mention.start and mention.end <= span[1]:
            preposition = preposition_before(text, mention.start)
            if preposition:
                role = detail_words().prepositions[preposition.lower()]
                found.append(Detail("place", role, mention.entity_id, f"{preposition} {mention.text}", slug, anchor))
    return tuple(found)


def preposition_before(text: str, start: int) -> str | None:
    """Return the place preposition right before ``start``, as written, or None."""
    head = text[max(0, start - 20):start]
    if not head[-1:].isspace() or not head.split():
        return None
    word = head.split()[-1]
    return word if word.lower() in detail_words().prepositions else None


def differing_details(digest: Digest, events: Sequence[Event], columns: Sequence[Column],
                      column_of: Mapping[str, str], memo: Memo | None = None) -> tuple[EventDetails, ...]:
    """Per event reported by two or more outlets, the details whose values differ between them.

    An event keeps the details of the last build while it, the articles of its sources, their
    columns and the column order are the same: the detail search is most of the cost of the pages.
    """
    memo = memo if memo is not None else Memo()
    search = DetailSearch(digest, memo)
    keys = tuple(column.key for column in columns)
    found = []
    for event in events:
        reporting = reporters(event, column_of)
        if len(set(reporting)) < 2:
            continue
        inputs = (event, tuple(digest.by_slug[source.slug] for source in event.sources), reporting, keys)
        details = memo.get(("coverage details", event.id), inputs,
                           lambda: event_details(search, event, keys, column_of))  # noqa: B023
        if details:
            found.append(details)
    return tuple(found)


def event_details(search: DetailSearch, event: Event, keys: Sequence[str],
                  column_of: Mapping[str, str]) -> EventDetails | None:
    """Return the details of one event that differ between outlets, or None when none do."""
    details = [detail for source in event.sources for detail in search.source_details(event, source)]
    rows = detail_rows(details, column_of)
    if not rows:
        return None
    used = {key for row in rows for key in row.cells}
    return EventDetails(event, tuple(key for key in keys if key in used), rows)


def detail_rows(details: Sequence[Detail], column_of: Mapping[str, str]) -> tuple[DetailRow, ...]:
    """Group details by kind and key; keep those two or more outlets give with different values."""
    grouped: dict[tuple[str, str], dict[str, list[Detail]]] = defaultdict(lambda: defaultdict(list))
    for detail in details:
        grouped[(detail.kind, detail.key)][column_of[detail.slug]].append(detail)
    rows = []
    for (kind, key), by_column in sorted(grouped.items(), key=lambda kv: (DETAIL_KINDS.index(kv[0][0]), kv[0][1])):
        values = {frozenset(detail.value for detail in found) for found in by_column.values()}
        if len(by_column) >= 2 and len(values) > 1:
            rows.append(DetailRow(kind, key, {column: tuple(found) for column, found in by_column.items()}))
    return tuple(rows)
