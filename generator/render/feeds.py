"""Machine-readable outputs of the digest: RSS 2.0, JSON Feed 1.1 and ``api/articles.json`` (no I/O)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from typing import Callable, Mapping, Sequence

from ..core.memo import Memo
from ..core.models import Article, visible_name
from ..link.digest import Digest
from .export import article_record
from .urls import page_url

FEED_XML, FEED_JSON, API_ARTICLES = "feed.xml", "feed.json", "api/articles.json"
FEED_ITEMS = 50
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
DC = "http://purl.org/dc/elements/1.1/"
ATOM = "http://www.w3.org/2005/Atom"
# A date without a time is placed at midnight in the zone its outlets publish in: Indonesian
# outlets date their stories in Western Indonesia Time (WIB, UTC+7), English wires in UTC.
DATE_ONLY_OFFSETS = {"id": dt.timedelta(hours=7), "en": dt.timedelta(0)}
# Characters XML 1.0 forbids even as character references; ElementTree would write them as they are.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACE = re.compile(r"\s+")

ET.register_namespace("dc", DC)
ET.register_namespace("atom", ATOM)


def render_feeds(digest: Digest, site_url: str | None, language: str, labels: Mapping[str, str],
                 lead: Callable[[Article], str], memo: Memo | None = None,
                 directory_urls: bool = True) -> list[tuple[str, str]]:
    """Return the RSS feed and JSON Feed (when the site URL is known) and the article API.

    ``memo``, kept across the rebuilds of a preview (with the same site URL, language and
    knowledge base), encodes again only the articles that changed.
    """
    memo = memo if memo is not None else Memo()
    lines = [memo.get(("api record", article.file), (article,), lambda: json.dumps(  # noqa: B023
        article_record(article, digest.entities, removed=False), ensure_ascii=False))  # noqa: B023
        for article in digest.articles]
    outputs = [(API_ARTICLES, memo.get(API_ARTICLES, tuple(lines), lambda: json_lines(lines)))]
    if not site_url:
        return outputs  # feed links must be absolute; without site_url there is nothing to point to
    # A feed carries the latest stories, as news sites' feeds do; the API carries them all.
    latest = digest.articles[:FEED_ITEMS]
    return memo.get("feeds", (latest,), lambda: render_latest(latest, site_url, language, labels, lead,
                                                              directory_urls)) + outputs


def render_latest(articles: Sequence[Article], site_url: str, language: str, labels: Mapping[str, str],
                  lead: Callable[[Article], str], directory_urls: bool = True) -> list[tuple[str, str]]:
    """Return the RSS feed and the JSON Feed of ``articles``."""
    items = [feed_item(article, site_url, language, lead, directory_urls) for article in articles]
    channel = {"title": labels["home_title"], "description": labels["home_intro"],
               "language": language, "home": site_root(site_url)}
    return [(FEED_XML, render_rss(channel, items)), (FEED_JSON, render_json_feed(channel, items))]


def json_lines(lines: Sequence[str]) -> str:
    """Return a JSON array with one encoded record per line: an edit shows as a one-line diff, and
    without ``indent`` json uses its C encoder (indenting 1,000 records cost half a second)."""
    return "[\n" + ",\n".join(lines) + "\n]\n"


def site_root(site_url: str) -> str:
    """Return the site URL with exactly one trailing slash."""
    return site_url.rstrip("/") + "/"


def article_url(site_url: str, slug: str, directory_urls: bool = True) -> str:
    """Return the absolute URL of an article page."""
    return site_root(site_url) + page_url(f"articles/{slug}.md", directory_urls)


def feed_item(article: Article, site_url: str, language: str, lead: Callable[[Article], str],
              directory_urls: bool = True) -> dict:
    """Collect the fields one feed entry shows, as plain text."""
    meta = article.meta
    return {
        "id": article_url(site_url, article.slug, directory_urls),
        "title": clean(meta.title.value or visible_name(article.file)),
        "summary": clean(lead(article)),
        "date": item_date(article, language),
        "author": clean(meta.author.value) if meta.author.known else None,
        "outlet": clean(meta.outlet.value) if meta.outlet.known else None,
        "original_source": clean(meta.original_source.value) if meta.original_source.known else None,
        "story_date": meta.story_date.value,
        "original_url": meta.url.value if is_web_url(meta.url.value) else None,
        "language": meta.language.value or language,
        "tags": [clean(tag) for tag in meta.tags.value or ()],
    }


def clean(text: object) -> str:
    """Return text on one line without characters XML cannot carry."""
    return _SPACE.sub(" ", _NOT_XML.sub("", str(text))).strip()


def is_web_url(value: object) -> bool:
    """Say whether a value is an http(s) URL without spaces."""
    return isinstance(value, str) and re.fullmatch(r"https?://\S+", value) is not None


def item_date(article: Article, language: str) -> dt.datetime | None:
    """Return the publication time, else the story date, as an aware datetime."""
    zone = dt.timezone(DATE_ONLY_OFFSETS.get(article.meta.language.value or language, dt.timedelta(0)))
    for field in (article.meta.published, article.meta.story_date):
        parsed = parse_iso(field.value, zone)
        if parsed is not None:
            return parsed
    return None


def parse_iso(value: object, zone: dt.tzinfo) -> dt.datetime | None:
    """Parse an ISO date or datetime; a date is midnight and a naive time is local to ``zone``."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def newest(items: Sequence[dict]) -> dt.datetime | None:
    """Return the newest item date (the feed's build date, so builds are reproducible)."""
    dates = [item["date"] for item in items if item["date"] is not None]
    return max(dates) if dates else None


