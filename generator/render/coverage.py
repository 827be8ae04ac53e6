"""The coverage pages: the comparison of ``link.coverage`` as the coverage page, the outlet index
and one page per outlet.

No page grows with the digest: past ``page_rows`` entries the sections about events (matrix,
single-outlet reports, quote comparisons, article sourcing, details) move to one page per month,
and coverage.md keeps what depends on the number of outlets only (speakers, sourcing per outlet)
with the list of months; cells and per-outlet lists show their first few links and count the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from ..core.models import Event
from ..link.columns import Column
from ..link.coverage import (Cell, Coverage, OutletSummary, Period, build_coverage, cited_by, outlet_summaries,
                             split_periods)
from ..link.details import Detail, DetailRow
from ..link.digest import Digest
from ..link.paging import UNDATED, neighbours
from ..link.wordings import Piece, Use, Wording
from markupsafe import Markup

from .escape import Markdown, escape_markdown, front_matter, markdown_link
from .listing import listing_front, period_nav
from .markup import escape_html, link, trusted
from .site import Site, render_block

MAX_SPEAKERS = 12  # rows of the speaker table of the coverage page
MAX_OUTLET_SPEAKERS = 8
MAX_OUTLET_ARTICLES = 20  # the newest articles an outlet page lists; the rest are on the coverage pages
MAX_OUTLET_EVENTS = 20  # the latest main events (and events only it reports) an outlet page lists
MAX_SOURCES = 10  # sources named in one cell or list, most used first
# A background event can be reported by hundreds of articles, and the same quote or detail repeated
# by as many: links of one cell are capped (the rest counted) so that no row grows with the digest.
MAX_CELL_LINKS = 5  # paragraph links of one matrix, detail or wording cell
MAX_EVENT_SOURCES = 10  # paragraph links of one event reported by one outlet only
MAX_WORDINGS = 8  # wordings of one quote compared with its reference
MAX_RELIED_ON = 40  # rows of the "relied on by" table of the outlet index
# Articles of a period page's sourcing table: above a month's usual count, it bounds the page of
# the undated articles, whose number grows with the digest (each article's card shows its sources).
MAX_SOURCING_ROWS = 300
BAR_STEPS = 10  # bar widths are classes dg-w0 .. dg-w10 (no inline style)
MAX_HEADER_TITLE = 32


@dataclass(frozen=True)
class View:
    """The helpers of one coverage page: every text from articles is escaped here, as HTML for the
    tables and lists (HTML blocks), as Markdown for the headings (which the TOC shows)."""

    site: Site
    coverage: Coverage
    page: str
    split: bool = False  # the event sections are on period pages

    @property
    def L(self) -> dict:
        return self.site.labels

    def to(self, target: str) -> str:
        """Return the relative Markdown link from this page to ``target``."""
        return self.site.link(self.page, target)

    def href(self, target: str) -> str:
        """Return the URL of ``target`` as a link in an HTML block of this page writes it."""
        return self.site.href(self.page, target)

    def column(self, key: str) -> Column:
        return self.coverage.by_key[key]

    # ---------------------------------------------------------------- Markdown, for headings

    def column_heading(self, column: Column) -> Markdown:
        """Name a column in a heading: its outlet page link, or "unknown outlet" with the article."""
        if column.page:
            return markdown_link(column.name, self.to(column.page))
        unknown = Markdown(f'<span class="dg-unknown-outlet">{escape_markdown(self.L["coverage_unknown_outlet"])}</span>')
        if column.shared:
            return unknown + Markdown(f" ({len(column.slugs)})")
        article = self.site.digest.by_slug[column.slugs[0]]
        title = str(article.meta.title.value or article.slug)
        return unknown + Markdown(": ") + markdown_link(shorten(title), self.to(f"articles/{article.slug}.md"), title)

    def speaker_heading(self, speaker_id: str | None, speaker_name: str | None) -> Markdown:
        """Name a speaker in a heading, linked to the entity page when known."""
        entity = self.site.digest.entities.get(speaker_id or "")
        if entity:
            return markdown_link(entity.name, self.to(f"entities/{entity.id}.md"), entity.description or None)
        return escape_markdown(speaker_name or self.L["unknown_speaker"])

    def event_heading(self, event: Event) -> Markdown:
        """Give an event's date linked to the timeline, and its summary, in a heading."""
        date = markdown_link(self.site.date(event.date, event.precision), self.to(self.timeline_target(event)))
        return date + Markdown(" ") + escape_markdown(event.summary)

    def period_nav(self, before: Period | None, after: Period | None) -> Markdown:
        """Link the previous period, the list of periods and the next period."""
        overview = markdown_link(self.L["coverage_periods"], self.to("coverage.md#periods"))
        return period_nav(before, after, overview, self.period_label, self.to)

    # ---------------------------------------------------------------- HTML, for tables and lists

    def column_label(self, column: Column) -> Markup:
        """Name a column: its outlet page link, or "unknown outlet" with the article title (or count)."""
        if column.page:
            return trusted(link(self.href(column.page), column.name))
        unknown = f'<span class="dg-unknown-outlet">{escape_html(self.L["coverage_unknown_outlet"])}</span>'
        if column.shared:
            return trusted(f"{unknown} ({len(column.slugs)})")
        article = self.site.digest.by_slug[column.slugs[0]]
        title = str(article.meta.title.value or article.slug)
        return trusted(f"{unknown}: " + link(self.href(f"articles/{article.slug}.md"), shorten(title), title))

    def cell(self, cells: Sequence[Cell], event: Event) -> Markup:
        """Link each paragraph where the outlet reports the event, or say it does not report it."""
        if not cells:
            return self.not_reported()
        links = [self.paragraph_link(cell.slug, cell.anchor, cell.title) for cell in cells[:MAX_CELL_LINKS]]
        return self.capped(links, len(cells), event)

    def capped(self, shown: Sequence[str], total: int, event: Event | None = None, separator: str = " ") -> Markup:
        """Join the links a cell shows, and count the ones it leaves out ("+12"): linked to the event's
        timeline entry, which lists them all, when they are the event's sources."""
        rest = total - len(shown)
        if rest > 0:
            hint = self.L["coverage_more"].format(count=rest)
            shown = [*shown, link(self.href(self.timeline_target(event)), f"+{rest}", hint) if event
                     else f'<span title="{escape_html(hint)}">+{rest}</span>']
        return trusted(separator.join(shown))

    def timeline_target(self, event: Event) -> str:
        return self.site.digest.timeline_pages.target(event.date, event.id)

    def paragraph_link(self, slug: str, anchor: str, title: str) -> str:
        """Link one paragraph of an article as "¶3"."""
        number = anchor[1:] if anchor[:1] == "p" and anchor[1:].isdigit() else anchor
        hint = f"{title} — {self.L['coverage_paragraph']} {number}"
        return link(self.href(f"articles/{slug}.md#{anchor}"), f"¶{number}", hint)

    def not_reported(self) -> Markup:
        """A dash that says "does not report" to every reader."""
        label = escape_html(self.L["coverage_not_reported"])
        return trusted(f'<span class="dg-none" title="{label}"><span aria-hidden="true">—</span>'
                       f'<span class="dg-sr">{label}</span></span>')

    def event(self, event: Event) -> Markup:
        """Return the event's date linked to the timeline, and its summary."""
        date = link(self.href(self.timeline_target(event)), self.site.date(event.date, event.precision))
        return trusted(f"{date} {escape_html(event.summary)}")

    def event_sources(self, event: Event) -> Markup:
        """Link the paragraphs that report an event."""
        links = [self.paragraph_link(s.slug, s.anchor, s.title) for s in event.sources[:MAX_EVENT_SOURCES]]
        return self.capped(links, len(event.sources), event)

    def speaker(self, speaker_id: str | None, speaker_name: str | None) -> Markup:
        """Name a speaker, linked to the entity page when known."""
        entity = self.site.digest.entities.get(speaker_id or "")
        if entity:
            return trusted(link(self.href(f"entities/{entity.id}.md"), entity.name, entity.description or None))
        return escape_html(speaker_name or self.L["unknown_speaker"])

    def wording(self, wording: Wording) -> Markup:
        """Render a wording with its added, dropped and unquoted words marked."""
        return trusted(" ".join(self.piece(piece) for piece in wording.pieces))

    def piece(self, piece: Piece) -> str:
        text = escape_html(piece.text)
        if piece.kind == "insert":
            return f'<ins title="{escape_html(self.L["coverage_added"])}">{text}</ins>'
        if piece.kind == "delete":
            return f'<del title="{escape_html(self.L["coverage_dropped"])}">{text}</del>'
        if piece.kind == "cut":
            hint = f'{self.L["coverage_cut"]}: {piece.text}'
            return f'<span class="dg-cut" title="{escape_html(hint)}">…</span>'
        return text

    def quote_sources(self, wording: Wording) -> Markup:
        """Name the outlets that use a wording and link the paragraphs that hold it."""
        shown = [self.quote_source(use) for use in wording.uses[:MAX_CELL_LINKS]]
        return self.capped(shown, len(wording.uses), separator=" · ")

    def quote_source(self, use: Use) -> str:
        """Name the outlet of one use of a wording and link its paragraph."""
        article = self.site.digest.by_slug[use.slug]
        column = self.column(use.column)
        name = self.column_label(column) if column.page else escape_html(self.L["coverage_unknown_outlet"])
        return f"{name} " + self.paragraph_link(article.slug, article.quotes[use.index].anchor,
                                                str(article.meta.title.value or article.slug))

    def bar(self, count: int, most: int) -> Markup:
        """Render a count with a CSS bar scaled to ``most`` (no inline style, no script)."""
        if not count:
            return trusted('<span class="dg-zero">0</span>')
        step = max(1, round(BAR_STEPS * count / max(most, 1)))
        return trusted(f'<span class="dg-bar dg-w{step}" aria-hidden="true"></span> {count}')

    def source_name(self, name: str) -> Markup:
        """Name a source: linked to its outlet page when it has articles here, marked when an agency."""
        column = self.coverage.column_named(name)
        text = link(self.href(column.page), name) if column and column.page else str(escape_html(name))
        outlet = self.coverage.lookup.get(name.casefold())
        if outlet and outlet.agency:
            label = escape_html(self.L["outlets_agency"])
            text += f' <span class="dg-agency" title="{label}">{label}</span>'
        return trusted(text)

    def sources(self, names: Sequence[str]) -> Markup:
        """Name several sources (the first MAX_SOURCES), or show a dash."""
        if not names:
            return trusted("—")
        return trusted(", ".join(self.source_name(n) for n in names[:MAX_SOURCES]) + self.rest(len(names) - MAX_SOURCES))

    def ranked(self, counts: Sequence[tuple[str, int]]) -> Markup:
        """Name the most used sources with their article counts, or show a dash."""
        if not counts:
            return trusted("—")
        shown = ", ".join(f"{self.source_name(name)} ({count})" for name, count in counts[:MAX_SOURCES])
        return trusted(shown + self.rest(len(counts) - MAX_SOURCES))

    def rest(self, count: int) -> str:
        """Say how many more a capped list holds ("and 3 more"), or nothing."""
        return f" {escape_html(self.L['coverage_more'].format(count=count))}" if count > 0 else ""

    def more(self, count: int, anchor: str) -> Markup:
        """Link what a capped list leaves out: to its section of the coverage page, or its periods."""
        target = "coverage.md#periods" if self.split else f"coverage.md#{anchor}"
        return trusted(link(self.href(target), self.L["coverage_more"].format(count=count)))

    def period_label(self, key: str) -> str:
        """Name a period: "Februari 2025", "2025", or "undated"."""
        if key == UNDATED:
            return self.L["no_date"]
        return self.site.date(key, "month" if len(key) > 4 else "year")

    def article_link(self, slug: str) -> Markup:
        article = self.site.digest.by_slug[slug]
        return trusted(link(self.href(f"articles/{slug}.md"), article.meta.title.value or slug))

    def detail_label(self, row: DetailRow) -> str:
        """Name a kind of detail ("Durasi", "Tujuan"); the phrases in the cells show the counted noun."""
        kinds = self.L["coverage_detail_kinds"]
        return kinds.get(f"{row.kind}_{row.key}", kinds[row.kind])

    def details(self, found: Sequence[Detail]) -> Markup:
        """Quote the phrases an outlet gives for a detail, each linked to its paragraph."""
        if not found:
            return self.not_reported()
        shown = [f"“{escape_html(d.text)}” " + self.paragraph_link(
            d.slug, d.anchor, str(self.site.digest.by_slug[d.slug].meta.title.value or d.slug))
            for d in found[:MAX_CELL_LINKS]]
        return self.capped(shown, len(found), separator="; ")


