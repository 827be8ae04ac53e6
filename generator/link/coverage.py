"""Coverage comparison: how each outlet told the same story.

The analysis groups first (by outlet, event, quote cluster and speaker) and never compares the
articles of the digest pairwise: a matrix of main events by outlet, the events only one outlet
reports, the wordings of each quote cluster diffed word by word against one reference wording,
statements per speaker per outlet, the sources each article relies on, and the reported details
(durations, counts, places) that differ between outlets for the same event. ``coverage_pages``
turns the result into the coverage page, the outlet index and one page per outlet.

No page grows with the digest: past ``page_rows`` entries the sections about events (matrix,
single-outlet reports, quote comparisons, article sourcing, details) move to one page per month,
and coverage.md keeps what depends on the number of outlets only (speakers, sourcing per outlet)
with the list of months; cells and per-outlet lists show their first few links and count the rest.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Callable, Iterator, Mapping, Sequence

from ..annotate.dates import vocabulary as date_vocabulary
from ..annotate.dates import words as phrase_pattern
from ..core.knowledge import load_data
from ..core.memo import Memo
from ..core.models import Article, Block, Event, EventSource, Mention, Outlet, Quote
from ..render.escape import Markdown, escape_attribute, escape_markdown, front_matter, markdown_link
from .digest import Digest, article_date, slugify
from .events import sentence_spans
from .paging import UNDATED, Part, neighbours, paged, period_nav

if TYPE_CHECKING:
    from ..render.pages import Site

UNKNOWN_PREFIX = "?"  # column key of an article without an outlet: "?<slug>"; "?" alone when they share one
MAX_UNKNOWN_COLUMNS = 3  # articles without an outlet that get a column each; more share one
RESERVED_IDS = frozenset({"index"})  # outlets/index.md is the outlet index
MAX_SPEAKERS = 12  # rows of the speaker table of the coverage page
MAX_OUTLET_SPEAKERS = 8
MAX_OUTLET_ARTICLES = 20  # the newest articles an outlet page lists; the rest are on the coverage pages
MAX_OUTLET_EVENTS = 20  # the latest main events (and events only it reports) an outlet page lists
MAX_SOURCES = 10  # sources named in one cell or list, most used first
# A background event can be reported by hundreds of articles, and the same quote or detail repeated
# by as many: links of one cell are capped (the rest counted) so that no row grows with the digest.
MAX_CELL_LINKS = 5  # paragraph links of one matrix, detail or wording cell
MAX_EVENT_SOURCES = 10  # paragraph links of one event reported by one outlet only
MAX_WORDINGS = 8  # wordings of one quote compared with its reference
MAX_RELIED_ON = 40  # rows of the "relied on by" table of the outlet index
# Articles of a period page's sourcing table: above a month's usual count, it bounds the page of
# the undated articles, whose number grows with the digest (each article's card shows its sources).
MAX_SOURCING_ROWS = 300
BAR_STEPS = 10  # bar widths are classes dg-w0 .. dg-w10 (no inline style)
MAX_HEADER_TITLE = 32
MIN_CUT_WORDS = 3  # reference words missing at an edge of a wording that make it a partial quote
DETAIL_KINDS = ("duration", "count", "place")
TOKEN = re.compile(r"\S+")
EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
THOUSANDS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
YEAR = re.compile(r"1[89]\d\d|2[01]\d\d")


# ---------------------------------------------------------------- outlets


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


def reporters(event: Event, column_of: Mapping[str, str]) -> tuple[str, ...]:
    """Return the column of each source of an event, in source order."""
    return tuple(column_of[source.slug] for source in event.sources)


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


# ---------------------------------------------------------------- quotes


@dataclass(frozen=True)
class Piece:
    """A run of words of a wording compared with the reference wording."""

    kind: str  # "equal" | "insert" (added) | "delete" (dropped) | "cut" (left out of a partial quote)
    text: str


@dataclass(frozen=True)
class Use:
    """Where one article quotes a wording."""

    slug: str
    index: int  # of the quote in the article
    column: str


@dataclass(frozen=True)
class Wording:
    """One wording of a quote (shared by every article that uses it word for word), as pieces
    against the reference wording of its cluster."""

    text: str
    pieces: tuple[Piece, ...]
    similarity: float  # 0..1, word level
    uses: tuple[Use, ...]


@dataclass(frozen=True)
class Comparison:
    """The wordings of one quote cluster reported by two or more outlets."""

    cluster: str
    speaker_id: str | None
    speaker_name: str | None
    reference: Wording
    others: tuple[Wording, ...]


def compare_quotes(digest: Digest, column_of: Mapping[str, str], memo: Memo | None = None) -> tuple[Comparison, ...]:
    """Compare the wordings of every quote cluster that two or more outlets report (a cluster whose
    quotes, articles and their columns are those of the last build keeps its comparison)."""
    memo = memo if memo is not None else Memo()
    found = []
    for cluster, refs in digest.clusters.items():
        quoting = tuple(column_of[slug] for slug, _ in refs)
        if len(set(quoting)) >= 2:
            inputs = (refs, tuple(digest.by_slug[slug] for slug, _ in refs), quoting)
            found.append(memo.get(("coverage quotes", cluster), inputs,
                                  lambda: compare_cluster(digest, cluster, refs, column_of)))  # noqa: B023
    return tuple(sorted(found, key=lambda c: (-len(c.others), c.cluster)))


def compare_cluster(digest: Digest, cluster: str, refs: Sequence[tuple[str, int]],
                    column_of: Mapping[str, str]) -> Comparison:
    """Diff every distinct wording of a cluster against its longest one (the most complete quote)."""
    uses: dict[tuple[str, ...], list[Use]] = {}
    texts: dict[tuple[str, ...], str] = {}
    for slug, index in refs:
        text = digest.by_slug[slug].quotes[index].text
        key = tuple(word_key(token) for token in TOKEN.findall(text))
        uses.setdefault(key, []).append(Use(slug, index, column_of[slug]))
        texts.setdefault(key, text)
    longest = max(uses, key=len)
    base = TOKEN.findall(texts[longest])
    reference = Wording(texts[longest], (Piece("equal", " ".join(base)),), 1.0, tuple(uses[longest]))
    others = tuple(Wording(texts[key], *diff_words(base, TOKEN.findall(texts[key])), tuple(uses[key]))
                   for key in uses if key != longest)
    speaker_id, speaker_name = cluster_speaker([digest.by_slug[slug].quotes[index] for slug, index in refs])
    return Comparison(cluster, speaker_id, speaker_name, reference, others)


def cluster_speaker(quotes: Sequence[Quote]) -> tuple[str | None, str | None]:
    """Return the speaker most of the wordings name (id and name)."""
    ids = Counter(quote.speaker_id for quote in quotes if quote.speaker_id)
    if ids:
        speaker = ids.most_common(1)[0][0]
        return speaker, next(q.speaker_name for q in quotes if q.speaker_id == speaker)
    return None, next((q.speaker_name for q in quotes if q.speaker_name), None)


def word_key(token: str) -> str:
    """Compare words without case and edge punctuation ("Segera," = "segera")."""
    return EDGE_PUNCTUATION.sub("", token.casefold()) or token


def diff_words(base: Sequence[str], tokens: Sequence[str]) -> tuple[tuple[Piece, ...], float]:
    """Diff a wording against the reference word by word; return its pieces and similarity."""
    matcher = difflib.SequenceMatcher(None, [word_key(t) for t in base], [word_key(t) for t in tokens],
                                      autojunk=False)
    pieces = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            pieces.append(Piece("delete", " ".join(base[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("insert", " ".join(tokens[b1:b2])))
        if op == "equal":
            pieces.append(Piece("equal", " ".join(tokens[b1:b2])))
    return mark_cuts(pieces), round(matcher.ratio(), 2)


def mark_cuts(pieces: Sequence[Piece]) -> tuple[Piece, ...]:
    """A partial quote leaves out the start or end of the reference: that is "not quoted", not "dropped".

    A word or two missing at an edge is more likely a rewording ("Jelas ada" / "Ada ... yang jelas").
    """
    pieces = list(pieces)
    if len(pieces) > 1 and is_cut(pieces[0]) and pieces[1].kind != "insert":
        pieces[0] = Piece("cut", pieces[0].text)
    if len(pieces) > 1 and is_cut(pieces[-1]):
        pieces[-1] = Piece("cut", pieces[-1].text)
    return tuple(pieces)


def is_cut(piece: Piece) -> bool:
    """Tell whether dropped words at an edge are long enough to be a partial quote."""
    return piece.kind == "delete" and len(piece.text.split()) >= MIN_CUT_WORDS


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


# ---------------------------------------------------------------- details


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


def build_coverage(digest: Digest, memo: Memo | None = None) -> Coverage:
    """Compare how the outlets of the digest report its events, quotes and details.

    ``memo``, kept by the caller between rebuilds, reuses the parts of the last comparison whose
    inputs are equal; what is kept comes out as the very same objects, so that the pages built
    from them recognise it at the cost of an identity check.
    """
    memo = memo if memo is not None else Memo()
    lookup = outlet_lookup(digest.outlets)
    found = find_columns(digest, lookup)
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


# ---------------------------------------------------------------- pages


@dataclass(frozen=True)
class View:
    """Markdown helpers of one coverage page: every text from articles is escaped here."""

    site: Site
    coverage: Coverage
    page: str
    split: bool = False  # the event sections are on period pages

    @property
    def L(self) -> dict:
        return self.site.labels

    def to(self, target: str) -> str:
        """Return the relative link from this page to ``target``."""
        return self.site.link(self.page, target)

    def column(self, key: str) -> Column:
        return self.coverage.by_key[key]

    def column_label(self, column: Column) -> Markdown:
        """Name a column: its outlet page link, or "unknown outlet" with the article title (or count)."""
        if column.page:
            return markdown_link(column.name, self.to(column.page))
        if column.shared:
            return Markdown(f'<span class="dg-unknown-outlet">{escape_markdown(self.L["coverage_unknown_outlet"])}'
                            f"</span> ({len(column.slugs)})")
        article = self.site.digest.by_slug[column.slugs[0]]
        title = str(article.meta.title.value or article.slug)
        short = title if len(title) <= MAX_HEADER_TITLE else title[:MAX_HEADER_TITLE].rsplit(" ", 1)[0] + " …"
        return (Markdown(f'<span class="dg-unknown-outlet">{escape_markdown(self.L["coverage_unknown_outlet"])}'
                         "</span>: ") + markdown_link(short, self.to(f"articles/{article.slug}.md"), title))

    def cell(self, cells: Sequence[Cell], event: Event) -> Markdown:
        """Link each paragraph where the outlet reports the event, or say it does not report it."""
        if not cells:
            return self.not_reported()
        links = [self.paragraph_link(cell.slug, cell.anchor, cell.title) for cell in cells[:MAX_CELL_LINKS]]
        return self.capped(links, len(cells), event)

    def capped(self, shown: Sequence[str], total: int, event: Event | None = None, separator: str = " ") -> Markdown:
        """Join the links a cell shows, and count the ones it leaves out ("+12"): linked to the event's
        timeline entry, which lists them all, when they are the event's sources."""
        rest = total - len(shown)
        if rest > 0:
            hint = self.L["coverage_more"].format(count=rest)
            shown = [*shown, markdown_link(f"+{rest}", self.to(self.timeline_target(event)), hint) if event
                     else Markdown(f'<span title="{escape_attribute(hint)}">+{rest}</span>')]
        return Markdown(separator.join(shown))

    def timeline_target(self, event: Event) -> str:
        return self.site.digest.timeline_pages.target(event.date, event.id)

    def paragraph_link(self, slug: str, anchor: str, title: str) -> Markdown:
        """Link one paragraph of an article as "¶3"."""
        number = anchor[1:] if anchor[:1] == "p" and anchor[1:].isdigit() else anchor
        hint = f"{title} — {self.L['coverage_paragraph']} {number}"
        return markdown_link(f"¶{number}", self.to(f"articles/{slug}.md#{anchor}"), hint)

    def not_reported(self) -> Markdown:
        """A dash that says "does not report" to every reader."""
        label = self.L["coverage_not_reported"]
        return Markdown(f'<span class="dg-none" title="{escape_attribute(label)}"><span aria-hidden="true">—'
                        f'</span><span class="dg-sr">{escape_markdown(label)}</span></span>')

    def event(self, event: Event) -> Markdown:
        """Return the event's date linked to the timeline, and its summary."""
        date = markdown_link(self.site.date(event.date, event.precision), self.to(self.timeline_target(event)))
        return date + Markdown(" ") + escape_markdown(event.summary)

    def event_sources(self, event: Event) -> Markdown:
        """Link the paragraphs that report an event."""
        links = [self.paragraph_link(s.slug, s.anchor, s.title) for s in event.sources[:MAX_EVENT_SOURCES]]
        return self.capped(links, len(event.sources), event)

    def speaker(self, speaker_id: str | None, speaker_name: str | None) -> Markdown:
        """Name a speaker, linked to the entity page when known."""
        entity = self.site.digest.entities.get(speaker_id or "")
        if entity:
            return markdown_link(entity.name, self.to(f"entities/{entity.id}.md"), entity.description or None)
        return escape_markdown(speaker_name or self.L["unknown_speaker"])

    def wording(self, wording: Wording) -> Markdown:
        """Render a wording with its added, dropped and unquoted words marked."""
        return Markdown(" ".join(self.piece(piece) for piece in wording.pieces))

    def piece(self, piece: Piece) -> str:
        text = escape_markdown(piece.text)
        if piece.kind == "insert":
            return f'<ins title="{escape_attribute(self.L["coverage_added"])}">{text}</ins>'
        if piece.kind == "delete":
            return f'<del title="{escape_attribute(self.L["coverage_dropped"])}">{text}</del>'
        if piece.kind == "cut":
            hint = f'{self.L["coverage_cut"]}: {piece.text}'
            return f'<span class="dg-cut" title="{escape_attribute(hint)}">…</span>'
        return text

    def quote_sources(self, wording: Wording) -> Markdown:
        """Name the outlets that use a wording and link the paragraphs that hold it."""
        shown = [self.quote_source(use) for use in wording.uses[:MAX_CELL_LINKS]]
        return self.capped(shown, len(wording.uses), separator=" · ")

    def quote_source(self, use: Use) -> Markdown:
        """Name the outlet of one use of a wording and link its paragraph."""
        article = self.site.digest.by_slug[use.slug]
        column = self.column(use.column)
        name = self.column_label(column) if column.page else escape_markdown(self.L["coverage_unknown_outlet"])
        return name + Markdown(" ") + self.paragraph_link(article.slug, article.quotes[use.index].anchor,
                                                          str(article.meta.title.value or article.slug))

    def bar(self, count: int, most: int) -> Markdown:
        """Render a count with a CSS bar scaled to ``most`` (no inline style, no script)."""
        if not count:
            return Markdown('<span class="dg-zero">0</span>')
        step = max(1, round(BAR_STEPS * count / max(most, 1)))
        return Markdown(f'<span class="dg-bar dg-w{step}" aria-hidden="true"></span> {count}')

    def source_name(self, name: str) -> Markdown:
        """Name a source: linked to its outlet page when it has articles here, marked when an agency."""
        column = self.coverage.column_named(name)
        text = markdown_link(name, self.to(column.page)) if column and column.page else escape_markdown(name)
        outlet = self.coverage.lookup.get(name.casefold())
        if outlet and outlet.agency:
            label = escape_markdown(self.L["outlets_agency"])
            text += Markdown(f' <span class="dg-agency" title="{escape_attribute(self.L["outlets_agency"])}">'
                             f"{label}</span>")
        return text

    def sources(self, names: Sequence[str]) -> Markdown:
        """Name several sources (the first MAX_SOURCES), or show a dash."""
        if not names:
            return Markdown("—")
        shown = Markdown(", ".join(self.source_name(n) for n in names[:MAX_SOURCES]))
        return shown + self.rest(len(names) - MAX_SOURCES)

    def ranked(self, counts: Sequence[tuple[str, int]]) -> Markdown:
        """Name the most used sources with their article counts, or show a dash."""
        if not counts:
            return Markdown("—")
        shown = Markdown(", ".join(f"{self.source_name(name)} ({count})" for name, count in counts[:MAX_SOURCES]))
        return shown + self.rest(len(counts) - MAX_SOURCES)

    def rest(self, count: int) -> Markdown:
        """Say how many more a capped list holds ("and 3 more"), or nothing."""
        return Markdown(" " + escape_markdown(self.L["coverage_more"].format(count=count)) if count > 0 else "")

    def more(self, count: int, anchor: str) -> Markdown:
        """Link what a capped list leaves out: to its section of the coverage page, or its periods."""
        target = "coverage.md#periods" if self.split else f"coverage.md#{anchor}"
        return markdown_link(self.L["coverage_more"].format(count=count), self.to(target))

    def period_label(self, key: str) -> str:
        """Name a period: "Februari 2025", "2025", or "undated"."""
        if key == UNDATED:
            return self.L["no_date"]
        return self.site.date(key, "month" if len(key) > 4 else "year")

    def period_nav(self, before: Period | None, after: Period | None) -> Markdown:
        """Link the previous period, the list of periods and the next period."""
        overview = markdown_link(self.L["coverage_periods"], self.to("coverage.md#periods"))
        return period_nav(before, after, overview, self.period_label, self.to)

    def article_link(self, slug: str) -> Markdown:
        article = self.site.digest.by_slug[slug]
        return markdown_link(article.meta.title.value or slug, self.to(f"articles/{slug}.md"))

    def detail_label(self, row: DetailRow) -> str:
        """Name a kind of detail ("Durasi", "Tujuan"); the phrases in the cells show the counted noun."""
        kinds = self.L["coverage_detail_kinds"]
        return kinds.get(f"{row.kind}_{row.key}", kinds[row.kind])

    def details(self, found: Sequence[Detail]) -> Markdown:
        """Quote the phrases an outlet gives for a detail, each linked to its paragraph."""
        if not found:
            return self.not_reported()
        shown = [f"“{escape_markdown(d.text)}” " + self.paragraph_link(
            d.slug, d.anchor, str(self.site.digest.by_slug[d.slug].meta.title.value or d.slug))
            for d in found[:MAX_CELL_LINKS]]
        return self.capped(shown, len(found), separator="; ")


