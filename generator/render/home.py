"""The front page, and the monthly archive once the articles outgrow it."""

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
from .views import lead_of

HOME_LATEST = 30  # articles on a front page that links to monthly archives


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
    meta = article.meta
    return render_template("_teaser.html.j2", a=article, L=site.labels, href=site.href(page, f"articles/{article.slug}.md"),
                           date=site.date(meta.story_date.value or meta.published.value), lead=lead_of(article, 200))
