"""Entity pages (one per entity, split by month when long) and the entity index."""

from __future__ import annotations

from functools import partial
from typing import Sequence

from markupsafe import Markup

from ..core.models import Article, Entity, Quote
from ..link.digest import Digest, MentionRef, article_date
from ..link.paging import neighbours, paged
from .escape import Markdown, front_matter
from .markup import html_rows
from .listing import LATEST_ROWS, listing_front, listing_nav, period_label, period_rows
from .site import Site, render_block, render_template
from .views import article_view, snippet


def render_entity_pages(site: Site, entity_id: str) -> list[tuple[str, str]]:
    """Render one entity page, and its monthly pages when its mentions outgrow one page.

    Rendered again only when what they show changed: the entity, the paragraphs that mention it,
    what the pages show of their articles and of its quotes, and the entities named with it.
    """
    digest, memo = site.digest, site.memo.texts
    refs = digest.mentions.get(entity_id, ())
    slugs = memo.get(("entity slugs", entity_id), refs, lambda: tuple(dict.fromkeys(ref.slug for ref in refs)))
    views = tuple(site.entity_views[slug][entity_id] for slug in slugs)
    quotes = tuple(memo.get(("quote view", article.file, index), (article, quote),
                            lambda: (article_view(article), quote))  # noqa: B023
                   for article, index, quote in digest.statements.get(entity_id, ()))
    inputs = (digest.entities[entity_id], refs, views, quotes, digest.companions.get(entity_id, ()), digest.page_rows)
    return memo.get(("entity pages", entity_id), inputs, lambda: entity_pages(site, entity_id))


def entity_pages(site: Site, entity_id: str) -> list[tuple[str, str]]:
    """Render the pages of one entity (see ``render_entity_pages``)."""
    digest = site.digest
    entity, page = digest.entities[entity_id], f"entities/{entity_id}.md"
    mentions = mentions_by_article(digest, digest.mentions.get(entity_id, ()))
    quotes = list(digest.statements.get(entity_id, ()))
    companions = [(digest.entities[i], n) for i, n in digest.companions.get(entity_id, ())[:10]]
    if len(mentions) + len(quotes) <= digest.page_rows:
        return [(page, site.memo.page(page, (entity, mentions, quotes, companions), lambda: render_entity(
            site, entity, mentions, quotes, companions, periods=())))]
    mentions = newest_first(digest, mentions, lambda row: row[0].slug)
    quotes = newest_first(digest, quotes, lambda item: item[0].slug)
    rows = [("mention", row) for row in mentions] + [("quote", item) for item in quotes]
    # Mentions and quotes share the months, so a month with only a quote still gets its page.
    months = paged(f"entities/{entity_id}", newest_first(digest, rows, lambda row: row[1][0].slug),
                   lambda row: article_date(row[1][0]), max_rows=0)
    periods = period_rows(site, months, page)
    latest = (mentions[:LATEST_ROWS], quotes[:LATEST_ROWS])
    pages = [(page, site.memo.page(page, (entity, *latest, companions, periods), lambda: render_entity(
        site, entity, *latest, companions, periods)))]
    for previous, part, following in neighbours(months.parts):
        nav = listing_nav(site, part.path, previous, following, page)
        pages.append((part.path, site.memo.page(
            part.path, (entity, part.items, nav),
            lambda part=part, nav=nav: render_entity_period(site, entity, part, nav))))
    return pages


def render_entity(site: Site, entity: Entity, mentions: Sequence, quotes: Sequence, companions: Sequence,
                  periods: Sequence) -> str:
    """Render an entity's page: its latest mentions and quotes (or all of them), the months that
    list them all, and the entities named with it."""
    page = f"entities/{entity.id}.md"
    listed = render_block("_companions.html.j2", companions=companions, href=partial(site.href, page)) if companions else None
    return render_template(
        "entity.md.j2", L=site.labels, e=entity, front=entity_front(entity), periods=periods, companions=listed,
        mentions=entity_rows(site, entity, page, "mention", mentions),
        quotes=entity_rows(site, entity, page, "quote", quotes))


