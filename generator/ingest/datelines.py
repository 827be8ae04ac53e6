"""Datelines: the place (and outlet) that opens an article's first paragraph.

News pages open the lead with a dateline: "MOSKOW –", "JAKARTA, KOMPAS.com -", "WASHINGTON
(Reuters) -", "Jakarta -", a bold "**BEIRUT, KOMPAS.com** -", an outlet alone ("Liputan6.com,
Jakarta Partai …", "ETIndonesia. Presiden …"). ``take_dateline`` strips it from the first (or
second) paragraph into a ``Dateline`` and records the prefix as removed; ``match_dateline`` splits
a prefix into its place (one to three capitalised words) and its brand (a known outlet or a
domain), and refuses a prefix that is neither, so an ordinary sentence with a dash keeps its
words. ``metadata`` reads the outlet and a wire agency from the brand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..core.models import Removed
from .lines import Line

# A dateline: "MOSKOW –", "JAKARTA, KOMPAS.com -", "WASHINGTON (Reuters) -", "Jakarta -".
DATELINE = re.compile(
    r"^(?P<prefix>[^\s\-–—(][^\-–—]{0,58}?)(?P<dash>\s+-{1,2}|\s*[–—]{1,2})"
    r"(?:\s*(?P<rest>[\"“‘'A-Z0-9].*)|\s*)$")
BRAND_DATELINE = re.compile(r"^(?P<prefix>[A-Za-z][\w.]*?[A-Za-z0-9])(?P<dash>\.)\s+(?P<rest>[\"“‘A-Z].*)$")
# "Liputan6.com, Jakarta Partai …": an outlet and a one-word place, the dash lost.
BRAND_PLACE = re.compile(r"^(?P<prefix>[A-Za-z][\w.-]*\.[a-z]{2,3},\s?[A-Z][a-z]{2,})\s+(?P<rest>[A-Z\"“].*)$")
BOLD_START = re.compile(r"^\*\*([^*]{1,80}?)\s*\*\*\s*")
PAREN_BRAND = re.compile(r"\s*\((?P<brand>[^()]{2,30})\)\s*$")
DOMAIN = re.compile(r"^[\w-]+(?:\.[A-Za-z]{2,4}){1,2}$")
CAMEL = re.compile(r"^(?:[a-z]+[A-Z]|[A-Z]{2,}[a-z])\w*$")
PLACE_WORD = re.compile(r"^[A-Z][A-Za-z'’.]*$")
SHORT_DATE = re.compile(r"^(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})$")


@dataclass(frozen=True)
class Dateline:
    """The place (and brand) that opens an article's first paragraph, as written."""

    text: str  # the whole prefix, e.g. "JAKARTA, KOMPAS.com"
    place: str | None
    brand: str | None
    line: int


# --- reading a dateline -----------------------------------------------------------------------


def is_standalone_dateline(text: str) -> bool:
    """Tell whether a line is only a dateline, like "Jakarta -" above the lead."""
    found = DATELINE.match(text)
    return bool(found and not found.group("rest") and parse_prefix(found.group("prefix"), frozenset()))


def take_dateline(lines: list[Line], aliases: frozenset) -> tuple[list[Line], Dateline | None, list[Removed]]:
    """Strip the dateline from the first (or second) paragraph into a Dateline."""
    lines = list(lines)
    for index in [i for i, line in enumerate(lines) if line.text][:2]:
        found = match_dateline(lines[index].text, aliases)
        if found is None:
            continue
        line, (place, brand, prefix, rest_start) = lines[index], found
        removed = Removed(line.number, line.text[:rest_start].strip(), "dateline")
        lines[index] = replace(line, text=line.text[rest_start:].strip())
        return lines, Dateline(prefix, place, brand, line.number), [removed]
    return lines, None, []


def match_dateline(text: str, aliases: frozenset) -> tuple[str | None, str | None, str, int] | None:
    """Return (place, brand, prefix, start of the text after it) of a dateline opening text.

    A bold dateline ("**BEIRUT, KOMPAS.com** -", "**JAKARTA, KOMPAS.com -**") is read without
    its marks; the offset returned is into ``text`` as given.
    """
    plain = BOLD_START.sub(r"\1 ", text, count=1)
    for pattern in (DATELINE, BRAND_DATELINE, BRAND_PLACE):
        found = pattern.match(plain)
        if not found:
            continue
        parsed = parse_prefix(found.group("prefix"), aliases, brand_only=pattern is BRAND_DATELINE)
        if parsed and (pattern is not BRAND_PLACE or parsed[1]):
            rest = found.start("rest") if found.group("rest") else len(plain)
            return (*parsed, found.group("prefix").strip(), len(text) - (len(plain) - rest))
    return None


def parse_prefix(prefix: str, aliases: frozenset, brand_only: bool = False) -> tuple[str | None, str | None] | None:
    """Split a dateline prefix into (place, brand); None when it is not a dateline."""
    if brand_only:
        return (None, prefix) if is_brand(prefix, aliases) or CAMEL.match(prefix) else None
    paren = PAREN_BRAND.search(prefix)
    brand = paren.group("brand").strip() if paren else None
    parts = [part.strip() for part in (prefix[:paren.start()] if paren else prefix).split(",")]
    if len(parts) > 3:
        return None
    place = None
    for part in filter(None, parts):
        if brand is None and is_brand(part, aliases):
            brand = part
        elif place is None and is_place(part, strict=len(parts) == 1 and not paren):
            place = part
        elif brand is None and place is not None and is_place(part, strict=False):
            brand = part  # "Jakarta, CNN Indonesia": the second name is the outlet
        elif not SHORT_DATE.match(part):
            return None
    return (place, brand) if place or brand else None


def is_brand(text: str, aliases: frozenset) -> bool:
    """Tell whether text names an outlet: a known alias or a domain (KOMPAS.com)."""
    return text.casefold() in aliases or bool(DOMAIN.match(text))


def is_place(text: str, strict: bool) -> bool:
    """Tell whether text can be a place name; several title-case words only beside a brand."""
    words = text.split()
    if not 1 <= len(words) <= 3 or not all(PLACE_WORD.match(word) for word in words):
        return False
    return not strict or len(words) == 1 or text.isupper()
