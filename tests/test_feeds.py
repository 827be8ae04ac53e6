"""RSS 2.0, JSON Feed 1.1 and api/articles.json: hand-built digests, then the built sample site."""

from __future__ import annotations

import datetime as dt
import html
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from generator.render.export import article_record
from generator.render.feeds import FEED_ITEMS, item_date, render_feeds
from generator.link.digest import Digest
from generator.core.models import Article, Block, Entity, Field, Knowledge, Mention, Metadata, Outlet

SITE = "https://example.org/digest/"
LABELS = {"home_title": "Digest berita", "home_intro": "Liputan dari berbagai media."}
JSON_FEED_ITEM_KEYS = {"id", "url", "external_url", "title", "content_html", "content_text", "summary",
                       "image", "banner_image", "date_published", "date_modified", "authors", "tags",
                       "language", "attachments"}
HOSTILE = '<img src=x onerror=alert(1)> & "]]></title><script>'


def known(value, provenance="text") -> Field:
    return Field(value, provenance)


def make_article(slug: str, **fields) -> Article:
    """An article with the given metadata values and one paragraph."""
    text = fields.pop("text", None) or f"Paragraf pertama {slug}."
    meta = Metadata(**{name: known(value) for name, value in fields.items()})
    return Article(file=f"{slug}.txt", slug=slug, sha256="0" * 64, meta=meta,
                   blocks=(Block("paragraph", text, 1, "p1"),),
                   mentions=(Mention("putin", "p1", 0, 5, "Putin"),))


def lead(article: Article) -> str:
    return article.blocks[0].text


NEWER = make_article("kremlin-undang-trump", title="Kremlin undang Trump", outlet="Kompas",
                     author="Guntur Wibowo", published="2025-02-13T17:57:00+07:00",
                     story_date="2025-02-12", language="id", url="https://kompas.example/a",
                     tags=("KTT", "Rusia"))
OLDER = make_article("putin-biden-2022", title="Putin dan Biden", outlet="Reuters",
                     story_date="2022-02-12", language="en")
UNDATED = make_article("tanpa-tanggal", title="Tanpa tanggal", language="id")
KNOWLEDGE = Knowledge(entities=(Entity("putin", "Vladimir Putin", "person", wikidata="Q7747"),),
                      outlets=(Outlet("kompas", "Kompas", "https://www.kompas.com"),))
DIGEST = Digest(articles=(NEWER, OLDER, UNDATED), knowledge=KNOWLEDGE)


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    return dict(render_feeds(DIGEST, SITE, "id", LABELS, lead))


@pytest.fixture(scope="module")
def rss(outputs):
    feed = feedparser.parse(outputs["feed.xml"])
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.fixture(scope="module")
def json_feed(outputs) -> dict:
    return json.loads(outputs["feed.json"])


def test_outputs_are_the_two_feeds_and_the_api(outputs):
    assert sorted(outputs) == ["api/articles.json", "feed.json", "feed.xml"]


def test_without_site_url_only_the_api_is_written():
    assert [path for path, _ in render_feeds(DIGEST, None, "id", LABELS, lead)] == ["api/articles.json"]


def test_feeds_carry_the_latest_stories_and_the_api_carries_all():
    many = tuple(replace(NEWER, slug=f"artikel-{number:03d}") for number in range(FEED_ITEMS + 10))
    outputs = dict(render_feeds(Digest(articles=many, knowledge=KNOWLEDGE), SITE, "id", LABELS, lead))
    links = [entry.link for entry in feedparser.parse(outputs["feed.xml"]).entries]
    assert links == [f"{SITE}articles/{a.slug}/" for a in many[:FEED_ITEMS]]
    assert len(json.loads(outputs["feed.json"])["items"]) == FEED_ITEMS
    assert [record["slug"] for record in json.loads(outputs["api/articles.json"])] == [a.slug for a in many]
    assert outputs["api/articles.json"].count("\n") == len(many) + 2  # one record per line