def shorten(title: str) -> str:
    """Shorten an article title to fit a column header."""
    return title if len(title) <= MAX_HEADER_TITLE else title[:MAX_HEADER_TITLE].rsplit(" ", 1)[0] + " …"


def coverage_pages(site: Site, render: Callable[..., str]) -> list[tuple[str, str]]:
    """Render the coverage page (and its period pages when the digest is large), the outlet index
    and one page per known outlet.

    A preview rebuild renders a page again only when what it shows changed (see ``shared_inputs``
    and the other ``*_inputs`` functions): an edited seed usually touches one period page at most.
    """
    digest = site.digest
    coverage = build_coverage(digest, site.memo.texts)
    periods = split_periods(digest, coverage)
    summaries = outlet_summaries(digest, coverage)
    relied_on = cited_by(coverage)
    shared = site.memo.texts.same(("coverage", "shared inputs"), shared_inputs(digest, coverage, bool(periods)))

    def page(path: str, inputs: tuple, render_page: Callable[[View], str]) -> tuple[str, str]:
        """Return a page: the last build's text while its inputs are the same, else rendered."""
        view = View(site, coverage, path, split=bool(periods))
        return path, site.memo.page(path, (shared, inputs), lambda: render_page(view))

    pages = [page("coverage.md", overview_inputs(digest, coverage, periods, summaries),
                  lambda view: render_overview(site, coverage, periods, summaries, view, render))]
    pages += [page(period.path, (key_of(before), key_of(after), sections_inputs(digest, period)),
                   lambda view: render_period(site, before, period, after, view, render))  # noqa: B023
              for before, period, after in neighbours(periods)]
    pages.append(page("outlets/index.md", index_inputs(coverage, summaries, relied_on),
                      lambda view: render_index(site, coverage, summaries, relied_on, view, render)))
    pages += [page(column.page, outlet_inputs(coverage, summaries[column.key]),
                   lambda view: render_outlet(site, coverage, summaries[column.key], view, render))  # noqa: B023
              for column in coverage.columns if column.page]
    return pages


