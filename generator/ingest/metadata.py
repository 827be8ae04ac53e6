"""Metadata of an article with provenance: title, outlet, source, author, dates, language.

The recognisers here (date lines, credits, blurbs, source lines, outlet names) are pure
functions over one line of text; ``clean`` uses them to classify lines, and
``extract_metadata`` reads values from the lines ``clean`` removed, in order of trust:
what the text states first, then what can be inferred.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..core.knowledge import load_data, reuse_last
from ..core.models import INFERRED, TEXT, UNKNOWN, Block, Field, Metadata, Outlet, Removed

MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "pebruari": 2, "february": 2, "feb": 2,
    "maret": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "desember": 12, "december": 12, "des": 12, "dec": 12,
}
WEEKDAYS = (
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)
# Offsets of the zones news pages print; WIB/WITA/WIT are Indonesia's western/central/eastern.
TIME_ZONES = {
    "WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00", "GMT": "+00:00", "UTC": "+00:00",
    "EST": "-05:00", "EDT": "-04:00", "CET": "+01:00", "CEST": "+02:00", "BST": "+01:00",
    "MSK": "+03:00", "JST": "+09:00", "KST": "+09:00", "SGT": "+08:00",
}
PUBLISHED_LABELS = ("diterbitkan", "dipublikasikan", "terbit", "tayang", "published", "posted")
UPDATED_LABELS = ("diperbarui", "diupdate", "updated", "update", "modified")
DATE_FILLERS = ("pukul", "jam", "at", "on", "last", "pertama", "first", "ago", "lalu", "yang",
                "hours", "hour", "minutes", "mins", "menit", "hari", "days", "am", "pm")
# Words that no author credit is made of: team names and roles, not people.
JOINERS = ("and", "dan", "&")
MAX_CREDIT_WORDS = 12  # "Penulis: A, B dan C | Editor: D"; a longer value is a paragraph
NOT_PEOPLE = ("tim", "team", "redaksi", "admin", "staff", "staf", "editor", "reporters")

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

# Hosts of image CDNs, social networks and link shorteners: they say nothing about the outlet.
GENERIC_HOSTS = (
    "wp.com", "wordpress.com", "googleusercontent.com", "googleapis.com", "gstatic.com",
    "cloudfront.net", "akamaized.net", "akamaihd.net", "imgix.net", "cloudinary.com",
    "amazonaws.com", "gravatar.com", "twimg.com", "fbcdn.net", "ytimg.com", "youtube.com",
    "youtu.be", "twitter.com", "x.com", "facebook.com", "instagram.com", "tiktok.com", "t.me",
    "whatsapp.com", "bit.ly", "google.com", "imgur.com", "flickr.com", "pinimg.com",
)
# Leading host labels that name a server, not the outlet (cdn.koran-jakarta.com).
SERVER_LABELS = ("www", "m", "amp", "cdn", "img", "images", "image", "static", "assets",
                 "asset", "media", "foto", "photo", "mobile", "beta", "news", "en", "id")
# Second-level labels of country domains (republika.co.id, bbc.co.uk).
SECOND_LEVEL = ("co", "com", "or", "go", "ac", "net", "web", "org", "my", "sch", "ne", "gov")

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

MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{MONTH})(?![a-z])\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{MONTH})(?![a-z])\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<n3>\d{{1,2}})-(?P<d3>\d{{1,2}})"
    rf"|(?P<d4>\d{{1,2}})[/.-](?P<n4>\d{{1,2}})[/.-](?P<y4>\d{{4}}))(?!\d)",
    re.IGNORECASE)
TIME = re.compile(
    r"(?<![\d.:/])(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?(?![\d])"
    r"(?:\s*(?P<ap>[AaPp])\.?[Mm]\.?(?![a-z]))?")
ZONE = re.compile(
    rf"\b(?P<zone>{'|'.join(sorted(TIME_ZONES, key=len, reverse=True))})\b"
    r"(?:\s*(?P<sign>[+-])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?"
    r"|(?<=\d)(?P<nsign>[+-])(?P<noh>\d{2}):?(?P<nom>\d{2})\b|(?<=\d)(?P<z>Z)\b")
DATE_NOISE = re.compile(
    rf"\b(?:{'|'.join(WEEKDAYS + PUBLISHED_LABELS + UPDATED_LABELS + DATE_FILLERS)}"
    rf"|{MONTH})\b|\d+|[^\w\s.]",
    re.IGNORECASE)
# Every ASCII word the three date patterns above can remove. A line with more than two words
# outside this set keeps them through the removal, so it is no date line: most body lines are
# told so without running the patterns (see is_date_line).
DATE_WORDS = frozenset(
    run.lower()
    for word in (*WEEKDAYS, *PUBLISHED_LABELS, *UPDATED_LABELS, *DATE_FILLERS, *MONTHS, *TIME_ZONES,
                 "st", "nd", "rd", "th", "z")
    for run in re.findall(r"[A-Za-z]+", word))
# A whole run of letters, all ASCII: the patterns match no part of one unless it is in DATE_WORDS.
PLAIN_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]+(?![^\W\d_])")
NAME = r"(?-i:[A-Z][\w.'’-]*(?:(?:\s+|\s*,\s*)(?:[A-Z][\w.'’-]*|and|dan|&))*)"
NAME_TAIL = r"(?:,?\s+(?:in|di)\s+(?-i:[A-Z])[\w .]*)?"
BYLINE_BRAND = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4})\s+[-–—|]\s+(?P<brand>\S.{0,40})$")
# detikNews, Kompas.com, TEMPO.CO, CNN Indonesia: a domain, a camel-cased or capitalised name.
BRAND_SHAPE = re.compile(r"^(?:[\w-]+\.(?i:[a-z]{2,4})(?:\.(?i:[a-z]{2}))?|[a-z]+[A-Z]\w*"
                         r"|[A-Z][\w-]*(?: [A-Z][\w-]*){0,2})$")
HOST = re.compile(r"https?://(?P<host>[\w.-]+)", re.IGNORECASE)
BREADCRUMB = re.compile(r"\s*[>»›]\s*")
EDITOR_CODE_PART = re.compile(r"[A-Za-z][\w.]*")
NAME_ONLY = re.compile(r"^[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|[A-Z]\.)){1,3}$")
# A reporter's sign-off in capitals under the last paragraph: "MAYA AYU PUSPITASARI".
SIGNOFF = re.compile(r"^[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’.-]*){1,3}$")
# "| author | Aditya Jaya Iswara |": a row of a scraper's field table.
TABLE_ROW = re.compile(r"^\|\s*(?P<key>[\w ]+?)\s*\|\s*(?P<value>[^|]*?)\s*\|")
TABLE_AUTHOR_KEYS = ("author", "authors", "penulis", "writer", "reporter", "byline")
# An outlet named as the one who watched or was told: "pantauan detikSport", "kepada Kompas.com".
OWN_REPORTING = re.compile(r"\b(?:pantauan|dihubungi|diwawancarai)\s+(?P<name>[\w.]+)",
                           re.IGNORECASE)
CREDIT_PARTS = re.compile(r"\s+\|\s+|\s*;\s*|^\|\s*")


@dataclass(frozen=True)
class Dateline:
    """The place (and brand) that opens an article's first paragraph, as written."""

    text: str  # the whole prefix, e.g. "JAKARTA, KOMPAS.com"
    place: str | None
    brand: str | None
    line: int