def render_entity_period(site: Site, entity: Entity, part, nav: Markdown) -> str:
    """Render one month of an entity's mentions and quotes."""
    title = f"{entity.name}: {period_label(site, part.key)}"
    return render_template(
        "entity_period.md.j2", L=site.labels, title=title, front=listing_front(title), nav=nav,
        mentions=entity_rows(site, entity, part.path, "mention", [i for k, i in part.items if k == "mention"], True),
        quotes=entity_rows(site, entity, part.path, "quote", [i for k, i in part.items if k == "quote"], True))


def entity_rows(site: Site, entity: Entity, page: str, kind: str, items: Sequence[tuple],
                compact: bool = False) -> Markdown:
    """Render the mention rows or quote rows of an entity page as one HTML block; ``compact`` counts
    a mention's further paragraphs instead of linking them. The rows repeat article text, so search
    leaves them out (``data-search-exclude``): it finds the entity by its name and role."""
    rows = [entity_row(site, entity, page, kind, item, compact) for item in items]
    if kind == "mention":
        return html_rows(rows, '<ul class="dg-mentions" data-search-exclude>', site.labels["report_none"])
    return html_rows(rows, '<div class="dg-entity-quotes" data-search-exclude>')


def entity_row(site: Site, entity: Entity, page: str, kind: str, item: tuple, compact: bool) -> Markup:
    """Render one row, remembered on its own: an edited article renders its own rows again, not the
    hundreds of others a month lists."""
    render = mention_row if kind == "mention" else quote_row
    return site.memo.texts.get((kind, entity.id, item[0].file, item[1], page), (item, compact),
                               lambda: render(site, entity, page, item, compact))


def mention_row(site: Site, entity: Entity, page: str, item: tuple[Article, tuple[str, ...]], compact: bool) -> Markup:
    """Render an article that names the entity: the snippet of its first paragraph that does, then
    its other paragraphs, linked, or (on the monthly pages, which list hundreds) counted."""
    article, anchors = item
    snippets = dict(site.entity_views[article.slug][entity.id][1])
    links = [] if compact else [(f"¶{anchor[1:]}", site.href(page, f"articles/{article.slug}.md#{anchor}"))
                                for anchor in anchors[1:]]
    return render_template(
        "_mention.html.j2", L=site.labels, href=site.href(page, f"articles/{article.slug}.md#{anchors[0]}"),
        title=article.meta.title.value, outlet=article.meta.outlet.value, others=len(anchors) - 1,
        snippet=snippets.get(anchors[0]) or snippet(article, anchors[0], entity.id), links=links)


def quote_row(site: Site, entity: Entity, page: str, item: tuple[Article, int, Quote], compact: bool) -> Markup:
    """Render one statement by the entity, with the outlet that reports it."""
    article, _, quote = item
    return render_template("_entity_quote.html.j2", href=site.href(page, f"articles/{article.slug}.md#{quote.anchor}"),
                           text=quote.text,
                           outlet=article.meta.outlet.value or article.meta.title.value)


def entity_front(entity) -> Markdown:
    """Front matter of an entity page."""
    return front_matter({"title": entity.name, "description": entity.description or None})


def mentions_by_article(digest: Digest, refs: Sequence[MentionRef]) -> list[tuple[Article, tuple[str, ...]]]:
    """Group an entity's paragraph mentions by article: (article, anchors in body order)."""
    anchors: dict[str, list[str]] = {}
    for ref in refs:
        anchors.setdefault(ref.slug, []).append(ref.anchor)
    return [(digest.by_slug[slug], tuple(found)) for slug, found in anchors.items()]


def newest_first(digest: Digest, items: Sequence, slug_of) -> list:
    """Order rows by their article's place in the digest (newest story first), stably."""
    return sorted(items, key=lambda item: digest.position[slug_of(item)])


def render_entity_index(site: Site) -> str:
    """Render the entity index grouped by type with mention counts."""
    counts = {eid: site.memo.texts.get(("articles naming", eid), refs, lambda: len({r.slug for r in refs}))  # noqa: B023
              for eid, refs in site.digest.mentions.items()}
    groups = {}
    for entity in sorted(site.digest.knowledge.entities, key=lambda e: e.name.lower()):
        groups.setdefault(entity.type, []).append((entity, counts.get(entity.id, 0)))
    order = [t for t in ("person", "organisation", "place", "other") if t in groups]
    href = partial(site.href, "entities/index.md")
    return render_template("entities.md.j2", L=site.labels, groups=[(t, len(groups[t]), render_block(
        "_entities.html.j2", L=site.labels, members=groups[t], href=href)) for t in order])