def coverage_pages(site: Site, render: Callable[..., str]) -> list[tuple[str, str]]:
    """Render the coverage page (and its period pages when the digest is large), the outlet index
    and one page per known outlet.

    A preview rebuild renders a page again only when what it shows changed (see ``shared_inputs``
    and the other ``*_inputs`` functions): an edited seed usually touches one period page at most.
    """
    digest = site.digest
    coverage = build_coverage(digest, site.memo.texts)
    periods = split_periods(digest, coverage)
    summaries = outlet_summaries(digest, coverage)
    relied_on = cited_by(coverage)
    shared = site.memo.texts.same(("coverage", "shared inputs"), shared_inputs(digest, coverage, bool(periods)))

    def page(path: str, inputs: tuple, render_page: Callable[[View], str]) -> tuple[str, str]:
        """Return a page: the last build's text while its inputs are the same, else rendered."""
        view = View(site, coverage, path, split=bool(periods))
        return path, site.memo.page(path, (shared, inputs), lambda: render_page(view))

    pages = [page("coverage.md", overview_inputs(digest, coverage, periods, summaries),
                  lambda view: render_overview(site, coverage, periods, summaries, view, render))]
    pages += [page(period.path, (key_of(before), key_of(after), sections_inputs(digest, period)),
                   lambda view: render_period(site, before, period, after, view, render))  # noqa: B023
              for before, period, after in neighbours(periods)]
    pages.append(page("outlets/index.md", index_inputs(coverage, summaries, relied_on),
                      lambda view: render_index(site, coverage, summaries, relied_on, view, render)))
    pages += [page(column.page, outlet_inputs(coverage, summaries[column.key]),
                   lambda view: render_outlet(site, coverage, summaries[column.key], view, render))  # noqa: B023
              for column in coverage.columns if column.page]
    return pages