# What each page shows, for ``coverage_pages`` to tell whether it must be rendered again. The labels,
# the knowledge base (entities, outlets) and the language are the same for the whole memo (``PageMemo``).
# Keep these in step with the templates and ``View``: a value a page shows that is missing here would
# leave the page stale in a preview (tests/test_incremental.py compares rebuilds with fresh builds).


def shared_inputs(digest: Digest, coverage: Coverage, split: bool) -> tuple:
    """What every coverage page shows besides its own content: the columns, the timeline page of
    each event's link, and whether the event sections are split by period."""
    timeline = digest.timeline_pages
    return tuple(column_inputs(digest, column) for column in coverage.columns), timeline.split, timeline.keys, split


def column_inputs(digest: Digest, column: Column) -> tuple:
    """What the pages show of a column: its outlet; for articles without one, how many share the
    column, or the article that is a column of its own (not the slugs of an outlet's articles)."""
    if column.shared:
        return column.key, len(column.slugs)
    if column.name is None:
        article = digest.by_slug[column.slugs[0]]
        return column.key, article.slug, article.meta.title.value
    return column.key, column.name, column.outlet


def sections_inputs(digest: Digest, sections: Coverage | Period) -> tuple:
    """What the event sections of a page show: their items, and of the articles they link only the
    titles and the paragraphs of the quotes, so that an edit elsewhere in an article leaves the page."""
    by_slug = digest.by_slug
    titles = tuple(by_slug[item.slug].meta.title.value for item in sections.sourcing)
    details = tuple(by_slug[detail.slug].meta.title.value for found in sections.details for row in found.rows
                    for cell in row.cells.values() for detail in cell)
    quotes = tuple((by_slug[use.slug].meta.title.value, by_slug[use.slug].quotes[use.index].anchor)
                   for comparison in sections.comparisons for wording in (comparison.reference, *comparison.others)
                   for use in wording.uses)
    return (sections.rows, sections.exclusive, sections.comparisons, sections.sourcing, sections.details,
            titles, details, quotes)


