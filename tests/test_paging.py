"""Corpus-wide pages split by month past a page's worth of rows, and stay whole below it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import SEEDS
from generator.link.digest import article_date
from generator.link.paging import paged, period_of
from generator.pipeline import Options, generate

LINK = re.compile(r"\]\(([^)\s]+)")


def test_short_lists_stay_on_one_page():
    pages = paged("timeline", ["2025-02-12", "2025-03-01"], lambda date: date)
    assert not pages.split
    assert [part.path for part in pages.parts] == ["timeline.md"]
    assert pages.target("2025-02-12", "2025-02-12") == "timeline.md#2025-02-12"


def test_long_lists_split_by_month_keeping_the_callers_order():
    dates = ["2025-03-02", "2025-03-01", "2025-02-12", "2025", None]
    pages = paged("timeline", dates, lambda date: date, max_rows=2)
    assert [(part.key, part.items) for part in pages.parts] == [
        ("2025-03", ("2025-03-02", "2025-03-01")), ("2025-02", ("2025-02-12",)), ("2025", ("2025",)),
        ("undated", (None,))]
    assert pages.target("2025-02-12", "2025-02-12") == "timeline/2025-02.md#2025-02-12"
    assert pages.page_of("2024-01-01") == "timeline.md"  # a period without rows: the overview


@pytest.mark.parametrize("date, period", [("2025-02-12", "2025-02"), ("2025-02", "2025-02"),
                                          ("2025", "2025"), ("", "undated"), (None, "undated"),
                                          ("kemarin", "undated")])
def test_period_of_a_date(date, period):
    assert period_of(date) == period


@pytest.fixture(scope="module")
def split_pages():
    """The sample digest rendered with at most two rows per corpus-wide page."""
    digest, pages = generate(Options(SEEDS, page_rows=2))
    return digest, dict(pages)


def links_of(pages: dict[str, str], page: str) -> list[str]:
    """Return the generated pages ``page`` links to, as paths from the output folder."""
    folder = Path(page).parent
    targets = []
    for target in LINK.findall(pages[page]):
        path = target.split("#")[0]
        if path and not path.startswith(("http:", "https:")):
            targets.append((folder / path).as_posix())
    return [str(Path(target)).replace("\\", "/") for target in targets]


def resolve(path: str) -> str:
    """Normalise ``a/../b.md`` the way a browser would."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def test_every_link_of_a_split_site_names_a_generated_page(split_pages):
    _, pages = split_pages
    broken = [(page, target) for page in pages if page.endswith(".md")
              for target in map(resolve, links_of(pages, page))
              if target.endswith(".md") and target not in pages and not target.startswith("about")]
    assert broken == []


TEASER_LINK = re.compile(r'<h3><a href="\.\./\.\./articles/([^/"#]+)/">')  # from archive/<month>/


def test_front_page_links_monthly_archives_holding_every_article_once(split_pages):
    digest, pages = split_pages
    archives = sorted(path for path in pages if path.startswith("archive/"))
    assert archives, "five articles over a two-row limit must split"
    home = pages["index.md"]
    listed = Counter()
    for archive in archives:
        assert f"]({archive})" in home
        assert "search:\n  exclude: true" in pages[archive]
        listed.update(re.findall(TEASER_LINK, pages[archive]))
    assert listed == Counter(article.slug for article in digest.articles)
    for archive in archives:  # each month's page holds only that month's articles
        month = archive.removeprefix("archive/").removesuffix(".md")
        for slug in re.findall(TEASER_LINK, pages[archive]):
            assert period_of(article_date(digest.by_slug[slug])) == month


MONTH_PART = re.compile(r"(archive|timeline|quotes|coverage|stories|entities/[^/]+)/(\d{4}(-\d{2})?|undated)\.md")


def test_search_skips_every_monthly_part_and_keeps_every_overview(split_pages):
    """The monthly parts repeat article text (and are the largest pages): left out of search."""
    _, pages = split_pages
    parts = sorted(path for path in pages if MONTH_PART.fullmatch(path))
    kinds = {MONTH_PART.fullmatch(path).group(1).split("/")[0] for path in parts}
    assert kinds >= {"archive", "timeline", "quotes", "coverage", "entities"}
    assert [path for path in parts if "search:\n  exclude: true" not in pages[path]] == []
    overviews = ["index.md", "timeline.md", "quotes.md", "coverage.md", "entities/putin.md"]
    assert [path for path in overviews if "exclude: true" in pages[path]] == []


