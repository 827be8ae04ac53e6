"""Text that lost its shape on the way: flattened paragraphs, tokenised spacing, Markdown escapes.

Scrapers and research datasets hand articles over in three damaged forms, each undone here
with pure functions over one line (``clean`` applies them and keeps a record):

- **Flattened paragraphs.** A whole page on one line: paragraphs glued with ".," (CSV
  exports) or with the full stop touching the next word (" .Hal ini"), related headlines and
  promos between the sentences ("… dua gol . Indonesia Vs Thailand : Garuda Dilibas 0 - 3
  Wasit menunjuk …"), credits, editor codes and tags at the end. ``split_flattened`` cuts such
  a line into pieces; a piece after a lost line break starts a new paragraph, the others are
  joined back when nothing between them was removed.
- **Tokenised spacing.** Spaces around every mark (``" Kami siap , " kata dia .``) and the
  clitic "-nya" split off ("tegas nya"); ``respace`` writes the text as it was printed.
- **Markdown escapes.** ``\\"`` and ``\\[img.2\\]`` from an HTML-to-Markdown converter.

The word lists (inline markers, words kept lowercase in headlines) are data in
``data/boilerplate.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.knowledge import load_data

FLATTENED_WORDS = 120  # a line this long is read piece by piece
FLATTENED_MIN_CHARS = 300  # so is a shorter one with this many lost line breaks:
LOST_BREAKS = 2
TOKENISED_MIN = 4  # spaced commas/full stops that make an article tokenised
HEADLINE_MIN_WORDS = 4
HEADLINE_CAPITALISED = 0.8  # share of capitalised words in a headline (function words aside)
TITLE_RUN_MIN = 3
APPOSITION_WORDS = 3  # "…, Rudi Hartono Sinaga mengatakan": a name after a comma, not a headline's end

MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!\"'|<>~])")
SPACED_MARK = re.compile(r"(?<=\w) [,.](?= |$)")
ANY_MARK = re.compile(r"[,.](?= |$)")
# Hard boundaries: a line break the page lost. Soft ones: a sentence end.
HARD = re.compile(
    r"(?<=[.!?\"”]),(?=\S)"  # CSV-joined paragraphs: "… dia.,Ketua …"
    r"|(?<=\w),(?=[A-Z][a-z]+\s?:)"  # "… Pipit Ika,Sumber: …"
    r"|(?<=\s)[.!?](?=[\"“A-Z(0-9])"  # tokenised text: "… ini .Hal …", "… nya .\" Kami"
    r"|(?<=[a-z]{2})[.!?](?=[\"“]?[A-Z][a-z])")  # "… kali.Ini …"
STOP = re.compile(r"[.!?]+(?=\s)(?!\s(?:COM|CO|ID|NET|ORG)\b)")  # not inside "TRIBUNNEWS. COM"
ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]|No|Jl|Dr|Prof|Ir|Drs|St|Kol|Jend|Tbk|dll|dsb|dkk|Mr|Mrs|Ms|Sen|Gen)\s?$")
LIST_NUMBER = re.compile(r"(?:^|[.!?:]\s?|[A-Za-z])\d{1,2}\s?$")  # "… Kota2 ." opens an item
NUMBERED = re.compile(r"^\d{1,2} ?\. \S+(?: \S+){0,5}$")  # "2 . Kemacetan"
GLUE = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z]{2}|[A-Z]{3})|(?<=[A-Z]{2})(?=[A-Z][a-z]{3})"
                  r"|(?<=[A-Za-z])(?=\d{1,2} ?\. [A-Z])")
QUOTE_MARKS = re.compile(r"[\"“”]")
WORD = re.compile(r"\S+")
LETTERS = re.compile(r"[^\W\d_]")

# Respacing tokenised text, in order.
SPACE_BEFORE = re.compile(r"(?<=\S) +([,.;:!?%)\]}…])")
SPACE_AFTER = re.compile(r"([(\[{]) +")
CLITIC = re.compile(r"(?<=\w) (?:(-) )?(?=nya\b)")  # "tegas nya", "UU - nya": the tokeniser split "-nya" off
APOSTROPHE = re.compile(r"(?<=\w) ?' ?(?=(?:s|t|re|ve|ll|d|m)\b)|(?<=[a-zA-Z]) ' (?=[a-z]{1,3}\b)")
SLASH = re.compile(r"(?<=[\w)]) / (?=[\w(])")
SPACED_DOMAIN = re.compile(r"(?<=[A-Za-z0-9])\. ?(?=(?:COM|CO\.ID|CO|ID|NET|ORG)\b)")
DOUBLE_QUOTE = re.compile(r"\"")
DOMAIN_ENDS = ("COM", "CO", "ID", "NET", "ORG")
SINGLE_QUOTE = re.compile(r"(?:(?<=\s)|^)'(?=\s)|(?<=\s)'(?:(?=\s)|$)")


@dataclass(frozen=True)
class Piece:
    """A part of a flattened line; ``hard``: a lost line break comes before it."""

    text: str
    hard: bool


# --- data -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def markers() -> re.Pattern:
    """Compile the inline boilerplate markers: a piece starts at each of them."""
    return re.compile("|".join(load_data("boilerplate.yml")["inline_markers"]), re.IGNORECASE)


@lru_cache(maxsize=1)
def marker_ends() -> re.Pattern:
    """Compile what ends an inline marker's piece: a closing bracket, an editor code."""
    return re.compile("|".join(load_data("boilerplate.yml")["inline_marker_ends"]), re.IGNORECASE)


