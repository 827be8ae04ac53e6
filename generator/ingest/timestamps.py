"""Dates and times as news pages print them: date lines and the publication date they state.

Pages print their dates in many shapes, in Indonesian and English: "Kamis, 13 Feb 2025 17:57
WIB", "13/02/2025, 17:57 WIB", "February 13, 2025 5:57 PM UTC", "Diterbitkan 13 Feb 2025",
with a weekday, a label ("diterbitkan", "updated"), a time and a time zone around them (WIB, WITA
and WIT are Indonesia's western, central and eastern zones). ``is_date_line`` tells a line that is
only a date (with at most a label or outlet name besides), which ``clean`` removes; and
``parse_published`` reads the ISO date it states, as a datetime with its UTC offset when the line
gives a time zone. Day and month are read in Indonesian order (13/02/2025). Pure functions over
one line of text.
"""

from __future__ import annotations

import datetime as dt
import re

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


# --- date lines -------------------------------------------------------------------------------


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


# --- the date a line states -------------------------------------------------------------------


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
