"""Find Indonesian and English date expressions and normalise them to ISO values with precision.

One compiled regex (built from ``data/dates.yml``) finds every expression in a block; the matches
are then resolved in two passes: absolute dates first (a missing year is taken from the
publication date, else the nearest fully dated mention, else a digest-wide context date, where the
weekday, if given, must fit: "Rabu (12/2)" is 2025 near a 2025 context), then relative ones in
document order ("sehari sebelumnya" from the previous date, "kemarin" from the publication date).
What cannot be resolved keeps ``value=None``: nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from ..core.models import INFERRED, TEXT, UNKNOWN, Block, DateMention, Field
from .date_patterns import Rule, Vocabulary, vocabulary

LEAD_BLOCKS = 3
RECENT_DAYS = 7  # a lead date this close before publication is the story's own date
YEAR_WINDOW = 1  # years either side of the anchor a year-less date may fall in
WEAK_YEAR_WINDOW = 6  # wider window, checked by the weekday, when the anchor is only the digest's
WEEKDAY_WINDOW = 3  # a bare weekday is at most this many days from a date stated in the text
MATCH_CACHE_SIZE = 1 << 16  # blocks whose raw date expressions are remembered
SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s+")
NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")


@dataclass(frozen=True)
class Raw:
    """One matched expression before resolution."""

    anchor: str
    start: int
    end: int
    text: str
    form: str  # "absolute" | "yearless" | "weekday" | "relative"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    direction: str = "neutral"  # "past" | "future" | "neutral"
    rule: Rule | None = None
    count: int = 1


# ---------------------------------------------------------------- matching


def find_dates(blocks: Sequence[Block], reference: dt.date | None, language: str = "id",
               context: dt.date | None = None, ceiling: dt.date | None = None) -> tuple[DateMention, ...]:
    """Find and normalise every date expression of the blocks.

    ``reference`` is the publication date (anchor of "kemarin", "Rabu", a missing year);
    ``context`` a weaker fallback for the year, such as the digest's usual story date, and
    ``ceiling`` the latest date the digest states: a year read from the context never puts a date
    after it, in the future of every article ("Senin (29/6)" fits 2020 and 2026 alike).
    """
    raws = [raw for block in blocks for raw in match_block(block, language)]
    return resolve(raws, reference, context, ceiling)


def match_block(block: Block, language: str) -> list[Raw]:
    """Return the raw date expressions of one block, in text order."""
    return list(block_expressions(block, language))


# The digest reads the dates of articles without a year again with its context (see
# resolve_digest_years): only the resolution changes, so the matching is done once per block.
@lru_cache(maxsize=MATCH_CACHE_SIZE)
def block_expressions(block: Block, language: str) -> tuple[Raw, ...]:
    """Match the raw date expressions of one block (``match_block``, remembered)."""
    vocab = vocabulary()
    found = []
    for match in vocab.pattern.finditer(block.text):
        raw = parse_match(match, block, vocab, language)
        if raw is not None:
            found.append(raw)
    return tuple(found)


def parse_match(m: re.Match, block: Block, vocab: Vocabulary, language: str) -> Raw | None:
    """Turn one regex match into a Raw expression, or None when it is not a date after all."""
    kind = m.lastgroup
    if kind == "W":
        return parse_weekday_date(m, block, vocab, language)
    if kind == "R":
        return parse_relative(m, block, vocab)
    if kind in ("D", "E"):
        return parse_text_date(m, kind + "_", block, vocab)
    if kind == "M":
        return parse_month(m, block, vocab)
    if kind == "N":
        return parse_numeric(m, block, language)
    if kind == "Y":
        return parse_year(m, block, vocab)
    return parse_weekday(m, block, vocab)


def make_raw(m: re.Match, block: Block, group: str, form: str, month_word: str | None = None,
             **values) -> Raw:
    """Build a Raw over the span of one group of the match, without a sentence's final dot."""
    start, end = m.span(group)
    if block.text[end - 1] == "." and (month_word or "").lower() not in vocabulary().short_months:
        end -= 1  # "20 Januari." ends a sentence; "Feb." is an abbreviation
    return Raw(block.anchor, start, end, block.text[start:end], form, **values)


def capitalised(word: str) -> bool:
    """Tell whether a month or weekday name is written as a name (not "may", "march")."""
    return word[:1].isupper()


def month_of(word: str, vocab: Vocabulary, needs_full: bool) -> int | None:
    """Return the month number of a written month name, or None when it may not stand here."""
    key = word.lower()
    if not capitalised(word) or (needs_full and key in vocab.short_months):
        return None
    return vocab.months.get(key)


