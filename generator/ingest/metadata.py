"""Metadata of an article with provenance: title, outlet, source, author, dates, language.

``extract_metadata`` reads the values from the lines ``clean`` removed (title, section, bylines,
date lines, blurbs, editor codes, source lines), in order of trust: what the text states first,
then what can be inferred. The title is the title line without a page's decorations and site
suffix, else the lead's first sentence cut at a clause; the outlet comes from the byline, the
dateline's brand, a site blurb, the page naming itself ("pantauan detikSport", "(tirto.id -
Politik)") or a logo's URL; the original source from a source line or a wire agency's dateline;
the author from a byline, a scraper's field table, an author blurb or an editor code; the
publication date from a date line near the top ("published" before "updated"); the language from
the share of Indonesian and English stopwords. The line recognisers are in ``timestamps``,
``credits`` and ``outlets``.
"""

from __future__ import annotations

import re

from ..core.models import INFERRED, TEXT, UNKNOWN, Block, Field, Metadata, Outlet, Removed
from .credits import clean_name, is_name_only, is_signoff, match_blurb, match_source, parse_byline
from .datelines import Dateline
from .outlets import OutletIndex, find_outlet, index_outlets, name_outlet, outlet_from_url
from .timestamps import PUBLISHED_LABELS, UPDATED_LABELS, parse_published

STOPWORDS = {
    "id": frozenset(
        "yang dan di ke dari untuk dengan ini itu pada adalah dalam tidak akan juga oleh bahwa "
        "telah sebagai atau ada karena saat mereka kami kita tersebut para bagi seperti sudah "
        "bisa lebih setelah antara kata menurut ia dia namun hingga secara serta masih belum "
        "kepada tentang sejak agar jika sangat telah pun lain hal".split()),
    "en": frozenset(
        "the of and to in a is that for on with as was said by it at from his her be are has "
        "have will an this which not were they their would been its after who but about also "
        "had he she we our there than more over into".split()),
}
MIN_LANGUAGE_HITS = 5

TITLE_LIMIT = 100
TITLE_MIN_CUT = 40
TITLE_SLACK = 10
# What a page appends to a headline: an ellipsis where it was cut, "Halaman all" (all pages).
TITLE_DECORATION = re.compile(r"(?:\s+halaman (?:all|\d+)\b.*|\s*(?:\.{3}|…))+$", re.IGNORECASE)
TITLE_SUFFIX = re.compile(r"\s+[-|–—]\s+(?P<suffix>[^-|–—]{2,40})$")
CLAUSE_MARKS = re.compile(r"[,;:](?=\s)|\s[–—-]{1,2}(?=\s)")
CONNECTORS = re.compile(
    r"\s(?:yang|untuk|karena|setelah|sebelum|ketika|saat|sehingga|namun|tetapi|dan|serta|"
    r"guna|agar|di tengah|which|who|after|before|while|when|because|amid|as|and|to)\s")
SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"”'’][.!?])[\"”'’]?\s+(?=[\"“‘A-Z0-9])")

HOST = re.compile(r"https?://(?P<host>[\w.-]+)", re.IGNORECASE)
BREADCRUMB = re.compile(r"\s*[>»›]\s*")
EDITOR_CODE_PART = re.compile(r"[A-Za-z][\w.]*")

# "| author | Aditya Jaya Iswara |": a row of a scraper's field table.
TABLE_ROW = re.compile(r"^\|\s*(?P<key>[\w ]+?)\s*\|\s*(?P<value>[^|]*?)\s*\|")
TABLE_AUTHOR_KEYS = ("author", "authors", "penulis", "writer", "reporter", "byline")
# An outlet named as the one who watched or was told: "pantauan detikSport", "kepada Kompas.com".
OWN_REPORTING = re.compile(r"\b(?:pantauan|dihubungi|diwawancarai)\s+(?P<name>[\w.]+)",
                           re.IGNORECASE)


# --- extraction -------------------------------------------------------------------------------


