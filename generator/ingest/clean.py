"""Boilerplate removal and body structure: classify every line, keep the article as blocks.

A scraped page is read in three zones: the header (section, title, byline, date, captions)
before the first body-like line, the body, and the tail after the article's end (an editor
code such as "(ita/ita)") or its last paragraph. Every non-blank line that does not reach the
body is recorded as a ``Removed`` with its reason, and so is every part of a line that is cut
off (a dateline prefix, an editor code at a paragraph's end, a caption glued to the lead):
nothing silently disappears. What one line is comes from ``lines`` and the recognisers of
``credits`` and ``timestamps``; here each line is judged in its zone, the dateline is taken
(``datelines``), and the kept lines become paragraph, heading and item blocks. The patterns are
data in ``data/boilerplate.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..core.models import Block, Removed
from .credits import is_credit_line, is_name_only, is_signoff, match_blurb, parse_byline
from .datelines import Dateline, is_standalone_dateline, take_dateline
from .flattened import (is_flattened, is_tokenised, mend_domains, read_flattened, respace, split_credit,
                        unescape_markdown)
from .lines import (ENDS_SENTENCE, ITEM, Line, is_alias_line, is_body_like, is_fragment, is_link_title,
                    is_section, is_title_like, line_reason, load_rules, reason_of, same_text)

MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100
WRAP_MAX_WIDTH = 100  # hard-wrapped copy (wire e-mails) is wrapped at 60-80 columns
WRAP_MIN_LINES = 5
METADATA_TABLE_REACH = 8  # lines after the teaser in which a field table moves the body's start

MARKDOWN_HEADING = re.compile(r"^(?:#{1,6}\s+(?P<hash>\S.*?)\s*#*|\*\*(?P<bold>[^*]+)\*\*)$")
# "Foto: istimewaWashington - Presiden ...": a caption credit run into the dateline.
GLUED_CAPTION = re.compile(
    r"^(?P<caption>(?i:foto|photo|ilustrasi|sumber foto|dok)\s*:\s*.*?[a-z.)])"
    r"(?=[A-Z][A-Za-z]+(?:,[^–—-]{1,40})?(?:\s*\([^)]{2,25}\))?\s*(?:-{1,2}|–|—)\s)")
# "[img.2]Ketegangan …": an HTML-to-Markdown scraper's image placeholder glued to a paragraph.
PLACEHOLDER = re.compile(r"^\[(?:img|image|video|foto|gambar|embed)[ ._-]?\d*\]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Cleaned:
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...]  # in line order
    dateline: Dateline | None


# --- the whole pass ---------------------------------------------------------------------------


def clean_text(text: str, aliases: frozenset = frozenset()) -> Cleaned:
    """Split normalised text into body blocks and removed lines; find the dateline.

    ``aliases`` are the casefolded names and domains of known outlets.
    """
    lines, reshaped = restore_shape(unwrap(split_lines(text)), is_tokenised(text))
    lines, removed = split_fragments(lines)
    removed += reshaped
    start = skip_metadata_table(lines, find_body_start(lines))
    removed += classify_header(lines[:start], aliases)
    code_lines = {r.line for r in removed if r.reason == "editor code"}
    kept, body_removed = classify_body(lines[start:], aliases, code_lines)
    kept, tail_removed = trim_tail(kept)
    kept, dateline, dateline_removed = take_dateline(kept, aliases)
    everything = removed + body_removed + tail_removed + dateline_removed
    return Cleaned(build_blocks(kept), tuple(sorted(everything, key=lambda r: r.line)), dateline)


def split_lines(text: str) -> list[Line]:
    """Number the lines and collapse their whitespace."""
    return [Line(number, " ".join(raw.split())) for number, raw in enumerate(text.split("\n"), 1)]


def unwrap(lines: list[Line]) -> list[Line]:
    """Join hard-wrapped paragraphs (every line but the last filled to the wrap width)."""
    widths = [len(line.text) for line in lines if line.text]
    width = max(widths, default=0)
    has_blank_lines = len(widths) < len(lines)
    if width > WRAP_MAX_WIDTH or not has_blank_lines or sum(w >= 0.85 * width for w in widths) < WRAP_MIN_LINES:
        return lines
    joined, last_width = [], 0
    for line in lines:
        previous = joined[-1] if joined else None
        if previous and previous.text and line.text and last_width >= 0.8 * width and not ITEM.match(line.text):
            joined[-1] = replace(previous, text=f"{previous.text} {line.text}")
        else:
            joined.append(line)
        last_width = len(line.text)
    return joined


def restore_shape(lines: list[Line], tokenised: bool) -> tuple[list[Line], list[Removed]]:
    """Undo Markdown escapes and tokenised spacing; cut flattened lines into pieces.

    Pieces that are credits, labelled or glued related headlines are removed here; the rest
    go through the same classification as whole lines.
    """
    result, removed, respaced = [], [], 0
    for line in lines:
        text, backslashes = unescape_markdown(line.text)
        if backslashes:
            removed.append(Removed(line.number, backslashes, "markdown escape"))
        if is_flattened(text):
            parts, joiners = read_flattened(text, tokenised)
            if joiners:
                removed.append(Removed(line.number, joiners, "lost line breaks"))
            removed += [Removed(line.number, part.text, part.reason) for part in parts if part.reason]
            result += [Line(line.number, part.text, index, part.hard)
                       for index, part in enumerate(parts) if not part.reason]
            respaced += tokenised
            continue
        mended = respace(text) if tokenised else mend_domains(text)
        respaced += tokenised and mended != text
        result.append(line if mended == line.text else replace(line, text=mended))
    if respaced:
        first = next(line.number for line in lines if line.text)
        removed.append(Removed(first, f"spaces around punctuation ({respaced} lines)", "tokenised spacing"))
    return result, removed


def split_fragments(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """Cut captions glued to a paragraph's start and editor codes off its end."""
    rules, result, removed = load_rules(), [], []
    for line in lines:
        credit = split_credit(line.text)
        credit = credit if credit and is_body_like(line.text) else None
        if credit and credit[1]:  # a reporter line glued to the lead
            removed.append(Removed(line.number, credit[0], "byline"))
            line = replace(line, text=credit[1])
        placeholder = PLACEHOLDER.match(line.text)
        if placeholder and placeholder.end() < len(line.text):
            removed.append(Removed(line.number, placeholder.group().strip(), "image"))
            line = replace(line, text=line.text[placeholder.end():])
        glued = GLUED_CAPTION.match(line.text)
        if glued:
            removed.append(Removed(line.number, glued.group("caption"), "photo caption"))
            line = replace(line, text=line.text[glued.end("caption"):])
        code = rules.trailing_code.search(line.text)
        if code:
            removed.append(Removed(line.number, code.group("code"), "editor code"))
            line = replace(line, text=line.text[:code.start()].rstrip())
        result.append(line)
    return result, removed