def weekday_of(word: str, vocab: Vocabulary) -> int | None:
    """Return the ISO weekday of a capitalised weekday name."""
    return vocab.weekdays.get(word.lower()) if capitalised(word) else None


def direction_of(word: str | None, vocab: Vocabulary) -> str:
    """Return past/future/neutral for a direction word ("lalu", "mendatang", "siang")."""
    return vocab.directions.get(" ".join(word.lower().split()), "neutral") if word else "neutral"


def parse_weekday_date(m: re.Match, block: Block, vocab: Vocabulary, language: str) -> Raw | None:
    """Parse ``Rabu (12 Februari 2025)``, ``Kamis (13/2)``, ``Wednesday, Feb. 12``."""
    weekday = weekday_of(m.group("W_wd"), vocab)
    if weekday is None:
        return None
    if m.group("W_na"):
        if not m.group("W_open") and not m.group("W_ny"):
            return None  # "Kamis 13/2" without parentheses or year: too loose
        inner = numeric_parts(m, "W_n", language)
    else:
        prefix = "W_t" if m.group("W_td") else "W_e"
        inner = text_parts(m, prefix, vocab, needs_full=False)
    if inner is None:
        return None
    year, month, day = inner
    return checked(make_raw(m, block, "W", "absolute" if year else "yearless",
                            m.group("W_tm") or m.group("W_em"),
                            year=year, month=month, day=day, weekday=weekday))


def numeric_parts(m: re.Match, p: str, language: str) -> tuple[int | None, int, int] | None:
    """Return (year, month, day) of a numeric date: day first in Indonesian, month first in English."""
    a, b = int(m.group(p + "a")), int(m.group(p + "b"))
    year_text = m.group(p + "y")
    year = None if not year_text else int(year_text) + (2000 if len(year_text) == 2 else 0)
    day, month = (b, a) if language == "en" and a <= 12 else (a, b)
    if month > 12:
        return None
    return year, month, day


def text_parts(m: re.Match, p: str, vocab: Vocabulary, needs_full: bool) -> tuple[int | None, int, int] | None:
    """Return (year, month, day) of a written date; a short month alone needs a year or a dot."""
    year = int(m.group(p + "y")) if m.group(p + "y") else None
    loose = needs_full and year is None and not m.group(p + "dot")
    month = month_of(m.group(p + "m"), vocab, needs_full=loose)
    if month is None:
        return None
    return year, month, int(m.group(p + "d"))


def parse_text_date(m: re.Match, p: str, block: Block, vocab: Vocabulary) -> Raw | None:
    """Parse ``12 Februari 2025``, ``9 Mei mendatang``, ``February 12, 2025``, ``Feb. 12``."""
    parts = text_parts(m, p, vocab, needs_full=(p == "D_"))
    if parts is None:
        return None
    year, month, day = parts
    direction = direction_of(m.group("D_dir"), vocab) if p == "D_" else "neutral"
    return checked(make_raw(m, block, p[0], "absolute" if year else "yearless", m.group(p + "m"),
                            year=year, month=month, day=day, direction=direction))


def parse_month(m: re.Match, block: Block, vocab: Vocabulary) -> Raw | None:
    """Parse ``Februari 2022``, ``Februari lalu``, ``bulan Maret``; a bare month is no date."""
    year = int(m.group("M_y")) if m.group("M_y") else None
    if year is None and not (m.group("M_dir") or m.group("M_cue")):
        return None
    month = month_of(m.group("M_m"), vocab, needs_full=year is None)
    if month is None:
        return None
    direction = direction_of(m.group("M_dir") or m.group("M_cue"), vocab)
    group = "M" if direction_of(m.group("M_cue"), vocab) != "neutral" else "M_body"  # "last March"
    return make_raw(m, block, group, "absolute" if year else "yearless", m.group("M_m"),
                    year=year, month=month, direction=direction)


def parse_numeric(m: re.Match, block: Block, language: str) -> Raw | None:
    """Parse ``13/2/2025`` (day first in Indonesian) and ISO ``2025-02-12``."""
    if m.group("N_iy"):
        parts = int(m.group("N_iy")), int(m.group("N_im")), int(m.group("N_id"))
    else:
        parts = numeric_parts(m, "N_", language)
    if parts is None:
        return None
    year, month, day = parts
    return checked(make_raw(m, block, "N", "absolute", year=year, month=month, day=day))


