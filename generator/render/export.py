"""Plain-data views of articles for ``inspect --json`` and ``api/articles.json``."""

from __future__ import annotations

from collections import Counter
from typing import Mapping

from ..core.models import Article, Entity

INSPECT_FIELDS = ("title", "outlet", "original_source", "author", "published", "story_date",
                  "section", "dateline", "language")


def article_record(article: Article, entities: Mapping[str, Entity], removed: bool = True) -> dict:
    """Return the stable JSON object of one article (documented in README)."""
    record: dict = {"file": article.file, "slug": article.slug}
    for name in INSPECT_FIELDS:
        field = getattr(article.meta, name)
        record[name] = {"value": field.value, "provenance": field.provenance}
    record["word_count"] = article.word_count
    if removed:
        record["removed"] = [{"line": r.line, "text": r.text, "reason": r.reason} for r in article.removed]
    record["warnings"] = list(article.warnings)
    record["entities"] = entity_counts(article, entities)
    record["candidates"] = [{"name": c.name, "context": c.context} for c in article.candidates]
    record["quotes"] = [quote_record(article, index, entities) for index in range(len(article.quotes))]
    record["dates"] = [{"text": d.text, "value": d.value, "precision": d.precision}
                       for d in article.dates]
    record["sources"] = list(article.sources)
    return record


def entity_counts(article: Article, entities: Mapping[str, Entity]) -> list[dict]:
    """Count mentions per entity, most mentioned first."""
    counts = Counter(m.entity_id for m in article.mentions)
    return [{"id": eid, "name": entities[eid].name, "type": entities[eid].type, "count": n}
            for eid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if eid in entities]


def quote_record(article: Article, index: int, entities: Mapping[str, Entity]) -> dict:
    """Return one quote as plain data."""
    quote = article.quotes[index]
    speaker = None
    if quote.speaker_id and quote.speaker_id in entities:
        speaker = {"id": quote.speaker_id, "name": entities[quote.speaker_id].name}
    elif quote.speaker_name:
        speaker = {"id": None, "name": quote.speaker_name}
    return {"text": quote.text, "speaker": speaker, "attribution": quote.attribution,
            "paragraph": quote.anchor, "kind": quote.kind, "cluster": quote.cluster}