# What each page shows, for ``coverage_pages`` to tell whether it must be rendered again. The labels,
# the knowledge base (entities, outlets) and the language are the same for the whole memo (``PageMemo``).
# Keep these in step with the templates and ``View``: a value a page shows that is missing here would
# leave the page stale in a preview (tests/test_incremental.py compares rebuilds with fresh builds).


def shared_inputs(digest: Digest, coverage: Coverage, split: bool) -> tuple:
    """What every coverage page shows besides its own content: the columns, the timeline page of
    each event's link, and whether the event sections are split by period."""
    timeline = digest.timeline_pages
    return tuple(column_inputs(digest, column) for column in coverage.columns), timeline.split, timeline.keys, split


def column_inputs(digest: Digest, column: Column) -> tuple:
    """What the pages show of a column: its outlet; for articles without one, how many share the
    column, or the article that is a column of its own (not the slugs of an outlet's articles)."""
    if column.shared:
        return column.key, len(column.slugs)
    if column.name is None:
        article = digest.by_slug[column.slugs[0]]
        return column.key, article.slug, article.meta.title.value
    return column.key, column.name, column.outlet


def sections_inputs(digest: Digest, sections: Coverage | Period) -> tuple:
    """What the event sections of a page show: their items, and of the articles they link only the
    titles and the paragraphs of the quotes, so that an edit elsewhere in an article leaves the page."""
    by_slug = digest.by_slug
    titles = tuple(by_slug[item.slug].meta.title.value for item in sections.sourcing)
    details = tuple(by_slug[detail.slug].meta.title.value for found in sections.details for row in found.rows
                    for cell in row.cells.values() for detail in cell)
    quotes = tuple((by_slug[use.slug].meta.title.value, by_slug[use.slug].quotes[use.index].anchor)
                   for comparison in sections.comparisons for wording in (comparison.reference, *comparison.others)
                   for use in wording.uses)
    return (sections.rows, sections.exclusive, sections.comparisons, sections.sourcing, sections.details,
            titles, details, quotes)


