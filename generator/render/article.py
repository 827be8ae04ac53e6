"""Article pages: front matter, source card, annotated body, related coverage."""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from markupsafe import Markup, escape

from ..core.models import Article, Field, visible_name
from .escape import Markdown, front_matter
from .inline import other_reports, render_body
from .markup import escape_html, link, trusted
from .seo import article_meta
from .site import Site, render_block, render_template, url_html
from .views import lead_of

MAX_REASON_NAMES = 3
EVENT_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def article_page(site: Site, article: Article) -> tuple[str, str]:
    """Return an article's page, rendered again only when what it shows changed."""
    path, inputs = f"articles/{article.slug}.md", article_inputs(site, article)
    return path, site.memo.page(path, inputs, lambda: render_article(site, article, inputs))


class ArticleInputs(NamedTuple):
    """Everything an article page shows besides the knowledge base."""

    article: Article
    related: tuple  # (Related, card of the related article)
    variants: tuple  # (card, paragraph) of the other wordings of its quotes
    timeline: tuple[str, ...]  # where its dates sit on the timeline (page#anchor)
    story: str  # where its story date sits on the timeline


def article_inputs(site: Site, article: Article) -> ArticleInputs:
    """Collect what an article page shows: the article, its related articles, the other wordings of
    its quotes, and where its dates sit on the timeline."""
    digest = site.digest

    def card(slug: str) -> tuple:
        other = digest.by_slug[slug]
        return slug, other.meta.title.value, other.meta.outlet.value

    related = tuple((item, card(item.slug)) for item in digest.related.get(article.slug, ()))
    def variant(cluster: str) -> tuple:
        shown, more = other_reports(digest, article, cluster)
        return (tuple((card(slug), digest.by_slug[slug].quotes[index].anchor) for slug, index in shown), more,
                digest.cluster_page(digest.clusters[cluster]) if more else None)

    variants = tuple(variant(quote.cluster) for quote in article.quotes if quote.cluster)
    story = article.meta.story_date.value
    values = site.memo.texts.get(("date values", article.file), article,
                                 lambda: tuple(dict.fromkeys(date.value for date in article.dates if date.value)))
    targets = digest.event_targets
    timeline = tuple(sorted({targets[value] for value in values if value in targets}))
    return ArticleInputs(article, related, variants, timeline, digest.timeline_pages.target(story, story))


def render_article(site: Site, article: Article, inputs: ArticleInputs) -> str:
    """Render one article page: front matter, source card, annotated body, related coverage.

    The front matter and the body are remembered apart from the page: when only the related
    coverage changed (another article came), the page is put together again around them.
    """
    page, memo = f"articles/{article.slug}.md", site.memo.texts
    front = memo.get(("front matter", article.file), article, lambda: article_front(site, article))
    body = memo.get(("body", article.file), (article, inputs.variants, inputs.timeline),
                    lambda: render_body(site, article, page))
    card = render_block("_card.html.j2", L=site.labels, rows=source_card(site, article))
    related = render_block("_related.html.j2", L=site.labels, rows=related_rows(site, article, page))
    return render_template("article.md.j2", front=front, title=article.meta.title.value, card=card, body=body,
                           L=site.labels, related=related)


def article_front(site: Site, article: Article) -> Markdown:
    """Front matter of an article page: title, lead, dates, tags, and the page's metadata."""
    meta = {
        "title": article.meta.title.value,
        "description": lead_of(article),
        "date": article.meta.story_date.value,
        "tags": list(article.meta.tags.value or ()) or None,
    }
    meta.update(article_meta(article, site.digest, meta["description"], site.language))
    return front_matter(meta)


def related_rows(site: Site, article: Article, page: str) -> list[tuple[str, str, str | None, str]]:
    """Return (title, URL, outlet, reasons) for each related article."""
    rows = []
    for item in site.digest.related.get(article.slug, ()):
        other = site.digest.by_slug[item.slug]
        reasons = "; ".join(reasons_text(site, item.reasons))
        rows.append((other.meta.title.value or other.slug, site.href(page, f"articles/{other.slug}.md"),
                     other.meta.outlet.value, reasons))
    return rows


