"""Quotation marks: pair them into quote spans per block, and report the marks left unpaired."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from ..core.models import Block

DOUBLE_MARKS = re.compile(r'["“”„«»]')
SINGLE_MARKS = re.compile(r"['‘’]")
STRONG_OPENERS = "“„«"
OPEN_CONTEXT = "([{/—–-:"  # characters after which a mark opens a quote


@dataclass(frozen=True)
class Span:
    """The offsets of a quote in its block, marks included; open spans run to the block end."""

    start: int
    end: int
    closed: bool = True


@dataclass(frozen=True)
class Scan:
    """The quotes of one block and the marks that could not be paired."""

    spans: tuple[Span, ...]
    problems: tuple[tuple[int, str], ...]  # (offset, message)


def scan_block(text: str, next_text: str = "") -> Scan:
    """Pair the quotation marks of a block; an open quote continues if the next block opens one."""
    return scan_marks(text, starts_with_quote(next_text))


@lru_cache(maxsize=1024)  # find_quotes and quote_warnings scan the same blocks
def scan_marks(text: str, continued: bool) -> Scan:
    """Pair the quotation marks of a block (``scan_block``); ``continued``: the next block opens a quote."""
    spans, problems, open_at = scan_double_marks(text)
    if open_at is not None:
        if continued:
            spans.append(Span(open_at, len(text), closed=False))
        else:
            problems.append((open_at, f"opening {text[open_at]} without a closing one"))
    spans.extend(scan_single_marks(text, spans))
    spans.sort(key=lambda span: span.start)
    return Scan(tuple(spans), tuple(sorted(problems)))


def scan_double_marks(text: str) -> tuple[list[Span], list[tuple[int, str]], int | None]:
    """Pair double marks left to right; an opener inside an open quote restarts it."""
    spans, problems, open_at = [], [], None
    for match in DOUBLE_MARKS.finditer(text):
        at, mark = match.start(), match.group()
        opens, closes = flanks(text, at)
        if open_at is None:
            if closes and not opens and mark not in STRONG_OPENERS:
                problems.append((at, f"closing {mark} without an opening one"))
            else:
                open_at = at
        elif opens and not closes:
            problems.append((open_at, f"opening {text[open_at]} without a closing one"))
            open_at = at
        else:
            spans.append(Span(open_at, at + 1))
            open_at = None
    return spans, problems, open_at


def flanks(text: str, at: int) -> tuple[bool, bool]:
    """Tell whether the mark at ``at`` can open (text follows) and close (text precedes)."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    opens = not after.isspace() and (before.isspace() or before in OPEN_CONTEXT)
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    return opens, closes


def scan_single_marks(text: str, doubles: list[Span]) -> list[Span]:
    """Pair single marks outside double quotes; a mark between letters is an apostrophe."""
    spans, open_at = [], None
    for match in SINGLE_MARKS.finditer(text):
        at = match.start()
        if any(span.start < at < span.end for span in doubles):
            continue
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # Jum'at, don't, Qur’an
        if after.isalnum() and (before.isspace() or before in OPEN_CONTEXT):
            open_at = at
        elif open_at is not None and not before.isspace() and not after.isalnum():
            spans.append(Span(open_at, at + 1))
            open_at = None
    return spans


def starts_with_quote(text: str) -> bool:
    """Tell whether a block opens with a double quotation mark."""
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in "\"“„«”"


def quote_warnings(blocks: Sequence[Block]) -> tuple[tuple[int, str], ...]:
    """Return (seed line, message) for every quotation mark that cannot be paired."""
    warnings = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1].text if index + 1 < len(blocks) else ""
        for at, problem in scan_block(block.text, following).problems:
            line = block.line + block.text.count("\n", 0, at)
            warnings.append((line, f"unbalanced quotation mark: {problem} (near {near(block.text, at)!r})"))
    return tuple(warnings)


def near(text: str, at: int, width: int = 40) -> str:
    """Return the words around offset ``at`` so the editor can find the mark."""
    start = max(0, at - width // 2)
    excerpt = " ".join(text[start:at + width // 2].split())
    return ("…" if start else "") + excerpt + ("…" if at + width // 2 < len(text) else "")
