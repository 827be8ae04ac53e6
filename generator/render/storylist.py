"""Stories in a list (the front page, the stories index): what a row shows of a story, shared by
the pages that list them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from ..core.models import Article, Story, article_date
from .site import Site, render_template
from .views import TEASER_LEAD, article_view, lead_of



def story_path(story_id: str) -> str:
    """Return the page of a story: ``stories/<id>.md`` (its address is stories/<id>/)."""
    return f"stories/{story_id}.md"


@dataclass(frozen=True)
class StoryRow:
    """What a list shows of one story: its newest articles (with their URLs from the list's page
    and their days), how many it leaves out, its outlets and the days it spans."""

    story: Story
    href: str  # the story page, from the list's page
    articles: tuple[tuple[Article, str, str], ...]
    more: int
    outlets: tuple[str, ...]  # most articles first
    span: str

    @property
    def single(self) -> bool:
        return len(self.story.files) == 1


def story_row(site: Site, story: Story, page: str, limit: int) -> StoryRow:
    """Return the row of ``story`` on ``page``, listing its ``limit`` newest articles."""
    articles = [site.digest.by_slug[slug] for slug in story.slugs]  # newest first
    shown = tuple((article, site.href(page, f"articles/{article.slug}.md"),
                   site.date(article_date(article)))
                  for article in articles[:limit])
    return StoryRow(story, site.href(page, story_path(story.id)), shown, len(articles) - len(shown),
                    outlets_of(articles), story_span(site, story))


def outlets_of(articles: Sequence[Article]) -> tuple[str, ...]:
    """Name the outlets of some articles, most articles first (unknown outlets left out)."""
    counts = Counter(" ".join(str(a.meta.outlet.value).split()) for a in articles if a.meta.outlet.known)
    return tuple(name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())))


def story_span(site: Site, story: Story) -> str:
    """Name the days a story's articles are filed under: one day, "first – last", or no date."""
    if story.first is None or story.last is None:
        return site.labels["no_date"]
    if story.first == story.last:
        return site.date(story.first)
    return f"{site.date(story.first)} – {site.date(story.last)}"


def row_inputs(site: Site, story: Story, limit: int) -> tuple:
    """What a story's row shows: the story, and of its newest articles their listing and lead."""
    shown = [site.digest.by_slug[slug] for slug in story.slugs[:limit]]
    outlets = tuple(a.meta.outlet.value for a in (site.digest.by_slug[slug] for slug in story.slugs))
    return story, tuple((article_view(a), lead_of(a, TEASER_LEAD) if len(story.slugs) == 1 else None) for a in shown), outlets


def story_rows(site: Site, stories: Sequence[Story], page: str, limit: int, template: str) -> list[str]:
    """Render each story as the HTML fragment ``template`` shows it on ``page`` (the caller puts
    the rows into one HTML block), each remembered on its own."""
    return [site.memo.texts.get((template, story.id, page, limit), row_inputs(site, story, limit),
                                lambda: story_html(site, story, page, limit, template))  # noqa: B023
            for story in stories]


def story_html(site: Site, story: Story, page: str, limit: int, template: str) -> str:
    """Render one story's row on ``page``."""
    row = story_row(site, story, page, limit)
    lead = lead_of(row.articles[0][0], TEASER_LEAD) if row.single and row.articles else None
    return render_template(template, s=row, L=site.labels, lead=lead)
