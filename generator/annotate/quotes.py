"""Direct quotes: find them in the body and attribute them to speakers.

The quotation marks are paired in ``quote_marks``; ``link.quote_clusters`` finds the same statement
across articles.

Attribution follows ordered fallbacks, most explicit first:

1. an attribution right after the quote (``"…," kata Peskov``, ``"…," imbuhnya``,
   ``"…," Peskov told reporters``);
2. an attribution before it in the same sentence (``Menurut Peskov, "…"``,
   ``Peskov mencatat, "…"``, reported speech ``Trump menulis bahwa ia … "…"``);
3. a continuation: the previous quote's speaker when only its attribution separates the two
   (``"X," kata Peskov. "Y."``) or when a paragraph opens with an unattributed quote;
4. the name directly before a quote embedded in narrative (``Putin "sepakat …"``).

Reported speech beats the name directly before the quote: in ``Peskov menambahkan bahwa Putin
juga "menekankan …"`` the quoted words are Peskov's account, so Peskov is the speaker.
Pronoun attributions (``imbuhnya``, ``he said``, ``kata dia``) name the subject of the sentence
before the quote when the knowledge base knows it, else the most recent named speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Sequence

from ..core.knowledge import load_data
from ..core.models import Block, Entity, Quote
from .quote_marks import Span, scan_block

Resolver = Callable[[str], "Entity | None"]

# Speaker kinds that can say something; a place resolved from a phrase is not a speaker.
SPEAKING_TYPES = ("person", "organisation")

TOKEN = re.compile(r"\S+")
LEADING_PUNCT = "(\"'“‘„«["
TRAILING_PUNCT = ".,;:!?)\"'”’»]…"
DATE_TOKEN = re.compile(r"\(?\d[\d/.-]*\)?[,.]?$")
ONLY_GLUE = re.compile(r"[\s.,;:–—-]*")


@dataclass(frozen=True)
class Found:
    """An attribution found in the text, before its speaker is identified."""

    phrase: str | None  # the speaker words as written; None for a pronoun form
    attribution: str
    adjacent: bool  # touches the quote, which makes a short quote a statement


@dataclass(frozen=True)
class Speaker:
    """Who said a quote, and the words that say so."""

    name: str | None
    id: str | None
    attribution: str | None
    adjacent: bool = True


NOBODY = Speaker(None, None, None, adjacent=False)


# --- data ---------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def words(key: str) -> frozenset[str]:
    """Return the lower-cased words of one list in ``attribution.yml`` (all languages)."""
    value = load_data("attribution.yml")[key]
    items = value if isinstance(value, list) else [w for group in value.values() for w in group]
    return frozenset(str(item).lower() for item in items)


@lru_cache(maxsize=None)
def alternation(key: str) -> str:
    """Return a regex alternation of a word list, longest first, spaces flexible."""
    ordered = sorted(words(key), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    """Compile the attribution patterns, one regex per role, from the word lists."""
    first, speaker, forms = (alternation(k) for k in ("verb_first", "speaker_first", "pronoun_forms"))
    flags = re.IGNORECASE
    return {
        "after_pronoun": re.compile(rf"\A\s*,?\s*(?P<attr>{forms})(?!\w)", flags),
        "after_verb": re.compile(rf"\A\s*,?\s*(?P<verb>{first})\s+", flags),
        "verb_first": re.compile(rf"(?<!\w)(?P<verb>{first})\s+", flags),
        "speaker_first": re.compile(rf"(?<!\w)(?P<verb>{speaker})(?!\w)", flags),
        "verb_here": re.compile(rf"\s*(?P<verb>{speaker})(?!\w)", flags),
        "sentence_end": sentence_end_pattern(),
        # the verb touches the quote, or a colon follows a few words later ("told reporters:")
        "adjacent": re.compile(rf"(?<!\w)(?:{speaker}|{first})(?:\s+(?:bahwa|that))?"
                               rf"(?:\s*[,:]|(?:\s+[^\s,.:;]+){{1,4}}\s*:)?\s*\Z", flags),
    }


def sentence_end_pattern() -> re.Pattern:
    """Compile the end of a sentence: . ! ? … (and a closing mark) before a space, but not
    after an initial or an abbreviated title ("U.S. President", "J. Smith", "Dr. Terawan")."""
    titles = "".join(rf"(?<!\b{re.escape(t.capitalize())})" for t in sorted(words("abbreviated_titles")))
    # The lookahead first: the lookbehinds are tried only where a sentence can end.
    return re.compile(rf"(?=[.!?…])(?<![\s.(][A-Z])(?<!^[A-Z]){titles}[.!?…][\"”’)]?\s+")


def scare_max_words() -> int:
    """Return the longest quote (in words) that counts as a scare quote without attribution."""
    return int(load_data("attribution.yml")["scare_max_words"])


# --- speaker phrases ----------------------------------------------------------------------


def split_token(token: str) -> tuple[str, str, str]:
    """Split a token into leading punctuation, core word and trailing punctuation."""
    core = token.lstrip(LEADING_PUNCT)
    lead = token[: len(token) - len(core)]
    stripped = core.rstrip(TRAILING_PUNCT)
    return lead, stripped, core[len(stripped):]


def classify(core: str) -> str | None:
    """Name the part a word can play in a speaker phrase, or None if it ends the phrase."""
    lower = core.lower()
    if not core or lower in words("function_words") or lower in words("calendar_words"):
        return None
    if lower in words("pronouns"):
        return "pronoun"
    if core[0].isupper():
        return "name"
    if lower in words("role_words") or lower in words("determiners"):
        return "role"
    return None


def is_role(core: str) -> bool:
    """Tell whether a word is a title or role (it allows an apposition: "Jubir, Nama")."""
    return core.lower() in words("role_words")


def read_forward(text: str, pos: int) -> tuple[int, int] | None:
    """Return the span of the speaker phrase starting at ``pos`` (verb first: "kata …")."""
    start = end = None
    roles = comma = named = False
    for match in TOKEN.finditer(text, pos):
        lead, core, trail = split_token(match.group())
        kind = classify(core)
        if start is None and kind == "pronoun" and not lead:
            return match.start(), match.start() + len(core)
        if lead or kind not in ("name", "role") or (comma and kind != "name"):
            break
        start = match.start() if start is None else start
        end, comma = match.start() + len(core), False
        roles = roles or is_role(core)
        named = named or core.lower() not in words("determiners")
        if trail == "," and roles:
            comma = True
        elif trail and not is_abbreviation(core, trail):
            break
    return (start, end) if named else None  # "says the report" names nobody


def read_backward(text: str, end: int) -> tuple[int, int] | None:
    """Return the span of the speaker phrase ending before ``end`` (speaker first: "X menyatakan")."""
    tokens = list(TOKEN.finditer(text, 0, end))[::-1]
    while tokens and is_adverb(tokens[0].group()):
        tokens.pop(0)
    if tokens and classify(split_token(tokens[0].group())[1]) == "pronoun":
        lead, core, _ = split_token(tokens[0].group())
        return (tokens[0].start() + len(lead), tokens[0].start() + len(lead) + len(core))
    run = phrase_tokens(tokens)
    if not run:
        return None
    head = split_token(run[-1].group())[0]
    return run[-1].start() + len(head), phrase_end(run[0])


def phrase_tokens(tokens: list[re.Match]) -> list[re.Match]:
    """Collect the reversed tokens of a phrase; cross one comma only after a role word."""
    run, cut = [], None
    for index, match in enumerate(tokens):
        lead, core, trail = split_token(match.group())
        if classify(core) not in ("name", "role"):
            break
        if index and trail and not is_abbreviation(core, trail):
            if trail != "," or cut is not None:
                break
            cut = len(run)
        run.append(match)
        if lead:
            break
    if cut is not None and not any(is_role(split_token(t.group())[1]) for t in run[cut:]):
        run = run[:cut]
    return run


def is_abbreviation(core: str, trail: str) -> bool:
    """Tell whether a word's period abbreviates it ("Mr.", "Ir.", the initial "J.")."""
    if trail != ".":
        return False
    return (len(core) == 1 and core.isupper()) or core.lower() in words("abbreviated_titles")