@lru_cache(maxsize=1)
def headline_words() -> frozenset[str]:
    """Return the words a headline keeps in lowercase (prepositions, conjunctions)."""
    return frozenset(load_data("boilerplate.yml")["headline_lowercase"])


@lru_cache(maxsize=1)
def sentence_openers() -> frozenset[str]:
    """Return words that open a sentence and never sit capitalised inside a headline."""
    return frozenset(load_data("boilerplate.yml")["sentence_openers"])


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Return the titles and roles that open a speaker's name ("Kapolri Jenderal Tito …")."""
    data = load_data("attribution.yml")
    roles = [w for group in data["role_words"].values() for w in group]
    return frozenset(str(w).lower() for w in (*roles, *data["name_prefixes"]))


# --- markdown escapes and tokenised text ---------------------------------------------------


def unescape_markdown(text: str) -> tuple[str, str]:
    """Drop the backslashes of Markdown escapes; return the text and the backslashes dropped."""
    if "\\" not in text:
        return text, ""
    dropped = len(MARKDOWN_ESCAPE.findall(text))
    return (MARKDOWN_ESCAPE.sub(r"\1", text), "\\" * dropped) if dropped else (text, "")


def is_tokenised(text: str) -> bool:
    """Tell whether a text puts spaces before its commas and full stops (most of them)."""
    # Counted with str.count (in C): most articles are told apart without a regex.
    spaced = text.count(" , ") + text.count(" . ") + text.count(" .\n")
    if spaced < TOKENISED_MIN:
        return False
    spaced = len(SPACED_MARK.findall(text))
    return spaced >= TOKENISED_MIN and spaced * 2 >= len(ANY_MARK.findall(text))


def respace(text: str) -> str:
    """Write tokenised text as printed: no space before , . : ) or after (, quotes hugging."""
    text = APOSTROPHE.sub("'", text)
    text = SLASH.sub("/", SPACE_AFTER.sub(r"\1", SPACE_BEFORE.sub(r"\1", text)))
    text = SPACED_DOMAIN.sub(".", CLITIC.sub(lambda m: m.group(1) or "", text))
    return hug_quotes(text)


def hug_quotes(text: str) -> str:
    """Remove the inner spaces of quotations written with spaced straight marks (" … ")."""
    parts, opened, last = [], False, 0
    for match in DOUBLE_QUOTE.finditer(text):
        at = match.start()
        if opened:
            parts.append(text[last:at].rstrip(" ") + '"')
        else:
            parts.append(text[last:at] + '"')
            at = len(text) - len(text[at + 1:].lstrip(" ")) - 1
        last, opened = at + 1, not opened
    parts.append(text[last:])
    return SINGLE_QUOTE.sub("'", "".join(parts)) if "'" in text else "".join(parts)


