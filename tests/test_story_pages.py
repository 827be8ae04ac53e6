"""Story pages, the stories index, the front page of stories and the timeline's story chips, on
the real-article corpus with the samples (no entities.yml) and on the samples alone."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conftest import SEEDS
from sitelinks import broken_site_links
from generator.annotate.glossary import abbreviation_picker
from generator.link.digest import article_date
from generator.link.paging import period_of
from generator.pipeline import Options, generate
from generator.render.escape import escape_markdown
from generator.render.home import HOME_STORIES, STORY_ARTICLES, render_home
from generator.render.site import Site, labels_for, with_definitions
from generator.render.story import LATEST_STORIES
from test_stories import FLOOD, SAMPLES

# A link to an article or a story page, as a Markdown link or as the URL of an HTML block (the pages
# are built with directory URLs: ../../articles/<slug>/#p3).
ARTICLE_LINK = re.compile(r'(?:\]\(|href=")(?:\.\./)*articles/([^)#\s"/]+)(?:\.md|/)(?:#[^)\s"]*)?')
STORY_LINK = re.compile(r'(?:\]\(|href=")(?:\.\./)*(?:stories/)?([a-z0-9-]+)(?:\.md\)|/")')


@pytest.fixture(scope="module")
def corpus_site(corpus_with_samples):
    """The digest and pages of the corpus and the samples."""
    digest, pages = generate(Options(corpus_with_samples))
    return digest, dict(pages)


def story_page(pages: dict, story) -> str:
    return pages[f"stories/{story.id}.md"]


def section(text: str, heading: str, following: str | None = None) -> str:
    """Return a page's text from ``heading`` up to ``following`` (or the end)."""
    start = text.index(heading)
    end = text.find(following, start + len(heading)) if following else -1
    end = end if end >= 0 else len(text)
    return text[start:end]


def multi_article_stories(digest):
    return [story for story in digest.stories if len(story.files) > 1]


# ---------------------------------------------------------------- story pages


def test_every_story_has_a_page_named_by_its_id(corpus_site):
    digest, pages = corpus_site
    assert len(digest.stories) > 40 and len(multi_article_stories(digest)) >= 8
    assert {path for path in pages if path.startswith("stories/") and path != "stories/index.md"} == {
        f"stories/{story.id}.md" for story in digest.stories}
    for story in digest.stories:
        assert story_page(pages, story).split("\n---\n", 1)[1].lstrip().startswith(f"# {escape_markdown(story.title)}\n")


def test_a_story_page_lists_its_articles_by_outlet_newest_first(corpus_site):
    digest, pages = corpus_site
    for story in multi_article_stories(digest):
        articles = section(story_page(pages, story), "## Artikel", "## Linimasa cerita")
        listed = []
        for block in articles.split("\n### ")[1:]:
            heading, body = block.split("\n", 1)
            slugs = ARTICLE_LINK.findall(body)
            listed += slugs
            assert slugs == sorted(slugs, key=digest.position.__getitem__), story.id  # newest first
            outlets = {str(digest.by_slug[slug].meta.outlet.value or "") for slug in slugs}
            assert len(outlets) == 1 and (outlets.pop() or "Media tidak diketahui") in heading, (story.id, heading)
        assert sorted(listed) == sorted(story.slugs), story.id


def test_a_story_timeline_shows_only_the_story_events_and_reports(corpus_site):
    digest, pages = corpus_site
    for story in multi_article_stories(digest):
        timeline = section(story_page(pages, story), "## Linimasa cerita", "## Perbandingan liputan")
        expected = [event.id for event in digest.events if any(s.slug in story.slugs for s in event.sources)]
        assert re.findall(r'<div class="dg-event [^"]*" id="([^"]+)"', timeline) == expected, story.id
        assert set(ARTICLE_LINK.findall(timeline)) <= set(story.slugs)
        assert "dg-story-chips" not in timeline


def test_a_story_comparison_has_only_the_story_outlets_and_events(corpus_site):
    digest, pages = corpus_site
    compared = 0
    for story in multi_article_stories(digest):
        page = story_page(pages, story)
        assert set(ARTICLE_LINK.findall(page)) == set(story.slugs), story.id  # nothing of other stories
        outlets = {str(digest.by_slug[slug].meta.outlet.value) for slug in story.slugs
                   if digest.by_slug[slug].meta.outlet.known}
        if "## Perbandingan liputan" not in page:
            continue
        compared += 1
        matrix = section(page, "## Peristiwa utama per media", "\n## ")
        header = next(line for line in matrix.splitlines() if line.startswith("<tr><th>Peristiwa</th>"))
        named = {html.unescape(name) for name in re.findall(r'href="(?:\.\./)*outlets/[^"]*">([^<]+)</a>', header)}
        assert named <= outlets, story.id
        events = {event.id for event in digest.events if any(s.slug in story.slugs for s in event.sources)}
        assert set(re.findall(r'href="(?:\.\./)*timeline[^"#]*#([^"]+)"', matrix)) <= events, story.id
    assert compared >= 5