def phrase_end(match: re.Match) -> int:
    """Return the offset where a token's word ends, before its trailing punctuation."""
    lead, core, _ = split_token(match.group())
    return match.start() + len(lead) + len(core)


def is_adverb(token: str) -> bool:
    """Tell whether a word may stand between a speaker and the verb ("juga", "(13/2)")."""
    core = split_token(token)[1].lower()
    return core in words("adverbs") or core in words("calendar_words") or bool(DATE_TOKEN.match(token))


def extract_name(phrase: str) -> str | None:
    """Return the person's name in a speaker phrase, without roles, titles and institutions."""
    tail = phrase.rsplit(",", 1)[-1] if "," in phrase else phrase
    tokens = [core + "." if is_abbreviation(core, trail[:1]) else core
              for _, core, trail in map(split_token, tail.split())]
    run: list[str] = []
    for core in reversed(tokens):
        if classify(core) != "name":
            break
        run.insert(0, core)
    while run and run[0].lower() in words("determiners"):
        run.pop(0)
    titles = [i for i, core in enumerate(run) if is_title(core)]
    if titles and titles[-1] < len(run) - 1:
        run = run[titles[-1] + 1:]  # the name follows the last title or institution
    return " ".join(run) or None


def is_title(core: str) -> bool:
    """Tell whether a capitalised word introduces a name without being part of it."""
    lower = core.lower().rstrip(".")
    return any(lower in words(key) for key in ("name_prefixes", "role_words", "abbreviated_titles"))


