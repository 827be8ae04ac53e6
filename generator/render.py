"""Render the linked digest into Markdown pages with Jinja2 (no I/O)."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, NamedTuple, Sequence, TypeVar

import jinja2

from .coverage import coverage_pages
from .dates import format_date
from .escape import Markdown, escape_attribute, escape_markdown, front_matter, markdown_link
from .feeds import render_feeds
from .glossary import abbreviation_picker
from .inline import other_reports, render_body
from .knowledge import load_data
from .link import Digest, MentionRef, article_date
from .memo import Memo
from .models import Article, Candidate, Event, Field, Quote
from .paging import UNDATED, PagedList, neighbours, paged, period_nav, period_of
from .seo import article_meta
from .timeline import periods_by_year, timeline_context, timeline_ics, timeline_json, undated_events

# An http(s) URL that stays one autolink: no space, control or character that Python-Markdown
# reads before autolinks (backticks, backslash escapes, brackets) or that could end it (<, >).
SAFE_URL = re.compile(r"https?://[^\s<>\"`\\\[\]{}|^\x00-\x1f\x7f]+")
T = TypeVar("T")
MAX_REPORT_ROWS = 200  # problems of each kind, and unknown names, on the build report
HOME_LATEST = 30  # articles on a front page that links to monthly archives
LATEST_ROWS = 20  # mentions, quotes and speakers on an overview that links to monthly pages
PAGES = ("index.md", "timeline.md", "quotes.md", "glossary.md", "report.md", "entities/index.md")
LEAD_LENGTH = 240
MAX_REASON_NAMES = 3
EVENT_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


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
        auto_reload=False,  # packaged templates: a stat() per page and per include otherwise
    )
    env.filters["attr"] = escape_attribute
    env.globals["md_link"] = markdown_link
    env.globals["autolink"] = url_value
    return env


def render_template(name: str, **context) -> str:
    """Render one page template."""
    return environment().get_template(name).render(**context)


@dataclass
class PageMemo:
    """Pages of the previous render by path, with the inputs they were rendered from: a preview
    rebuild after one seed changed renders again only the pages whose inputs differ."""

    scope: tuple = ()  # what every page depends on: language, site URL, knowledge base
    texts: Memo = field(default_factory=Memo)  # pages, and parts of pages, by their inputs
    finished: Memo = field(default_factory=Memo)  # pages with their glossary definitions

    def start(self, scope: tuple) -> None:
        """Begin a render: what the last one made becomes reusable, if it had the same scope."""
        if scope != self.scope:
            self.texts.clear()
            self.finished.clear()
        self.scope = scope

    def page(self, path: str, inputs: tuple, render: Callable[[], T]) -> T:
        """Return the page's previous text if its inputs are equal, else ``render()``."""
        return self.texts.get(path, inputs, render)

    def finish(self, pages: list[tuple[str, str]], abbreviations: Callable[[str], str]) -> list[tuple[str, str]]:
        """Append to each page the definitions of the glossary terms it uses (kept when unchanged)."""
        return [(path, self.finished.get(path, text, lambda: with_definitions(text, abbreviations)))  # noqa: B023
                for path, text in pages]


def with_definitions(text: str, abbreviations: Callable[[str], str]) -> str:
    """Append the definitions of the glossary terms a page uses (Markdown abbreviations)."""
    definitions = abbreviations(text)
    return text + ("\n" + definitions if definitions else "")


@dataclass(frozen=True)
class Site:
    """What every page template needs besides its own data."""

    digest: Digest
    labels: dict
    language: str
    memo: PageMemo = field(default_factory=PageMemo)

    def link(self, page: str, target: str) -> str:
        """Return the relative Markdown link from ``page`` to ``target`` (with #anchor)."""
        return page_link(page, target)

    @cached_property
    def entity_views(self) -> dict[str, dict[str, tuple]]:
        """What entity pages show of each article (by slug), per entity it names (``entity_view``)."""
        return {article.slug: self.memo.texts.get(("entity views", article.file), article, lambda: {  # noqa: B023
            entity_id: entity_view(article, entity_id) for entity_id in {m.entity_id for m in article.mentions}})  # noqa: B023
            for article in self.digest.articles}

    def date(self, value: str | None, precision: str = "day") -> str:
        """Format a date (ISO, any precision) for display."""
        if not value:
            return self.labels["no_date"]
        return format_date(str(value)[:10], precision, self.language)