def overview_inputs(digest: Digest, coverage: Coverage, periods: Sequence[Period],
                    summaries: Mapping[str, OutletSummary]) -> tuple:
    """What coverage.md shows: the periods with their counts (or every event section), the most
    quoted speakers and the sourcing of each outlet."""
    shown = (tuple((p.key, p.path, len(p.rows), p.exclusive_count, len(p.comparisons), len(p.details),
                    len(p.sourcing)) for p in periods) if periods else sections_inputs(digest, coverage))
    outlets = tuple((len(s.articles), s.originals, s.cited) for s in summaries.values())  # in column order
    return shown, coverage.speakers[:MAX_SPEAKERS], outlets


def index_inputs(coverage: Coverage, summaries: Mapping[str, OutletSummary],
                 relied_on: Sequence[tuple[str, tuple[str, ...]]]) -> tuple:
    """What the outlet index shows: the counts and sources of each outlet, who relies on whom."""
    outlets = tuple((len(s.articles), len(s.rows), s.statements, s.originals, s.cited)
                    for s in summaries.values())  # in column order
    return outlets, len(coverage.rows), relied_on


def outlet_inputs(coverage: Coverage, summary: OutletSummary) -> tuple:
    """What one outlet's page shows besides its column: its newest articles (title and date), sources,
    speakers, and events with its own paragraphs only (another outlet's report leaves the page)."""
    articles = tuple((a.slug, a.meta.title.value, a.meta.story_date.value, a.meta.published.value)
                     for a in summary.articles[:MAX_OUTLET_ARTICLES])
    position = coverage.columns.index(summary.column)
    rows = tuple((row.event.id, row.event.date, row.event.precision, row.event.summary, row.cells[position])
                 for row in summary.rows[-MAX_OUTLET_EVENTS:])
    return (len(summary.articles), articles, summary.originals, summary.cited,
            summary.speakers[:MAX_OUTLET_SPEAKERS], rows, len(summary.rows),
            len(coverage.rows), dict(coverage.exclusive).get(summary.column.key, ()))


