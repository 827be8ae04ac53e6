"""The annotation layer as a reader sees it: built article, entity, quote and report pages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS


class Elements(HTMLParser):
    """Collect (tag, attrs, text) of every element that carries an id, link or class of interest."""

    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.classes: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs)
        self.classes.extend((attrs.get("class") or "").split())


def elements(path: Path) -> Elements:
    parsed = Elements()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def page_of(site: Path, seed: str) -> Path:
    """Return the built page of a sample seed, found through the article API."""
    records = json.loads((site / "api" / "articles.json").read_text(encoding="utf-8"))
    slug = next(r["slug"] for r in records if r["file"] == seed)
    return site / "articles" / slug / "index.html"


PEKSOV_CLUSTER_SEEDS = ("001_9a7b23e9b3520c9b.txt", "002_7cf1fb448c6d3ea0.txt")
TRUMP_CLUSTER_SEEDS = ("000_1cec069715201191.txt", "003_02441c4aac2c50fe.txt")


@pytest.mark.parametrize("seeds", [PEKSOV_CLUSTER_SEEDS, TRUMP_CLUSTER_SEEDS], ids=["peskov", "trump"])
def test_clustered_quotes_link_to_each_other_both_ways(built_site, seeds):
    first, second = (page_of(built_site, seed) for seed in seeds)
    for page, other in ((first, second), (second, first)):
        html = page.read_text(encoding="utf-8")
        assert "Juga dilaporkan oleh" in html
        targets = [a["href"] for a in elements(page).links]
        assert any(f"../{other.parent.name}/#p" in href for href in targets), page


def test_entity_links_carry_their_description_as_tooltip(built_site):
    links = elements(page_of(built_site, "002_7cf1fb448c6d3ea0.txt")).links
    peskov = [a for a in links if a["href"].endswith("entities/peskov/")]
    assert peskov and all(a.get("title") for a in peskov)


FIRST_MENTIONS = """Putin dan Trump bicara soal KTT

Vladimir Putin menelepon Donald Trump pada Rabu (12/2/2025) untuk membahas KTT. Putin tersenyum.

"Kami akan bertemu segera," kata Putin. Trump setuju pada Rabu (12/2/2025) itu, dan KTT digelar.
"""


@pytest.fixture(scope="module")
def first_mentions(tmp_path_factory) -> str:
    """The body of an article that names Putin, Trump, a date and a glossary term twice each."""
    from generator.pipeline import Options, generate

    seeds = tmp_path_factory.mktemp("first") / "seeds"
    seeds.mkdir()
    for name in ("entities.yml", "glossary.yml"):
        shutil.copy(SEEDS / name, seeds / name)
    (seeds / "a.txt").write_text(FIRST_MENTIONS, encoding="utf-8")
    _, pages = generate(Options(seeds))
    page = next(text for path, text in pages if path.startswith("articles/"))
    return page[page.index('<div class="dg-body">'):page.index("## Liputan")]


@pytest.mark.parametrize("entity, linked", [("putin", "Vladimir Putin"), ("trump", "Donald Trump")])
def test_an_entity_is_linked_at_its_first_mention_only(first_mentions, entity, linked):
    assert re.findall(rf'<a href="../../entities/{entity}/"[^>]*>([^<]*)</a>', first_mentions) == [linked]


def test_later_mentions_and_an_already_linked_speaker_are_plain_text(first_mentions):
    assert "Putin tersenyum." in first_mentions and "kata Putin. Trump setuju" in first_mentions
    assert '<span class="dg-speaker">— Vladimir Putin</span>' in first_mentions


def test_a_date_links_its_timeline_entry_once_and_keeps_its_date_after(first_mentions):
    assert first_mentions.count('href="../../timeline/#2025-02-12"') == 1
    assert '<time datetime="2025-02-12" title="12 Februari 2025">Rabu (12/2/2025)</time> itu' in first_mentions


def test_a_glossary_term_is_marked_at_its_first_mention_only(first_mentions):
    assert first_mentions.count("<abbr ") == 1
    assert '<abbr title="Konferensi Tingkat Tinggi, pertemuan puncak para kepala negara atau pemerintahan">KTT</abbr>.' \
        in first_mentions


def test_no_article_page_links_an_entity_twice(built_site):
    for page in (built_site / "articles").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        content = html[html.index("<article"):html.index("</article>")]
        entities = re.findall(r'href="(\.\./\.\./entities/[^/"#]+/)"', content)
        assert entities and len(entities) == len(set(entities)), page


def test_dates_in_articles_link_to_timeline_entries(built_site):
    page = page_of(built_site, "001_9a7b23e9b3520c9b.txt")
    hrefs = [a["href"] for a in elements(page).links if "timeline/#" in a["href"]]
    assert "../../timeline/#2025-02-12" in hrefs
    assert "../../timeline/#2025-05-09" in hrefs
    timeline_ids = elements(built_site / "timeline" / "index.html").ids
    assert {href.split("#")[1] for href in hrefs} <= timeline_ids


def test_quotes_are_styled_with_their_speaker(built_site):
    html = page_of(built_site, "004_5901ea478037a38a.txt").read_text(encoding="utf-8")
    assert html.count('class="dg-quote dg-statement"') == 4
    assert html.count('class="dg-quote dg-scare"') == 2
    assert "Karoline Leavitt</a></span>" in html


def test_related_coverage_gives_reasons(built_site):
    html = page_of(built_site, "002_7cf1fb448c6d3ea0.txt").read_text(encoding="utf-8")
    related = html[html.index('id="related"'):]
    assert "peristiwa 12 Februari 2025" in related
    assert "sama-sama mengutip Dmitry Peskov" in related


def test_entity_page_lists_mentions_quotes_and_companions(built_site):
    page = built_site / "entities" / "peskov" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Disebut dalam" in html and "Kutipan" in html and "Sering muncul bersama" in html
    mention_links = [a["href"] for a in elements(page).links if "/articles/" in a["href"] and "#p" in a["href"]]
    assert len({href.split("#")[0] for href in mention_links}) == 4  # 000-003; 004 does not name him


def test_quotes_page_groups_by_speaker_and_shows_variants(built_site):
    html = (built_site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="dg-variants"') == 2
    for speaker in ("Dmitry Peskov", "Donald Trump", "Karoline Leavitt"):
        assert f">{speaker}<" in html or f">{speaker}</h2>" in html


def test_glossary_terms_are_abbreviation_tooltips(built_site):
    html = page_of(built_site, "001_9a7b23e9b3520c9b.txt").read_text(encoding="utf-8")
    assert '<abbr title="Konferensi Tingkat Tinggi, pertemuan puncak para kepala negara atau pemerintahan">KTT</abbr>' in html


@pytest.fixture(scope="module")
def noted_site(tmp_path_factory) -> Path:
    """The samples with an editor's note in a sidecar, built strictly."""
    from browser.sitebuild import build_site

    work = tmp_path_factory.mktemp("noted")
    seeds = work / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "000_1cec069715201191.yml").write_text(
        "notes:\n  - anchor: satu setengah jam\n    text: Durasi menurut Kremlin; Gedung Putih tidak "
        "menyebut durasi.\n", encoding="utf-8")
    return build_site(work, seeds)