def parse_year(m: re.Match, block: Block, vocab: Vocabulary) -> Raw | None:
    """Parse ``tahun 1997``, ``sejak 2014``; a bare four-digit number or a count is no year."""
    if not (m.group("Y_cue") or m.group("Y_tahun")):
        return None
    if next_word(block.text, m.end()) in vocab.count_words:
        return None
    return make_raw(m, block, "Y_body", "absolute", year=int(m.group("Y_y")))


def parse_weekday(m: re.Match, block: Block, vocab: Vocabulary) -> Raw | None:
    """Parse a weekday without a date: ``Rabu siang``, ``hari Rabu``, ``last Wednesday``."""
    weekday = weekday_of(m.group("K_wd"), vocab)
    if weekday is None:
        return None
    direction = direction_of(m.group("K_dir"), vocab)
    if m.group("K_pre"):
        direction = direction_of(m.group("K_pre"), vocab)
    return make_raw(m, block, "K", "weekday", weekday=weekday, direction=direction)


def parse_relative(m: re.Match, block: Block, vocab: Vocabulary) -> Raw | None:
    """Parse a relative expression from the table; a number in it multiplies the offset."""
    tokens = m.group("R").lower().split()
    rule = vocab.relatives.get(" ".join(tokens))
    count = 1
    if rule is None:
        for index, token in enumerate(tokens):
            value = int(token) if token.isdigit() else vocab.numbers.get(token)
            if value is not None:
                key = " ".join(tokens[:index] + ["{n}"] + tokens[index + 1:])
                rule, count = vocab.relatives.get(key), value
                break
    if rule is None:
        return None
    return make_raw(m, block, "R", "relative", rule=rule, count=count)


def next_word(text: str, position: int) -> str:
    """Return the lowercase word that follows ``position``."""
    match = NEXT_WORD.match(text, position)
    return match.group(1).lower() if match else ""


def checked(raw: Raw) -> Raw | None:
    """Drop impossible dates (31 Februari); a year-less 29 Februari is kept for a leap year."""
    try:
        dt.date(raw.year or 2000, raw.month, raw.day)
    except (TypeError, ValueError):
        return None
    return raw


# ---------------------------------------------------------------- resolution


def resolve(raws: Sequence[Raw], reference: dt.date | None, context: dt.date | None,
            ceiling: dt.date | None = None) -> tuple[DateMention, ...]:
    """Resolve absolute and year-less dates first, then relative ones in document order."""
    values: list[tuple[str | None, str] | None] = [None] * len(raws)
    stated = [(i, date_of(raw)) for i, raw in enumerate(raws) if raw.form == "absolute" and raw.day]
    # An article that states no full date but names a month with its year ("Mei 2020") still tells
    # its time better than the rest of the digest does.
    stated = stated or [(i, date_of(raw)) for i, raw in enumerate(raws) if raw.form == "absolute" and raw.month]
    for i, raw in enumerate(raws):
        if raw.form == "absolute":
            values[i] = (iso(raw.year, raw.month, raw.day), precision_of(raw.month, raw.day))
        elif raw.form == "yearless":
            values[i] = resolve_yearless(raw, *year_anchor(i, stated, reference, context), ceiling=ceiling)
    for i, raw in enumerate(raws):
        if raw.form == "weekday":
            values[i] = resolve_weekday(raw, *weekday_anchor(i, raws, values, reference))
        elif raw.form == "relative":
            values[i] = resolve_relative(raw, relative_anchor(i, raw, values, reference))
    return tuple(
        DateMention(raw.text, value, precision, raw.anchor, raw.start, raw.end,
                    relative=raw.form in ("weekday", "relative"))
        for raw, (value, precision) in zip(raws, values)
    )


def date_of(raw: Raw) -> dt.date:
    """Return the date of an absolute expression of day or month precision (a month: its first day)."""
    return dt.date(raw.year, raw.month, raw.day or 1)


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """Return the ISO value of a date at its precision."""
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def precision_of(month: int | None, day: int | None) -> str:
    """Return the precision of a date with or without month and day."""
    return "day" if day else "month" if month else "year"


def year_anchor(index: int, stated: Sequence[tuple[int, dt.date]], reference: dt.date | None,
                context: dt.date | None) -> tuple[dt.date | None, bool]:
    """Pick the date a missing year is read from, and whether it is only the weak context."""
    if reference:
        return reference, False
    before = [date for i, date in stated if i < index]
    after = [date for i, date in stated if i > index]
    if before or after:
        return (before[-1] if before else after[0]), False
    return context, True


