"""Credits as pages print them: bylines, credit lines, sign-offs, blurbs and source lines.

Who wrote a piece and who published it first are printed as lines around the text: a byline
("Rita Uli Hutapea - detikNews", "By ZEKE MILLER"), credit lines ("Penulis: X | Editor: Y",
"Reporting by X; Editing by Y"), a reporter's sign-off in capitals under the last paragraph, a
bare name beside the date line, an author's or a site's blurb, and a source line ("Sumber :
Epochtimes.com"). The recognisers here are pure functions over one line of text, their labels
and patterns data in ``data/boilerplate.yml``: ``clean`` uses them to tell these lines from the
article's text, and ``metadata`` reads the author, the outlet and the original source from the
lines it removed. A credited name is trimmed, printed as a name when shouted, and dropped when it
names a team ("Tim Redaksi"), not a person.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..core.knowledge import load_data
from .timestamps import is_date_line

# Words that no author credit is made of: team names and roles, not people.
JOINERS = ("and", "dan", "&")
MAX_CREDIT_WORDS = 12  # "Penulis: A, B dan C | Editor: D"; a longer value is a paragraph
NOT_PEOPLE = ("tim", "team", "redaksi", "admin", "staff", "staf", "editor", "reporters")

NAME = r"(?-i:[A-Z][\w.'’-]*(?:(?:\s+|\s*,\s*)(?:[A-Z][\w.'’-]*|and|dan|&))*)"
NAME_TAIL = r"(?:,?\s+(?:in|di)\s+(?-i:[A-Z])[\w .]*)?"
BYLINE_BRAND = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4})\s+[-–—|]\s+(?P<brand>\S.{0,40})$")
# detikNews, Kompas.com, TEMPO.CO, CNN Indonesia: a domain, a camel-cased or capitalised name.
BRAND_SHAPE = re.compile(r"^(?:[\w-]+\.(?i:[a-z]{2,4})(?:\.(?i:[a-z]{2}))?|[a-z]+[A-Z]\w*"
                         r"|[A-Z][\w-]*(?: [A-Z][\w-]*){0,2})$")

NAME_ONLY = re.compile(r"^[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|[A-Z]\.)){1,3}$")
# A reporter's sign-off in capitals under the last paragraph: "MAYA AYU PUSPITASARI".
SIGNOFF = re.compile(r"^[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’.-]*){1,3}$")
CREDIT_PARTS = re.compile(r"\s+\|\s+|\s*;\s*|^\|\s*")


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


# --- line recognisers (used by clean) ---------------------------------------------------------


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
