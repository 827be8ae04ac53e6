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
from .escape import Markdown, escape_attribute, escape_markdown, front_matter, markdown_link
from .listing import period_nav
from .site import Site

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
    """Markdown helpers of one coverage page: every text from articles is escaped here."""

    site: Site
    coverage: Coverage
    page: str
    split: bool = False  # the event sections are on period pages

    @property
    def L(self) -> dict:
        return self.site.labels

    def to(self, target: str) -> str:
        """Return the relative link from this page to ``target``."""
        return self.site.link(self.page, target)

    def column(self, key: str) -> Column:
        return self.coverage.by_key[key]

    def column_label(self, column: Column) -> Markdown:
        """Name a column: its outlet page link, or "unknown outlet" with the article title (or count)."""
        if column.page:
            return markdown_link(column.name, self.to(column.page))
        if column.shared:
            return Markdown(f'<span class="dg-unknown-outlet">{escape_markdown(self.L["coverage_unknown_outlet"])}'
                            f"</span> ({len(column.slugs)})")
        article = self.site.digest.by_slug[column.slugs[0]]
        title = str(article.meta.title.value or article.slug)
        short = title if len(title) <= MAX_HEADER_TITLE else title[:MAX_HEADER_TITLE].rsplit(" ", 1)[0] + " …"
        return (Markdown(f'<span class="dg-unknown-outlet">{escape_markdown(self.L["coverage_unknown_outlet"])}'
                         "</span>: ") + markdown_link(short, self.to(f"articles/{article.slug}.md"), title))

    def cell(self, cells: Sequence[Cell], event: Event) -> Markdown:
        """Link each paragraph where the outlet reports the event, or say it does not report it."""
        if not cells:
            return self.not_reported()
        links = [self.paragraph_link(cell.slug, cell.anchor, cell.title) for cell in cells[:MAX_CELL_LINKS]]
        return self.capped(links, len(cells), event)

    def capped(self, shown: Sequence[str], total: int, event: Event | None = None, separator: str = " ") -> Markdown:
        """Join the links a cell shows, and count the ones it leaves out ("+12"): linked to the event's
        timeline entry, which lists them all, when they are the event's sources."""
        rest = total - len(shown)
        if rest > 0:
            hint = self.L["coverage_more"].format(count=rest)
            shown = [*shown, markdown_link(f"+{rest}", self.to(self.timeline_target(event)), hint) if event
                     else Markdown(f'<span title="{escape_attribute(hint)}">+{rest}</span>')]
        return Markdown(separator.join(shown))

    def timeline_target(self, event: Event) -> str:
        return self.site.digest.timeline_pages.target(event.date, event.id)

    def paragraph_link(self, slug: str, anchor: str, title: str) -> Markdown:
        """Link one paragraph of an article as "¶3"."""
        number = anchor[1:] if anchor[:1] == "p" and anchor[1:].isdigit() else anchor
        hint = f"{title} — {self.L['coverage_paragraph']} {number}"
        return markdown_link(f"¶{number}", self.to(f"articles/{slug}.md#{anchor}"), hint)

    def not_reported(self) -> Markdown:
        """A dash that says "does not report" to every reader."""
        label = self.L["coverage_not_reported"]
        return Markdown(f'<span class="dg-none" title="{escape_attribute(label)}"><span aria-hidden="true">—'
                        f'</span><span class="dg-sr">{escape_markdown(label)}</span></span>')

    def event(self, event: Event) -> Markdown:
        """Return the event's date linked to the timeline, and its summary."""
        date = markdown_link(self.site.date(event.date, event.precision), self.to(self.timeline_target(event)))
        return date + Markdown(" ") + escape_markdown(event.summary)

    def event_sources(self, event: Event) -> Markdown:
        """Link the paragraphs that report an event."""
        links = [self.paragraph_link(s.slug, s.anchor, s.title) for s in event.sources[:MAX_EVENT_SOURCES]]
        return self.capped(links, len(event.sources), event)

    def speaker(self, speaker_id: str | None, speaker_name: str | None) -> Markdown:
        """Name a speaker, linked to the entity page when known."""
        entity = self.site.digest.entities.get(speaker_id or "")
        if entity:
            return markdown_link(entity.name, self.to(f"entities/{entity.id}.md"), entity.description or None)
        return escape_markdown(speaker_name or self.L["unknown_speaker"])

    def wording(self, wording: Wording) -> Markdown:
        """Render a wording with its added, dropped and unquoted words marked."""
        return Markdown(" ".join(self.piece(piece) for piece in wording.pieces))

    def piece(self, piece: Piece) -> str:
        text = escape_markdown(piece.text)
        if piece.kind == "insert":
            return f'<ins title="{escape_attribute(self.L["coverage_added"])}">{text}</ins>'
        if piece.kind == "delete":
            return f'<del title="{escape_attribute(self.L["coverage_dropped"])}">{text}</del>'
        if piece.kind == "cut":
            hint = f'{self.L["coverage_cut"]}: {piece.text}'
            return f'<span class="dg-cut" title="{escape_attribute(hint)}">…</span>'
        return text

    def quote_sources(self, wording: Wording) -> Markdown:
        """Name the outlets that use a wording and link the paragraphs that hold it."""
        shown = [self.quote_source(use) for use in wording.uses[:MAX_CELL_LINKS]]
        return self.capped(shown, len(wording.uses), separator=" · ")

    def quote_source(self, use: Use) -> Markdown:
        """Name the outlet of one use of a wording and link its paragraph."""
        article = self.site.digest.by_slug[use.slug]
        column = self.column(use.column)
        name = self.column_label(column) if column.page else escape_markdown(self.L["coverage_unknown_outlet"])
        return name + Markdown(" ") + self.paragraph_link(article.slug, article.quotes[use.index].anchor,
                                                          str(article.meta.title.value or article.slug))

    def bar(self, count: int, most: int) -> Markdown:
        """Render a count with a CSS bar scaled to ``most`` (no inline style, no script)."""
        if not count:
            return Markdown('<span class="dg-zero">0</span>')
        step = max(1, round(BAR_STEPS * count / max(most, 1)))
        return Markdown(f'<span class="dg-bar dg-w{step}" aria-hidden="true"></span> {count}')

    def source_name(self, name: str) -> Markdown:
        """Name a source: linked to its outlet page when it has articles here, marked when an agency."""
        column = self.coverage.column_named(name)
        text = markdown_link(name, self.to(column.page)) if column and column.page else escape_markdown(name)
        outlet = self.coverage.lookup.get(name.casefold())
        if outlet and outlet.agency:
            label = escape_markdown(self.L["outlets_agency"])
            text += Markdown(f' <span class="dg-agency" title="{escape_attribute(self.L["outlets_agency"])}">'
                             f"{label}</span>")
        return text

    def sources(self, names: Sequence[str]) -> Markdown:
        """Name several sources (the first MAX_SOURCES), or show a dash."""
        if not names:
            return Markdown("—")
        shown = Markdown(", ".join(self.source_name(n) for n in names[:MAX_SOURCES]))
        return shown + self.rest(len(names) - MAX_SOURCES)

    def ranked(self, counts: Sequence[tuple[str, int]]) -> Markdown:
        """Name the most used sources with their article counts, or show a dash."""
        if not counts:
            return Markdown("—")
        shown = Markdown(", ".join(f"{self.source_name(name)} ({count})" for name, count in counts[:MAX_SOURCES]))
        return shown + self.rest(len(counts) - MAX_SOURCES)

    def rest(self, count: int) -> Markdown:
        """Say how many more a capped list holds ("and 3 more"), or nothing."""
        return Markdown(" " + escape_markdown(self.L["coverage_more"].format(count=count)) if count > 0 else "")

    def more(self, count: int, anchor: str) -> Markdown:
        """Link what a capped list leaves out: to its section of the coverage page, or its periods."""
        target = "coverage.md#periods" if self.split else f"coverage.md#{anchor}"
        return markdown_link(self.L["coverage_more"].format(count=count), self.to(target))

    def period_label(self, key: str) -> str:
        """Name a period: "Februari 2025", "2025", or "undated"."""
        if key == UNDATED:
            return self.L["no_date"]
        return self.site.date(key, "month" if len(key) > 4 else "year")

    def period_nav(self, before: Period | None, after: Period | None) -> Markdown:
        """Link the previous period, the list of periods and the next period."""
        overview = markdown_link(self.L["coverage_periods"], self.to("coverage.md#periods"))
        return period_nav(before, after, overview, self.period_label, self.to)

    def article_link(self, slug: str) -> Markdown:
        article = self.site.digest.by_slug[slug]
        return markdown_link(article.meta.title.value or slug, self.to(f"articles/{slug}.md"))

    def detail_label(self, row: DetailRow) -> str:
        """Name a kind of detail ("Durasi", "Tujuan"); the phrases in the cells show the counted noun."""
        kinds = self.L["coverage_detail_kinds"]
        return kinds.get(f"{row.kind}_{row.key}", kinds[row.kind])

    def details(self, found: Sequence[Detail]) -> Markdown:
        """Quote the phrases an outlet gives for a detail, each linked to its paragraph."""
        if not found:
            return self.not_reported()
        shown = [f"“{escape_markdown(d.text)}” " + self.paragraph_link(
            d.slug, d.anchor, str(self.site.digest.by_slug[d.slug].meta.title.value or d.slug))
            for d in found[:MAX_CELL_LINKS]]
        return self.capped(shown, len(found), separator="; ")


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
    return render("outlets.md.j2", L=site.labels, cov=coverage, v=view,
                  summaries=[summaries[c.key] for c in coverage.columns], cited_by=relied_on[:MAX_RELIED_ON],
                  cited_more=len(relied_on) - MAX_RELIED_ON,
                  front=front_matter({"title": site.labels["outlets_title"]}))