def resolve_yearless(raw: Raw, anchor: dt.date | None, weak: bool,
                     ceiling: dt.date | None = None) -> tuple[str | None, str]:
    """Give a year-less date the year that puts it nearest the anchor, in its direction (against
    the weak context, never after ``ceiling``)."""
    precision = precision_of(raw.month, raw.day)
    if anchor is None:
        return None, precision
    window = WEAK_YEAR_WINDOW if weak and raw.weekday else YEAR_WINDOW
    candidates = [year for year in range(anchor.year - window, anchor.year + window + 1)
                  if fits(raw, year, anchor)]
    if weak and raw.weekday:
        # Against the digest context the weekday is the only evidence of the year, so it must
        # fit; next to a date of the article itself, the nearest date wins (a wrong weekday is
        # a slip of the writer, more likely than a date a year away).
        candidates = [y for y in candidates if dt.date(y, raw.month, raw.day).isoweekday() == raw.weekday]
    if weak and ceiling:
        candidates = [y for y in candidates if dt.date(y, raw.month, raw.day or 1) <= ceiling]
    if not candidates:
        return None, precision
    year = min(candidates, key=lambda y: (distance(raw, y, anchor), y))
    return iso(year, raw.month, raw.day), precision


def fits(raw: Raw, year: int, anchor: dt.date) -> bool:
    """Tell whether the date in ``year`` exists and lies in the stated direction of the anchor."""
    try:
        start = dt.date(year, raw.month, raw.day or 1)
    except ValueError:
        return False  # 29 Februari outside a leap year
    if raw.day is None:  # a month is compared as a whole: "Maret lalu" said in March is last year's
        month = anchor.replace(day=1)
        return {"past": start < month, "future": start > month}.get(raw.direction, True)
    return {"past": start <= anchor, "future": start >= anchor}.get(raw.direction, True)


def distance(raw: Raw, year: int, anchor: dt.date) -> int:
    """Days between the anchor and the date (or the month) in ``year``."""
    start = dt.date(year, raw.month, raw.day or 1)
    end = start if raw.day else month_end(start)
    return 0 if start <= anchor <= end else min(abs((start - anchor).days), abs((end - anchor).days))


def month_end(start: dt.date) -> dt.date:
    """Return the last day of the month of ``start``."""
    following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def weekday_anchor(index: int, raws: Sequence[Raw], values, reference: dt.date | None) -> tuple[dt.date | None, bool]:
    """Pick the date a bare weekday is counted from: the publication date, else a stated date.

    Without a publication date, a stated date on that same weekday ("Rabu (12/2)" for a later
    "Rabu siang") is the best anchor; else the article's first stated date (the lead's).
    """
    if reference:
        return reference, True
    stated = [(i, dt.date.fromisoformat(values[i][0])) for i, raw in enumerate(raws)
              if raw.form in ("absolute", "yearless") and values[i][0] and values[i][1] == "day"]
    same = [(abs(i - index), date) for i, date in stated if date.isoweekday() == raws[index].weekday]
    if same:
        return min(same)[1], False
    return (stated[0][1], False) if stated else (None, False)


def resolve_weekday(raw: Raw, anchor: dt.date | None, from_reference: bool) -> tuple[str | None, str]:
    """Resolve a bare weekday: before the publication date, or the nearest one to a stated date."""
    if anchor is None:
        return None, "day"
    shift = (raw.weekday - anchor.isoweekday()) % 7  # days forward to the weekday, 0..6
    if raw.direction == "future":
        date = anchor + dt.timedelta(days=shift or 7)
    elif raw.direction == "past":
        date = anchor - dt.timedelta(days=(7 - shift) % 7 or 7)
    elif from_reference:
        date = anchor - dt.timedelta(days=(7 - shift) % 7)
    else:
        date = anchor + dt.timedelta(days=shift if shift <= WEEKDAY_WINDOW else shift - 7)
    return date.isoformat(), "day"


def relative_anchor(index: int, raw: Raw, values, reference: dt.date | None) -> tuple[str | None, str] | None:
    """Return the (value, precision) a relative expression counts from."""
    if raw.rule.anchor == "reference":
        return (reference.isoformat(), "day") if reference else None
    previous = [value for value in values[:index] if value and value[0]]
    return previous[-1] if previous else None