@dataclass(frozen=True)
class OutletIndex:
    """Every outlet name, alias and domain, with one matcher over all of them."""

    pattern: re.Pattern | None
    by_key: dict


# --- compiled data ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def credit_pattern() -> re.Pattern:
    """Compile the credit labels of boilerplate.yml into one whole-line matcher."""
    credits = load_data("boilerplate.yml")["credits"]
    author, other = ("|".join(credits[kind]) for kind in ("author", "other"))
    return re.compile(
        rf"^(?:(?P<author>{author})|(?P<other>{other}))"
        rf"(?:\s*[:：,]\s*(?P<value>.+)|\s+(?P<name>{NAME}){NAME_TAIL})$",
        re.IGNORECASE)


@lru_cache(maxsize=1)
def credit_start() -> re.Pattern:
    """Compile what a credit line must open with: separators, then a credit label."""
    credits = load_data("boilerplate.yml")["credits"]
    labels = "|".join(credits["author"] + credits["other"])
    return re.compile(rf"[\s|;]*(?:{labels})", re.IGNORECASE)


@lru_cache(maxsize=1)
def source_patterns() -> tuple[re.Pattern, ...]:
    """Compile the source-line patterns of boilerplate.yml."""
    return tuple(re.compile(pattern, re.IGNORECASE)
                 for pattern in load_data("boilerplate.yml")["source_lines"])


@lru_cache(maxsize=1)
def blurb_patterns() -> dict[str, re.Pattern]:
    """Compile the author and site blurb patterns of boilerplate.yml (case-sensitive)."""
    return {kind: re.compile(pattern) for kind, pattern in load_data("boilerplate.yml")["blurbs"].items()}