def written_alias(name: str, entity: Entity) -> str | None:
    """Return the longest full name of the entity written inside ``name`` ("Kremlin Dmitry Peskov").

    One-word aliases do not trim: "Listyo Sigit Prabowo" stays whole even if "Prabowo" is an alias.
    """
    full_names = [alias for alias in (entity.name, *entity.aliases) if len(alias.split()) > 1]
    for alias in sorted(full_names, key=len, reverse=True):
        match = re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", name, re.IGNORECASE)
        if alias and match:
            return match.group()
    return None


def identify(phrase: str, resolve: Resolver) -> tuple[str | None, str | None]:
    """Return (name as written, entity id) for a speaker phrase."""
    name = extract_name(phrase)
    entity = (resolve(name) if name else None) or (resolve(phrase) if phrase != name else None)
    if entity is None:
        return name, None
    return (written_alias(name, entity) or name) if name else entity.name, entity.id


# --- finding attributions -----------------------------------------------------------------


def after_attribution(text: str, span: Span) -> Found | None:
    """Find an attribution right after the closing mark ("…," kata Peskov / imbuhnya)."""
    after = text[span.end:]
    pronoun = patterns()["after_pronoun"].match(after)
    if pronoun:
        return Found(None, pronoun.group("attr"), adjacent=True)
    verb = patterns()["after_verb"].match(after)
    phrase = read_forward(after, verb.end()) if verb else None
    if phrase:
        start = verb.start("verb")
        return Found(after[phrase[0]:phrase[1]], after[start:phrase[1]], adjacent=True)
    if verb:  # "…," kata pedagang tersebut: attributed, to nobody named here
        return Found("", verb.group("verb"), adjacent=False)
    return speaker_after(text, span)


def speaker_after(text: str, span: Span) -> Found | None:
    """Find "…," Peskov told reporters; not after a quote that ends its sentence with a period."""
    if text[span.start:span.end - 1].rstrip().endswith("."):
        return None
    after = text[span.end:]
    phrase = read_forward(after, len(after) - len(after.lstrip(" ,")))
    verb = verb_after(after, phrase[1]) if phrase else None
    if verb is None:
        return None
    return Found(after[phrase[0]:phrase[1]], after[phrase[0]:verb.end()], adjacent=True)


def verb_after(text: str, pos: int) -> re.Match | None:
    """Match a speaking verb at ``pos``, past adverbs ("Peskov juga mengatakan")."""
    for token in TOKEN.finditer(text, pos):
        if not is_adverb(token.group()) or token.group().endswith((",", ".")):
            break
        pos = token.end()
    return patterns()["verb_here"].match(text, pos)


