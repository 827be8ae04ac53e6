"""The front page, and the monthly archive once the articles outgrow it.

A digest of one story lists its articles; a digest of several lists its stories, newest activity
first, each with its newest articles beneath (a story of one article shows that article).
"""

from __future__ import annotations

from typing import Sequence

from markupsafe import Markup

from ..core.models import Article
from ..link.digest import article_date
from ..link.paging import neighbours
from .escape import Markdown
from .markup import html_rows
from .listing import listing_front, listing_nav, period_label, period_rows
from .site import Site, render_template
from .storylist import story_rows
from .views import TEASER_LEAD, lead_of

HOME_LATEST = 30  # articles on a front page that links to monthly archives
HOME_STORIES = 30  # stories on a front page that links to monthly archives
STORY_ARTICLES = 5  # newest articles listed under a story; its page lists them all


def render_home_pages(site: Site) -> list[tuple[str, str]]:
    """Render the front page: every article while they fit, else the latest and monthly archives."""
    archive = site.digest.archive_pages
    if len(site.digest.stories) > 1:
        return render_story_home(site)
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


def render_story_home(site: Site) -> list[tuple[str, str]]:
    """Render the front page of several stories: all of them while the articles fit one page, else
    the latest, with the monthly archive of the articles as a long digest has it."""
    archive, stories = site.digest.archive_pages, site.digest.stories
    shown = stories[:HOME_STORIES] if archive.split else stories
    rows = html_rows(story_rows(site, shown, "index.md", STORY_ARTICLES, "_story_teaser.html.j2"),
                     '<div class="dg-teasers">')
    periods = period_rows(site, archive, "index.md") if archive.split else []
    pages = [("index.md", site.memo.page("index.md", (rows, len(stories), periods), lambda: render_template(
        "home_stories.md.j2", L=site.labels, rows=rows, count=len(stories), stories="stories/index.md",
        periods=periods)))]
    for previous, part, following in neighbours(archive.parts) if archive.split else ():
        nav = listing_nav(site, part.path, previous, following, "index.md")
        pages.append((part.path, site.memo.page(part.path, (part.items, nav),
                                                lambda part=part, nav=nav: render_archive(site, part, nav))))
    return pages


def render_archive(site: Site, part, nav: Markdown) -> str:
    """Render one month of the article archive."""
    title = f"{site.labels['archive']}: {period_label(site, part.key)}"
    return render_template("archive.md.j2", title=title, front=listing_front(title), nav=nav,
                           rows=teasers(site, part.path, part.items))


def render_home(site: Site, dated: Sequence[Article], undated: Sequence[Article],
                periods: Sequence[tuple[str, str, int]] = ()) -> str:
    """Render the front page: dated articles newest first, undated ones, then the archive."""
    return render_template("index.md.j2", L=site.labels, dated=teasers(site, "index.md", dated),
                           undated=teasers(site, "index.md", undated) if undated else None, periods=periods)


def teasers(site: Site, page: str, articles: Sequence[Article]) -> Markdown:
    """Render the teasers of a list of articles as one HTML block; each is remembered on its own."""
    return html_rows([site.memo.texts.get(("teaser", article.file, page), article, lambda: teaser(site, page, article))  # noqa: B023
                      for article in articles], '<div class="dg-teasers">')


def teaser(site: Site, page: str, article: Article) -> Markup:
    """Render one article's teaser: title link, outlet and date, lead."""
    return render_template("_teaser.html.j2", a=article, L=site.labels, href=site.href(page, f"articles/{article.slug}.md"),
                           date=site.date(article_date(article)), lead=lead_of(article, TEASER_LEAD))