# --- flattened lines -----------------------------------------------------------------------


def is_flattened(text: str) -> bool:
    """Tell whether a line holds several paragraphs: long, or joined where line breaks were."""
    if text.count(" ") + 1 >= FLATTENED_WORDS:
        return True
    # ".," (CSV joins) and " .X" (tokenised text) counted in C before any regex runs
    return (len(text) > FLATTENED_MIN_CHARS and text.count(".,") + text.count(" .") >= LOST_BREAKS
            and len(HARD.findall(text)) >= LOST_BREAKS)



def split_flattened(text: str) -> list[Piece]:
    """Cut a flattened line into pieces at lost line breaks, sentence ends and inline markers."""
    cuts = {0: True}
    cuts.update(dict.fromkeys((m.end() for m in HARD.finditer(text)), True))
    inside = quoted_ranges(text)
    for match in STOP.finditer(text):
        before = text[max(0, match.start() - 6):match.start()]
        if not inside(match.start()) and not LIST_NUMBER.search(before) and not ABBREVIATION.search(before):
            cuts.setdefault(match.end(), False)
    for match in markers().finditer(text):
        glued = match.start() and text[match.start()].isalpha() and text[match.start() - 1].isalnum()
        if not inside(match.start()) and not glued:
            cuts.setdefault(match.start(), False)
    for match in marker_ends().finditer(text):
        if not inside(match.start()):
            cuts.setdefault(match.end(), False)
    offsets = sorted(cuts)
    pieces = [Piece(text[start:end].strip(), cuts[start])
              for start, end in zip(offsets, offsets[1:] + [len(text)])]
    return [part for piece in pieces if piece.text for part in split_glue(piece)]


def quoted_ranges(text: str):
    """Return a test telling whether an offset lies inside a quotation (by mark parity)."""
    marks = [m.start() for m in QUOTE_MARKS.finditer(text)]
    spans = list(zip(marks[0::2], marks[1::2]))
    return lambda at: any(start < at < end for start, end in spans)


def split_glue(piece: Piece) -> list[Piece]:
    """Cut a headline glued to the next sentence ("… Target PemerintahBerikut alasan …")."""
    for match in GLUE.finditer(piece.text):
        head = piece.text[:match.start()]
        if is_title_run(head) or NUMBERED.match(head):
            rest = Piece(piece.text[match.start():], True)
            return [Piece(head, piece.hard), *split_glue(rest)]
    return [piece]


def is_title_run(text: str) -> bool:
    """Tell whether text is a run of capitalised words, as a headline is written."""
    words = [w for w in WORD.findall(text) if LETTERS.search(w)]
    return len(words) >= TITLE_RUN_MIN and capitalised_share(words) >= HEADLINE_CAPITALISED


def capitalised_share(words: list[str]) -> float:
    """Return the share of capitalised words, not counting the lowercase function words."""
    counted = [w for w in words if w.lower() not in headline_words()]
    if not counted:
        return 0.0
    return sum(w[0].isupper() or w[0].isdigit() for w in counted) / len(counted)


# --- headlines between sentences ---------------------------------------------------------------


def split_headline(text: str, labelled: bool = False) -> tuple[str, str] | None:
    """Split a related headline off the sentence that follows it; None when text opens otherwise.

    The headline ends where the sentence starts: at a capitalised word that opens sentences
    ("Saat", "Sementara"), else at the last capitalised word before the first lowercase word,
    moved back over a role and name ("Kapolri Jenderal Tito Karnavian menyebut") and over
    "X dan" ("Haris dan Muafaq diduga"). Without a label ("Lihat juga:") the headline must
    have a headline's shape: several capitalised words, a colon or comma or many words, no
    parentheses.
    """
    tokens = WORD.findall(text)
    start = sentence_start(tokens)
    if start is None or start == 0 or (not labelled and is_apposition(tokens, start)):
        return None
    head, rest = " ".join(tokens[:start]), " ".join(tokens[start:])
    return (head, rest) if looks_like_headline(tokens[:start], labelled) else None


