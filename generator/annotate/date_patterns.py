"""The date vocabulary of ``data/dates.yml`` and the one regex built from it.

``vocabulary()`` loads month and weekday names, relative phrases, number words and the cue words
of background and announced dates, and compiles the single alternation that finds every date
expression (``dates`` reads its matches); ``words`` builds a phrase list into a prefix-tree regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from ..core.knowledge import load_data

DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
MONTH_NUMBER = r"(?:1[0-2]|0?[1-9])(?!\d)"
YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"


@dataclass(frozen=True)
class Rule:
    """A relative expression: an offset in units from the previous date or the reference."""

    anchor: str  # "previous" | "reference"
    unit: str  # "day" | "week" | "month" | "year"
    offset: int


@dataclass(frozen=True)
class Vocabulary:
    """The date tables of ``data/dates.yml`` and the one regex built from them."""

    months: Mapping[str, int]
    short_months: frozenset[str]
    weekdays: Mapping[str, int]
    directions: Mapping[str, str]
    relatives: Mapping[str, Rule]
    numbers: Mapping[str, int]
    month_cues: frozenset[str]
    count_words: frozenset[str]
    display: Mapping[str, tuple[str, ...]]
    pattern: re.Pattern
    cue_inside: re.Pattern
    cue_after: re.Pattern
    cue_before: re.Pattern
    cue_window: int


def words(items: Iterable[str], number: str = r"\d+") -> str:
    """Return a regex for any of the phrases, as a prefix tree so that a wrong letter fails at once.

    Spaces match any whitespace and ``{n}`` stands for ``number``; the tree makes the big
    alternations cheap (Python's ``re`` would otherwise try every word at every position).
    """
    trie: dict = {}
    for item in {" ".join(item.lower().split()) for item in items}:
        node = trie
        for symbol in re.findall(r"\{n\}|.", item):
            node = node.setdefault(symbol, {})
        node[END] = {}
    return render_trie(trie, {" ": r"\s+", "{n}": f"(?:{number})"})


END = ""


def render_trie(node: dict, special: Mapping[str, str]) -> str:
    """Render a prefix tree as a regex; a phrase that may end here makes the rest optional."""
    branches = [special.get(symbol) or re.escape(symbol)
                for symbol in node if symbol != END]
    branches = [head + render_trie(node[symbol], special)
                for head, symbol in zip(branches, (s for s in node if s != END))]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if END in node else body


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Load the date tables once and compile the date regex."""
    data = load_data("dates.yml")
    months = {name.lower(): int(number) for number, names in data["months"].items()
              for name in names["full"] + names["short"]}
    short = frozenset(name.lower() for names in data["months"].values() for name in names["short"])
    weekdays = {name.lower(): int(number) for number, names in data["weekdays"].items() for name in names}
    directions = {word.lower(): kind for kind, items in data["direction_words"].items() for word in items}
    numbers = {word.lower(): int(value) for word, value in data["numbers"].items()}
    relatives = {" ".join(phrase.lower().split()): Rule(entry["anchor"], entry["unit"], int(entry["offset"]))
                 for entry in data["relative"] for phrase in entry["phrases"]}
    cues = data["cues"]
    return Vocabulary(
        months=months, short_months=short, weekdays=weekdays, directions=directions,
        relatives=relatives, numbers=numbers,
        month_cues=frozenset(w.lower() for w in data["month_cues"]),
        count_words=frozenset(w.lower() for w in data["count_words"]),
        display={lang: tuple(names) for lang, names in data["month_display"].items()},
        pattern=build_pattern(data, months, weekdays, directions, relatives, numbers),
        cue_inside=cue_pattern(cues, "after"),
        cue_after=cue_pattern(cues, "after", prefix=r"^[\s,]*(?:\S+\s+){0,%d}?" % data["after_words"]),
        cue_before=cue_pattern(cues, "before"),
        cue_window=int(data["cue_window"]),
    )


def build_pattern(data: dict, months, weekdays, directions, relatives, numbers) -> re.Pattern:
    """Build the single alternation that finds every date expression, most specific first."""
    month = f"(?:{words(months)})"
    weekday = f"(?:{words(weekdays)})"
    direction = f"(?:{words(directions)})"
    relative = words(relatives, number=rf"\d{{1,2}}|{words(numbers)}")
    month_cue = words(data["month_cues"])
    year_cue = words(data["year_cues"])
    alternatives = [
        # Rabu (12 Februari 2025), Kamis (13/2), Kamis, 13 Feb 2025, Wednesday, February 12, 2025
        rf"(?P<W>(?:hari\s+)?(?P<W_wd>{weekday})\s*,?\s*(?P<W_open>\()?\s*"
        rf"(?:{numeric('W_n', month_number_year=False)}|{day_month('W_t', month)}|{month_day('W_e', month)})"
        rf"\s*(?(W_open)\)))",
        # sehari sebelumnya, hari yang sama, kemarin, minggu depan, 3 days ago
        rf"(?P<R>{relative})",
        # 12 Februari 2025, 20 Januari, 9 Mei mendatang, 12-13 Feb 2025
        rf"(?P<D>{day_month('D_', month)}(?:\s+(?P<D_dir>{direction}))?)",
        # February 12, 2025, Feb. 12
        rf"(?P<E>{month_day('E_', month)})",
        # Februari 2022, Februari lalu, bulan Maret, in March
        rf"(?P<M>(?:(?P<M_cue>{month_cue})\s+)?(?P<M_body>(?P<M_m>{month})(?P<M_dot>\.)?"
        rf"(?:\s+(?:tahun\s+)?(?P<M_y>{YEAR})|\s+(?P<M_dir>{direction}))?))",
        # 13/2/2025, 2025-02-12
        rf"(?P<N>{numeric('N_', month_number_year=True)}|(?P<N_iy>{YEAR})-(?P<N_im>{MONTH_NUMBER})-(?P<N_id>{DAY}))",
        # tahun 1997, pada tahun 2022, sejak 2014 (not 1990-an, not 2014-2022)
        rf"(?P<Y>(?:(?P<Y_cue>{year_cue})\s+)?(?P<Y_body>(?:(?P<Y_tahun>tahun|thn\.?)\s+)?(?P<Y_y>{YEAR})))"
        rf"(?!\s*-?\s*an\b)(?![-/.]\d)",
        # Rabu siang, hari Rabu, last Wednesday, Wednesday
        rf"(?P<K>(?:(?P<K_pre>last|next|this)\s+)?(?P<K_body>(?:hari\s+)?(?P<K_wd>{weekday})"
        rf"(?:\s+(?P<K_dir>{direction}))?))",
    ]
    # Only a word that can open a date is worth trying all the alternatives at.
    openers = {*months, *weekdays, *data["month_cues"], *data["year_cues"], *numbers,
               "tahun", "thn", "hari", "last", "next", "this"}
    openers |= {phrase.split()[0] for phrase in relatives if not phrase.startswith("{n}")}
    gate = rf"(?=\d|{words(openers)}(?![\w'’]))"
    return re.compile(rf"(?<![\w/]){gate}(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def numeric(p: str, month_number_year: bool) -> str:
    """Return the pattern of a numeric date; ``13/2`` alone only inside a weekday's parentheses."""
    year = rf"(?P<{p}y>{YEAR}|\d\d(?!\d))"
    tail = rf"\s*[/.-]\s*{year}" if month_number_year else rf"(?:\s*[/.-]\s*{year})?"
    return rf"(?<!\d)(?P<{p}a>\d{{1,2}})(?!\d)\s*[/.-]\s*(?P<{p}b>\d{{1,2}})(?!\d){tail}(?![\d/])"


def day_month(p: str, month: str) -> str:
    """Return the pattern of ``12 Februari 2025`` (year optional, day ranges allowed)."""
    return (rf"(?<!\d)(?P<{p}d>{DAY})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<{p}d2>{DAY}))?(?:\s+of)?"
            rf"\s+(?P<{p}m>{month})(?P<{p}dot>\.)?"
            rf"(?:,?\s+(?P<{p}y>{YEAR}))?")


def month_day(p: str, month: str) -> str:
    """Return the pattern of ``February 12, 2025`` and ``Feb. 12`` (year optional)."""
    return (rf"(?P<{p}m>{month})(?P<{p}dot>\.)?\s+(?P<{p}d>{DAY})(?:st|nd|rd|th)?"
            rf"(?:\s*[-–]\s*(?P<{p}d2>{DAY}))?(?:,?\s+(?P<{p}y>{YEAR}))?")


def cue_pattern(cues: dict, where: str, prefix: str = "") -> re.Pattern:
    """Compile the cue words of one position into one regex with a group per kind."""
    groups = "|".join(f"(?P<{kind}>{words(cues[kind][where])})" for kind in ("background", "announced"))
    return re.compile(prefix + rf"(?<!\w)(?:{groups})(?!\w)", re.IGNORECASE)