@reuse_last
@lru_cache(maxsize=8)
def index_outlets(outlets: tuple[Outlet, ...]) -> OutletIndex:
    """Index outlets by casefolded name, alias and home domain; compile one matcher."""
    by_key, spellings = {}, {}
    for outlet in outlets:
        for key in (outlet.name, *outlet.aliases, host_of(outlet.url or "")):
            if key:
                by_key.setdefault(key.casefold(), outlet)
                spellings.setdefault(key.casefold(), key)
    if not by_key:
        return OutletIndex(None, {})
    keys = sorted(spellings.values(), key=len, reverse=True)
    alternation = "|".join(alias_regex(key) for key in keys)
    return OutletIndex(re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE), by_key)


def alias_regex(alias: str) -> str:
    """Escape an alias; short ones ("AP", "FT") only match in their own case."""
    escaped = re.escape(alias)
    return f"(?-i:{escaped})" if len(alias) <= 3 else escaped


# --- line recognisers (used by clean) ---------------------------------------------------------

def is_date_line(text: str) -> bool:
    """Tell whether a line is a date (and time) with at most a label or outlet name besides."""
    if kept_words_exceed(text, 2) or not DATE.search(text):
        return False
    residue = DATE_NOISE.sub(" ", ZONE.sub(" ", DATE.sub(" ", text)))
    return len(residue.split()) <= 2


def kept_words_exceed(text: str, limit: int) -> bool:
    """Tell whether more than ``limit`` words of text hold a word no date pattern removes.

    The substitutions of is_date_line replace what they remove with a space, so each such word
    stays at least one word of the residue; stopping at the first few words is far cheaper
    than the three substitutions over a whole paragraph.
    """
    kept = 0
    for word in text.split():
        if any(run.lower() not in DATE_WORDS for run in PLAIN_WORD.findall(word)):
            kept += 1
            if kept > limit:
                return True
    return False


def match_credit(text: str) -> tuple[str, str] | None:
    """Return ("author" | "other", name) for a credit line such as "Penulis: X" or "By X"."""
    found = credit_pattern().match(text.strip(" |"))
    if not found or len((found.group("value") or "").split()) > MAX_CREDIT_WORDS:
        return None  # "Laporan Wartawan X, Y TRIBUNNEWS.COM - …" over a whole paragraph is no credit line
    kind = "author" if found.group("author") is not None else "other"
    return kind, clean_name(found.group("value") or found.group("name"))


def is_credit_line(text: str) -> bool:
    """Tell whether every part of a line is a credit: "Reporting by X; Editing by Y"."""
    # Its first part opens with a label: most lines fail that before being split.
    if not credit_start().match(text):
        return False
    parts = [part for part in CREDIT_PARTS.split(text.strip()) if part]
    return bool(parts) and all(match_credit(part) for part in parts)


def match_source(text: str) -> str | None:
    """Return the publisher a source line names ("Sumber : Epochtimes.com"), if it is one."""
    for pattern in source_patterns():
        found = pattern.fullmatch(text.strip())
        if found:
            return found.group("source").strip(" .,;\"'“”")
    return None


def match_blurb(text: str) -> tuple[str | None, str | None] | None:
    """Return (author, site) named by an author or site blurb paragraph, or None."""
    patterns = blurb_patterns()
    author, site = patterns["author"].match(text), patterns["site"].match(text)
    if not author and not site:
        return None
    mention = patterns["site_mention"].search(text)
    site_name = site.group("site") if site else (mention.group("site") if mention else None)
    return (author.group("name") if author else None), (site_name.rstrip(".") if site_name else None)


def parse_byline(text: str) -> tuple[str | None, str | None] | None:
    """Return (author, outlet) of a byline: "Rita Uli Hutapea - detikNews", "By X", ...."""
    for part in CREDIT_PARTS.split(text):
        credit = match_credit(part) if part else None
        if credit:
            return (credit[1] if credit[0] == "author" else None), None
        found = BYLINE_BRAND.match(part)
        if found and looks_like_brand(found.group("brand")):
            return clean_name(found.group("name")), found.group("brand").strip()
    return None


def is_name_only(text: str) -> bool:
    """Tell whether a line is just a person's name: two to four capitalised words."""
    return bool(NAME_ONLY.match(text))


def is_signoff(text: str) -> bool:
    """Tell whether a line is a reporter's name in capitals, as signed under the article."""
    return bool(SIGNOFF.match(text)) and not is_date_line(text)


def looks_like_brand(text: str) -> bool:
    """Tell whether text has the shape of an outlet name: detikNews, Kompas.com, CNN Indonesia."""
    return bool(BRAND_SHAPE.match(text.strip())) and not is_date_line(text)


