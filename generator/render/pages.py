"""Render the linked digest into Markdown pages with Jinja2 (no I/O)."""

from __future__ import annotations

from ..annotate.glossary import abbreviation_picker
from ..link.digest import Digest
from ..link.story_parts import StoryPart, story_parts
from .article import article_page
from .coverage import coverage_pages, story_coverage
from .entity import render_entity_index, render_entity_pages
from .feeds import render_feeds
from .home import render_home_pages
from .quotes import render_quotes_pages
from .site import PageMemo, Site, labels_for, render_block, render_template
from .story import render_stories_index, render_story
from .storylist import story_path
from .timeline import render_timeline, story_timeline, timeline_exports
from .views import lead_of

MAX_REPORT_ROWS = 200  # problems of each kind, and unknown names, on the build report
PAGES = ("index.md", "timeline.md", "quotes.md", "glossary.md", "report.md", "entities/index.md")


def render_site(digest: Digest, language: str = "id", site_url: str | None = None,
                memo: PageMemo | None = None, directory_urls: bool = True) -> list[tuple[str, str]]:
    """Return every generated page as (path, text), in a stable order.

    ``memo``, kept by the caller between rebuilds, reuses the pages whose inputs are equal;
    ``directory_urls`` is MkDocs' ``use_directory_urls``, which the links in HTML blocks follow.
    """
    memo = memo if memo is not None else PageMemo()
    memo.start((language, site_url, digest.knowledge, directory_urls))
    site = Site(digest, labels_for(language), language, memo, directory_urls)
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
    pages += render_stories(site)
    pages = memo.finish(pages, abbreviation_picker(digest.glossary))
    # Not Markdown pages, but as costly to write again: kept while their inputs are equal.
    feeds = render_feeds(digest, site_url, language, site.labels, lead_of, site.memo.texts, directory_urls)
    exports = site.memo.page("<timeline exports>", (digest.events,), lambda: timeline_exports(site))
    return pages + feeds + exports


def render_stories(site: Site) -> list[tuple[str, str]]:
    """Render every story's page and the stories index.

    A story page shows the story's events as the timeline shows them and the comparison of its
    outlets as the coverage pages do: the kinds of page know no other kind, so they meet here. A
    page is rendered again only when its story's part of the digest changed (``story_parts`` keeps
    an unchanged part as the same object) or the timeline its events link to was split otherwise.
    """
    timeline = site.digest.timeline_pages
    pages = []
    for part in story_parts(site.digest, site.memo.texts):
        path = story_path(part.story.id)
        pages.append((path, site.memo.page(path, (part, timeline.split, timeline.keys),
                                           lambda part=part, path=path: story_page(site, part, path))))
    return pages + render_stories_index(site)


def story_page(site: Site, part: StoryPart, path: str) -> str:
    """Render one story's page with its timeline and the comparison of its outlets."""
    return render_story(site, part, path, story_timeline(site, path, part.digest.events),
                        story_coverage(site, part.coverage, path, render_template))


def render_report(site: Site) -> str:
    """Render the build report: the first problems of each kind, and the automatic entities (the
    names the text introduces that the knowledge base lacks), most widely named first; the build
    log and ``python -m generator check`` list every problem, ``entities suggest`` every entity."""
    diagnostics = site.digest.diagnostics
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = [d for d in diagnostics if d.severity == "warning"]
    mentions = site.digest.mentions
    automatic = sorted(((entity, len({ref.slug for ref in mentions.get(entity.id, ())}))
                        for entity in site.digest.knowledge.entities if entity.automatic),
                       key=lambda item: (-item[1], item[0].name.casefold(), item[0].id))
    return render_template(
        "report.md.j2", L=site.labels, limit=MAX_REPORT_ROWS, errors=errors, warnings=warnings,
        automatic=automatic[:MAX_REPORT_ROWS], more_automatic=max(0, len(automatic) - MAX_REPORT_ROWS),
        href=lambda target: site.href("report.md", target), html=render_block)
