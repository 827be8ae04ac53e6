"""The story pages (``stories/<id>/``) and the stories index (``stories/``).

A story page lists the story's articles by outlet, newest first, then its own timeline and the
comparison of its outlets. Those two sections are rendered by the timeline and coverage page
modules for the story's part of the digest (``link.story_parts``) and handed in by
``render.pages``: a kind of page knows no other kind. The index lists every story, newest
activity first; past ``page_rows`` stories it keeps the latest and links one page per month.
"""

from __future__ import annotations

from typing import Mapping

from ..core.models import Article, article_date
from ..link.paging import neighbours, paged
from ..link.story_parts import StoryPart
from .escape import Markdown, escape_markdown, front_matter, markdown_link
from .listing import listing_front, listing_nav, period_label, period_rows
from .markup import html_rows
from .site import Site, render_block, render_template
from .storylist import story_rows, story_span
from .views import TEASER_LEAD, lead_of

INDEX = "stories/index.md"
MONTHS = "stories/by-month"  # the monthly pages of a split index: stories/by-month/2025-02.md
LATEST_STORIES = 30  # stories on an index that links to monthly pages


def render_story(site: Site, part: StoryPart, page: str, timeline: Mapping[str, Markdown], coverage: str) -> str:
    """Render one story's page: its articles by outlet, then ``timeline`` (the rows of its events)
    and ``coverage`` (the comparison of its outlets, empty when it has one)."""
    story, named = part.story, len([column for column in part.coverage.columns if column.name])
    span = story_span(site, story)
    description = site.labels["story_description"].format(articles=len(story.files), span=span)
    return render_template("story.md.j2", site=site, L=site.labels, story=story, span=span,
                           outlets=outlet_groups(site, part, page), count_outlets=named,
                           events=part.digest.events, rows=timeline, coverage=Markdown(coverage),
                           front=front_matter({"title": story.title, "description": description}))


def outlet_groups(site: Site, part: StoryPart, page: str) -> list[tuple[Markdown, Markdown]]:
    """Group the story's articles by outlet, in the comparison's column order, newest first: the
    outlet's name (a heading of the page) and its articles as one HTML block."""
    position = site.digest.position
    groups = []
    for column in part.coverage.columns:
        name = (markdown_link(column.name, site.link(page, column.page)) if column.page
                else escape_markdown(site.labels["coverage_unknown_outlet"]))
        articles = sorted((part.digest.by_slug[slug] for slug in column.slugs), key=lambda a: position[a.slug])
        groups.append((name, render_block("_story_articles.html.j2", articles=[
            (a, site.href(page, f"articles/{a.slug}.md"), site.date(article_date(a)),
             lead_of(a, TEASER_LEAD)) for a in articles])))
    return groups


def render_stories_index(site: Site) -> list[tuple[str, str]]:
    """Render the stories index: every story while they fit one page, else the latest with one page
    per month of their latest article."""
    stories = site.digest.stories
    months = paged(MONTHS, stories, lambda story: story.last, site.digest.page_rows)
    title = site.labels["stories_title"]
    if not months.split:
        rows = story_list(site, stories, INDEX)
        return [(INDEX, site.memo.page(INDEX, rows, lambda: index_page(site, title, rows)))]
    latest = story_list(site, stories[:LATEST_STORIES], INDEX)
    periods = period_rows(site, months, INDEX)
    pages = [(INDEX, site.memo.page(INDEX, (latest, periods), lambda: index_page(site, title, latest, periods)))]
    for previous, part, following in neighbours(months.parts):
        nav = listing_nav(site, part.path, previous, following, INDEX)
        rows = story_list(site, part.items, part.path)
        month = f"{title}: {period_label(site, part.key)}"
        pages.append((part.path, site.memo.page(part.path, (rows, nav),
                                                lambda month=month, rows=rows, nav=nav: index_page(site, month, rows, nav=nav))))
    return pages


def story_list(site: Site, stories, page: str) -> Markdown:
    """Render stories as the rows of one list on ``page``."""
    return html_rows(story_rows(site, stories, page, 0, "_story_row.html.j2"), '<ul class="dg-stories">')


def index_page(site: Site, title: str, rows, periods=(), nav: Markdown | str = "") -> str:
    """Render one page of the stories index."""
    return render_template("stories.md.j2", L=site.labels, title=title, front=listing_front(title) if nav else
                           front_matter({"title": title}), rows=rows, periods=periods, nav=nav)