@lru_cache(maxsize=1 << 17)
def page_link(page: str, target: str) -> str:
    """Return the relative link from ``page`` to ``target`` (with #anchor), cached: pages link to
    the same targets thousands of times."""
    path, _, anchor = target.partition("#")
    return posixpath.relpath(path, posixpath.dirname(page) or ".") + (f"#{anchor}" if anchor else "")


def render_site(digest: Digest, language: str = "id", site_url: str | None = None,
                memo: PageMemo | None = None) -> list[tuple[str, str]]:
    """Return every generated page as (path, text), in a stable order.

    ``memo``, kept by the caller between rebuilds, reuses the pages whose inputs are equal.
    """
    memo = memo if memo is not None else PageMemo()
    memo.start((language, site_url, digest.knowledge))
    site = Site(digest, labels_for(language), language, memo)
    pages = [article_page(site, article) for article in digest.articles]
    pages += [page for e in digest.knowledge.entities for page in render_entity_pages(site, e.id)]
    pages += render_home_pages(site)
    pages += render_quotes_pages(site)
    pages += [
        ("entities/index.md", render_entity_index(site)),
        ("glossary.md", render_template("glossary.md.j2", site=site, L=site.labels,
                                        terms=sorted(digest.glossary, key=lambda t: t.term.lower()))),
        *render_timeline(site),
        ("report.md", render_report(site)),
    ]
    pages += coverage_pages(site, render_template)
    pages = memo.finish(pages, abbreviation_picker(digest.glossary))
    # Not Markdown pages, but as costly to write again: kept while their inputs are equal.
    feeds = render_feeds(digest, site_url, language, site.labels, lead_of, site.memo.texts)
    exports = site.memo.page("<timeline exports>", (digest.events,), lambda: timeline_exports(site))
    return pages + feeds + exports


def render_report(site: Site) -> str:
    """Render the build report: the first problems of each kind, and the names most often met that
    the knowledge base lacks; the build log and ``python -m generator check`` list every problem."""
    diagnostics = site.digest.diagnostics
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = [d for d in diagnostics if d.severity == "warning"]
    found: dict[str, list[tuple[str, Candidate]]] = {}
    for slug, candidate in site.digest.candidates:
        found.setdefault(candidate.name, []).append((slug, candidate))
    names = sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))
    return render_template(
        "report.md.j2", site=site, L=site.labels, limit=MAX_REPORT_ROWS, errors=errors, warnings=warnings,
        candidates=[(name, len(seen), *seen[0]) for name, seen in names[:MAX_REPORT_ROWS]],
        more_candidates=max(0, len(names) - MAX_REPORT_ROWS))


def timeline_exports(site: Site) -> list[tuple[str, str]]:
    """Return the timeline as TimelineJS JSON and as an iCalendar file, for other newsroom tools."""
    data = timeline_json(site.digest.events, site.labels["timeline_title"], site.memo.texts)
    return [("timeline.json", json.dumps(data, ensure_ascii=False) + "\n"),
            ("timeline.ics", timeline_ics(site.digest.events, site.memo.texts))]


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
    return render_template(
        "article.md.j2", front=front, site=site, L=site.labels, a=article, page=page,
        card=source_card(site, article), body=body, related=related_rows(site, article, page),
    )


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
    target = site.link(f"articles/{article.slug}.md",
                       site.digest.timeline_pages.target(field.value, field.value))
    return (Markdown(f"[{escape_markdown(site.date(field.value))}]({target})") + Markdown(" ")
            + provenance_marker(site, field))


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