def test_a_story_of_one_outlet_has_nothing_to_compare(corpus_site):
    digest, pages = corpus_site
    alone = [story for story in digest.stories if len(story.files) == 1]
    assert alone and all("## Perbandingan liputan" not in story_page(pages, story) for story in alone)


# ---------------------------------------------------------------- the front page and the index


def listed_stories(text: str, digest) -> list[str]:
    """Return the stories the front page shows, in order: a story link, or its one article."""
    story_of = digest.story_of
    found = []
    for match in re.finditer(r'^<h3[^>]*><a href="(stories|articles)/([^"/]+)/">', text, re.M):
        found.append(match.group(2) if match.group(1) == "stories" else story_of[match.group(2)].id)
    return found


def test_the_front_page_lists_every_story_newest_activity_first(corpus_site):
    digest, pages = corpus_site
    home = pages["index.md"]
    assert listed_stories(home, digest) == [story.id for story in digest.stories]
    lasts = [story.last for story in digest.stories if story.last]
    assert lasts == sorted(lasts, reverse=True)
    for story in multi_article_stories(digest):
        block = home[home.index(f'href="stories/{story.id}/"'):].split("</div>", 1)[0]
        assert ARTICLE_LINK.findall(block) == list(story.slugs[:STORY_ARTICLES])
    assert "[Semua cerita (" in home and "](stories/index.md)" in home


def test_the_stories_index_lists_every_story_with_its_articles_and_outlets(corpus_site):
    digest, pages = corpus_site
    index = pages["stories/index.md"]
    rows = re.findall(r'^<li><a href="([a-z0-9-]+)/">[^\n]*?</a> <span class="dg-meta">(\d+) artikel', index, re.M)
    assert rows == [(story.id, str(len(story.files))) for story in digest.stories]


def test_a_digest_of_one_story_keeps_its_front_page_and_timeline(sample_digest, sample_pages):
    site = Site(sample_digest, labels_for("id"), "id")
    dated = [a for a in sample_digest.articles if article_date(a)]
    undated = [a for a in sample_digest.articles if not article_date(a)]
    today = with_definitions(render_home(site, dated, undated), abbreviation_picker(sample_digest.glossary))
    assert sample_pages["index.md"] == today  # the list of articles the front page had before stories
    assert "stories/" not in sample_pages["index.md"] and "dg-story-chips" not in sample_pages["timeline.md"]
    linking = [path for path, text in sample_pages.items() if "stories/" in text and not path.startswith("stories/")]
    assert linking == []
    assert sorted(path for path in sample_pages if path.startswith("stories/")) == [
        "stories/index.md", f"stories/{sample_digest.stories[0].id}.md"]


def test_timeline_entries_name_the_stories_of_their_reports(corpus_site):
    digest, pages = corpus_site
    chips = 0
    for path in (p for p in pages if p.startswith("timeline/")):
        for event_id, body in re.findall(r'<div class="dg-event [^"]*" id="([^"]+)" data-search-exclude>(.*?)\n</div>',
                                         pages[path], re.S):
            event = next(e for e in digest.events if e.id == event_id)
            stories = list(dict.fromkeys(digest.story_of[s.slug].id for s in event.sources))
            shown = re.findall(r'<a class="dg-chip dg-story-chip" href="(?:\.\./)+stories/([a-z0-9-]+)/">', body)
            assert shown == stories[:3], event_id
            chips += len(shown)
    assert chips > 100


# ---------------------------------------------------------------- the editor's stories.yml


