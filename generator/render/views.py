"""What listings show of an article: its lead, its row, the snippets that name an entity."""

from __future__ import annotations

from ..core.models import Article
from ..link.digest import article_date

LEAD_LENGTH = 240


def lead_of(article: Article, limit: int = LEAD_LENGTH) -> str:
    """Return the summary or the first paragraph, trimmed at a word boundary."""
    text = article.meta.summary.value or next(
        (b.text for b in article.blocks if b.kind == "paragraph"), "")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def article_view(article: Article) -> tuple:
    """What a listing shows of an article and orders it by."""
    return article.slug, article.meta.title.value, article.meta.outlet.value, article_date(article)


def entity_view(article: Article, entity_id: str) -> tuple:
    """What an entity's pages show of one article that names it: the listing, and the snippet of
    every paragraph that names it, by anchor."""
    anchors = dict.fromkeys(m.anchor for m in article.mentions if m.entity_id == entity_id)
    return article_view(article), tuple((anchor, snippet(article, anchor, entity_id)) for anchor in anchors)


def snippet(article: Article, anchor: str, entity_id: str, width: int = 90) -> str:
    """Return the text around the first mention of an entity in a paragraph."""
    block = article.block(anchor)
    mention = next((m for m in article.mentions if m.anchor == anchor and m.entity_id == entity_id), None)
    if mention is None or len(block.text) <= 2 * width:
        return block.text
    start, end = max(0, mention.start - width), min(len(block.text), mention.end + width)
    text = block.text[start:end]
    return ("… " if start else "") + text + (" …" if end < len(block.text) else "")
