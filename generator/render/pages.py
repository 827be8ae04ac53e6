"""Render the linked digest into Markdown pages with Jinja2 (no I/O)."""

from __future__ import annotations

from ..annotate.glossary import abbreviation_picker
from ..core.models import Candidate
from ..link.digest import Digest
from .article import article_page
from .coverage import coverage_pages
from .entity import render_entity_index, render_entity_pages
from .feeds import render_feeds
from .home import render_home_pages
from .quotes import render_quotes_pages
from .site import PageMemo, Site, labels_for, render_block, render_template
from .timeline import render_timeline, timeline_exports
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
    pages = memo.finish(pages, abbreviation_picker(digest.glossary))
    # Not Markdown pages, but as costly to write again: kept while their inputs are equal.
    feeds = render_feeds(digest, site_url, language, site.labels, lead_of, site.memo.texts, directory_urls)
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
    candidates = [(name, len(seen), site.digest.by_slug[slug].meta.title.value,
                   site.href("report.md", f"articles/{slug}.md#{candidate.anchor}"), candidate)
                  for name, seen in names[:MAX_REPORT_ROWS] for slug, candidate in seen[:1]]
    return render_template(
        "report.md.j2", L=site.labels, limit=MAX_REPORT_ROWS, errors=errors, warnings=warnings,
        candidates=candidates, more_candidates=max(0, len(names) - MAX_REPORT_ROWS),
        html=render_block)