def test_rss_channel(rss):
    assert rss.version == "rss20"
    assert rss.feed.title == "Digest berita"
    assert rss.feed.link == SITE
    assert rss.feed.language == "id"


def test_rss_items_keep_the_digest_order(rss):
    assert [entry.link for entry in rss.entries] == [
        f"{SITE}articles/{a.slug}/" for a in DIGEST.articles]


@pytest.mark.parametrize("field, expected", [
    ("title", "Kremlin undang Trump"),
    ("link", f"{SITE}articles/kremlin-undang-trump/"),
    ("id", f"{SITE}articles/kremlin-undang-trump/"),
    ("author", "Guntur Wibowo"),
    ("publisher", "Kompas"),
    ("summary", "Paragraf pertama kremlin-undang-trump."),
    ("published", "Thu, 13 Feb 2025 17:57:00 +0700"),
], ids=lambda value: str(value)[:20])
def test_rss_item_fields(rss, field, expected):
    assert rss.entries[0][field] == expected


def test_rss_item_tags(rss):
    assert [tag.term for tag in rss.entries[0].tags] == ["KTT", "Rusia"]


def test_rss_build_date_is_the_newest_item(outputs):
    channel = ET.fromstring(outputs["feed.xml"]).find("channel")
    assert channel.findtext("lastBuildDate") == "Thu, 13 Feb 2025 17:57:00 +0700"


def test_undated_item_has_no_date(rss):
    assert "published" not in rss.entries[2]


def test_output_is_deterministic(outputs):
    assert dict(render_feeds(DIGEST, SITE, "id", LABELS, lead)) == outputs


@pytest.mark.parametrize("article, expected", [
    (NEWER, "2025-02-13T17:57:00+07:00"),
    (make_article("a", story_date="2025-02-12", language="id"), "2025-02-12T00:00:00+07:00"),
    (make_article("b", story_date="2025-02-12", language="en"), "2025-02-12T00:00:00+00:00"),
    (make_article("c", story_date="2025-02-12"), "2025-02-12T00:00:00+07:00"),
    (make_article("d", published="2025-02-13", story_date="2025-02-12", language="id"),
     "2025-02-13T00:00:00+07:00"),
    (make_article("e", published="2025-02-13T09:30:00", language="id"), "2025-02-13T09:30:00+07:00"),
    (make_article("f", published="2025-02-13T02:30:00Z", language="id"), "2025-02-13T02:30:00+00:00"),
    (make_article("g", published="kemarin", language="id"), None),
], ids=["published-with-offset", "story-date-id", "story-date-en", "site-language",
        "published-date-only", "naive-time-is-local", "utc", "unparseable"])
def test_item_date(article, expected):
    value = item_date(article, "id")
    assert (value.isoformat() if value else None) == expected


def test_json_feed_header(json_feed):
    assert json_feed["version"] == "https://jsonfeed.org/version/1.1"
    assert json_feed["home_page_url"] == SITE
    assert json_feed["feed_url"] == f"{SITE}feed.json"


def test_json_feed_item(json_feed):
    assert json_feed["items"][0] == {
        "id": f"{SITE}articles/kremlin-undang-trump/",
        "url": f"{SITE}articles/kremlin-undang-trump/",
        "external_url": "https://kompas.example/a",
        "title": "Kremlin undang Trump",
        "summary": "Paragraf pertama kremlin-undang-trump.",
        "content_text": "Paragraf pertama kremlin-undang-trump.",
        "date_published": "2025-02-13T17:57:00+07:00",
        "authors": [{"name": "Guntur Wibowo"}],
        "tags": ["KTT", "Rusia"],
        "language": "id",
        "_digest": {"outlet": "Kompas", "story_date": "2025-02-12"},
    }