def extract_metadata(removed: tuple[Removed, ...], blocks: tuple[Block, ...],
                     dateline: Dateline | None, outlets: tuple[Outlet, ...]) -> Metadata:
    """Read title, outlet, source, author, date, section, dateline and language."""
    index = index_outlets(tuple(outlets))
    header_end = header_limit(removed, blocks)
    outlet = find_outlet_field(removed, dateline, index, header_end, blocks)
    return Metadata(
        title=find_title(removed, blocks, index),
        outlet=outlet,
        original_source=find_original_source(removed, dateline, outlet, index),
        author=find_author(removed),
        published=find_published(removed, header_end),
        section=find_section(removed),
        dateline=Field(dateline.place or dateline.brand, TEXT) if dateline else UNKNOWN,
        language=detect_language(" ".join(block.text for block in blocks)),
    )


def header_limit(removed: tuple[Removed, ...], blocks: tuple[Block, ...]) -> int:
    """Return the last line of the header: the line before the first body block."""
    return blocks[0].line - 1 if blocks else max((r.line for r in removed), default=0)


def texts_of(removed: tuple[Removed, ...], *reasons: str, until: int | None = None) -> list[str]:
    """Return the removed texts with one of the reasons, in line order (up to a line)."""
    return [r.text for r in removed if r.reason in reasons and (until is None or r.line <= until)]


def find_title(removed: tuple[Removed, ...], blocks: tuple[Block, ...],
               index: OutletIndex = OutletIndex(None, {})) -> Field:
    """Return the title line without its decorations, or a title inferred from the lead."""
    titles = texts_of(removed, "title")
    if titles:
        title = TITLE_DECORATION.sub("", re.sub(r"^#+\s*|\*\*", "", titles[0]).strip())
        return Field(title_suffix(title, index)[0].strip(), TEXT)
    lead = next((block.text for block in blocks if block.kind == "paragraph"), None)
    inferred = infer_title(lead) if lead else None
    return Field(inferred, INFERRED) if inferred else UNKNOWN


def infer_title(text: str) -> str | None:
    """Make a title from a lead: its first sentence, cut at a clause to about 100 characters."""
    sentence = SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    sentence = re.sub(r"\s*\([^()]*\)", "", sentence).strip()
    if len(sentence) > TITLE_LIMIT + TITLE_SLACK:
        sentence = cut_at_clause(sentence)
    return sentence.rstrip(" .,;:!?-–—\"'”’") or None


def cut_at_clause(sentence: str) -> str:
    """Cut a long sentence at its last clause boundary (else word) within the limit."""
    limit = TITLE_LIMIT + TITLE_SLACK
    for pattern in (CLAUSE_MARKS, CONNECTORS):
        cuts = [m.start() for m in pattern.finditer(sentence) if TITLE_MIN_CUT <= m.start() <= limit]
        if cuts:
            return sentence[:max(cuts)]
    return sentence[:sentence.rfind(" ", 0, TITLE_LIMIT)]


def find_section(removed: tuple[Removed, ...]) -> Field:
    """Return the section label above the title (the last crumb of a breadcrumb)."""
    labels = texts_of(removed, "section")
    if not labels:
        return UNKNOWN
    return Field(BREADCRUMB.split(labels[0])[-1].strip(), TEXT)


def find_author(removed: tuple[Removed, ...]) -> Field:
    """Return the author from a byline, else an author blurb, else an editor code."""
    for text in texts_of(removed, "byline"):
        byline = parse_byline(text)
        author = byline[0] if byline else text if is_name_only(text) else None
        author = author or (clean_name(text) if is_signoff(text) else None)
        if author:
            return Field(author, TEXT)
    for text in texts_of(removed, "metadata table"):
        row = TABLE_ROW.match(text)
        if row and row.group("key").casefold() in TABLE_AUTHOR_KEYS and clean_name(row.group("value")):
            return Field(clean_name(row.group("value")), TEXT)
    for text in texts_of(removed, "author blurb"):
        author = (match_blurb(text) or (None, None))[0]
        if author:
            return Field(author, TEXT)
    for text in reversed(texts_of(removed, "editor code")):
        code = EDITOR_CODE_PART.search(text)
        if code and "." not in code.group(0) and code.group(0) != "*":
            return Field(code.group(0), TEXT)
    return UNKNOWN


