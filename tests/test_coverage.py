"""Coverage comparison: the event x outlet matrix, quote wording diffs, speakers, sourcing, details.

Checked on the five samples, on the samples plus two articles of other outlets
(tests/fixtures/coverage/extra: a Kompas report giving another call duration, an English AP wire),
on small cases of their own, and in a site built with ``mkdocs build --strict``.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, SEEDS
from test_safety import render_markdown
from generator.link import coverage as cv
from generator.link import columns, details, wordings
from generator.render import coverage as cv_pages
from generator.link.paging import MAX_ROWS, period_of
from generator.pipeline import Cache, Options, generate
from generator.render.urls import relative_url

CASES = FIXTURES / "coverage"
CALL = "2025-02-12"  # the Putin-Trump phone call, the story's main event


def seeds_with(folder: Path, *extra: str) -> Path:
    """Copy the sample seeds and the fixture folders ``extra`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in SEEDS.iterdir():
        shutil.copy(source, folder / source.name)
    for name in extra:
        for source in (CASES / name).iterdir():
            shutil.copy(source, folder / source.name)
    return folder


def run(folder: Path, language: str = "id", page_rows: int = MAX_ROWS):
    """Build the digest, its coverage and its pages."""
    digest, pages = generate(Options(folder, language=language, page_rows=page_rows))
    return digest, cv.build_coverage(digest), dict(pages)


@pytest.fixture(scope="module")
def samples():
    return run(SEEDS)


@pytest.fixture(scope="module")
def extra(tmp_path_factory):
    """The samples plus a Kompas and an AP article about the same call."""
    return run(seeds_with(tmp_path_factory.mktemp("extra"), "extra"))


def slug_of(digest, prefix: str) -> str:
    return next(a.slug for a in digest.articles if a.file.startswith(prefix))


def row_of(coverage: cv.Coverage, event_id: str) -> dict[str | None, tuple[cv.Cell, ...]]:
    """Return the cells of one matrix row by outlet name (None for an unknown outlet)."""
    row = next(row for row in coverage.rows if row.event.id == event_id)
    return {column.name: cells for column, cells in zip(coverage.columns, row.cells)}


def comparison_of(digest, coverage: cv.Coverage, *prefixes: str) -> wordings.Comparison:
    """Return the comparison whose wordings come from the articles of the given seed files."""
    slugs = {slug_of(digest, prefix) for prefix in prefixes}
    return next(c for c in coverage.comparisons
                if slugs <= {use.slug for w in (c.reference, *c.others) for use in w.uses})


# ----------------------------------------------------------------------------- the matrix


def test_columns_are_the_outlets_with_the_unknown_outlet_last(samples):
    _, coverage, _ = samples
    names = [column.name for column in coverage.columns]
    assert set(names[:-1]) == {"ETIndonesia", "Podme", "detikNews", "Koran Jakarta"}
    assert names[-1] is None and coverage.columns[-1].page is None


@pytest.mark.parametrize("outlet", ["ETIndonesia", "Podme", "detikNews", "Koran Jakarta"])
def test_call_row_shows_every_outlet_that_reports_it(samples, outlet):
    _, coverage, _ = samples
    assert row_of(coverage, CALL)[outlet]


def test_call_row_cells_are_the_paragraphs_of_the_timeline_sources(samples):
    digest, coverage, _ = samples
    event = next(e for e in digest.events if e.id == CALL)
    cells = {(c.slug, c.anchor) for cells in row_of(coverage, CALL).values() for c in cells}
    assert cells == {(s.slug, s.anchor) for s in event.sources}


def test_rows_are_the_main_events_only(samples):
    digest, coverage, _ = samples
    assert [row.event.id for row in coverage.rows] == [e.id for e in digest.events if e.kind == "main"]


def test_article_without_outlet_is_not_reporting_the_call(samples):
    _, coverage, pages = samples
    assert row_of(coverage, CALL)[None] == ()
    assert 'title="tidak melaporkan"' in pages["coverage.md"]
    assert "Media tidak diketahui" in pages["coverage.md"]


def test_events_only_one_outlet_reports_are_listed_under_it(samples):
    digest, coverage, _ = samples
    for key, events in coverage.exclusive:
        for event in events:
            assert {coverage.column_of[s.slug] for s in event.sources} == {key}
    shared = next(e for e in digest.events if e.id == CALL)
    assert all(shared not in events for _, events in coverage.exclusive)


def test_extra_outlets_join_the_call_row(extra):
    _, coverage, _ = extra
    reporting = {name for name, cells in row_of(coverage, CALL).items() if cells}
    assert reporting == {"ETIndonesia", "Podme", "detikNews", "Koran Jakarta", "Kompas", "Associated Press"}


def test_event_only_kompas_announces_is_its_own(extra):
    _, coverage, _ = extra
    only = dict(coverage.exclusive)
    assert "2025-02-14" in [event.id for event in only["kompas"]]


# ----------------------------------------------------------------------------- quotes


def test_peskov_wordings_of_podme_and_detik_are_compared(samples):
    digest, coverage, pages = samples
    comparison = comparison_of(digest, coverage, "001_", "002_")
    assert comparison.speaker_id == "peskov"
    pieces = {(p.kind, p.text) for w in comparison.others for p in w.pieces}
    assert ("delete", "menyelenggarakan") in pieces and ("insert", "mengadakan") in pieces
    page = pages["coverage.md"]
    assert f"{{ #{comparison.cluster} }}" in page
    assert '<del title="kata yang hilang">menyelenggarakan</del>' in page
    assert '<ins title="kata tambahan">mengadakan</ins>' in page


def test_kompas_wording_joins_the_peskov_comparison(extra):
    digest, coverage, _ = extra
    comparison = comparison_of(digest, coverage, "001_", "002_", "kompas_")
    assert len(comparison.others) == 2


def test_only_clusters_of_two_outlets_are_compared(samples):
    digest, coverage, _ = samples
    for comparison in coverage.comparisons:
        uses = [use for w in (comparison.reference, *comparison.others) for use in w.uses]
        assert len({use.column for use in uses}) >= 2
        assert {(u.slug, u.index) for u in uses} == set(digest.clusters[comparison.cluster])


@pytest.mark.parametrize("base, other, expected", [
    ("a b c", "a b c", [("equal", "a b c")]),
    ("a b c", "A b, c", [("equal", "A b, c")]),
    ("a b c", "a x c", [("equal", "a"), ("delete", "b"), ("insert", "x"), ("equal", "c")]),
    ("a b c", "a b c d", [("equal", "a b c"), ("insert", "d")]),
    ("a b c d e f g h", "d e", [("cut", "a b c"), ("equal", "d e"), ("cut", "f g h")]),
    ("a b c d", "b c d", [("delete", "a"), ("equal", "b c d")]),
], ids=["same", "case-and-punctuation", "changed", "added", "partial-quote", "one-word-dropped"])
def test_diff_words(base, other, expected):
    pieces, _ = wordings.diff_words(base.split(), other.split())
    assert [(p.kind, p.text) for p in pieces] == expected


def test_markup_in_a_quote_reaches_the_comparison_as_text(tmp_path):
    digest, coverage, pages = run(seeds_with(tmp_path / "seeds", "markup_in_quote"))
    comparison = comparison_of(digest, coverage, "tempo_", "kompas_")
    assert "<b>" in comparison.reference.text
    page = pages["coverage.md"]
    assert "<b>" not in page and "&lt;b&gt;menunda&lt;/b&gt;" in page
    rendered = render_markdown(page.split("---", 2)[2])  # as MkDocs converts it
    assert "<b>" not in rendered and 'href="javascript' not in rendered
    assert "&lt;b&gt;menunda&lt;/b&gt;" in rendered


# ----------------------------------------------------------------------------- speakers, sourcing


def test_speaker_counts_add_up_to_the_statements(samples):
    digest, coverage, _ = samples
    statements = sum(q.kind == "statement" for a in digest.articles for q in a.quotes)
    assert sum(s.total for s in coverage.speakers) == statements
    peskov = next(s for s in coverage.speakers if s.speaker_id == "peskov")
    names = [c.name for c in coverage.columns]
    assert peskov.counts[names.index("ETIndonesia")] == 4


@pytest.mark.parametrize("outlet, page, original, cited", [
    ("ETIndonesia", "outlets/etindonesia.md", ("Epoch Times",), ("Reuters", "TASS")),
    ("detikNews", "outlets/detik.md", (), ("AFP",)),
    ("Koran Jakarta", "outlets/koran-jakarta.md", (), ("Antara",)),
], ids=["etindonesia", "detik", "koran-jakarta"])
def test_outlet_sourcing(samples, outlet, page, original, cited):
    digest, coverage, pages = samples
    column = next(c for c in coverage.columns if c.name == outlet)
    assert column.page == page
    summary = cv.outlet_summaries(digest, coverage)[column.key]
    assert tuple(name for name, _ in summary.originals) == original
    assert tuple(sorted(name for name, _ in summary.cited)) == cited
    lines = pages[page].splitlines()
    original_line = next(line for line in lines if line.startswith("<li><strong>Sumber asli:</strong>"))
    cited_line = next(line for line in lines if line.startswith("<li><strong>Sumber yang dikutip:</strong>"))
    assert all(name in original_line for name in original) and all(name in cited_line for name in cited)


def test_outlet_page_links_its_home(samples):
    _, _, pages = samples
    assert "<https://www.erabaru.net>" in pages["outlets/etindonesia.md"]


def test_outlets_missing_from_outlets_yml_get_a_page_of_their_own(tmp_path):
    _, coverage, pages = run(seeds_with(tmp_path / "seeds", "unlisted_outlets"))
    ids = {column.name: column.key for column in coverage.columns}
    assert ids["Warta Kita"] == "warta-kita"
    assert ids["Index"] == "index-2"  # outlets/index.md is the outlet index
    assert {"outlets/warta-kita.md", "outlets/index-2.md", "outlets/index.md"} <= set(pages)


def test_english_site_labels():
    _, _, pages = run(SEEDS, language="en")
    assert "# Coverage comparison" in pages["coverage.md"]
    assert 'title="does not report"' in pages["coverage.md"]


# ----------------------------------------------------------------------------- details


@pytest.mark.parametrize("text, expected", [
    ("selama satu setengah jam", ("duration", "hours", 90.0)),
    ("for about an hour and a half", ("duration", "hours", 90.0)),
    ("one and a half hours", ("duration", "hours", 90.0)),
    ("sekitar 90 menit", ("duration", "hours", 90.0)),
    ("hampir dua jam", ("duration", "hours", 120.0)),
    ("a 90-minute call", ("duration", "hours", 90.0)),
    ("berbicara sejam", ("duration", "hours", 60.0)),
    ("dalam tiga tahun", ("duration", "years", 1576800.0)),
    ("dua puluh lima orang", ("count", "people", 25.0)),
    ("3.000 tentara", ("count", "soldiers", 3000.0)),
    ("1,5 juta orang", ("count", "people", 1500000.0)),
    ("12 people", ("count", "people", 12.0)),
    ("50%", ("count", "percent", 50.0)),
    ("a meeting", None),
    ("pada 2022 lalu", None),
    ("kedua negara", None),
], ids=lambda value: value if isinstance(value, str) else None)
def test_measure(text, expected):
    words = details.detail_words()
    found = [details.measure(m, words) for m in words.pattern.finditer(text)]
    assert [f for f in found if f] == ([expected] if expected else [])


def test_call_durations_that_differ_are_side_by_side(extra):
    _, coverage, pages = extra
    details = next(d for d in coverage.details if d.event.id == CALL)
    by_kind = {(row.kind, row.key): row for row in details.rows}
    assert set(by_kind) == {("duration", "hours")}  # four officials = empat pejabat: no difference
    names = {coverage.by_key[key].name: {d.value for d in found}
             for key, found in by_kind[("duration", "hours")].cells.items()}
    assert names == {"Kompas": {120.0}, "Associated Press": {90.0}, "ETIndonesia": {90.0}}
    assert "“hampir dua jam”" in pages["coverage.md"]


def test_samples_give_no_conflicting_details(samples):
    _, coverage, _ = samples
    assert coverage.details == ()


# ----------------------------------------------------------------------------- the built site


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Links(HTMLParser):
    """Collect element ids, and the links inside elements of one class."""

    def __init__(self, within: str = ""):
        super().__init__()
        self.within, self.depth, self.ids, self.links = within, 0, set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        inside = self.depth or (self.within and self.within in (attrs.get("class") or "").split())
        if inside and tag not in VOID:
            self.depth += 1
        if tag == "a" and attrs.get("href") and (inside or not self.within):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        self.depth = max(0, self.depth - 1) if self.depth else 0


def parse(path: Path, within: str = "") -> Links:
    parser = Links(within)
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(page: Path, hrefs) -> list[str]:
    """Return the relative links of a page whose file or #anchor does not exist."""
    broken = []
    for href in hrefs:
        if href.startswith(("http:", "https:", "#")):
            continue
        path, _, anchor = href.partition("#")
        target = (page.parent / path).resolve()
        target = target / "index.html" if target.is_dir() else target
        if not target.is_file() or (anchor and anchor not in parse(target).ids):
            broken.append(href)
    return broken


@pytest.fixture(scope="module")
def extra_site(tmp_path_factory) -> Path:
    """The samples plus the extra articles, built with ``mkdocs build --strict``."""
    from browser.sitebuild import build_site

    work = tmp_path_factory.mktemp("coverage_site")
    return build_site(work, seeds_with(work / "seeds", "extra"))


@pytest.mark.parametrize("which", ["samples", "extra"])
def test_every_matrix_cell_links_an_existing_paragraph(request, which):
    site = request.getfixturevalue("built_site" if which == "samples" else "extra_site")
    page = site / "coverage" / "index.html"
    links = parse(page, "dg-coverage-matrix").links
    cells = [href for href in links if "articles/" in href and "#" in href]  # headers link whole articles
    coverage = request.getfixturevalue(which)[1]
    assert len(cells) == sum(len(cells) for row in coverage.rows for cells in row.cells) > 0
    assert broken_links(page, cells) == []


@pytest.mark.parametrize("which", ["samples", "extra"])
def test_every_link_of_the_coverage_and_outlet_pages_resolves(request, which):
    site = request.getfixturevalue("built_site" if which == "samples" else "extra_site")
    pages = [site / "coverage" / "index.html", *sorted((site / "outlets").rglob("index.html"))]
    broken = {page.relative_to(site).as_posix(): broken_links(page, parse(page).links) for page in pages}
    assert {page: links for page, links in broken.items() if links} == {}
    assert (site / "outlets" / "ap" / "index.html").is_file() if which == "extra" else True


# ----------------------------------------------------------------------------- a large digest


SECTIONS = ["matrix", "exclusive", "quotes", "speakers", "sourcing", "details"]
# Every threshold and cap lowered, so that the samples and the extra articles (8 periods) take every
# branch a large digest takes: period pages, capped cells and lists, one column for unknown outlets.
SPLIT_ROWS = 3
SMALL = {"MAX_CELL_LINKS": 0, "MAX_EVENT_SOURCES": 0, "MAX_WORDINGS": 0, "MAX_SOURCES": 1,
         "MAX_OUTLET_ARTICLES": 0, "MAX_OUTLET_EVENTS": 0, "MAX_RELIED_ON": 1, "MAX_UNKNOWN_COLUMNS": 0,
         "MAX_SOURCING_ROWS": 5}


def section_anchors(page: str) -> list[str]:
    return re.findall(r"^## .* \{ #([\w-]+) \}$", page, flags=re.MULTILINE)


@pytest.fixture(scope="module")
def split(tmp_path_factory):
    """The samples plus the extra articles with SMALL limits: digest, coverage, periods, pages, and
    the site built in this process (so that the limits hold) with ``mkdocs build --strict``."""
    from browser.sitebuild import write_config
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    work = tmp_path_factory.mktemp("split")
    seeds = seeds_with(work / "seeds", "extra")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in SMALL.items():
            patch.setattr(cv_pages if hasattr(cv_pages, name) else columns, name, value)
        digest, coverage, pages = run(seeds, page_rows=SPLIT_ROWS)
        periods = cv.split_periods(digest, coverage)
        config = write_config(work, seeds, plugin_options=f"\n      page_rows: {SPLIT_ROWS}")
        build(load_config(str(config), site_dir=str(work / "site"), strict=True))
    return digest, coverage, periods, pages, work / "site"


def test_samples_stay_on_one_page(samples):
    _, _, pages = samples
    assert section_anchors(pages["coverage.md"]) == SECTIONS
    assert not [path for path in pages if path.startswith("coverage/")]


def test_a_large_digest_gets_one_page_per_period(split):
    _, _, periods, pages, _ = split
    keys = [period.key for period in periods]
    assert keys == ["1997", "2021-06", "2022", "2022-02", "2025-01", "2025-02", "2025-05", "undated"]
    assert sorted(path for path in pages if path.startswith("coverage/")) == sorted(p.path for p in periods)
    for period in periods:
        exclusive = ["exclusive"] if period.exclusive else []
        assert section_anchors(pages[period.path]) == ["matrix", *exclusive, "quotes", "sourcing", "details"]


def test_overview_keeps_the_outlet_wide_sections_and_lists_every_period_with_its_counts(split):
    _, coverage, periods, pages, _ = split
    overview = pages["coverage.md"]
    assert section_anchors(overview) == ["periods", "speakers", "sourcing"]
    for period in periods:
        counts = (len(period.rows), period.exclusive_count, len(period.comparisons), len(period.details),
                  len(period.sourcing))
        cells = "".join(f'<td class="dg-r">{count}</td>' for count in counts)
        assert re.search(f'<td><a href="{re.escape(relative_url("coverage.md", period.path))}">[^<]+</a></td>'
                         f"{re.escape(cells)}</tr>", overview), period.key
    for column in coverage.columns:  # the sourcing table has a row per outlet, not per article
        if column.page:
            assert overview.count(f'href="{relative_url("coverage.md", column.page)}"') == 2


@pytest.mark.parametrize("section", ["rows", "exclusive", "comparisons", "sourcing", "details"])
def test_periods_share_out_every_entry_once(split, section):
    _, coverage, periods, _, _ = split
    whole, parts = getattr(coverage, section), [getattr(period, section) for period in periods]
    if section == "exclusive":
        whole = [event for _, events in whole for event in events]
        parts = [[event for _, events in part for event in events] for part in parts]
    assert sorted(map(repr, (item for part in parts for item in part))) == sorted(map(repr, whole))


def test_each_event_is_on_the_page_of_its_period_only(split):
    digest, coverage, periods, pages, _ = split
    events = {row.event for row in coverage.rows} | {event for _, events in coverage.exclusive for event in events}
    for event in events | {found.event for found in coverage.details}:
        target = digest.timeline_pages.target(event.date, event.id)
        shown = [p.key for p in periods if f'href="{relative_url(p.path, target)}"' in pages[p.path]
                 or f"](../{target} " in pages[p.path] or f"](../{target})" in pages[p.path]]
        assert shown == [period_of(event.date)], event.id


def test_each_article_and_comparison_is_on_one_period_page(split):
    digest, coverage, periods, pages, _ = split
    listed = {item.slug for period in periods for item in period.sourcing[:SMALL["MAX_SOURCING_ROWS"]]}
    assert len(listed) == len(digest.articles) - 1  # February has six articles: one is only counted
    assert "\n\ndan 1 lainnya\n\n## Perbedaan detail" in pages["coverage/2025-02.md"]
    for article in digest.articles:
        shown = sum(f'<tr><td><a href="{relative_url(p.path, f"articles/{article.slug}.md")}">' in pages[p.path]
                    for p in periods)
        assert shown == (article.slug in listed), article.slug
    for comparison in coverage.comparisons:
        assert sum(f"{{ #{comparison.cluster} }}" in pages[p.path] for p in periods) == 1


def test_period_pages_link_their_neighbours(split):
    _, _, periods, pages, _ = split
    for before, period, after in zip((None, *periods), periods, (*periods[1:], None)):
        nav = pages[period.path].split("\n\n")[2]
        assert "](../coverage.md#periods)" in nav
        assert before is None or f"]({before.key}.md)" in nav
        assert after is None or f"]({after.key}.md)" in nav
        assert nav.count("](") == 1 + (before is not None) + (after is not None)


def test_capped_lists_count_and_link_the_rest(split):
    digest, coverage, _, pages, _ = split
    detik = pages["outlets/detik.md"]
    assert '<li><a href="../../coverage/#periods">dan 1 lainnya</a></li>' in detik  # its article, and its main event
    call = relative_url("coverage/2025-02.md", digest.timeline_pages.target(CALL, CALL))
    assert f'<a href="{call}" title="dan 1 lainnya">+1</a>' in pages["coverage/2025-02.md"]  # a cell leads to every source
    assert coverage.columns[-1].shared and "Media tidak diketahui</span> (1)" in pages["outlets/index.md"]


def test_every_link_of_the_period_pages_resolves(split):
    site = split[-1]
    pages = sorted((site / "coverage").rglob("index.html")) + sorted((site / "outlets").rglob("index.html"))
    assert len(pages) > 8
    broken = {page.relative_to(site).as_posix(): broken_links(page, parse(page).links) for page in pages}
    assert {page: links for page, links in broken.items() if links} == {}


# ----------------------------------------------------------------------------- preview rebuilds


def coverage_texts(pages) -> dict[str, str]:
    return {path: text for path, text in pages if path.startswith(("coverage", "outlets/"))}


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """Record the coverage pages rendered (not taken from the last build), by path."""
    paths: list[str] = []
    for name in ("render_overview", "render_period", "render_index", "render_outlet"):
        def record(*args, render=getattr(cv_pages, name)):
            paths.append(next(arg.page for arg in args if isinstance(arg, cv_pages.View)))
            return render(*args)
        monkeypatch.setattr(cv_pages, name, record)
    return paths


def test_a_rebuild_renders_again_only_the_coverage_pages_that_change(tmp_path, rendered):
    seeds = seeds_with(tmp_path / "seeds", "extra")
    options, cache = Options(seeds, page_rows=SPLIT_ROWS), Cache()
    before = coverage_texts(generate(options, cache)[1])
    rendered.clear()
    assert coverage_texts(generate(options, cache)[1]) == before and rendered == []  # nothing changed
    seed = sorted(seeds.glob("0*.txt"))[1]  # a Podme article: its periods and its outlet page change
    seed.write_text(seed.read_text(encoding="utf-8").replace("Putin", "Vladimir Putin", 1), encoding="utf-8")
    after = coverage_texts(generate(options, cache)[1])
    changed = [path for path in after if after[path] != before.get(path)]
    assert "outlets/podme.md" in changed and len(changed) < len(after)
    assert sorted(rendered) == sorted(changed)
