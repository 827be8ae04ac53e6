"""Annotate one ingested article: entities, quotes, dates, sources and editor's notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..core.errors import SourceError
from ..core.models import EDITOR, Article, Block, Diagnostic, EditorNote, Knowledge, Note, visible_name
from .dates import find_dates, infer_story_date, reference_date
from .entities import EntityMatcher, build_matcher, find_candidates, find_mentions
from .quote_marks import quote_warnings
from .quotes import find_quotes
from .sources import find_sources
from .speakers import name_speakers

SOURCE_LINE_REASONS = ("source line",)
WORD_REST = re.compile(r"\w*")


@dataclass(frozen=True)
class Annotator:
    """The knowledge base with its matcher compiled once for the whole digest."""

    knowledge: Knowledge
    matcher: EntityMatcher


def make_annotator(knowledge: Knowledge) -> Annotator:
    """Return the annotator of a knowledge base, its matcher compiled once per distinct entity list."""
    return Annotator(knowledge, build_matcher(knowledge.entities))


def annotate(article: Article, annotator: Annotator, notes: Sequence[EditorNote] = (),
             sidecar_name: str | None = None) -> Article:
    """Return the article with every annotation found in its blocks."""
    blocks, meta = article.blocks, article.meta
    dates = find_dates(blocks, reference_date(meta.published.value), meta.language.value or "id")
    story_date = meta.story_date
    if story_date.provenance != EDITOR:
        story_date = infer_story_date(blocks, dates, meta.published.value)
    extra = [line.text for line in article.removed if line.reason in SOURCE_LINE_REASONS]
    warnings = tuple(f"line {line}: {message}" for line, message in quote_warnings(blocks))
    return replace(
        article,
        meta=replace(meta, story_date=story_date),
        mentions=find_mentions(blocks, annotator.matcher),
        candidates=find_candidates(blocks, annotator.matcher),
        quotes=name_speakers(find_quotes(blocks, annotator.matcher.resolve), blocks),
        dates=dates,
        sources=find_sources(blocks, annotator.knowledge.outlets, own=meta.outlet.value, extra_lines=extra),
        notes=locate_notes(article, notes, sidecar_name or article.file),
        warnings=article.warnings + warnings,
    )


def find_phrase(blocks: Sequence[Block], phrase: str) -> tuple[Block, int, int] | None:
    """Find a note's phrase: its first whole-word occurrence, else its first occurrence extended to
    the end of the word, so that a marker never splits a word ("o" must not mark "Do(1)nald")."""
    whole = re.compile(r"(?<!\w)" * bool(re.match(r"\w", phrase)) + re.escape(phrase)
                       + r"(?!\w)" * bool(re.search(r"\w$", phrase)))
    for block in blocks:
        match = whole.search(block.text)
        if match:
            return block, match.start(), match.end()
    for block in blocks:
        start = block.text.find(phrase)
        if start >= 0:
            return block, start, WORD_REST.match(block.text, start + len(phrase)).end()
    return None


def locate_notes(article: Article, notes: Sequence[EditorNote], sidecar: str) -> tuple[Note, ...]:
    """Place each editor's note at the first occurrence of its phrase; refuse missing phrases."""
    placed, missing = [], []
    for note in notes:
        found = find_phrase(article.blocks, note.phrase)
        if found is None:
            missing.append(Diagnostic(sidecar, f"note anchor '{note.phrase}' is not in the article text "
                                      f"of {visible_name(article.file)}", line=note.line))
        else:
            block, start, end = found
            placed.append(Note(note.phrase, note.text, block.anchor, start, end))
    if missing:
        raise SourceError(*missing)
    return tuple(placed)
