"""Immutable domain objects passed between the pipeline stages.

Stages never mutate these; they derive new ones with ``dataclasses.replace``.
Offsets (``start``/``end``) are character offsets into ``Block.text`` of the
block named by ``anchor``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TEXT, EDITOR, INFERRED = "text", "editor", "inferred"
PROVENANCES = (TEXT, EDITOR, INFERRED)

ENTITY_TYPES = ("person", "organisation", "place", "other")
PRECISIONS = ("day", "month", "year")
EVENT_KINDS = ("main", "background", "announced")


@dataclass(frozen=True, slots=True)
class Field:
    """A metadata value with where it came from (None when unknown)."""

    value: Any = None
    provenance: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


UNKNOWN = Field()


@dataclass(frozen=True, slots=True)
class SeedFile:
    """The raw bytes of one seed and its optional sidecar, as read from disk."""

    name: str
    data: bytes
    sidecar_name: str | None = None
    sidecar_text: str | None = None


@dataclass(frozen=True, slots=True)
class Removed:
    """A line of the seed that cleaning dropped, and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of the cleaned body: paragraph, heading or list item."""

    kind: str  # "paragraph" | "heading" | "item"
    text: str
    line: int  # 1-based line in the seed where the block starts
    anchor: str  # "p1", "p2", ... in body order, stable for the same text
    ordered: bool = False  # for items: numbered (True) or bulleted list
    number: int | None = None  # for numbered items: the number in the text


@dataclass(frozen=True, slots=True)
class Metadata:
    title: Field = UNKNOWN
    outlet: Field = UNKNOWN  # display name of the outlet
    original_source: Field = UNKNOWN  # display name of the original publisher
    author: Field = UNKNOWN
    published: Field = UNKNOWN  # ISO 8601 datetime with offset, or date
    story_date: Field = UNKNOWN  # ISO date of the main event
    section: Field = UNKNOWN
    dateline: Field = UNKNOWN
    language: Field = UNKNOWN  # "id" | "en"
    url: Field = UNKNOWN
    tags: Field = UNKNOWN  # tuple of str
    summary: Field = UNKNOWN


METADATA_FIELDS = tuple(Metadata.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: tuple[str, ...] = ()
    description: str = ""
    wikidata: str | None = None
    wikipedia: str | None = None
    automatic: bool = False  # found in the articles, not yet confirmed in entities.yml


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    term: str
    definition: str


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    name: str
    url: str | None = None
    aliases: tuple[str, ...] = ()  # names and domains that identify it
    agency: bool = False  # a wire agency (Reuters, AFP, Antara, ...)


@dataclass(frozen=True, slots=True)
class Mention:
    """An occurrence of a knowledge-base entity in a block."""

    entity_id: str
    anchor: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A capitalised name introduced by a role but missing from the knowledge base."""

    name: str
    context: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Quote:
    text: str  # without the quotation marks
    anchor: str
    start: int  # offsets of the quoted text, marks included
    end: int
    speaker_id: str | None = None
    speaker_name: str | None = None
    attribution: str | None = None  # the phrase that names the speaker
    kind: str = "statement"  # "statement" | "scare"
    cluster: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    value: str | None  # "2025-02-12", "2025-02" or "2025" (by precision)
    precision: str  # one of PRECISIONS
    anchor: str
    start: int
    end: int
    relative: bool = False  # resolved against another date ("sehari sebelumnya")


@dataclass(frozen=True)
class EditorNote:
    phrase: str
    text: str
    line: int | None


@dataclass(frozen=True, slots=True)
class Note:
    """An editor's note attached to a phrase of the article."""

    phrase: str
    text: str
    anchor: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    file: str
    slug: str
    sha256: str
    meta: Metadata
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    sources: tuple[str, ...] = ()  # agencies and media the article cites
    notes: tuple[Note, ...] = ()

    @property
    def word_count(self) -> int:
        return sum(len(block.text.split()) for block in self.blocks)

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / 200))

    def block(self, anchor: str) -> Block:
        return next(block for block in self.blocks if block.anchor == anchor)


def article_date(article: Article) -> str:
    """Return the day an article is filed under: its story date, else its publication day ("" for none)."""
    return article.meta.story_date.value or str(article.meta.published.value or "")[:10]


@dataclass(frozen=True, slots=True)
class EventSource:
    slug: str
    anchor: str
    outlet: str | None
    title: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening, merged across the articles that report it."""

    id: str  # stable anchor on the timeline page, e.g. "2025-02-12"
    date: str
    precision: str
    kind: str  # one of EVENT_KINDS
    summary: str
    sources: tuple[EventSource, ...]
    entity_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report one event or one ongoing development."""

    id: str  # stable slug: its page is stories/<id>/
    title: str
    files: tuple[str, ...]  # its articles, newest first
    slugs: tuple[str, ...]  # the same articles' slugs
    first: str | None = None  # the earliest and latest day its articles are filed under
    last: str | None = None
    edited: bool = False  # named, merged or split by the editor in stories.yml


@dataclass(frozen=True, slots=True)
class StoryEdit:
    """One entry of the editor's stories.yml."""

    id: str
    title: str | None = None
    stories: tuple[str, ...] = ()  # automatic stories merged into this one
    articles: tuple[str, ...] = ()  # articles (seed file names) moved into this one
    line: int = 0


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in the input, reported as ``file[:line]: message``."""

    file: str
    message: str
    line: int | None = None
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        file = visible_name(self.file)
        where = file if self.line is None else f"{file}:{self.line}"
        return f"{where}: {self.message}"


def visible_name(name: str) -> str:
    """Show a file name so that every character can be seen and the line stays one line.

    A name may hide a newline (a forged second message line), a right-to-left override that
    makes ``gpj.txt`` read as ``txt.jpg``, or a leading dash that a shell takes for an option:
    such characters are written as escapes (``\\n``, ``\\u202e``) and a leading dash gets ``./``.
    """
    if name.isprintable() and not name.startswith("-"):
        return name
    shown = "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
                    for char in name)
    return "./" + shown if shown.startswith("-") else shown


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Editorial data: entities, glossary and outlets."""

    entities: tuple[Entity, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    outlets: tuple[Outlet, ...] = ()
    stories: tuple[StoryEdit, ...] = ()  # the editor's stories.yml