def overview_inputs(digest: Digest, coverage: Coverage, periods: Sequence[Period],
                    summaries: Mapping[str, OutletSummary]) -> tuple:
    """What coverage.md shows: the periods with their counts (or every event section), the most
    quoted speakers and the sourcing of each outlet."""
    shown = (tuple((p.key, p.path, len(p.rows), p.exclusive_count, len(p.comparisons), len(p.details),
                    len(p.sourcing)) for p in periods) if periods else sections_inputs(digest, coverage))
    outlets = tuple((len(s.articles), s.originals, s.cited) for s in summaries.values())  # in column order
    return shown, coverage.speakers[:MAX_SPEAKERS], outlets


def index_inputs(coverage: Coverage, summaries: Mapping[str, OutletSummary],
                 relied_on: Sequence[tuple[str, tuple[str, ...]]]) -> tuple:
    """What the outlet index shows: the counts and sources of each outlet, who relies on whom."""
    outlets = tuple((len(s.articles), len(s.rows), s.statements, s.originals, s.cited)
                    for s in summaries.values())  # in column order
    return outlets, len(coverage.rows), relied_on


def outlet_inputs(coverage: Coverage, summary: OutletSummary) -> tuple:
    """What one outlet's page shows besides its column: its newest articles (title and date), sources,
    speakers, and events with its own paragraphs only (another outlet's report leaves the page)."""
    articles = tuple((a.slug, a.meta.title.value, a.meta.story_date.value, a.meta.published.value)
                     for a in summary.articles[:MAX_OUTLET_ARTICLES])
    position = coverage.columns.index(summary.column)
    rows = tuple((row.event.id, row.event.date, row.event.precision, row.event.summary, row.cells[position])
                 for row in summary.rows[-MAX_OUTLET_EVENTS:])
    return (len(summary.articles), articles, summary.originals, summary.cited,
            summary.speakers[:MAX_OUTLET_SPEAKERS], rows, len(summary.rows),
            len(coverage.rows), dict(coverage.exclusive).get(summary.column.key, ()))