# --- header -----------------------------------------------------------------------------------


def find_body_start(lines: list[Line]) -> int:
    """Return the index of the first body line (or of a dateline standing alone)."""
    for index, line in enumerate(lines):
        text = line.text
        if text and not line_reason(text) and not parse_byline(text):
            if is_body_like(text) or is_standalone_dateline(text):
                return index
    return fallback_start(lines)


def skip_metadata_table(lines: list[Line], start: int) -> int:
    """Start the body after a scraper's field table that follows the teaser ("| author | X |")."""
    table_end = None
    for index in range(start, min(len(lines), start + METADATA_TABLE_REACH)):
        if lines[index].text.startswith("|") and line_reason(lines[index].text) == "metadata table":
            table_end = index
        elif table_end is not None and lines[index].text:
            break
    return start if table_end is None else table_end + 1


def fallback_start(lines: list[Line]) -> int:
    """Without a body-like line, start the body after the first title-like line."""
    titled = False
    for index, line in enumerate(lines):
        if not line.text or line_reason(line.text):
            continue
        if titled:
            return index
        titled = is_title_like(line.text)
    return len(lines)


def classify_header(lines: list[Line], aliases: frozenset) -> list[Removed]:
    """Give every header line its reason: section, title, byline, date line, caption, ..."""
    texts = [line for line in lines if line.text]
    removed, title = [], None
    for position, line in enumerate(texts):
        following = texts[position + 1].text if position + 1 < len(texts) else ""
        reason = header_reason(line.text, title, following, aliases)
        title = line.text if reason == "title" else title
        removed.append(Removed(line.number, line.text, reason))
    return relabel_names(removed)