def render_home_pages(site: Site) -> list[tuple[str, str]]:
    """Render the front page: every article while they fit, else the latest and monthly archives."""
    archive = site.digest.archive_pages
    if not archive.split:
        dated = [a for a in site.digest.articles if article_date(a)]
        undated = [a for a in site.digest.articles if not article_date(a)]
        return [("index.md", render_home(site, dated, undated))]
    latest = [a for a in site.digest.articles[:HOME_LATEST] if article_date(a)]
    periods = period_rows(site, archive, "index.md")
    pages = [("index.md", site.memo.page("index.md", (latest, periods), lambda: render_home(site, latest, [], periods)))]
    for previous, part, following in neighbours(archive.parts):
        nav = listing_nav(site, part.path, previous, following, "index.md")
        pages.append((part.path, site.memo.page(part.path, (part.items, nav),
                                                lambda part=part, nav=nav: render_archive(site, part, nav))))
    return pages


def render_archive(site: Site, part, nav: Markdown) -> str:
    """Render one month of the article archive; each article's teaser is remembered on its own."""
    title = f"{site.labels['archive']}: {period_label(site, part.key)}"
    folder = posixpath.dirname(part.path)
    rows = [site.memo.texts.get(("teaser", article.file, folder), article, lambda: Markdown(render_template(  # noqa: B023
        "_teaser.j2", a=article, href=site.link(part.path, f"articles/{article.slug}.md"),  # noqa: B023
        L=site.labels, site=site, lead=lambda a: lead_of(a, 200)))) for article in part.items]
    return render_template("archive.md.j2", title=title, front=listing_front(title), nav=nav, rows=rows)


def render_home(site: Site, dated: Sequence[Article], undated: Sequence[Article],
                periods: Sequence[tuple[str, str, int]] = ()) -> str:
    """Render the front page: dated articles newest first, undated ones, then the archive."""
    return render_template("index.md.j2", site=site, L=site.labels, dated=dated, undated=undated,
                           periods=periods, lead=lambda a: lead_of(a, 200))


def listing_front(title: str) -> Markdown:
    """Front matter of a monthly listing: its rows repeat article text, so search skips it."""
    return front_matter({"title": title, "search": {"exclude": True}})


def period_label(site: Site, key: str) -> str:
    """Name a period of a paged list: "Februari 2025", "2025" or "undated"."""
    if key == UNDATED:
        return site.labels["undated"]
    return site.date(key, "month" if len(key) == 7 else "year")


def period_rows(site: Site, pages: PagedList, page: str) -> list[tuple[str, str, int]]:
    """Return (label, link from ``page``, row count) of every period of a paged list."""
    return [(period_label(site, part.key), site.link(page, part.path), len(part.items)) for part in pages.parts]


def listing_nav(site: Site, page: str, previous, following, overview: str) -> Markdown:
    """Link a monthly listing to the months before and after it and to its overview."""
    return period_nav(previous, following, markdown_link(site.labels["overview"], site.link(page, overview)),
                      lambda key: period_label(site, key), lambda path: site.link(page, path))


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


def article_view(article: Article) -> tuple:
    """What a listing shows of an article and orders it by."""
    return article.slug, article.meta.title.value, article.meta.outlet.value, article_date(article)


def entity_view(article: Article, entity_id: str) -> tuple:
    """What an entity's pages show of one article that names it: the listing, and the snippet of
    every paragraph that names it."""
    anchors = dict.fromkeys(m.anchor for m in article.mentions if m.entity_id == entity_id)
    return article_view(article), tuple(snippet(article, anchor, entity_id) for anchor in anchors)