def resolve_relative(raw: Raw, anchor: tuple[str | None, str] | None) -> tuple[str | None, str]:
    """Shift the anchor by the rule's offset and express the span at the finest whole precision."""
    unit_precision = {"day": "day", "week": "month", "month": "month", "year": "year"}[raw.rule.unit]
    if anchor is None or anchor[1] != "day":
        return None, unit_precision
    base = dt.date.fromisoformat(anchor[0])
    offset = raw.rule.offset * raw.count
    start, end = shifted_span(base, raw.rule.unit, offset)
    return span_value(start, end)


def shifted_span(base: dt.date, unit: str, offset: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of the unit ``offset`` units away from ``base``."""
    if unit == "day":
        day = base + dt.timedelta(days=offset)
        return day, day
    if unit == "week":
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        index = base.year * 12 + base.month - 1 + offset
        start = dt.date(index // 12, index % 12 + 1, 1)
        return start, month_end(start)
    return dt.date(base.year + offset, 1, 1), dt.date(base.year + offset, 12, 31)


def span_value(start: dt.date, end: dt.date) -> tuple[str | None, str]:
    """Return the ISO value of the finest day/month/year that holds the whole span."""
    if start == end:
        return start.isoformat(), "day"
    if (start.year, start.month) == (end.year, end.month):
        return iso(start.year, start.month), "month"
    if start.year == end.year:
        return iso(start.year), "year"
    return None, "year"


# ---------------------------------------------------------------- intervals and cues


def interval(value: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day covered by an ISO value of any precision."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        start = dt.date(parts[0], parts[1], 1)
        return start, month_end(start)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def date_cue(text: str, start: int, end: int) -> str | None:
    """Say whether the words around a date mark it as "background" or "announced" (or None)."""
    vocab = vocabulary()
    following = text[end:end + vocab.cue_window]
    boundary = SENTENCE_END.search(following)
    after = (vocab.cue_inside.search(text[start:end])
             or vocab.cue_after.search(following[:boundary.start()] if boundary else following))
    if after:
        return after.lastgroup
    window = text[max(0, start - vocab.cue_window):start]
    boundary = None
    for boundary in SENTENCE_END.finditer(window):
        pass
    if boundary is not None:
        window = window[boundary.end():]
    found = None
    for found in vocab.cue_before.finditer(window):
        pass
    return found.lastgroup if found else None


# ---------------------------------------------------------------- story date


def infer_story_date(blocks: Sequence[Block], dates: Sequence[DateMention], published: str | None) -> Field:
    """Return the date of the main event, as stated (or resolved) in the lead paragraphs."""
    lead = lead_anchors(blocks)
    texts = {block.anchor: block.text for block in blocks}
    reference = reference_date(published)
    candidates = [d for d in dates if d.anchor in lead and d.value and d.precision == "day"
                  and date_cue(texts[d.anchor], d.start, d.end) is None
                  and (reference is None or d.value <= reference.isoformat())]
    if reference is not None:
        recent = [d for d in candidates
                  if (reference - dt.date.fromisoformat(d.value)).days <= RECENT_DAYS]
        candidates = recent or candidates
    if not candidates:
        # A report that names no day of its own is about the day it was published.
        return Field(reference.isoformat(), INFERRED) if reference else UNKNOWN
    chosen = candidates[0]
    return Field(chosen.value, INFERRED if chosen.relative else TEXT)


def lead_anchors(blocks: Sequence[Block]) -> set[str]:
    """Return the anchors of the first paragraphs (the lead)."""
    paragraphs = [block for block in blocks if block.kind == "paragraph"] or list(blocks)
    return {block.anchor for block in paragraphs[:LEAD_BLOCKS]}


def reference_date(published: object) -> dt.date | None:
    """Return the date part of an ISO publication date, or None."""
    try:
        return dt.date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        return None


# ---------------------------------------------------------------- display


def format_date(value: str, precision: str, language: str) -> str:
    """Format an ISO date for display: "12 Februari 2025", "Februari 2022", "2021"."""
    names = vocabulary().display.get(language) or vocabulary().display["id"]
    parts = str(value).split("-")
    try:
        numbers = [int(part) for part in parts[:3]]
    except ValueError:
        return str(value)
    depth = min(len(numbers), {"day": 3, "month": 2, "year": 1}.get(precision, 3))
    if depth >= 2 and not 1 <= numbers[1] <= 12:
        return str(value)
    if depth == 3:
        return f"{numbers[2]} {names[numbers[1] - 1]} {numbers[0]}"
    if depth == 2:
        return f"{names[numbers[1] - 1]} {numbers[0]}"
    return str(numbers[0])
