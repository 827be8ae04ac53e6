"""News metadata: NewsArticle JSON-LD, Open Graph, edit links, sitemap and 404 on the built site."""

from __future__ import annotations

import json
import re
from dataclasses import replace
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml

from browser.sitebuild import HOSTILE_AUTHOR, HOSTILE_SUMMARY, HOSTILE_TITLE
from conftest import ROOT
from generator.render.escape import front_matter
from generator.link.digest import Digest
from generator.core.models import Article, Block, Entity, Field, Knowledge, Mention, Metadata, Outlet
from generator.render.seo import article_meta, news_article

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def text(value) -> Field:
    return Field(value, "text")


ENTITIES = (
    Entity("putin", "Vladimir Putin", "person", wikidata="Q7747",
           wikipedia="https://id.wikipedia.org/wiki/Vladimir_Putin"),
    Entity("kremlin", "Kremlin", "organisation"),
    Entity("moskow", "Moskow", "place", wikidata="Q649"),
)
OUTLETS = (Outlet("kompas", "Kompas", "https://www.kompas.com"),)
ARTICLE = Article(
    file="000_kompas.txt", slug="kremlin-undang-trump", sha256="0" * 64,
    meta=Metadata(title=text("Kremlin undang Trump"), outlet=text("Kompas"),
                  original_source=Field("Reuters", "editor"), author=text("Guntur Wibowo"),
                  published=text("2025-02-13T17:57:00+07:00"), story_date=text("2025-02-12"),
                  dateline=text("Moskow"), section=text("Dunia"), language=text("id"),
                  url=text("https://www.kompas.com/a"), tags=text(("KTT",))),
    blocks=(Block("paragraph", "Putin mengundang Trump ke Moskow, kata Kremlin.", 1, "p1"),),
    mentions=(Mention("kremlin", "p1", 40, 47, "Kremlin"), Mention("putin", "p1", 0, 5, "Putin"),
              Mention("moskow", "p1", 29, 35, "Moskow"), Mention("putin", "p1", 0, 5, "Putin")),
)
DIGEST = Digest(articles=(ARTICLE,), knowledge=Knowledge(entities=ENTITIES, outlets=OUTLETS))


@pytest.fixture(scope="module")
def ld() -> dict:
    return news_article(ARTICLE, DIGEST.entities, OUTLETS, "Lead.", "id")