def relabel_names(removed: list[Removed]) -> list[Removed]:
    """Make a bare name beside the date line a byline ("Pjotr Sauer" over "13 Feb 2025")."""
    result = list(removed)
    for index, entry in enumerate(removed):
        neighbours = removed[max(0, index - 1):index] + removed[index + 1:index + 2]
        if (entry.reason == "photo caption" and is_name_only(entry.text)
                and any(other.reason == "date line" for other in neighbours)):
            result[index] = replace(entry, reason="byline")
    return result


def header_reason(text: str, title: str | None, following: str, aliases: frozenset) -> str:
    """Return what one header line is, given the title seen so far."""
    if title is not None and same_text(text, title):
        return "duplicate title"
    if is_alias_line(text, aliases):
        return "byline"
    reason = line_reason(text)
    if reason:
        return reason
    if parse_byline(text):
        return "byline"
    if title is None and is_section(text, following):
        return "section"
    if title is None and is_title_like(text):
        return "title"
    if title is not None and is_body_like(text):
        return "teaser"  # a summary printed under the title, above a field table
    # Short lines between the title and the body are captions of the lead photo.
    return "photo caption" if title is not None else "navigation"


# --- body -------------------------------------------------------------------------------------


def classify_body(lines: list[Line], aliases: frozenset,
                  code_lines: set[int]) -> tuple[list[Line], list[Removed]]:
    """Remove boilerplate lines, link lists and everything after the article's end.

    ``code_lines`` are the lines whose paragraph ended with an editor code.
    """
    reasons = {index: reason for index, line in enumerate(lines)
               if line.text and (reason := body_reason(line.text, aliases))}
    reasons |= mark_link_lists(lines, reasons)
    reasons |= mark_after_end(lines, reasons, code_lines)
    kept = [line for index, line in enumerate(lines) if index not in reasons]
    removed = [Removed(lines[index].number, lines[index].text, reason)
               for index, reason in sorted(reasons.items())]
    return kept, removed


def body_reason(text: str, aliases: frozenset) -> str | None:
    """Return why a body line is boilerplate; a line naming only outlets credits a source."""
    return "source line" if is_alias_line(text, aliases) else line_reason(text)


def mark_link_lists(lines: list[Line], reasons: dict[int, str]) -> dict[int, str]:
    """Mark "Baca juga" / "Berita Trending" headers and the link lists after them."""
    rules, marks = load_rules(), {}
    for index, line in enumerate(lines):
        found = rules.headers.fullmatch(line.text) if line.text else None
        if not found or index in marks:
            continue
        reason = reason_of(found, rules.header_reasons)
        marks[index] = reason
        if not found.group("inline"):
            marks.update(dict.fromkeys(follow_links(lines, index + 1, reasons), reason))
    return marks


def follow_links(lines: list[Line], start: int, reasons: dict[int, str]) -> list[int]:
    """Return the indexes of the list items and link titles that follow a header."""
    taken, after_blank = [], False
    for index in range(start, len(lines)):
        text = lines[index].text
        if not text:
            after_blank = True
            continue
        if index in reasons:
            continue
        is_item = bool(ITEM.match(text))
        if (after_blank and taken and not is_item) or not (is_item or is_link_title(text)):
            break
        taken.append(index)
        after_blank = False
    return taken