def is_apposition(tokens: list[str], start: int) -> bool:
    """Tell whether the words before a name-led sentence are its subject's title and name
    ("Camat Sibolangit, Rudi Hartono Sinaga mengatakan …"), not a headline."""
    if start >= len(tokens) or tokens[start].lower() in sentence_openers() or tokens[start][0] in "\"“'‘":
        return False
    commas = [i for i in range(start) if tokens[i].endswith(",")]
    return bool(commas) and start - commas[-1] - 1 <= APPOSITION_WORDS


def sentence_start(tokens: list[str]) -> int | None:
    """Return the index of the token that starts the sentence after a title run."""
    first_lower = next((i for i, t in enumerate(tokens) if is_plain_lower(t)), len(tokens))
    if first_lower == len(tokens):
        return len(tokens)  # no sentence follows: the whole text is the title run
    openers = [i for i in range(1, first_lower) if (tokens[i].lower() in sentence_openers()
               and tokens[i][0].isupper()) or tokens[i][0] in "\"“'‘"]
    if openers:
        return openers[0]
    capitalised = [i for i in range(first_lower) if tokens[i][0].isupper()]
    if not capitalised:
        return None
    return extend_back(tokens, capitalised[-1])


def extend_back(tokens: list[str], start: int) -> int:
    """Move a sentence start back over "X dan" and over a name to the role before it."""
    if start >= 2 and tokens[start - 1].lower() in ("dan", "&") and tokens[start - 2][0].isupper():
        start -= 2
    for back in range(start - 1, max(-1, start - 5), -1):
        word = tokens[back].strip(",").lower()
        if not tokens[back][0].isupper() and tokens[back] != ",":
            break
        if word in role_words():
            start = back
    return start


def is_subject_phrase(tokens: list[str]) -> bool:
    """Tell whether capitalised words are a title, a body and a name ("Ketua Asosiasi Petani
    Garam Abdul Karim"), the subject of the sentence that follows, rather than a headline."""
    if tokens[0].lower() not in role_words():
        return False
    return not any(t[0].islower() or t.endswith((":", "?", "!", ",")) for t in tokens)


def is_plain_lower(token: str) -> bool:
    """Tell whether a token is a lowercase word that is not a headline's function word."""
    return token[0].islower() and token.lower() not in headline_words() and bool(LETTERS.match(token))


def looks_like_headline(tokens: list[str], labelled: bool) -> bool:
    """Tell whether tokens have a headline's shape."""
    words = [t for t in tokens if LETTERS.search(t)]
    if labelled:
        return bool(words) and capitalised_share(words) >= HEADLINE_CAPITALISED
    if len(words) < HEADLINE_MIN_WORDS or any(t in ("(", ")") or t.startswith("(") for t in tokens):
        return False
    if tokens[-1].endswith("."):
        return False  # a sentence ends with a full stop, a headline does not
    if is_subject_phrase(tokens):
        return False
    marked = any(t in (":", ",", "?", "!") or t.endswith((":", ",", "?", "!")) for t in tokens)
    return capitalised_share(words) >= HEADLINE_CAPITALISED and (marked or len(words) >= 6)


# --- reading a flattened line piece by piece ------------------------------------------------

LABELLED = re.compile(r"(?i:baca (?:juga|pula)\s*:?|(?:lihat|simak)(?: juga)?\s*:|editor\s?'\s?s picks\s*:?)\s+")
CREDIT_LABEL = re.compile(r"(?i:laporan (?:wartawan|reporter|koresponden)(?: [\w.]+\.(?:com|id|co))?\s*,?"
                          r"|(?:reporter|penulis|pewarta|editor|penyunting)\s*:)\s*")
PHOTO_CREDIT = re.compile(r"(?i:antara foto|idn times|istimewa|reuters|afp|getty images)\s*/\s*"
                          r"|(?-i:Dokumentasi|Dok\.)\s+(?=[A-Z])")
