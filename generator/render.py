"""Render the linked digest into Markdown pages with Jinja2 (no I/O)."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

import jinja2

from .coverage import coverage_pages
from .dates import format_date
from .escape import Markdown, escape_attribute, escape_markdown, front_matter, markdown_link
from .feeds import render_feeds
from .glossary import abbreviation_definitions
from .inline import render_body
from .knowledge import load_data
from .link import Digest
from .models import Article, Field, Quote
from .seo import article_meta
from .timeline import timeline_ics, timeline_json, undated_articles

# An http(s) URL that stays one autolink: no space, control or character that Python-Markdown
# reads before autolinks (backticks, backslash escapes, brackets) or that could end it (<, >).
SAFE_URL = re.compile(r"https?://[^\s<>\"`\\\[\]{}|^\x00-\x1f\x7f]+")
PAGES = ("index.md", "timeline.md", "quotes.md", "glossary.md", "report.md", "entities/index.md")
LEAD_LENGTH = 240
MAX_REASON_NAMES = 3


def labels_for(language: str) -> dict:
    """Return the UI labels of one site language."""
    table = load_data("labels.yml")
    if language not in table:
        raise ValueError(f"unknown site language {language!r}; choose one of {', '.join(table)}")
    return table[language]


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Jinja2 environment whose every ``{{ value }}`` is escaped to Markdown-safe text."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=False,  # Markdown, not HTML: escaping is done by ``finalize`` below
        finalize=lambda value: "" if value is None else escape_markdown(value),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["attr"] = escape_attribute
    env.globals["md_link"] = markdown_link
    env.globals["autolink"] = url_value
    return env


def render_template(name: str, **context) -> str:
    """Render one page template."""
    return environment().get_template(name).render(**context)


@dataclass(frozen=True)
class Site:
    """What every page template needs besides its own data."""

    digest: Digest
    labels: dict
    language: str

    def link(self, page: str, target: str) -> str:
        """Return the relative Markdown link from ``page`` to ``target`` (with #anchor)."""
        path, _, anchor = target.partition("#")
        relative = relative_path(path, posixpath.dirname(page) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def date(self, value: str | None, precision: str = "day") -> str:
        """Format a date (ISO, any precision) for display."""
        if not value:
            return self.labels["no_date"]
        return format_date(str(value)[:10], precision, self.language)


@lru_cache(maxsize=65536)
def relative_path(path: str, start: str) -> str:
    """Return ``posixpath.relpath``, cached: pages link to the same few targets thousands of times."""
    return posixpath.relpath(path, start)


def render_site(digest: Digest, language: str = "id", site_url: str | None = None) -> list[tuple[str, str]]:
    """Return every generated page as (path, text), in a stable order."""
    site = Site(digest, labels_for(language), language)
    abbreviations = abbreviation_definitions(digest.glossary)
    pages = [(f"articles/{a.slug}.md", render_article(site, a)) for a in digest.articles]
    pages += [(f"entities/{e.id}.md", render_entity(site, e.id)) for e in digest.knowledge.entities]
    pages += [
        ("index.md", render_home(site)),
        ("entities/index.md", render_entity_index(site)),
        ("quotes.md", render_quotes(site)),
        ("glossary.md", render_template("glossary.md.j2", site=site, L=site.labels,
                                        terms=sorted(digest.glossary, key=lambda t: t.term.lower()))),
        ("timeline.md", render_timeline(site)),
        ("report.md", render_template("report.md.j2", site=site, L=site.labels, digest=digest)),
    ]
    pages += coverage_pages(site, render_template)
    pages = [(path, text + ("\n" + abbreviations if abbreviations else "")) for path, text in pages]
    return pages + render_feeds(digest, site_url, language, site.labels, lead_of) + timeline_exports(site)


def timeline_exports(site: Site) -> list[tuple[str, str]]:
    """Return the timeline as TimelineJS JSON and as an iCalendar file, for other newsroom tools."""
    data = timeline_json(site.digest.events, site.labels["timeline_title"])
    return [("timeline.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n"),
            ("timeline.ics", timeline_ics(site.digest.events))]


def render_article(site: Site, article: Article) -> str:
    """Render one article page: front matter, source card, annotated body, related coverage."""
    page = f"articles/{article.slug}.md"
    meta = {
        "title": article.meta.title.value,
        "description": lead_of(article),
        "date": article.meta.story_date.value,
        "tags": list(article.meta.tags.value or ()) or None,
    }
    meta.update(article_meta(article, site.digest, meta["description"], site.language))
    return render_template(
        "article.md.j2", front=front_matter(meta), site=site, L=site.labels, a=article, page=page,
        card=source_card(site, article), body=render_body(site, article, page),
        related=related_rows(site, article, page),
    )


def related_rows(site: Site, article: Article, page: str) -> list[tuple[str, str, str | None, str]]:
    """Return (title, link, outlet, reasons) for each related article."""
    rows = []
    for item in site.digest.related.get(article.slug, ()):
        other = site.digest.by_slug[item.slug]
        reasons = "; ".join(reasons_text(site, item.reasons))
        rows.append((other.meta.title.value, site.link(page, f"articles/{other.slug}.md"),
                     other.meta.outlet.value, reasons))
    return rows


def lead_of(article: Article, limit: int = LEAD_LENGTH) -> str:
    """Return the summary or the first paragraph, trimmed at a word boundary."""
    text = article.meta.summary.value or next(
        (b.text for b in article.blocks if b.kind == "paragraph"), "")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def source_card(site: Site, article: Article) -> list[tuple[str, Markdown]]:
    """Return the source card rows as (label, Markdown value)."""
    meta, L = article.meta, site.labels
    rows = [
        (L["outlet"], outlet_value(site, meta.outlet)),
        (L["original_source"], outlet_value(site, meta.original_source)),
        (L["author"], field_value(site, meta.author)),
        (L["published"], field_value(site, meta.published, site.date(meta.published.value))),
        (L["story_date"], story_date_value(site, article)),
        (L["section"], field_value(site, meta.section)),
        (L["dateline"], field_value(site, meta.dateline)),
        (L["language"], field_value(site, meta.language, L.get(f"language_{meta.language.value}"))),
        (L["cited_sources"], escape_markdown(", ".join(article.sources)) if article.sources else None),
        (L["url"], url_value(meta.url.value)),
        (L["words"], escape_markdown(f"{article.word_count} · {article.reading_minutes} {L['minutes']}")),
        (L["removed_lines"], escape_markdown(str(len(article.removed)))),
        (L["seed_file"], Markdown(f"{escape_markdown(article.file)} <code class=\"dg-sha\">"
                                  f"sha256:{escape_markdown(article.sha256)}</code>")),
    ]
    return [(label, value) for label, value in rows if value]


def field_value(site: Site, field: Field, shown: str | None = None) -> Markdown | None:
    """Render a metadata value with its provenance marker, or None when unknown."""
    if not field.known:
        return None
    return escape_markdown(shown or field.value) + Markdown(" ") + provenance_marker(site, field)


def provenance_marker(site: Site, field: Field) -> Markdown:
    """Return the small badge that says where a value came from."""
    label = site.labels[f"provenance_{field.provenance}"]
    return Markdown(f'<span class="dg-prov dg-prov-{escape_attribute(field.provenance)}" '
                    f'title="{escape_attribute(label)}">{escape_markdown(label)}</span>')


def outlet_value(site: Site, field: Field) -> Markdown | None:
    """Render an outlet name linked to its home page when known."""
    if not field.known:
        return None
    outlet = next((o for o in site.digest.outlets if o.name == field.value), None)
    name = escape_markdown(field.value)
    if outlet and outlet.url and url_value(outlet.url):
        name = Markdown(f"[{name}]({outlet.url})")
    return name + Markdown(" ") + provenance_marker(site, field)


def url_value(url: str | None) -> Markdown | None:
    """Render an http(s) URL as a link; anything else is not a link."""
    if not url or not SAFE_URL.fullmatch(str(url)):
        return None
    return Markdown(f"<{url}>")


def story_date_value(site: Site, article: Article) -> Markdown | None:
    """Render the story date linked to its timeline entry."""
    field = article.meta.story_date
    if not field.known:
        return None
    target = site.link(f"articles/{article.slug}.md", f"timeline.md#{field.value}")
    return (Markdown(f"[{escape_markdown(site.date(field.value))}]({target})") + Markdown(" ")
            + provenance_marker(site, field))


def reasons_text(site: Site, reasons: Sequence[tuple[str, str]]) -> list[str]:
    """Say in words why two articles are related: events, shared quotes, then a few shared names."""
    L, entities = site.labels, site.digest.entities
    said = []
    for kind, value in reasons:
        if kind == "event":
            precision = {4: "year", 7: "month"}.get(len(value), "day")
            said.append(L["reason_event"].format(date=site.date(value, precision)))
    for kind, value in reasons:
        if kind == "quote":
            said.append(L["reason_quote"].format(speaker=entities[value].name if value in entities else value))
    names = [entities[value].name for kind, value in reasons if kind == "entity" and value in entities]
    if names:
        shown = ", ".join(names[:MAX_REASON_NAMES]) + (" …" if len(names) > MAX_REASON_NAMES else "")
        said.append(L["reason_entity"].format(names=shown))
    return said


def render_home(site: Site) -> str:
    """Render the front page: dated articles newest first, then undated ones."""
    dated = [a for a in site.digest.articles if a.meta.story_date.known or a.meta.published.known]
    # Not "a not in dated": comparing frozen articles field by field made this quadratic.
    undated = [a for a in site.digest.articles if not (a.meta.story_date.known or a.meta.published.known)]
    return render_template("index.md.j2", site=site, L=site.labels, dated=dated, undated=undated,
                           lead=lambda a: lead_of(a, 200))


def render_entity(site: Site, entity_id: str) -> str:
    """Render one entity page: mentions with snippets, quotes, companions."""
    digest = site.digest
    entity = digest.entities[entity_id]
    page = f"entities/{entity_id}.md"
    refs = digest.mentions.get(entity_id, ())
    quotes = list(digest.statements.get(entity_id, ()))
    return render_template(
        "entity.md.j2", site=site, L=site.labels, e=entity, page=page, refs=refs,
        by_slug=digest.by_slug, quotes=quotes, snippet=snippet,
        companions=[(digest.entities[i], n) for i, n in digest.companions.get(entity_id, ())[:10]],
        front=front_matter({"title": entity.name, "description": entity.description or None}),
    )


def snippet(article: Article, anchor: str, entity_id: str, width: int = 90) -> str:
    """Return the text around the first mention of an entity in a paragraph."""
    block = article.block(anchor)
    mention = next((m for m in article.mentions if m.anchor == anchor and m.entity_id == entity_id), None)
    if mention is None or len(block.text) <= 2 * width:
        return block.text
    start, end = max(0, mention.start - width), min(len(block.text), mention.end + width)
    text = block.text[start:end]
    return ("… " if start else "") + text + (" …" if end < len(block.text) else "")


def render_entity_index(site: Site) -> str:
    """Render the entity index grouped by type with mention counts."""
    counts = {eid: len({r.slug for r in refs}) for eid, refs in site.digest.mentions.items()}
    groups = {}
    for entity in sorted(site.digest.knowledge.entities, key=lambda e: e.name.lower()):
        groups.setdefault(entity.type, []).append((entity, counts.get(entity.id, 0)))
    order = [t for t in ("person", "organisation", "place", "other") if t in groups]
    return render_template("entities.md.j2", site=site, L=site.labels,
                           groups=[(t, groups[t]) for t in order])


def render_quotes(site: Site) -> str:
    """Render every statement grouped by speaker, with cluster variants side by side."""
    groups: dict[str, list[tuple[Article, int, Quote]]] = {}
    for article in site.digest.articles:
        for index, quote in enumerate(article.quotes):
            if quote.kind == "statement":
                groups.setdefault(speaker_label(site, quote), []).append((article, index, quote))
    clusters = [(cluster, [(site.digest.by_slug[s], i) for s, i in refs])
                for cluster, refs in site.digest.clusters.items()]
    return render_template("quotes.md.j2", site=site, L=site.labels,
                           groups=sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])),
                           clusters=clusters)


def speaker_label(site: Site, quote: Quote) -> str:
    """Name the speaker of a quote as the site shows it."""
    entity = site.digest.entities.get(quote.speaker_id or "")
    return entity.name if entity else (quote.speaker_name or site.labels["unknown_speaker"])


def render_timeline(site: Site) -> str:
    """Render the timeline page (template owned by the timeline module)."""
    return render_template(
        "timeline.md.j2", site=site, events=site.digest.events, labels=site.labels,
        undated=undated_articles(site.digest.articles), format_date=lambda v, p: format_date(v, p, site.language),
        entities=site.digest.entities, link=lambda target: site.link("timeline.md", target),
    )