def key_of(period: Period | None) -> str | None:
    """Name a neighbouring period (a period page links it by key only)."""
    return period.key if period else None


def render_overview(site: Site, coverage: Coverage, periods: Sequence[Period], summaries: Mapping[str, OutletSummary],
                    view: View, render: Callable[..., str]) -> str:
    """Render coverage.md: every section, or (split by period) the periods and the outlet-wide sections."""
    return render_coverage(render, view, site.labels["coverage_title"], s=coverage, periods=periods, period=None,
                           speakers=coverage.speakers[:MAX_SPEAKERS],
                           outlets=[summaries[c.key] for c in coverage.columns])


def render_index(site: Site, coverage: Coverage, summaries: Mapping[str, OutletSummary],
                 relied_on: Sequence[tuple[str, tuple[str, ...]]], view: View, render: Callable[..., str]) -> str:
    """Render the outlet index: every outlet with its counts, and the sources they rely on."""
    return render("outlets.md.j2", L=site.labels, cov=coverage, v=view,
                  summaries=[summaries[c.key] for c in coverage.columns], cited_by=relied_on[:MAX_RELIED_ON],
                  cited_more=len(relied_on) - MAX_RELIED_ON,
                  front=front_matter({"title": site.labels["outlets_title"]}))


def render_period(site: Site, before: Period | None, period: Period, after: Period | None, view: View,
                  render: Callable[..., str]) -> str:
    """Render the event sections of one period, linked to the periods before and after it."""
    title = site.labels["coverage_period_title"].format(period=view.period_label(period.key))
    return render_coverage(render, view, title, s=period, periods=(), period=period, before=before, after=after)