def render_period(site: Site, before: Period | None, period: Period, after: Period | None, view: View,
                  render: Callable[..., str]) -> str:
    """Render the event sections of one period, linked to the periods before and after it."""
    title = site.labels["coverage_period_title"].format(period=view.period_label(period.key))
    return render_coverage(render, view, title, s=period, periods=(), period=period, before=before, after=after)


def render_coverage(render: Callable[..., str], view: View, title: str, front: str | None = None, **context) -> str:
    """Render coverage.md.j2 (the overview or one period) with what both need; ``front`` "" leaves
    out the front matter and the title (the sections of another page)."""
    return render("coverage.md.j2", L=view.L, cov=view.coverage, v=view, title=title, max_wordings=MAX_WORDINGS,
                  max_sourcing=MAX_SOURCING_ROWS, front=front_matter({"title": title}) if front is None else front,
                  **context)


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
    return render("outlet.md.j2", L=site.labels, cov=coverage, v=view, s=summary,
                  articles=summary.articles[:MAX_OUTLET_ARTICLES], rows=summary.rows[-MAX_OUTLET_EVENTS:],
                  exclusive=exclusive[-MAX_OUTLET_EVENTS:], exclusive_count=len(exclusive),
                  position=coverage.columns.index(column), speakers=summary.speakers[:MAX_OUTLET_SPEAKERS],
                  front=front_matter({"title": column.name, "description": description}))