TRAILING_CAPTION = re.compile(r"\s*\([^()]{3,150}\)$")
NAME_WORD = re.compile(r"(?:[A-Z][a-z'’.-]+|[A-Z]\.?|[A-Z]{2,5})$")
CREDIT_NAME_WORDS = 4


@dataclass(frozen=True)
class Part:
    """A piece of a flattened line with why it is removed (None: article text)."""

    text: str
    reason: str | None
    hard: bool


def read_flattened(text: str, tokenised: bool) -> tuple[list[Part], str]:
    """Cut a flattened line into parts, each kept or removed; return them and the dropped joiners."""
    parts, joiners, after_headline = [], "", False
    for piece in split_flattened(text):
        body = piece.text
        if body.endswith(","):  # the comma of a CSV join
            body, joiners = body.rstrip(","), joiners + ","
        body = respace(body) if tokenised else mend_domains(body)
        found = read_piece(body, piece.hard, bool(parts), after_headline)
        if found and found[0].reason == "photo caption" and parts and parts[-1].reason is None:
            parts[-1:] = cut_caption(parts[-1])
        kept = [part for part in found or () if part.text]
        after_headline = bool(kept) and kept[-1].reason == "related links"
        parts.extend(found or [Part(body, None, piece.hard)])
    return [part for part in parts if part.text], joiners


def read_piece(text: str, hard: bool, inside: bool, after_headline: bool) -> list[Part] | None:
    """Split a piece that opens with a label, a credit or a headline; None when it is plain text."""
    label = LABELLED.match(text)
    if label:
        split = split_headline(text[label.end():], labelled=True)
        head, rest = (text[:label.end()] + split[0], split[1]) if split else (text, "")
        return [Part(head, "related links", hard), Part(rest, None, True)]
    for pattern, reason in ((CREDIT_LABEL, "byline"), (PHOTO_CREDIT, "photo caption")):
        credit = split_credit(text, pattern)
        if credit:
            return [Part(credit[0], reason, hard), Part(credit[1], None, True)]
    if not inside or text[:1] in "\"“'‘":
        return None
    if after_headline and is_title_run(text) and not STOP.search(text + " "):
        return [Part(text, "related links", hard)]
    split = split_headline(text)
    if split:
        return [Part(split[0], "related links", hard), Part(split[1], None, True)]
    return None


def split_credit(text: str, pattern: re.Pattern = CREDIT_LABEL) -> tuple[str, str] | None:
    """Split a credit that opens a paragraph ("Laporan Wartawan X, Nama Reporter TRIBUNNEWS.COM,
    JAKARTA - …") into the credit and the rest."""
    credit = pattern.match(text)
    if not credit:
        return None
    end = credit.end() + name_length(text[credit.end():])
    return text[:end].strip(), text[end:].strip()


def name_length(text: str) -> int:
    """Return the length of the credited name opening text: capitalised words, not the next sentence."""
    tokens = list(WORD.finditer(text))
    taken = []
    for token in tokens[:CREDIT_NAME_WORDS]:
        word = token.group().rstrip(",")
        if not NAME_WORD.match(word) or word.lower() in role_words() or word.lower() in sentence_openers():
            break
        taken.append(token)
        if token.group().endswith(","):
            break
    following = tokens[len(taken)] if len(taken) < len(tokens) else None
    if taken and following and following.group()[0].islower() and len(taken) > 1:
        taken.pop()  # the last capitalised word is the subject of the next sentence
    return taken[-1].end() if taken else 0


def cut_caption(part: Part) -> list[Part]:
    """Cut the parenthesised caption that ends the part before a photo credit."""
    caption = TRAILING_CAPTION.search(part.text)
    if not caption:
        return [part]
    return [Part(part.text[:caption.start()], None, part.hard), Part(caption.group().strip(), "photo caption", True)]


def mend_domains(text: str) -> str:
    """Join a domain split at its dot ("TRIBUNNEWS. COM")."""
    return SPACED_DOMAIN.sub(".", text) if any(f". {tld}" in text for tld in DOMAIN_ENDS) else text