def clean_name(name: str | None) -> str | None:
    """Trim a credited name; drop team names ("Tim Redaksi") that are not people."""
    if not name:
        return None
    name = re.sub(r",?\s+(?:in|di)\s+[A-Z][\w .]*$|\s*\(.*?\)\s*$", "", name).strip(" .,;:|-–—")
    words = name.casefold().split()
    if not words or words[0] in NOT_PEOPLE:
        return None
    # Wire bylines shout ("By ZEKE MILLER"); print the name as a name.
    shouting = all(word.isupper() for word in name.split() if word.casefold() not in JOINERS)
    return " ".join(w if w in JOINERS else w.capitalize() for w in words) if shouting else name


# --- dates ------------------------------------------------------------------------------------

def parse_published(text: str) -> str | None:
    """Return the ISO date a line states, as a datetime with offset when a time zone is given."""
    found = DATE.search(text)
    day = to_date(found) if found else None
    if day is None:
        return None
    rest = f"{text[:found.start()]} {text[found.end():]}"
    clock, offset = find_clock(rest), find_offset(rest)
    if clock is None or offset is None:
        return day.isoformat()
    return f"{day.isoformat()}T{clock}{offset}"


def to_date(found: re.Match) -> dt.date | None:
    """Build the date of a DATE match; day/month order is Indonesian (13/02/2025)."""
    parts = found.groupdict()
    for day, month, year in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "n3", "y3"), ("d4", "n4", "y4")):
        if parts[year]:
            number = MONTHS.get(parts[month].lower()) if month.startswith("m") else int(parts[month])
            try:
                return dt.date(int(parts[year]), number, int(parts[day]))
            except (TypeError, ValueError):
                return None
    return None


def find_clock(text: str) -> str | None:
    """Return "HH:MM:SS" of the first time in text (12-hour times converted)."""
    found = TIME.search(text)
    if not found:
        return None
    hour, minute, second = int(found["h"]), int(found["mi"]), int(found["s"] or 0)
    if found["ap"]:
        hour = hour % 12 + (12 if found["ap"].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return f"{hour:02d}:{minute:02d}:{second:02d}"


def find_offset(text: str) -> str | None:
    """Return the UTC offset ("+07:00") of the first time zone or numeric offset in text."""
    found = ZONE.search(text)
    if not found:
        return None
    if found["z"]:
        return "+00:00"
    if found["nsign"]:
        return f"{found['nsign']}{found['noh']}:{found['nom']}"
    if not found["sign"]:
        return TIME_ZONES[found["zone"]]
    return f"{found['sign']}{int(found['oh']):02d}:{found['om'] or '00'}"


# --- outlets ----------------------------------------------------------------------------------

def host_of(url: str) -> str | None:
    """Return the host of a URL without "www.", or None."""
    host = urlsplit(url).hostname if "//" in url else None
    return host.removeprefix("www.") if host else None


def find_outlet(text: str, index: OutletIndex) -> Outlet | None:
    """Return the first known outlet named in text (longest alias wins)."""
    found = index.pattern.search(text) if index.pattern else None
    return index.by_key.get(found.group(0).casefold()) if found else None


def outlet_for_host(host: str, index: OutletIndex) -> Outlet | None:
    """Return the known outlet of a host or of one of its parent domains."""
    labels = host.casefold().removeprefix("www.").split(".")
    for start in range(len(labels) - 1):
        outlet = index.by_key.get(".".join(labels[start:]))
        if outlet:
            return outlet
    return None


def name_from_host(host: str) -> str | None:
    """Derive a display name from an unknown domain: koran-jakarta.com -> "Koran Jakarta"."""
    host = host.casefold()
    if any(host == generic or host.endswith("." + generic) for generic in GENERIC_HOSTS):
        return None
    labels = [label for label in host.split(".") if label]
    while len(labels) > 2 and labels[0] in SERVER_LABELS:
        labels = labels[1:]
    if len(labels) < 2:
        return None
    name = labels[-3] if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else labels[-2]
    return " ".join(word.capitalize() for word in name.split("-")) or None


def name_outlet(text: str, index: OutletIndex, provenance: str = TEXT) -> Field:
    """Turn an outlet as written (name, brand or domain) into a display-name Field."""
    outlet = find_outlet(text, index)
    if outlet:
        return Field(outlet.name, provenance)
    domain = re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", text.strip().casefold())
    if domain:
        name = name_from_host(text.strip())
        return Field(name, INFERRED) if name else UNKNOWN
    return Field(text.strip(), provenance) if text.strip() else UNKNOWN


def outlet_from_url(url: str, index: OutletIndex) -> Field:
    """Return the outlet a logo or page URL points to (always inferred)."""
    host = host_of(url)
    if not host:
        return UNKNOWN
    outlet = outlet_for_host(host, index)
    name = outlet.name if outlet else name_from_host(host)
    return Field(name, INFERRED) if name else UNKNOWN


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