def before_attribution(before: str) -> Found | None:
    """Find an attribution in the sentence before the quote, the one nearest to it first."""
    return verb_first_before(before) or speaker_first_before(before)


def verb_first_before(before: str) -> Found | None:
    """Find "Menurut Peskov," / "According to Peskov," directly before the quote."""
    for verb in reversed(list(patterns()["verb_first"].finditer(before))):
        phrase = read_forward(before, verb.end())
        if phrase and re.fullmatch(r"[\s,:]*", before[phrase[1]:]):
            return Found(before[phrase[0]:phrase[1]], before[verb.start():phrase[1]], adjacent=True)
    return None


def speaker_first_before(before: str) -> Found | None:
    """Find "Peskov mencatat," or reported speech "Trump menulis bahwa …" before the quote."""
    for verb in reversed(list(patterns()["speaker_first"].finditer(before))):
        phrase = read_backward(before, verb.start())
        if phrase:
            adjacent = bool(patterns()["adjacent"].search(before))
            return Found(before[phrase[0]:phrase[1]], before[phrase[0]:verb.end()], adjacent)
    return None


def narrative_subject(before: str) -> Found | None:
    """Find the name directly before a quote embedded in narrative (Putin "sepakat …")."""
    if not before or not before[-1].isspace():
        return None
    phrase = read_backward(before, len(before))
    if phrase is None or classify(before[phrase[0]:phrase[1]]) == "pronoun":
        return None
    return Found(before[phrase[0]:phrase[1]], before[phrase[0]:phrase[1]], adjacent=False)


def sentence_start(text: str, at: int, floor: int = 0) -> int:
    """Return where the sentence containing offset ``at`` starts (not before ``floor``)."""
    start = floor
    for match in patterns()["sentence_end"].finditer(text, floor, at):
        start = match.end()
    return start


# --- resolving speakers -------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What attribution of one quote may look at: its block and the quotes found before it."""

    blocks: Sequence[Block]
    index: int  # of the block
    found: tuple[tuple[int, Span, Quote], ...]  # (block index, span, quote) so far
    resolve: Resolver

    @property
    def text(self) -> str:
        return self.blocks[self.index].text


def speaker_for(found: Found, ctx: Context, sentence_at: int) -> Speaker:
    """Turn an attribution into a speaker, resolving pronouns against the article so far."""
    if found.phrase is None or classify(found.phrase) == "pronoun":
        named = subject_before(ctx, sentence_at) or last_named(ctx)
        return replace(named or NOBODY, attribution=found.attribution, adjacent=found.adjacent)
    name, entity_id = identify(found.phrase, ctx.resolve)
    return Speaker(name, entity_id, found.attribution, found.adjacent)


def subject_before(ctx: Context, at: int) -> Speaker | None:
    """Return the subject of the sentence before offset ``at`` (or ending the previous block).

    A subject counts when the knowledge base knows it as a person or organisation, or when a
    speaking verb follows it ("Sugiono mengatakan …").
    """
    text = ctx.text[:at].rstrip()
    if not text and ctx.index:
        text = ctx.blocks[ctx.index - 1].text.rstrip()
    sentence = text[skip_connector(text, sentence_start(text, len(text))):]
    phrase = read_forward(sentence, 0)
    name = extract_name(sentence[phrase[0]:phrase[1]]) if phrase else None
    if name is None:
        return None
    entity = ctx.resolve(name)
    if entity is not None and entity.type in SPEAKING_TYPES:
        return Speaker(written_alias(name, entity) or name, entity.id, None)
    if entity is None and verb_after(sentence, phrase[1]):
        return Speaker(name, None, None)
    return None


def skip_connector(text: str, start: int) -> int:
    """Skip an opening connector such as "Sebelumnya," or "Sementara itu," of a sentence."""
    first = TOKEN.search(text, start)
    comma = text.find(",", start, start + 30)
    if first and comma > 0 and classify(split_token(first.group())[1]) is None:
        return comma + 1
    return start


def last_named(ctx: Context) -> Speaker | None:
    """Return the speaker of the most recent statement that has a named speaker."""
    for _, _, quote in reversed(ctx.found):
        if quote.kind == "statement" and quote.speaker_name:
            return Speaker(quote.speaker_name, quote.speaker_id, quote.attribution)
    return None