@pytest.mark.parametrize("key, expected", [
    ("@context", "https://schema.org"),
    ("@type", "NewsArticle"),
    ("headline", "Kremlin undang Trump"),
    ("description", "Lead."),
    ("datePublished", "2025-02-13T17:57:00+07:00"),
    ("contentReferenceTime", "2025-02-12"),
    ("dateline", "Moskow"),
    ("articleSection", "Dunia"),
    ("keywords", ["KTT"]),
    ("inLanguage", "id"),
    ("author", {"@type": "Person", "name": "Guntur Wibowo"}),
    ("publisher", {"@type": "Organization", "name": "Kompas", "url": "https://www.kompas.com"}),
    ("isBasedOn", [
        {"@type": "NewsArticle", "headline": "Kremlin undang Trump", "url": "https://www.kompas.com/a",
         "publisher": {"@type": "Organization", "name": "Kompas", "url": "https://www.kompas.com"}},
        {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Reuters"}},
    ]),
    ("mentions", [
        {"@type": "Person", "name": "Vladimir Putin", "sameAs": [
            "https://www.wikidata.org/wiki/Q7747", "https://id.wikipedia.org/wiki/Vladimir_Putin"]},
        {"@type": "Organization", "name": "Kremlin"},
        {"@type": "Place", "name": "Moskow", "sameAs": ["https://www.wikidata.org/wiki/Q649"]},
    ]),
], ids=lambda value: str(value)[:24])
def test_news_article(ld, key, expected):
    assert ld[key] == expected


def test_unknown_values_are_left_out():
    bare = Article(file="x.txt", slug="x", sha256="0", meta=Metadata(title=text("X")), blocks=())
    assert news_article(bare, {}, (), "", "en") == {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "X", "inLanguage": "en",
        "wordCount": 0}


def test_article_meta_keys():
    meta = article_meta(ARTICLE, DIGEST, "Lead.", "id")
    assert meta["author"] == "Guntur Wibowo"
    assert meta["seed_path"] == "000_kompas.txt"
    assert meta["og"] == {"locale": "id_ID", "published_time": "2025-02-13T17:57:00+07:00",
                          "section": "Dunia"}
    assert meta["jsonld"]["@type"] == "NewsArticle"


@pytest.mark.parametrize("file, expected", [
    ("000_kompas.txt", "000_kompas.txt"),
    ('a b"<c>&d.txt', "a%20b%22%3Cc%3E%26d.txt"),
    ("berita-é.txt", "berita-%C3%A9.txt"),
], ids=["plain", "markup", "unicode"])
def test_seed_path_is_percent_encoded(file, expected):
    assert article_meta(replace(ARTICLE, file=file), DIGEST, "", "id")["seed_path"] == expected


def test_front_matter_keeps_json_ld_raw_and_escapes_the_rest():
    hostile = replace(ARTICLE, meta=Metadata(title=text(HOSTILE_TITLE), author=text(HOSTILE_AUTHOR)))
    meta = {"title": HOSTILE_TITLE, "description": HOSTILE_SUMMARY,
            **article_meta(hostile, DIGEST, HOSTILE_SUMMARY, "id")}
    parsed = yaml.safe_load(front_matter(meta).strip("-\n"))
    assert parsed["title"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert parsed["author"] == "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
    assert parsed["jsonld"]["headline"] == HOSTILE_TITLE
    assert parsed["jsonld"]["author"]["name"] == HOSTILE_AUTHOR


# The built site.

class HeadParser(HTMLParser):
    """Collect meta tags, links, JSON-LD scripts, edit links, images and script texts of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self.scripts = {}, [], [], []
        self.edit_links, self.handlers, self.h1 = [], [], []
        self._script, self._in_h1 = None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [f"{tag}[{name}]" for name in attrs if name.startswith("on")]
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs.get("name"), []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self._script = [attrs.get("type", ""), ""]
        elif tag == "a" and attrs.get("rel") == "edit":
            self.edit_links.append(attrs["href"])
        elif tag == "h1":
            self._in_h1 = True
            self.h1.append("")

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            kind, body = self._script
            (self.json_ld if kind == "application/ld+json" else self.scripts).append(body)
            self._script = None
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data
        elif self._in_h1:
            self.h1[-1] += data

    def first(self, name: str) -> str | None:
        values = self.meta.get(name) or [None]
        return values[0]


def parse_page(path: Path) -> HeadParser:
    parser = HeadParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def settings(built_site) -> dict:
    from browser.sitebuild import site_settings

    return site_settings(built_site.parent)


@pytest.fixture(scope="module")
def articles(built_site) -> dict[str, HeadParser]:
    pages = sorted((built_site / "articles").glob("*/index.html"))
    assert pages, "no article pages were built"
    return {page.parent.name: parse_page(page) for page in pages}


@pytest.fixture(scope="module")
def api(built_site) -> dict[str, dict]:
    records = json.loads((built_site / "api" / "articles.json").read_text(encoding="utf-8"))
    return {record["slug"]: record for record in records}


def test_every_article_page_has_one_news_article(articles, api, settings):
    problems = []
    for slug, page in articles.items():
        if len(page.json_ld) != 1:
            problems.append(f"{slug}: {len(page.json_ld)} JSON-LD scripts")
            continue
        data = json.loads(page.json_ld[0])
        record = api[slug]
        url = f"{settings['site_url']}articles/{slug}/"
        expected = {"@type": "NewsArticle", "headline": record["title"]["value"], "url": url,
                    "mainEntityOfPage": url, "inLanguage": record["language"]["value"] or "id"}
        problems += [f"{slug}: {key} is {data.get(key)!r}, expected {value!r}"
                     for key, value in expected.items() if data.get(key) != value]
        for key, field in (("datePublished", "published"), ("contentReferenceTime", "story_date")):
            if data.get(key) != record[field]["value"]:
                problems.append(f"{slug}: {key} is {data.get(key)!r}")
        if record["outlet"]["value"] and data.get("publisher", {}).get("name") != record["outlet"]["value"]:
            problems.append(f"{slug}: publisher {data.get('publisher')!r}")
        if record["author"]["value"] and data.get("author", {}).get("name") != record["author"]["value"]:
            problems.append(f"{slug}: author {data.get('author')!r}")
        mentioned = {entity["name"] for entity in record["entities"]}
        if {thing["name"] for thing in data.get("mentions", ())} != mentioned:
            problems.append(f"{slug}: mentions {data.get('mentions')!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["og:title", "og:description", "og:url", "og:type", "og:site_name",
                                  "og:locale", "twitter:card", "twitter:title", "description"])
def test_every_article_page_has_open_graph(articles, name):
    missing = [slug for slug, page in articles.items() if not page.first(name)]
    assert not missing, f"{name} missing on {missing}"


def test_open_graph_values(articles, api, settings):
    problems = []
    for slug, page in articles.items():
        if unescape(page.first("og:title")) != api[slug]["title"]["value"]:
            problems.append(f"{slug}: og:title {page.first('og:title')!r}")
        if page.first("og:url") != f"{settings['site_url']}articles/{slug}/":
            problems.append(f"{slug}: og:url {page.first('og:url')!r}")
        if page.first("og:type") != "article":
            problems.append(f"{slug}: og:type {page.first('og:type')!r}")
    assert not problems, "\n".join(problems)


def test_feeds_are_announced(built_site):
    links = parse_page(built_site / "index.html").links
    types = {link.get("type"): link["href"] for link in links if link.get("rel") == "alternate"}
    assert types["application/rss+xml"] == "feed.xml"
    assert types["application/feed+json"] == "feed.json"


def test_article_edit_links_open_the_seed_file(articles, api, settings):
    seeds_edit = f"{settings['repo_url'].rstrip('/')}/{settings['seeds_edit_uri'].strip('/')}/"
    problems = []
    for slug, page in articles.items():
        expected = seeds_edit + quote(api[slug]["file"])
        if page.edit_links != [expected]:
            problems.append(f"{slug}: edit links {page.edit_links}, expected [{expected}]")
        if not (ROOT / "seeds" / api[slug]["file"]).is_file():
            problems.append(f"{slug}: seed file {api[slug]['file']} is not in seeds/")
    assert not problems, "\n".join(problems)
    assert settings["seeds_edit_uri"].strip("/").endswith("seeds")


def test_hand_written_page_edit_link_opens_its_file(built_site, settings):
    page = parse_page(built_site / "about" / "index.html")
    assert page.edit_links == [f"{settings['repo_url'].rstrip('/')}/{settings['edit_uri']}about.md"]
    assert (ROOT / "docs" / "about.md").is_file()


@pytest.mark.parametrize("page", ["index.html", "timeline/index.html", "entities/index.html",
                                  "quotes/index.html"])
def test_other_generated_pages_have_no_edit_link(built_site, page):
    assert parse_page(built_site / page).edit_links == []


def test_sitemap_lists_every_page_under_site_url(built_site, settings):
    root = ET.parse(built_site / "sitemap.xml").getroot()
    urls = [element.text for element in root.iter(f"{SITEMAP}loc")]
    base = urlsplit(settings["site_url"]).path
    problems = [url for url in urls if not url.startswith(settings["site_url"])]
    files = {built_site / urlsplit(url).path[len(base):] / "index.html" for url in urls}
    problems += [f"no page for {path}" for path in files if not path.is_file()]
    pages = {path for path in built_site.rglob("index.html") if "assets" not in path.parts}
    problems += [f"not in sitemap: {path}" for path in pages - files]
    assert not problems, "\n".join(map(str, problems))


def test_404_page_works_at_any_depth(built_site, settings):
    page = parse_page(built_site / "404.html")
    base = urlsplit(settings["site_url"]).path
    stylesheets = [link["href"] for link in page.links if link.get("rel") == "stylesheet"]
    assert stylesheets and all(href.startswith(base) for href in stylesheets), stylesheets
    assert page.h1 and page.h1[0].startswith("404")


# A seeds folder with hostile metadata: nothing from the article may become markup.

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from browser.sitebuild import build_site, write_hostile_seeds

    work = tmp_path_factory.mktemp("hostile")
    return build_site(work, write_hostile_seeds(work / "seeds"))


@pytest.fixture(scope="module")
def hostile_page(hostile_site) -> tuple[HeadParser, str]:
    pages = list((hostile_site / "articles").glob("*/index.html"))
    assert len(pages) == 1, pages
    return parse_page(pages[0]), pages[0].read_text(encoding="utf-8")


def test_hostile_values_add_no_markup(hostile_page):
    page, html = hostile_page
    assert page.handlers == []
    assert "<img src=x" not in html and "<i>t</i>" not in html and "<b>x</b>" not in html
    assert not [script for script in page.scripts if "alert(" in script]


def test_hostile_json_ld_cannot_close_its_script(hostile_page):
    page, _ = hostile_page
    assert len(page.json_ld) == 1
    assert "</" not in page.json_ld[0]
    data = json.loads(page.json_ld[0])
    assert (data["headline"], data["description"], data["author"]["name"]) == (
        HOSTILE_TITLE, HOSTILE_SUMMARY, HOSTILE_AUTHOR)


@pytest.mark.parametrize("name, expected", [
    ("og:title", HOSTILE_TITLE), ("twitter:title", HOSTILE_TITLE), ("og:description", HOSTILE_SUMMARY),
    ("description", HOSTILE_SUMMARY), ("author", HOSTILE_AUTHOR), ("article:section", '"><b>x</b>'),
    ("article:tag", "<i>t</i>"),
])
def test_hostile_meta_tags_show_the_text(hostile_page, name, expected):
    page, _ = hostile_page
    assert page.first(name) == expected  # HTMLParser unescapes attribute values once


def test_hostile_title_in_feeds(hostile_site):
    import feedparser

    feed = feedparser.parse((hostile_site / "feed.xml").read_bytes())
    assert not feed.bozo
    assert ET.parse(hostile_site / "feed.xml").getroot().findtext("channel/item/title") == HOSTILE_TITLE
    assert json.loads((hostile_site / "feed.json").read_text(encoding="utf-8"))["items"][0]["title"] == HOSTILE_TITLE
    assert re.search(r"<title>&lt;img", (hostile_site / "feed.xml").read_text(encoding="utf-8"))