def test_editor_note_renders_as_material_annotation(noted_site):
    page = page_of(noted_site, "000_1cec069715201191.txt")
    html = page.read_text(encoding="utf-8")
    assert 'class="annotate"' in html
    assert "satu setengah jam (1)" in html
    assert "<li>Durasi menurut Kremlin; Gedung Putih tidak menyebut durasi.</li>" in html


def test_note_anchor_missing_from_text_is_an_error_naming_the_sidecar(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "002_7cf1fb448c6d3ea0.yml").write_text(
        "notes:\n  - anchor: tidak ada di teks\n    text: x\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--seeds", str(seeds)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert ("error: 002_7cf1fb448c6d3ea0.yml:2: note anchor 'tidak ada di teks' is not in the article "
            "text of 002_7cf1fb448c6d3ea0.txt") in result.stderr


def test_english_labels_switch_with_the_language_option(tmp_path):
    from generator.pipeline import Options, generate
    _, pages = generate(Options(SEEDS, language="en"))
    article = next(text for path, text in pages if path.startswith("articles/"))
    assert "Source card" in article and "Related coverage" in article
    assert "Kartu sumber" not in article


@pytest.mark.parametrize("phrase, marked", [
    ("o", "Donald"),  # only inside words: the marker goes after the whole word
    ("Trump", "Trump"),  # a whole word, though "Trumpet" comes first
    ("satu setengah", "satu setengah"),
    ("(AFP)", "(AFP)"),
])
def test_a_note_marker_never_splits_a_word(phrase, marked):
    from generator.annotate.article import find_phrase
    from generator.core.models import Block

    blocks = (Block("paragraph", "Trumpet Donald Trump (AFP) satu setengah jam.", 1, "p1"),)
    block, start, end = find_phrase(blocks, phrase)
    assert block.text[:end].endswith(marked) and not block.text[end].isalnum()
    assert phrase in block.text[start:end]


def test_a_note_phrase_missing_from_every_block_is_not_found():
    from generator.annotate.article import find_phrase
    from generator.core.models import Block

    assert find_phrase((Block("paragraph", "Putin dan Trump.", 1, "p1"),), "Peskov") is None