def test_entity_pages_split_into_months_that_share_out_every_mention(split_pages):
    digest, pages = split_pages
    months = sorted(path for path in pages if path.startswith("entities/peskov/"))
    assert months
    for month in months:
        assert f"]({month.removeprefix('entities/')})" in pages["entities/peskov.md"]
    mentioned = {ref.slug for ref in digest.mentions["peskov"]}
    shown = [slug for month in months
             for slug in re.findall(r'^<li><a href="\.\./\.\./\.\./articles/([^/"#]+)/#', pages[month], re.M)]
    assert sorted(shown) == sorted(mentioned)  # every article once, in its month
    quotes = sum(pages[month].count("<blockquote ") for month in months)
    assert quotes == len(digest.statements["peskov"])


def test_quotes_split_into_months_that_show_every_statement_once(split_pages):
    digest, pages = split_pages
    months = sorted(path for path in pages if path.startswith("quotes/"))
    assert months
    statements = sum(1 for article in digest.articles for quote in article.quotes if quote.kind == "statement")
    shown = sum(len(re.findall(r"^<li>“", pages[month], re.M)) for month in months)
    assert shown == statements
    variants = sum(pages[month].count('class="dg-variants"') for month in months)
    assert variants == len(digest.clusters)
    for month in months:
        assert f"]({month})" in pages["quotes.md"]


def test_unsplit_pages_have_no_archive(sample_pages):
    assert not any(path.startswith(("archive/", "quotes/")) for path in sample_pages)
    assert not any(path.count("/") > 1 for path in sample_pages if path.startswith("entities/"))


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> Path:
    """The sample site built with ``mkdocs build --strict`` and two rows per corpus-wide page."""
    from browser.sitebuild import build_site

    return build_site(tmp_path_factory.mktemp("split"), plugin_options="\n      page_rows: 2")


def test_split_site_builds_strictly_with_every_anchor_link_resolving(split_site):
    from test_build import broken_anchor_links

    assert (split_site / "archive").is_dir() and (split_site / "timeline").is_dir()
    assert broken_anchor_links(split_site) == []


def test_split_pages_stay_out_of_navigation_and_monthly_listings_out_of_search(split_site):
    import json

    nav = re.findall(r'<a href="([^"#]+)" class="md-nav__link',
                     (split_site / "about" / "index.html").read_text(encoding="utf-8"))
    assert nav and not [href for href in nav if re.search(r"articles/|archive/|timeline/\d|entities/\w", href)]
    indexed = {doc["location"].split("#")[0] for doc in
               json.loads((split_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]}
    assert not [location for location in indexed
                if re.match(r"(archive|quotes|timeline|coverage|entities/\w+)/[^/]+/", location)]
    assert any(location.startswith("articles/") for location in indexed)


def test_a_page_rows_below_one_stops_the_build_with_a_message(tmp_path):
    from browser.sitebuild import build_site

    with pytest.raises(AssertionError, match="digest: page_rows must be at least 1, not 0"):
        build_site(tmp_path, plugin_options="\n      page_rows: 0")


def test_search_finds_text_in_its_article_and_entities_by_name_not_in_rows_that_repeat_it(built_site, sample_digest):
    """Timeline entries, entity rows, quote lists and coverage cells repeat article text: search
    leaves them out (data-search-exclude) and finds that text in the articles."""
    import html
    import json

    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text_of = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        plain = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(doc["title"] + " " + doc["text"])).split())
        text_of[page] = text_of.get(page, "") + " " + plain.casefold()
    derived = {page: text for page, text in text_of.items()
               if page.startswith(("timeline/", "quotes/", "coverage/", "entities/", "stories/"))}
    articles = " ".join(text for page, text in text_of.items() if page.startswith("articles/"))
    summaries = [event.summary for event in sample_digest.events]
    quotes = [quote.text for article in sample_digest.articles for quote in article.quotes]
    assert summaries and quotes
    for repeated in [text for text in [*summaries, *quotes] if len(text.split()) >= 8]:
        fragment = " ".join(repeated.split()[1:7]).casefold()  # a summary may drop the sentence's first word
        assert fragment in articles
        assert [page for page, text in derived.items() if fragment in text] == [], fragment
    putin = sample_digest.entities["putin"]
    assert putin.name.casefold() in text_of["entities/putin/"]