def source_card(site: Site, article: Article) -> list[tuple[str, Markup]]:
    """Return the source card rows as (label, HTML value)."""
    meta, L = article.meta, site.labels
    rows = [
        (L["outlet"], outlet_value(site, meta.outlet)),
        (L["original_source"], outlet_value(site, meta.original_source)),
        (L["author"], field_value(site, meta.author)),
        (L["published"], field_value(site, meta.published, site.date(meta.published.value), dated=True)),
        (L["story_date"], story_date_value(site, article)),
        (L["section"], field_value(site, meta.section)),
        (L["dateline"], field_value(site, meta.dateline)),
        (L["language"], field_value(site, meta.language, L.get(f"language_{meta.language.value}"))),
        (L["cited_sources"], site.terms.html(", ".join(article.sources), set()) if article.sources else None),
        (L["url"], url_html(meta.url.value)),
        (L["words"], escape_html(f"{article.word_count} · {article.reading_minutes} {L['minutes']}")),
        (L["removed_lines"], escape_html(len(article.removed))),
        (L["seed_file"], trusted(f'{escape_html(visible_name(article.file))} <code class="dg-sha">'
                                 f"sha256:{escape_html(article.sha256)}</code>")),
    ]
    return [(label, value) for label, value in rows if value]


def field_value(site: Site, field: Field, shown: str | None = None, dated: bool = False) -> Markup | None:
    """Render a metadata value with its provenance marker, or None when unknown; a date as ``<time>``."""
    if not field.known:
        return None
    text = escape_html(shown or field.value)
    if dated:
        text = f'<time datetime="{escape_html(field.value)}">{text}</time>'
    return trusted(f"{text} {provenance_marker(site, field)}")


def provenance_marker(site: Site, field: Field) -> str:
    """Return the small badge that says where a value came from."""
    label = escape_html(site.labels[f"provenance_{field.provenance}"])
    return f'<span class="dg-prov dg-prov-{escape(field.provenance)}" title="{label}">{label}</span>'


def outlet_value(site: Site, field: Field) -> Markup | None:
    """Render an outlet name linked to its home page when known."""
    if not field.known:
        return None
    outlet = next((o for o in site.digest.outlets if o.name == field.value), None)
    home = url_html(outlet.url, field.value) if outlet and outlet.url else None
    return trusted(f"{home or escape_html(field.value)} {provenance_marker(site, field)}")


def story_date_value(site: Site, article: Article) -> Markup | None:
    """Render the story date, linked to its timeline entry when the timeline has one (a date only
    an editor gave, which no sentence reports, has none)."""
    field = article.meta.story_date
    if not field.known:
        return None
    shown = trusted(f'<time datetime="{escape_html(field.value)}">{escape_html(site.date(field.value))}</time>')
    if field.value in site.digest.event_ids:
        target = site.digest.timeline_pages.target(field.value, field.value)
        shown = link(site.href(f"articles/{article.slug}.md", target), shown)
    return trusted(f"{shown} {provenance_marker(site, field)}")


def reasons_text(site: Site, reasons: Sequence[tuple[str, str]]) -> list[str]:
    """Say in words why two articles are related: events, shared quotes, then a few shared names."""
    L, entities = site.labels, site.digest.entities
    said = [L["reason_story"] for kind, _ in reasons if kind == "story"]
    for kind, value in reasons:
        if kind == "event":
            value = EVENT_DATE.match(value).group()  # an event's id is its date, then "-2", "-n2"...
            precision = {4: "year", 7: "month"}.get(len(value), "day")
            said.append(L["reason_event"].format(date=site.date(value, precision)))
    for kind, value in reasons:
        if kind == "quote":
            said.append(L["reason_quote"].format(speaker=cluster_speaker_name(site, value)))
    names = [entities[value].name for kind, value in reasons if kind == "entity" and value in entities]
    if names:
        shown = ", ".join(names[:MAX_REASON_NAMES]) + (" …" if len(names) > MAX_REASON_NAMES else "")
        said.append(L["reason_entity"].format(names=shown))
    return said


def cluster_speaker_name(site: Site, cluster: str) -> str:
    """Name the speaker of a quote cluster (a related article's reason: "also quotes Peskov")."""
    for slug, index in site.digest.clusters.get(cluster, ()):
        quote = site.digest.by_slug[slug].quotes[index]
        entity = site.digest.entities.get(quote.speaker_id or "")
        if entity or quote.speaker_name:
            return entity.name if entity else quote.speaker_name
    return site.labels["unknown_speaker"]