def find_outlet_field(removed: tuple[Removed, ...], dateline: Dateline | None,
                      index: OutletIndex, header_end: int, blocks: tuple[Block, ...] = ()) -> Field:
    """Return the outlet from the byline, dateline brand, site blurb or logo URL, in that order."""
    for text in texts_of(removed, "byline", "date line", until=header_end):
        brand = (parse_byline(text) or (None, None))[1]
        outlet = find_outlet(text, index)
        if brand or outlet:
            return Field(outlet.name, TEXT) if outlet else name_outlet(brand, index)
    if dateline and dateline.brand:
        return name_outlet(dateline.brand, index)
    for text in texts_of(removed, "author blurb"):
        site = (match_blurb(text) or (None, None))[1]
        if site:
            return name_outlet(site, index)
    named = outlet_named_by_page(removed, blocks, index)
    return Field(named.name, TEXT) if named else find_outlet_in_urls(removed, index)


def outlet_named_by_page(removed: tuple[Removed, ...], blocks: tuple[Block, ...],
                         index: OutletIndex) -> Outlet | None:
    """Return the outlet the page names as its own: in the title's suffix ("… - Kolom Tempo.co"),
    an editor code ("(tirto.id - Politik)"), or as the one who watched or was told ("pantauan
    detikSport", "kata X kepada Kompas.com"). A source it quotes ("dikutip dari …") is not one."""
    titles = texts_of(removed, "title")
    suffix = title_suffix(titles[0], index)[1] if titles else None
    if suffix:
        return suffix
    for text in texts_of(removed, "editor code"):
        outlet = find_outlet(text, index) if "." in text else None
        if outlet and not outlet.agency:
            return outlet
    for block in blocks:
        for found in OWN_REPORTING.finditer(block.text):
            outlet = index.by_key.get(found.group("name").rstrip(".,").casefold())
            if outlet and not outlet.agency:
                return outlet
    return None


def title_suffix(title: str, index: OutletIndex) -> tuple[str, Outlet | None]:
    """Split a site suffix off a title ("Menolak Pelemahan KPK - Kolom Tempo.co", "… | Kompas.com")."""
    found = TITLE_SUFFIX.search(title)
    outlet = find_outlet(found.group("suffix"), index) if found else None
    return (title[:found.start()], outlet) if outlet else (title, None)


def find_outlet_in_urls(removed: tuple[Removed, ...], index: OutletIndex) -> Field:
    """Return the outlet named by the first logo, image or page URL (logos first)."""
    urls = [m.group(0) for text in texts_of(removed, "image", "navigation") for m in HOST.finditer(text)]
    urls.sort(key=lambda url: "logo" not in url.casefold())
    for url in urls:
        field = outlet_from_url(url, index)
        if field.known:
            return field
    return UNKNOWN


def find_original_source(removed: tuple[Removed, ...], dateline: Dateline | None,
                         outlet: Field, index: OutletIndex) -> Field:
    """Return the original publisher of a re-published piece, when other than the outlet."""
    candidates = [name_outlet(source, index) for text in texts_of(removed, "source line")
                  for source in [match_source(text) or text]]
    brand = find_outlet(dateline.brand, index) if dateline and dateline.brand else None
    if brand and brand.agency:
        candidates.append(Field(brand.name, TEXT))
    for candidate in candidates:
        if candidate.known and candidate.value != outlet.value:
            return candidate
    return UNKNOWN


def find_published(removed: tuple[Removed, ...], header_end: int) -> Field:
    """Return the publication date of a date line near the top, preferring "published" ones."""
    lines = texts_of(removed, "date line", "byline", until=header_end)
    dated = [(text, parse_published(text)) for text in lines]
    dated = [(text, value) for text, value in dated if value]
    if not dated:
        return UNKNOWN

    def rank(item: tuple[str, str]) -> int:
        words = set(re.findall(r"[a-z]+", item[0].casefold()))
        return 0 if words & set(PUBLISHED_LABELS) else 2 if words & set(UPDATED_LABELS) else 1

    return Field(min(dated, key=rank)[1], TEXT)


def detect_language(text: str) -> Field:
    """Guess "id" or "en" from the share of each language's stopwords (inferred)."""
    words = re.findall(r"[a-z']+", text.casefold())
    hits = {language: sum(word in stopwords for word in words) for language, stopwords in STOPWORDS.items()}
    best = max(hits, key=hits.get)
    if hits[best] < MIN_LANGUAGE_HITS:
        return UNKNOWN
    return Field(best, INFERRED)
