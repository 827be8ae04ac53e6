"""Coverage comparison: the event x outlet matrix, quote wording diffs, speakers, sourcing, details.

Checked on the five samples, on the samples plus two articles of other outlets
(tests/fixtures/coverage/extra: a Kompas report giving another call duration, an English AP wire),
on small cases of their own, and in a site built with ``mkdocs build --strict``.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, SEEDS
from generator import coverage as cv
from generator.pipeline import Options, generate

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


def run(folder: Path, language: str = "id"):
    """Build the digest, its coverage and its pages."""
    digest, pages = generate(Options(folder, language=language))
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


def comparison_of(digest, coverage: cv.Coverage, *prefixes: str) -> cv.Comparison:
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
    pieces, _ = cv.diff_words(base.split(), other.split())
    assert [(p.kind, p.text) for p in pieces] == expected


def test_markup_in_a_quote_reaches_the_comparison_as_text(tmp_path):
    digest, coverage, pages = run(seeds_with(tmp_path / "seeds", "markup_in_quote"))
    comparison = comparison_of(digest, coverage, "tempo_", "kompas_")
    assert "<b>" in comparison.reference.text
    page = pages["coverage.md"]
    assert "<b>" not in page and "](javascript" not in page
    assert "&lt;b&gt;menunda&lt;/b&gt;" in page


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
    original_line = next(line for line in lines if line.startswith("- **Sumber asli:**"))
    cited_line = next(line for line in lines if line.startswith("- **Sumber yang dikutip:**"))
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
    words = cv.detail_words()
    found = [cv.measure(m, words) for m in words.pattern.finditer(text)]
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
