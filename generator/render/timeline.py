"""The timeline pages: one page, or an overview and one page per period; and its exports."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Mapping, Sequence

from markupsafe import Markup

from ..annotate.dates import format_date
from ..core.models import Article, Entity, Event, Story
from ..link.paging import Part, neighbours
from .escape import Markdown
from .markup import trusted
from .site import Site, render_block, render_template
from .timeline_export import timeline_ics, timeline_json

# A background date ("Februari 2022") is a source of thousands of articles in a long digest: the
# timeline names the first of them and counts the rest (each article links to the event itself).
MAX_EVENT_SOURCES = 30
MAX_EVENT_STORIES = 3  # stories named on an entry of the combined timeline; the rest are counted


def timeline_context(site: Site, page: str) -> dict:
    """Return what every timeline template needs, with its links relative to ``page``: ``link`` for
    Markdown, ``href`` and ``event_href`` for HTML."""
    pages = site.digest.timeline_pages
    return {
        "site": site, "labels": site.labels, "entities": site.digest.entities, "overview": pages.overview,
        "max_sources": MAX_EVENT_SOURCES, "kinds": event_kinds(site.labels),
        "format_date": lambda value, precision: format_date(value, precision, site.language),
        "period_name": lambda key: period_name(key, site.labels, site.language),
        "link": lambda target: site.link(page, target),
        "href": lambda target: site.href(page, target),
        "event_href": lambda event: site.href(page, pages.target(event.date, event.id)),
    }


def event_kinds(labels: Mapping[str, str]) -> dict[str, str]:
    """Name each kind of event, in the order of the legend."""
    return {"main": labels.get("main", "Peristiwa utama"), "background": labels.get("background", "Latar belakang"),
            "announced": labels.get("announced", "Direncanakan")}


def period_name(key: str, labels: Mapping, language: str) -> str:
    """Name one period of a split timeline: "Februari 2025", or "2025 (hanya tahun)"."""
    if len(key) == 4:
        return labels["timeline_year_only"].format(year=key)
    return format_date(key, "month", language)


def periods_by_year(parts: Sequence[Part]) -> list[tuple[str, tuple[Part, ...]]]:
    """Group the parts of a split timeline by year, in their (chronological) order."""
    years: dict[str, list[Part]] = defaultdict(list)
    for part in parts:
        years[part.key[:4]].append(part)
    return [(year, tuple(found)) for year, found in years.items()]


def undated_events(articles: Sequence[Article], events: Sequence[Event]) -> list[tuple[Article, tuple[Event, ...]]]:
    """Pair each undated article with the events it is a source of, in timeline order."""
    by_slug: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for slug in dict.fromkeys(source.slug for source in event.sources):
            by_slug[slug].append(event)
    return [(article, tuple(by_slug.get(article.slug, ()))) for article in articles]


def timeline_exports(site: Site) -> list[tuple[str, str]]:
    """Return the timeline as TimelineJS JSON and as an iCalendar file, for other newsroom tools."""
    data = timeline_json(site.digest.events, site.labels["timeline_title"], site.memo.texts)
    return [("timeline.json", json.dumps(data, ensure_ascii=False) + "\n"),
            ("timeline.ics", timeline_ics(site.digest.events, site.memo.texts))]


def render_timeline(site: Site) -> list[tuple[str, str]]:
    """Render the timeline: one page, or once it is split an overview and one page per period."""
    pages, events = site.digest.timeline_pages, site.digest.events
    undated = undated_events(site.digest.undated, events)
    listed = () if pages.split else events  # a split overview lists periods, not events
    counts = [(part.key, part.path, len(part.items)) for part in pages.parts] if pages.split else []
    stories = event_story_chips(site)
    inputs = (listed, counts, undated, chips_of(stories, listed))
    overview = site.memo.page(pages.overview, inputs, lambda: render_template(
        "timeline.md.j2", **timeline_context(site, pages.overview), events=listed, legend=legend(site),
        rows=event_rows(site, pages.overview, listed, stories),
        periods=periods_by_year(pages.parts) if pages.split else (),
        undated=undated_block(site, pages.overview, undated)))
    periods = [(part.path, site.memo.page(
        part.path, (part, previous and previous.key, following and following.key, chips_of(stories, part.items)),
        lambda part=part, previous=previous, following=following: render_template(
            "timeline_period.md.j2", **timeline_context(site, part.path), part=part, previous=previous,
            following=following, legend=legend(site), rows=event_rows(site, part.path, part.items, stories))))
        for previous, part, following in neighbours(pages.parts)] if pages.split else []
    return [(pages.overview, overview), *periods]


def legend(site: Site) -> Markdown:
    """Name the kinds of event, with their colours."""
    return render_block("_legend.html.j2", kinds=event_kinds(site.labels))


def undated_block(site: Site, page: str, undated: Sequence[tuple[Article, tuple[Event, ...]]]) -> Markdown | None:
    """List the articles without a story date, each with the events it reports."""
    if not undated:
        return None
    return render_block("_undated.html.j2", **timeline_context(site, page), undated=undated)


def chips_of(stories: Mapping[str, tuple[tuple[str, str], ...]], events: Sequence[Event]) -> tuple:
    """What the entries of ``events`` show of their stories (a page's input)."""
    return tuple(stories.get(event.id, ()) for event in events) if stories else ()


def event_rows(site: Site, page: str, events: Sequence[Event],
               stories: Mapping[str, tuple[tuple[str, str], ...]] | None = None) -> dict[str, Markdown]:
    """Render each event as ``page`` shows it, remembered on its own: a month whose one event
    changed renders that event again, not all of them. ``stories`` (event id -> the stories of its
    reports) names them on each entry."""
    context = timeline_context(site, page)
    stories = stories or {}
    return {event.id: site.memo.texts.get(
        ("timeline event", event.id, page), (event, stories.get(event.id, ())), lambda: render_block(  # noqa: B023
            "_event.html.j2", **context, event=event, chips=event_chips(site, page, event),  # noqa: B023
            stories=stories.get(event.id, ()), max_stories=MAX_EVENT_STORIES)) for event in events}  # noqa: B023


def event_chips(site: Site, page: str, event: Event) -> Markup:
    """Render the chips of an event's entities once for all the pages that link them alike. An event
    merged from many articles is on the page of every story that reports it, each time with only
    that story's sources but with all its chips (fifteen on average, three quarters of the time of
    its entry): rendered once, the story pages' timelines took 0.19 s instead of 0.41 s at 1,000
    articles. The chips are remembered with their URLs, which are the same from every story page."""
    entities = site.digest.entities
    named = tuple((id, entities[id]) for id in event.entity_ids if id in entities)
    urls = tuple(site.href(page, f"entities/{id}.md") for id, _ in named)
    return site.memo.texts.get(("event chips", event.id, urls), named,
                               lambda: entity_chips(named, urls))


def entity_chips(named: Sequence[tuple[str, Entity]], urls: Sequence[str]) -> Markup:
    """Render the chips of (entity id, entity) ``named``, linked to ``urls``; nothing for none."""
    if not named:
        return trusted("")
    chips = tuple((id, entity, url) for (id, entity), url in zip(named, urls))
    return render_template("_event_chips.html.j2", chips=chips)


def event_story_chips(site: Site) -> Mapping[str, tuple[tuple[str, str], ...]]:
    """Map each event to the stories (id, title) of its reports, in the order of its reports; empty
    for a digest of one story (remembered while the events and the stories are the same)."""
    digest = site.digest
    if len(digest.stories) < 2:
        return {}
    return site.memo.texts.get("timeline story chips", (digest.events, digest.stories), lambda: {
        event.id: event_stories(digest.story_of, event) for event in digest.events})


def event_stories(story_of: Mapping[str, Story], event: Event) -> tuple[tuple[str, str], ...]:
    """Return the stories (id, title) of an event's reports, in the order of its reports."""
    return tuple(dict.fromkeys((story.id, story.title) for story in map(story_of.get, (s.slug for s in event.sources))
                               if story is not None))


def story_timeline(site: Site, page: str, events: Sequence[Event]) -> dict[str, Markdown]:
    """Render a story's events for its page (``page``): as on the timeline, without story chips."""
    return event_rows(site, page, events)