def render_rss(channel: dict, items: Sequence[dict]) -> str:
    """Serialise an RSS 2.0 feed with Dublin Core author and publisher."""
    rss = ET.Element("rss", {"version": "2.0"})
    head = ET.SubElement(rss, "channel")
    add_text(head, "title", channel["title"])
    add_text(head, "link", channel["home"])
    add_text(head, "description", channel["description"])
    add_text(head, "language", channel["language"])
    ET.SubElement(head, f"{{{ATOM}}}link", {"href": channel["home"] + FEED_XML, "rel": "self",
                                             "type": "application/rss+xml"})
    built = newest(items)
    if built is not None:
        add_text(head, "lastBuildDate", format_datetime(built))
    for item in items:
        add_rss_item(head, item)
    ET.indent(rss)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def add_rss_item(channel: ET.Element, item: dict) -> None:
    """Append one ``<item>``; absent values leave their element out."""
    element = ET.SubElement(channel, "item")
    add_text(element, "title", item["title"])
    add_text(element, "link", item["id"])
    add_text(element, "guid", item["id"]).set("isPermaLink", "true")
    # RSS readers render <description> as HTML: escape the plain text once for HTML here, and
    # ElementTree escapes it again for XML.
    add_text(element, "description", html.escape(item["summary"], quote=False))
    if item["date"] is not None:
        add_text(element, "pubDate", format_datetime(item["date"]))
    if item["author"]:
        add_text(element, f"{{{DC}}}creator", item["author"])
    if item["outlet"]:
        add_text(element, f"{{{DC}}}publisher", item["outlet"])
    for tag in item["tags"]:
        add_text(element, "category", tag)


def add_text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    """Append an element holding ``text`` (ElementTree escapes it)."""
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def render_json_feed(channel: dict, items: Sequence[dict]) -> str:
    """Serialise a JSON Feed 1.1; the outlet and story date go in the ``_digest`` extension."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": channel["title"],
        "home_page_url": channel["home"],
        "feed_url": channel["home"] + FEED_JSON,
        "description": channel["description"],
        "language": channel["language"],
        "items": [json_feed_item(item) for item in items],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def json_feed_item(item: dict) -> dict:
    """Return one JSON Feed item without empty fields."""
    entry = {
        "id": item["id"],
        "url": item["id"],
        "external_url": item["original_url"],
        "title": item["title"],
        "summary": item["summary"],
        "content_text": item["summary"],
        "date_published": item["date"].isoformat() if item["date"] else None,
        "authors": [{"name": item["author"]}] if item["author"] else None,
        "tags": item["tags"] or None,
        "language": item["language"],
        "_digest": {key: item[key] for key in ("outlet", "original_source", "story_date") if item[key]},
    }
    return {key: value for key, value in entry.items() if value}