def entity_pages(site: Site, entity_id: str) -> list[tuple[str, str]]:
    """Render the pages of one entity (see ``render_entity_pages``)."""
    digest = site.digest
    entity, page = digest.entities[entity_id], f"entities/{entity_id}.md"
    mentions = mentions_by_article(digest, digest.mentions.get(entity_id, ()))
    quotes = list(digest.statements.get(entity_id, ()))
    companions = [(digest.entities[i], n) for i, n in digest.companions.get(entity_id, ())[:10]]
    if len(mentions) + len(quotes) <= digest.page_rows:
        return [(page, site.memo.page(page, (entity, mentions, quotes, companions), lambda: render_template(
            "entity.md.j2", **entity_context(site, entity, page), refs=mentions, quotes=quotes,
            companions=companions, front=entity_front(entity), periods=())))]
    mentions = newest_first(digest, mentions, lambda row: row[0].slug)
    quotes = newest_first(digest, quotes, lambda item: item[0].slug)
    rows = [("mention", row) for row in mentions] + [("quote", item) for item in quotes]
    # Mentions and quotes share the months, so a month with only a quote still gets its page.
    months = paged(f"entities/{entity_id}", newest_first(digest, rows, lambda row: row[1][0].slug),
                   lambda row: article_date(row[1][0]), max_rows=0)
    periods = period_rows(site, months, page)
    latest = (mentions[:LATEST_ROWS], quotes[:LATEST_ROWS])
    pages = [(page, site.memo.page(page, (entity, *latest, companions, periods), lambda: render_template(
        "entity.md.j2", **entity_context(site, entity, page), refs=latest[0], quotes=latest[1],
        companions=companions, front=entity_front(entity), periods=periods)))]
    for previous, part, following in neighbours(months.parts):
        nav = listing_nav(site, part.path, previous, following, page)
        pages.append((part.path, site.memo.page(
            part.path, (entity, part.items, nav),
            lambda part=part, nav=nav: render_entity_period(site, entity, part, nav))))
    return pages


def render_entity_period(site: Site, entity, part, nav: Markdown) -> str:
    """Render one month of an entity's mentions and quotes.

    Each row is remembered on its own: an edited article renders its own rows again, not the
    hundreds of others the month lists.
    """
    title = f"{entity.name}: {period_label(site, part.key)}"
    context = entity_context(site, entity, part.path, compact=True)

    def row(kind: str, item: tuple) -> Markdown:
        template = "_mention.j2" if kind == "mention" else "_entity_quote.j2"
        names = ("a", "anchors") if kind == "mention" else ("a", "i", "q")
        return site.memo.texts.get((template, entity.id, item[0].file, item[1]), (item, posixpath.dirname(part.path)),
                                   lambda: Markdown(render_template(template, **context, **dict(zip(names, item)))))

    return render_template(
        "entity_period.md.j2", **context, title=title, front=listing_front(title), nav=nav,
        refs=[row(kind, item) for kind, item in part.items if kind == "mention"],
        quotes=[row(kind, item) for kind, item in part.items if kind == "quote"])


def entity_context(site: Site, entity, page: str, compact: bool = False) -> dict:
    """What every entity template needs; ``compact`` counts a mention's further paragraphs."""
    return dict(site=site, L=site.labels, e=entity, page=page, snippet=snippet, compact=compact)


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
    counts = {eid: site.memo.texts.get(("articles naming", eid), refs, lambda: len({r.slug for r in refs}))  # noqa: B023
              for eid, refs in site.digest.mentions.items()}
    groups = {}
    for entity in sorted(site.digest.knowledge.entities, key=lambda e: e.name.lower()):
        groups.setdefault(entity.type, []).append((entity, counts.get(entity.id, 0)))
    order = [t for t in ("person", "organisation", "place", "other") if t in groups]
    return render_template("entities.md.j2", site=site, L=site.labels,
                           groups=[(t, groups[t]) for t in order])


def render_quotes_pages(site: Site) -> list[tuple[str, str]]:
    """Render every statement grouped by speaker, with cluster variants side by side: on one page
    while they fit, else an overview of speakers and one page per month.

    Rendered again only when what they show changed: the statements, the articles' titles, outlets
    and dates, and the clusters.
    """
    memo, views = site.memo.texts, []
    for article in site.digest.articles:
        view = memo.get(("quotes view", article.file), article, lambda: quotes_view(article))  # noqa: B023
        if view[-1]:
            views.append(view)
    inputs = (tuple(views), site.digest.clusters, site.digest.page_rows)
    return memo.get("quotes pages", inputs, lambda: quotes_pages(site))


def quotes_view(article: Article) -> tuple:
    """What the quotes pages show of an article: the listing, and its statements."""
    return article_view(article), tuple((index, quote) for index, quote in enumerate(article.quotes)
                                        if quote.kind == "statement")


