"""Lines: what one line of a scraped page is, judged on its own.

A seed is read as numbered lines (``Line``), each stripped and its inner whitespace collapsed.
The boilerplate data of ``data/boilerplate.yml`` is compiled once (``load_rules``): one alternation
per table, one group per reason. ``line_reason`` says why a whole line is boilerplate (a known
pattern, a "baca juga" link, an editor code, a source line, a credit, a date line), or None when
it may be article text, and runs once per distinct line; the shapes tell a line that reads as
article text (long, or a sentence with a full stop) from a headline, a section label or
breadcrumb, a linked article's title, a widget's fragment, and a line that only names outlets.
``clean`` judges each line with them, in its place on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.knowledge import load_data
from .credits import is_credit_line, match_source
from .timestamps import is_date_line

MAX_BOILERPLATE_WORDS = 60  # longer lines are article text whatever they start with
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 250
MAX_SECTION_WORDS = 2
MAX_LINK_WORDS = 25
MAX_FRAGMENT_WORDS = 12
BODY_WORDS = 20  # a line this long is body text even without a full stop
SENTENCE_WORDS = 8  # a shorter line needs a full stop too
LINE_CACHE_SIZE = 1 << 16  # distinct lines whose reason is kept (a few MB at most)

ITEM = re.compile(r"^(?:(?P<number>\d{1,3})[.)]|[-•*·▪◦‣►])\s+(?P<text>\S.*)$")
ENDS_WITH_STOP = re.compile(r"[\w)\"”'’%] ?\.[\"”'’)]*$|[.!?…][\"”'’]$")
SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][\"”'’]?\s+[\"“‘]?[A-Z]")
ENDS_SENTENCE = re.compile(r"[.!?…:;,\"”'’)]$")
BREADCRUMB = re.compile(r"^[^>»›]{1,30}(?:\s*[>»›]\s*[^>»›]{1,30}){1,5}$")
ALIAS_SEPARATORS = re.compile(r"\s*(?:[|,/&•·]|\s(?:dan|and)\s)\s*")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line of the seed
    text: str  # stripped, inner whitespace collapsed
    piece: int = 0  # the place of a piece cut from a flattened line (see flattened.py)
    hard: bool = True  # False: the piece continues the paragraph of the piece before it


# --- compiled data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    """The compiled boilerplate data."""

    lines: re.Pattern
    line_reasons: tuple[str, ...]
    headers: re.Pattern
    header_reasons: tuple[str, ...]
    inline_links: re.Pattern
    editor_code: re.Pattern
    trailing_code: re.Pattern
    sections: frozenset


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Compile data/boilerplate.yml: one alternation per table, one group per reason."""
    data = load_data("boilerplate.yml")
    lines, line_reasons = group_patterns(data["lines"])
    headers, header_reasons = group_patterns(data["link_headers"])
    code = data["editor_code"]
    return Rules(
        lines=re.compile(lines, re.IGNORECASE),
        line_reasons=line_reasons,
        headers=re.compile(rf"{headers}(?:\s*[:：]\s*(?P<inline>\S.*)|\s*[:：]?)", re.IGNORECASE),
        header_reasons=header_reasons,
        inline_links=re.compile("|".join(data["inline_link_prefixes"]), re.IGNORECASE),
        editor_code=re.compile(code),
        trailing_code=re.compile(rf"(?<=[.!?\"”'’])\s*(?P<code>{code})\s*$"),
        sections=frozenset(label.casefold() for label in data["section_labels"]),
    )


def group_patterns(table: dict) -> tuple[str, tuple[str, ...]]:
    """Join a reason -> regexes table into one alternation with a group gN per reason."""
    reasons = tuple(table)
    groups = "|".join(f"(?P<g{i}>{'|'.join(table[reason])})" for i, reason in enumerate(reasons))
    return f"(?:{groups})", reasons


def reason_of(found: re.Match, reasons: tuple[str, ...]) -> str:
    """Return the reason whose group matched."""
    return next(reason for i, reason in enumerate(reasons) if found.group(f"g{i}") is not None)


# --- line shapes ------------------------------------------------------------------------------


def is_body_like(text: str) -> bool:
    """Tell whether a line reads as article text: long, or a sentence with a full stop."""
    words = len(text.split())
    # "Kenapa X? Direktur Y Beri Penjelasan": a break inside a line that does not end as a
    # sentence is a headline's question, not a paragraph.
    return words >= BODY_WORDS or (words >= SENTENCE_WORDS and bool(
        ENDS_WITH_STOP.search(text) or (SENTENCE_BREAK.search(text) and ENDS_SENTENCE.search(text))))


def is_title_like(text: str) -> bool:
    """Tell whether a line could be a headline: a few words, no final full stop."""
    words = len(text.split())
    return (3 <= words <= MAX_TITLE_WORDS and len(text) <= MAX_TITLE_CHARS
            and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘#*[")
            and not ENDS_WITH_STOP.search(text) and not ITEM.match(text))


def is_section(text: str, following: str) -> bool:
    """Tell whether a line above the title is a section label or a breadcrumb."""
    if text.casefold() in load_rules().sections or BREADCRUMB.match(text):
        return True
    return (len(text.split()) <= MAX_SECTION_WORDS and text[0].isupper()
            and not ENDS_SENTENCE.search(text) and is_title_like(following))


def is_link_title(text: str) -> bool:
    """Tell whether a line looks like the title of a linked article."""
    return not is_body_like(text) and len(text.split()) <= MAX_LINK_WORDS and not text.endswith(":")


def is_fragment(text: str) -> bool:
    """Tell whether a line is a short non-sentence (a widget or promo title)."""
    return (len(text.split()) <= MAX_FRAGMENT_WORDS and not ENDS_SENTENCE.search(text)
            and not ITEM.match(text))


def is_alias_line(text: str, aliases: frozenset) -> bool:
    """Tell whether a line only names outlets: "CNN Indonesia", "ANTARA | REUTERS"."""
    named = False
    for part in split_lazily(ALIAS_SEPARATORS, text.strip(" .()")):
        if part and part.casefold() not in aliases:
            return False  # most lines: the first part, without splitting the rest
        named = named or bool(part)
    return named


def split_lazily(separator: re.Pattern, text: str):
    """Yield the parts of ``text`` between matches of ``separator`` (which never matches empty)."""
    start = 0
    for found in separator.finditer(text):
        yield text[start:found.start()]
        start = found.end()
    yield text[start:]


def same_text(first: str, second: str) -> bool:
    """Compare two lines ignoring case, spacing and Markdown marks."""
    def key(text: str) -> str:
        return " ".join(re.sub(r"[#*_]", " ", text).casefold().split())
    return key(first) == key(second)


def line_reason(text: str) -> str | None:
    """Return why a whole line is boilerplate, or None when it may be article text."""
    if len(text.split()) > MAX_BOILERPLATE_WORDS:
        return None
    return short_line_reason(text)


# The header is read twice (for the body's start, then line by line) and outlets repeat their
# boilerplate in every page: the patterns run once per distinct line.
@lru_cache(maxsize=LINE_CACHE_SIZE)
def short_line_reason(text: str) -> str | None:
    """Return why a line of at most MAX_BOILERPLATE_WORDS words is boilerplate, or None."""
    rules = load_rules()
    found = rules.lines.fullmatch(text)
    if found:
        return reason_of(found, rules.line_reasons)
    if rules.inline_links.match(text):
        return "related links"
    if rules.editor_code.fullmatch(text):
        return "editor code"
    if match_source(text):
        return "source line"
    if is_credit_line(text):
        return "byline"
    return "date line" if is_date_line(text) else None