def render_coverage(render: Callable[..., str], view: View, title: str, **context) -> str:
    """Render coverage.md.j2 (the overview or one period) with what both need."""
    return render("coverage.md.j2", L=view.L, cov=view.coverage, v=view, title=title, max_wordings=MAX_WORDINGS,
                  max_sourcing=MAX_SOURCING_ROWS, front=front_matter({"title": title}), **context)


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


def render_outlet(site: Site, coverage: Coverage, summary: OutletSummary, view: View,
                  render: Callable[..., str]) -> str:
    """Render one outlet's page: its newest articles and latest events, the rest counted and linked."""
    column = summary.column
    exclusive = dict(coverage.exclusive).get(column.key, ())
    description = site.labels["outlets_description"].format(outlet=column.name, count=len(summary.articles))
    return render("outlet.md.j2", L=site.labels, cov=coverage, v=view, s=summary,
                  articles=summary.articles[:MAX_OUTLET_ARTICLES], rows=summary.rows[-MAX_OUTLET_EVENTS:],
                  exclusive=exclusive[-MAX_OUTLET_EVENTS:], exclusive_count=len(exclusive),
                  position=coverage.columns.index(column), speakers=summary.speakers[:MAX_OUTLET_SPEAKERS],
                  front=front_matter({"title": column.name, "description": description}))
