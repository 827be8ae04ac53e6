"""News metadata of an article page: schema.org NewsArticle JSON-LD and Open Graph values (no I/O).

The values go into the page's front matter; ``generator/render/theme/main.html`` prints them in
``<head>``. JSON-LD is serialised there with Jinja's ``tojson``, Open Graph values are
HTML-escaped by ``escape.front_matter`` like every other meta string.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Mapping
from urllib.parse import quote

from ..core.models import Article, Entity, Outlet, visible_name
from ..link.digest import Digest
from .escape import JSON_LD_KEY, flatten as flat

SCHEMA_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place", "other": "Thing"}
OG_LOCALES = {"id": "id_ID", "en": "en_US"}
WIKIDATA_ITEM = "https://www.wikidata.org/wiki/{}"


def article_meta(article: Article, digest: Digest, description: str, language: str) -> dict:
    """Return the front matter keys for the page's JSON-LD, Open Graph tags and edit link."""
    meta = article.meta
    open_graph = {
        "locale": OG_LOCALES.get(meta.language.value or language),
        "published_time": meta.published.value,
        "section": meta.section.value,
    }
    return {
        "author": flat(meta.author.value) if meta.author.known else None,
        "og": {key: value for key, value in open_graph.items() if value},
        # A file name may hold any character: percent-encode it for the edit link's URL path.
        "seed_path": quote(article.file),
        JSON_LD_KEY: news_article(article, digest.entities, digest.outlets, description, language),
    }


def news_article(article: Article, entities: Mapping[str, Entity], outlets: tuple[Outlet, ...],
                 description: str, language: str) -> dict:
    """Return the schema.org NewsArticle of one article, leaving out what is unknown."""
    meta = article.meta
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": flat(meta.title.value or visible_name(article.file)),
        "description": flat(description) or None,
        "datePublished": meta.published.value,
        "contentReferenceTime": meta.story_date.value,
        "dateline": flat(meta.dateline.value) if meta.dateline.known else None,
        "articleSection": flat(meta.section.value) if meta.section.known else None,
        "keywords": [flat(tag) for tag in meta.tags.value or ()] or None,
        "inLanguage": meta.language.value or language,
        "wordCount": article.word_count,
        "author": {"@type": "Person", "name": flat(meta.author.value)} if meta.author.known else None,
        "publisher": organisation(meta.outlet.value, outlets),
        "isBasedOn": sources(article, outlets),
        "mentions": mentions(article, entities),
    }
    return {key: value for key, value in data.items() if value not in (None, [], {})}


def organisation(name: str | None, outlets: tuple[Outlet, ...]) -> dict | None:
    """Describe an outlet as a schema.org Organization, with its home page when known."""
    if not name:
        return None
    outlet = next((o for o in outlets if o.name == name), None)
    result = {"@type": "Organization", "name": flat(name)}
    if outlet is not None and outlet.url:
        result["url"] = outlet.url
    return result


def sources(article: Article, outlets: tuple[Outlet, ...]) -> list[dict]:
    """Name what the page reproduces: the outlet's article and the report it retells."""
    meta = article.meta
    based_on = []
    if meta.url.known or meta.outlet.known:
        copy = {"@type": "NewsArticle", "headline": flat(meta.title.value or visible_name(article.file))}
        if meta.url.known and re.fullmatch(r"https?://\S+", str(meta.url.value)):
            copy["url"] = meta.url.value
        if meta.outlet.known:
            copy["publisher"] = organisation(meta.outlet.value, outlets)
        based_on.append(copy)
    if meta.original_source.known and meta.original_source.value != meta.outlet.value:
        based_on.append({"@type": "NewsArticle",
                         "publisher": organisation(meta.original_source.value, outlets)})
    return based_on


def mentions(article: Article, entities: Mapping[str, Entity]) -> list[dict]:
    """List the knowledge-base entities the article names, most mentioned first."""
    counts = Counter(mention.entity_id for mention in article.mentions)
    ranked = sorted(counts, key=lambda entity_id: (-counts[entity_id], entity_id))
    return [thing(entities[entity_id]) for entity_id in ranked if entity_id in entities]


def thing(entity: Entity) -> dict:
    """Describe an entity with links to Wikidata and Wikipedia when known."""
    same_as = [WIKIDATA_ITEM.format(entity.wikidata)] if entity.wikidata else []
    same_as += [entity.wikipedia] if entity.wikipedia else []
    result = {"@type": SCHEMA_TYPES.get(entity.type, "Thing"), "name": flat(entity.name)}
    if same_as:
        result["sameAs"] = same_as
    return result