def mark_after_end(lines: list[Line], reasons: dict[int, str], code_lines: set[int]) -> dict[int, str]:
    """Mark every line after the last editor code: promos, blurbs, widgets."""
    ends = [index for index, line in enumerate(lines)
            if (reasons.get(index) == "editor code" or line.number in code_lines)
            and ends_article(lines, index)]
    marks = {}
    for index in range(max(ends, default=len(lines)) + 1, len(lines)):
        if lines[index].text and index not in reasons:
            marks[index] = tail_reason(lines[index].text) or "promo"
    return marks


def ends_article(lines: list[Line], index: int) -> bool:
    """Tell whether a code can end the article: more of the text stands before it than after.

    A photo credit such as "(AFP/POOL)" under a caption near the top looks like an editor code;
    taking it for the end would throw the whole body away.
    """
    before = sum(len(line.text.split()) for line in lines[:index + 1])
    after = sum(len(line.text.split()) for line in lines[index + 1:])
    return before > after


def trim_tail(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """Remove author/site blurbs and short widget lines after the last paragraph."""
    kept, removed = list(lines), []
    while kept:
        line = kept[-1]
        if not line.text:
            kept.pop()
            continue
        reason = tail_reason(line.text) or ("promo" if is_fragment(line.text) else None)
        if reason is None:
            break
        removed.append(Removed(line.number, line.text, reason))
        kept.pop()
    return kept, removed[::-1]


def tail_reason(text: str) -> str | None:
    """Return what a line after the article's end is: a credit or sign-off, a blurb, or None."""
    if is_credit_line(text) or is_signoff(text):
        return "byline"
    return "author blurb" if match_blurb(text) else None


# --- blocks -----------------------------------------------------------------------------------


def build_blocks(lines: list[Line]) -> tuple[Block, ...]:
    """Turn kept lines into paragraph, heading and item blocks anchored p1, p2, ..."""
    units = join_units(lines)
    blocks = []
    for position, unit in enumerate(units):
        kind, text, number = shape_unit(units, position)
        blocks.append(Block(kind=kind, text=text, line=unit.number, anchor=f"p{len(blocks) + 1}",
                            ordered=number is not None, number=number))
    return tuple(blocks)


def join_units(lines: list[Line]) -> list[Line]:
    """Join a line into the previous one when it continues a wrapped sentence."""
    units, previous_blank, last = [], True, None
    for line in lines:
        if not line.text:
            previous_blank = True
            continue
        previous = units[-1] if units else None
        continues = (last is not None and not line.hard and line.number == last.number
                     and line.piece == last.piece + 1)
        last = line
        if continues:
            units[-1] = replace(previous, text=f"{previous.text} {line.text}")
        elif (previous and not previous_blank and line.text[0].islower()
                and not ENDS_SENTENCE.search(previous.text)
                and not ITEM.match(line.text) and not ITEM.match(previous.text)):
            units[-1] = replace(previous, text=f"{previous.text} {line.text}")
        else:
            units.append(line)
        previous_blank = False
    return units


def shape_unit(units: list[Line], position: int) -> tuple[str, str, int | None]:
    """Return (kind, text, list number) of one unit, judged with its neighbours."""
    text = units[position].text
    markdown = MARKDOWN_HEADING.match(text)
    if markdown:
        return "heading", (markdown.group("hash") or markdown.group("bold")).strip(), None
    item = ITEM.match(text)
    if item:
        number = item.group("number")
        return "item", item.group("text"), int(number) if number else None
    following = units[position + 1].text if position + 1 < len(units) else None
    if position > 0 and following and is_heading_like(text) and not is_heading_like(following):
        return "heading", text, None
    return "paragraph", text, None


def is_heading_like(text: str) -> bool:
    """Tell whether a line could be a sub-heading: short, capitalised, no final punctuation."""
    return (len(text.split()) <= MAX_HEADING_WORDS and len(text) <= MAX_HEADING_CHARS
            and (text[0].isupper() or text[0].isdigit())
            and not re.search(r"[.,;:!\"”'’)]$", text) and not ITEM.match(text))
