"""What listings show of an article: its lead, its row, the snippets that name an entity."""

from __future__ import annotations

from ..core.models import Article, Mention
from ..link.digest import article_date

LEAD_LENGTH = 240
TEASER_LEAD = 200  # characters of the lead a teaser or a story row shows


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


def entity_views(article: Article) -> dict[str, tuple]:
    """What an entity's pages show of one article that names it, for every entity it names: the
    listing, and the snippet of every paragraph that names it, by anchor. One pass over the
    mentions: an article names some forty entities, and each used to walk all its mentions twice."""
    blocks = {block.anchor: block for block in reversed(article.blocks)}  # the first of an anchor wins
    first: dict[str, dict[str, Mention]] = {}
    for mention in article.mentions:
        first.setdefault(mention.entity_id, {}).setdefault(mention.anchor, mention)
    listing = article_view(article)
    return {entity_id: (listing, tuple((anchor, cut_snippet(blocks[anchor].text, mention))
                                       for anchor, mention in found.items()))
            for entity_id, found in first.items()}


def snippet(article: Article, anchor: str, entity_id: str) -> str:
    """Return the text around the first mention of an entity in a paragraph."""
    mention = next((m for m in article.mentions if m.anchor == anchor and m.entity_id == entity_id), None)
    return cut_snippet(article.block(anchor).text, mention)


def cut_snippet(text: str, mention: Mention | None, width: int = 90) -> str:
    """Return the text of a paragraph around a mention: all of it when short or without one."""
    if mention is None or len(text) <= 2 * width:
        return text
    start, end = max(0, mention.start - width), min(len(text), mention.end + width)
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