def two_story_seeds(folder: Path, stories_yml: str | None = None) -> Path:
    """The samples with their entities.yml and a made-up report of a flood: two stories."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (*SAMPLES, "entities.yml"):
        shutil.copyfile(SEEDS / name, folder / name)
    (folder / "banjir.txt").write_text(FLOOD, encoding="utf-8")
    if stories_yml is not None:
        (folder / "stories.yml").write_text(stories_yml, encoding="utf-8")
    return folder


def test_a_story_the_editor_names_shows_its_name_on_every_page(tmp_path):
    digest, _ = generate(Options(two_story_seeds(tmp_path / "before")))
    automatic = next(story.id for story in digest.stories if len(story.files) == 5)
    named = f"- id: kontak-putin-trump\n  title: Kontak Putin–Trump\n  stories: [{automatic}]\n"
    digest, pages = generate(Options(two_story_seeds(tmp_path / "after", named)))
    pages = dict(pages)
    assert f"stories/{automatic}.md" not in pages
    page = pages["stories/kontak-putin-trump.md"]
    assert "\n# Kontak Putin–Trump\n" in page and "disusun editor" in page and "<code>kontak-putin-trump</code>" in page
    assert '<h3 id="story-kontak-putin-trump"><a href="stories/kontak-putin-trump/">Kontak Putin–Trump</a></h3>' \
        in pages["index.md"]
    assert '<li><a href="kontak-putin-trump/">Kontak Putin–Trump</a>' in pages["stories/index.md"]
    assert '<a class="dg-chip dg-story-chip" href="../stories/kontak-putin-trump/">Kontak Putin–Trump</a>' \
        in pages["timeline.md"]


def edit_flood(seeds: Path) -> None:
    path = seeds / "banjir.txt"
    path.write_text(path.read_text(encoding="utf-8") + "Warga masih berjaga di tanggul.\n", encoding="utf-8")


def name_the_flood(seeds: Path) -> None:
    (seeds / "stories.yml").write_text("- id: banjir-cibeber\n  title: Banjir Cibeber\n  articles: [banjir.txt]\n",
                                       encoding="utf-8")


def move_a_sample_to_the_flood(seeds: Path) -> None:
    (seeds / "stories.yml").write_text(f"- id: banjir\n  articles: [banjir.txt, {SAMPLES[2]}]\n", encoding="utf-8")


def retitle_a_sample(seeds: Path) -> None:
    path = seeds / SAMPLES[0]
    text = path.read_text(encoding="utf-8")
    path.write_text("Judul Baru Laporan Kremlin\n" + text.split("\n", 1)[1], encoding="utf-8")


@pytest.mark.parametrize("edit", [edit_flood, name_the_flood, move_a_sample_to_the_flood, retitle_a_sample])
def test_a_rebuild_of_the_story_pages_equals_a_fresh_build(tmp_path, edit):
    from test_incremental import built_before_and_after

    seeds = two_story_seeds(tmp_path / "seeds")
    before, rebuilt, fresh = built_before_and_after(Options(seeds, page_rows=3), seeds, edit)
    assert rebuilt == fresh
    assert rebuilt != before


# ---------------------------------------------------------------- a long digest


@pytest.fixture(scope="module")
def split_corpus(corpus_with_samples):
    """The corpus and the samples with ten rows per corpus-wide page."""
    digest, pages = generate(Options(corpus_with_samples, page_rows=10))
    return digest, dict(pages)


def test_a_long_digest_shows_its_latest_stories_and_the_monthly_archive(split_corpus):
    digest, pages = split_corpus
    home = pages["index.md"]
    assert listed_stories(home, digest) == [story.id for story in digest.stories[:HOME_STORIES]]
    assert "## Cerita terbaru" in home and "## Arsip" in home and "](archive/" in home
    archived = Counter(slug for path in pages if path.startswith("archive/")
                       for slug in ARTICLE_LINK.findall(pages[path]))
    assert archived == Counter(article.slug for article in digest.articles)


def test_a_long_stories_index_links_one_page_per_month_holding_every_story_once(split_corpus):
    digest, pages = split_corpus
    index = pages["stories/index.md"]
    months = sorted(path for path in pages if path.startswith("stories/by-month/"))
    assert months and all(f"]({month.removeprefix('stories/')})" in index for month in months)
    assert STORY_LINK.findall(section(index, "# Cerita", "## Cerita per bulan")) == [
        story.id for story in digest.stories[:LATEST_STORIES]]
    from_month = re.compile(r'^<li><a href="(?:\.\./){2}([a-z0-9-]+)/">', re.M)
    shown = Counter(story_id for month in months for story_id in from_month.findall(pages[month]))
    assert shown == Counter(story.id for story in digest.stories)
    for month in months:
        key = month.removeprefix("stories/by-month/").removesuffix(".md")
        for story_id in from_month.findall(pages[month]):
            assert period_of(next(s for s in digest.stories if s.id == story_id).last) == key


# ---------------------------------------------------------------- the built site


@pytest.fixture(scope="module")
def corpus_built(tmp_path_factory, corpus_with_samples):
    """The corpus and samples site built with mkdocs build --strict; (site, MkDocs' log)."""
    from browser.sitebuild import MKDOCS, ROOT, write_config

    work = tmp_path_factory.mktemp("corpus_site")
    config = write_config(work, corpus_with_samples)
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(work / "site")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return work / "site", result.stderr


def test_the_corpus_site_builds_strictly_without_a_warning(corpus_built):
    site, log = corpus_built
    assert [line for line in log.splitlines() if line.startswith("WARNING")] == []
    assert (site / "stories" / "index.html").is_file()


def test_every_internal_link_of_the_corpus_site_resolves(corpus_built):
    site, _ = corpus_built
    assert broken_site_links(site)[0] == []