def quotes_pages(site: Site) -> list[tuple[str, str]]:
    """Render the quotes pages (see ``render_quotes_pages``)."""
    statements = [(article, index, quote) for article in site.digest.articles
                  for index, quote in enumerate(article.quotes) if quote.kind == "statement"]
    clusters = [(cluster, [(site.digest.by_slug[s], i) for s, i in refs])
                for cluster, refs in site.digest.clusters.items()]
    months = paged("quotes", statements, lambda item: article_date(item[0]), site.digest.page_rows)
    if not months.split:
        return [("quotes.md", render_quotes(site, "quotes.md", statements, clusters))]
    by_month: dict[str, list] = {}
    for cluster, members in clusters:
        by_month.setdefault(site.digest.cluster_page(site.digest.clusters[cluster]), []).append((cluster, members))
    speakers = Counter(speaker_label(site, quote) for _, _, quote in statements)
    speakers = sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))[:LATEST_ROWS]
    periods = period_rows(site, months, "quotes.md")
    pages = [("quotes.md", site.memo.page("quotes.md", (speakers, periods), lambda: render_template(
        "quotes.md.j2", site=site, L=site.labels, page="quotes.md", groups=[], clusters=[],
        front=None, title=None, nav=None, speakers=speakers, periods=periods)))]
    for previous, part, following in neighbours(months.parts):
        title = f"{site.labels['quotes_title']}: {period_label(site, part.key)}"
        nav = listing_nav(site, part.path, previous, following, "quotes.md")
        clustered = by_month.get(part.path, [])
        pages.append((part.path, site.memo.page(
            part.path, (part.items, clustered, nav),
            lambda part=part, title=title, clustered=clustered, nav=nav: render_quotes(
                site, part.path, part.items, clustered, title=title, nav=nav))))
    return pages


def render_quotes(site: Site, page: str, statements: Sequence[tuple[Article, int, Quote]],
                  clusters: Sequence, title: str | None = None, nav: Markdown | None = None) -> str:
    """Render statements grouped by speaker, most quoted first, after the wording variants."""
    groups: dict[str, list[tuple[Article, int, Quote]]] = {}
    for article, index, quote in statements:
        groups.setdefault(speaker_label(site, quote), []).append((article, index, quote))
    return render_template("quotes.md.j2", site=site, L=site.labels, page=page, title=title, nav=nav,
                           front=listing_front(title) if title else None, speakers=[], periods=[],
                           groups=sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])),
                           clusters=clusters)


def speaker_label(site: Site, quote: Quote) -> str:
    """Name the speaker of a quote as the site shows it."""
    entity = site.digest.entities.get(quote.speaker_id or "")
    return entity.name if entity else (quote.speaker_name or site.labels["unknown_speaker"])


def render_timeline(site: Site) -> list[tuple[str, str]]:
    """Render the timeline: one page, or once it is split an overview and one page per period."""
    pages, events = site.digest.timeline_pages, site.digest.events
    undated = undated_events(site.digest.undated, events)
    listed = () if pages.split else events  # a split overview lists periods, not events
    counts = [(part.key, part.path, len(part.items)) for part in pages.parts] if pages.split else []
    overview = site.memo.page(pages.overview, (listed, counts, undated), lambda: render_template(
        "timeline.md.j2", **timeline_context(site, pages.overview), events=listed,
        rows=event_rows(site, pages.overview, listed), periods=periods_by_year(pages.parts) if pages.split else (),
        undated=undated))
    periods = [(part.path, site.memo.page(
        part.path, (part, previous and previous.key, following and following.key),
        lambda part=part, previous=previous, following=following: render_template(
            "timeline_period.md.j2", **timeline_context(site, part.path), part=part, previous=previous,
            following=following, rows=event_rows(site, part.path, part.items))))
        for previous, part, following in neighbours(pages.parts)] if pages.split else []
    return [(pages.overview, overview), *periods]


def event_rows(site: Site, page: str, events: Sequence[Event]) -> dict[str, Markdown]:
    """Render each event as ``page`` shows it, remembered on its own: a month whose one event
    changed renders that event again, not all of them."""
    context = timeline_context(site, page)
    folder = posixpath.dirname(page)
    return {event.id: site.memo.texts.get(("timeline event", event.id, folder), event, lambda: Markdown(  # noqa: B023
        render_template("timeline_event.md.j2", **context, event=event))) for event in events}  # noqa: B023