def continued_speaker(ctx: Context, span: Span) -> Speaker | None:
    """Return the previous quote's speaker when this quote continues it."""
    same = [(s, q) for i, s, q in ctx.found if i == ctx.index]
    if same:
        prev_span, prev = same[-1]
        between = ctx.text[prev_span.end:span.start]
        return as_speaker(prev) if only_attribution(between, prev.attribution) else None
    if ctx.text[:span.start].strip():
        return None
    previous = [q for i, _, q in ctx.found if i == ctx.index - 1 and q.kind == "statement"]
    return as_speaker(previous[-1]) if previous else None


def only_attribution(between: str, attribution: str | None) -> bool:
    """Tell whether the text between two quotes is just the first one's attribution clause."""
    tail = between.lstrip(" ,")
    if attribution and tail.startswith(attribution):
        rest = tail[len(attribution):].rstrip()
        return not patterns()["sentence_end"].search(rest) and (not rest or rest[-1] in ".,:;!?")
    return bool(ONLY_GLUE.fullmatch(between))


def as_speaker(quote: Quote) -> Speaker:
    """Return the speaker of an earlier quote, for a quote that continues it."""
    return Speaker(quote.speaker_name, quote.speaker_id, quote.attribution)


def attribute(ctx: Context, span: Span) -> Speaker:
    """Find the speaker of one quote by the ordered fallbacks of the module docstring."""
    text = ctx.text
    floor = max((s.end for i, s, _ in ctx.found if i == ctx.index and s.end <= span.start), default=0)
    sentence_at = sentence_start(text, span.start, floor)
    before = text[sentence_at:span.start]
    found = after_attribution(text, span) if span.closed else None
    found = found or before_attribution(before)
    if found:
        return speaker_for(found, ctx, sentence_at)
    continued = continued_speaker(ctx, span)
    if continued:
        return continued
    subject = narrative_subject(before)
    return speaker_for(subject, ctx, sentence_at) if subject else NOBODY


# --- quotes -------------------------------------------------------------------------------


def quote_text(text: str, span: Span) -> str:
    """Return the quoted words without their marks (and without a trailing comma)."""
    inner = text[span.start + 1:span.end - 1 if span.closed else span.end]
    return inner.strip().rstrip(",").rstrip()


def make_quote(ctx: Context, span: Span) -> Quote:
    """Build the Quote for one span, with its speaker and kind."""
    block = ctx.blocks[ctx.index]
    text = quote_text(block.text, span)
    speaker = attribute(ctx, span)
    short = len(text.split()) <= scare_max_words()
    return Quote(
        text=text,
        anchor=block.anchor,
        start=span.start,
        end=span.end,
        speaker_id=speaker.id,
        speaker_name=speaker.name,
        attribution=speaker.attribution,
        kind="scare" if short and not speaker.adjacent else "statement",
    )


def find_quotes(blocks: Sequence[Block], resolve: Resolver) -> tuple[Quote, ...]:
    """Return the direct quotes of an article's blocks with their speakers, in body order."""
    found: list[tuple[int, Span, Quote]] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1].text if index + 1 < len(blocks) else ""
        for span in scan_block(block.text, following).spans:
            if span.end - span.start <= 2 or not quote_text(block.text, span):
                continue
            ctx = Context(blocks, index, tuple(found), resolve)
            found.append((index, span, make_quote(ctx, span)))
    return tuple(quote for _, _, quote in backfill_open_quotes(found))


def backfill_open_quotes(found: list[tuple[int, Span, Quote]]) -> list[tuple[int, Span, Quote]]:
    """Give an unattributed paragraph left open the speaker of the paragraph that continues it."""
    result = list(found)
    for position in range(len(result) - 2, -1, -1):
        index, span, quote = result[position]
        next_index, _, following = result[position + 1]
        if not span.closed and quote.speaker_name is None and next_index == index + 1:
            speaker = dict(speaker_id=following.speaker_id, speaker_name=following.speaker_name,
                           attribution=following.attribution)
            result[position] = (index, span, replace(quote, **speaker))
    return result