def json_feed_problems(feed: dict) -> list[str]:
    """Check what JSON Feed 1.1 requires (feedparser 6 does not read JSON Feed)."""
    problems = [f"missing {key}" for key in ("version", "title", "items") if key not in feed]
    for index, item in enumerate(feed.get("items", ())):
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"item {index}: id must be a non-empty string")
        if not (item.get("content_text") or item.get("content_html")):
            problems.append(f"item {index}: content_text or content_html is required")
        if "date_published" in item and dt.datetime.fromisoformat(item["date_published"]).tzinfo is None:
            problems.append(f"item {index}: date_published without a time zone")
        unknown = set(item) - JSON_FEED_ITEM_KEYS
        if any(not key.startswith("_") for key in unknown):
            problems.append(f"item {index}: unknown keys {sorted(unknown)} (extensions start with _)")
    return problems


def test_json_feed_follows_the_spec(json_feed):
    assert json_feed_problems(json_feed) == []


def test_api_is_the_inspect_record_without_removed_lines(outputs):
    expected = [article_record(a, DIGEST.entities, removed=False) for a in DIGEST.articles]
    assert json.loads(outputs["api/articles.json"]) == expected


def test_hostile_text_round_trips():
    article = make_article("x", title=HOSTILE + "\x0b\x1b", author="A <b>", outlet="O & P",
                           story_date="2025-01-01", text='"><script>alert(1)</script>')
    outputs = dict(render_feeds(Digest(articles=(article,), knowledge=KNOWLEDGE), SITE, "id", LABELS, lead))
    feed = feedparser.parse(outputs["feed.xml"])
    item = ET.fromstring(outputs["feed.xml"]).find("channel/item")
    assert not feed.bozo
    assert item.findtext("title") == HOSTILE
    assert item.findtext("description") == '"&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
    assert html.unescape(feed.entries[0].summary) == '"><script>alert(1)</script>'
    assert feed.entries[0].title_detail.type == "text/plain"
    assert json.loads(outputs["feed.json"])["items"][0]["title"] == HOSTILE


# The built sample site: the feeds MkDocs copied as static files.

def page_file(site: Path, url: str, site_url: str) -> Path:
    """Map an absolute page URL of the site to its file in the built folder."""
    assert url.startswith(site_url), f"{url} is not under {site_url}"
    return site / urlsplit(url).path[len(urlsplit(site_url).path):] / "index.html"


@pytest.fixture(scope="module")
def built(built_site):
    from browser.sitebuild import site_settings

    return built_site, site_settings(built_site.parent)["site_url"]


def test_built_site_has_every_output_as_a_static_file(built):
    site, _ = built
    missing = [name for name in ("feed.xml", "feed.json", "api/articles.json") if not (site / name).is_file()]
    assert not missing, (f"{missing} not in the built site (the feeds need site_url: does the plugin "
                         "pass config.site_url through Options to render_site?)")


def test_built_rss_items(built):
    site, site_url = built
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    api = json.loads((site / "api" / "articles.json").read_text(encoding="utf-8"))
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == len(api) > 0
    problems = []
    for entry, record in zip(feed.entries, api):
        where = entry.get("link", "?")
        if entry.get("link") != f"{site_url}articles/{record['slug']}/":
            problems.append(f"{where}: link is not the page of {record['slug']}")
        elif not page_file(site, entry.link, site_url).is_file():
            problems.append(f"{where}: no such page in the built site")
        if entry.get("title") != record["title"]["value"]:
            problems.append(f"{where}: title {entry.get('title')!r}")
        for field, key in (("author", "author"), ("publisher", "outlet")):
            if record[key]["value"] and entry.get(field) != record[key]["value"]:
                problems.append(f"{where}: {field} {entry.get(field)!r} != {record[key]['value']!r}")
        if not entry.get("summary"):
            problems.append(f"{where}: no summary")
        if record["story_date"]["value"] or record["published"]["value"]:
            if not entry.get("published") or not entry.published[-5:].lstrip("+-").isdigit():
                problems.append(f"{where}: date without a time zone: {entry.get('published')!r}")
    assert not problems, "\n".join(problems)


def test_built_feeds_are_newest_story_first(built):
    site, _ = built
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert json_feed_problems(feed) == []
    items = feed["items"]
    story_dates = [item["_digest"]["story_date"] for item in items if "story_date" in item.get("_digest", {})]
    assert story_dates == sorted(story_dates, reverse=True)