def key_of(period: Period | None) -> str | None:
    """Name a neighbouring period (a period page links it by key only)."""
    return period.key if period else None


def render_overview(site: Site, coverage: Coverage, periods: Sequence[Period], summaries: Mapping[str, OutletSummary],
                    view: View, render: Callable[..., str]) -> str:
    """Render coverage.md: every section, or (split by period) the periods and the outlet-wide sections."""
    return render_coverage(render, view, site.labels["coverage_title"], s=coverage, periods=periods, period=None,
                           speakers=coverage.speakers[:MAX_SPEAKERS],
                           outlets=[summaries[c.key] for c in coverage.columns])


def render_index(site: Site, coverage: Coverage, summaries: Mapping[str, OutletSummary],
                 relied_on: Sequence[tuple[str, tuple[str, ...]]], view: View, render: Callable[..., str]) -> str:
    """Render the outlet index: every outlet with its counts, and the sources they rely on."""
    return render("outlets.md.j2", L=site.labels, cov=coverage, v=view, html=render_block,
                  summaries=[summaries[c.key] for c in coverage.columns], cited_by=relied_on[:MAX_RELIED_ON],
                  cited_more=len(relied_on) - MAX_RELIED_ON,
                  front=front_matter({"title": site.labels["outlets_title"]}))


def render_period(site: Site, before: Period | None, period: Period, after: Period | None, view: View,
                  render: Callable[..., str]) -> str:
    """Render the event sections of one period, linked to the periods before and after it."""
    title = site.labels["coverage_period_title"].format(period=view.period_label(period.key))
    return render_coverage(render, view, title, front=listing_front(title), s=period, periods=(), period=period,
                           before=before, after=after)


def render_coverage(render: Callable[..., str], view: View, title: str, front: str | None = None, **context) -> str:
    """Render coverage.md.j2 (the overview or one period) with what both need; ``front`` "" leaves
    out the front matter and the title (the sections of another page)."""
    return render("coverage.md.j2", L=view.L, cov=view.coverage, v=view, html=render_block, title=title,
                  max_wordings=MAX_WORDINGS, max_sourcing=MAX_SOURCING_ROWS,
                  front=front_matter({"title": title}) if front is None else front, **context)


def story_coverage(site: Site, coverage: Coverage, page: str, render: Callable[..., str]) -> str:
    """Render the comparison of one story's outlets as sections of its page (``page``); "" when the
    story has a single outlet, with nothing to compare."""
    if len(coverage.columns) < 2:
        return ""
    return render_coverage(render, View(site, coverage, page), "", front="", s=coverage, periods=(), period=None,
                           speakers=coverage.speakers[:MAX_SPEAKERS], outlets=())


def render_outlet(site: Site, coverage: Coverage, summary: OutletSummary, view: View,
                  render: Callable[..., str]) -> str:
    """Render one outlet's page: its newest articles and latest events, the rest counted and linked."""
    column = summary.column
    exclusive = dict(coverage.exclusive).get(column.key, ())
    description = site.labels["outlets_description"].format(outlet=column.name, count=len(summary.articles))
    return render("outlet.md.j2", L=site.labels, cov=coverage, v=view, html=render_block, s=summary,
                  articles=summary.articles[:MAX_OUTLET_ARTICLES], rows=summary.rows[-MAX_OUTLET_EVENTS:],
                  exclusive=exclusive[-MAX_OUTLET_EVENTS:], exclusive_count=len(exclusive),
                  position=coverage.columns.index(column), speakers=summary.speakers[:MAX_OUTLET_SPEAKERS],
                  front=front_matter({"title": column.name, "description": description}))
