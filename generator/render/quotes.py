"""The quotes pages: statements by speaker, with the wordings of each cluster side by side."""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import Sequence

from ..core.models import Article, Quote
from ..link.digest import article_date
from ..link.paging import neighbours, paged
from .escape import Markdown
from .listing import LATEST_ROWS, listing_front, listing_nav, period_label, period_rows
from .site import Site, render_block, render_template
from .views import article_view


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
        "quotes.md.j2", L=site.labels, groups=[], clusters=[],
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
    context = {"href": partial(site.href, page)}
    variants = [render_block("_variants.html.j2", **context, cluster=cluster, members=members)
                for cluster, members in clusters]
    listed = [(speaker, render_block("_statements.html.j2", **context, items=items))
              for speaker, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return render_template("quotes.md.j2", L=site.labels, title=title, nav=nav, speakers=[], periods=[],
                           front=listing_front(title) if title else None, groups=listed, clusters=variants)


def speaker_label(site: Site, quote: Quote) -> str:
    """Name the speaker of a quote as the site shows it."""
    entity = site.digest.entities.get(quote.speaker_id or "")
    return entity.name if entity else (quote.speaker_name or site.labels["unknown_speaker"])
