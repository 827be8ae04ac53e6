"""Cited sources: the wire agencies and media an article quotes or credits."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from ..core.knowledge import load_data, reuse_last
from ..core.models import Block, Outlet
from .entities import WORD, flatten, lexicon, phrase_atoms, skip_space, surface_forms, trie_pattern

CUE_WINDOW = 80  # characters before a name searched for a cue
MAX_NAME_WORDS = 5
NEVER = re.compile(r"(?!)")
DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
PARENTHETICAL = re.compile(r"\(([^()\n]{1,80})\)")
# What may stand beside outlet names in a credit "(Reuters/AFP)", "(AFP/ita)": separators and an
# editor's lowercase initials.
CREDIT_FILLER = re.compile(r"[\s/,;&+-]+|(?<![\w.])(?:dan|and|[a-z]{2,4})(?![\w.])")
PART_SEPARATOR = re.compile(r"\s*(?:[,/;&+]|(?<!\w)(?:dan|and)(?!\w))\s*")
NAME_WORD = re.compile(r"[^\W\d_][\w&'’.\-]*")


@dataclass(frozen=True)
class Cues:
    """The compiled cue phrases of ``data/sources.yml``."""

    before: re.Pattern  # a cue (and fillers) ending right before a name
    after: re.Pattern  # a cue starting right after a name
    label: re.Pattern  # a credit line "Sumber : Epochtimes.com"
    media: re.Pattern  # a media-only cue (and fillers) before a name


@dataclass(frozen=True)
class OutletMatcher:
    """One compiled regex of every outlet name and alias, and the display name of each."""

    pattern: re.Pattern
    names: dict[str, str]  # surface form (domains case-folded) -> display name

    def lookup(self, text: str) -> str | None:
        """Return the display name of a matched surface form."""
        text = flatten(text)
        if text in self.names:
            return self.names[text]
        domain = text.casefold()
        while domain not in self.names and "." in domain:
            domain = domain.split(".", 1)[1]  # www.reuters.com -> reuters.com
        return self.names.get(domain)


def find_sources(blocks: Sequence[Block], outlets: tuple[Outlet, ...], own: str | None = None,
                 extra_lines: Sequence[str] = ()) -> tuple[str, ...]:
    """Return the outlets the article cites, in order of first mention, without its own outlet."""
    matcher = outlet_matcher(tuple(outlets))
    texts = [block.text for block in blocks] + [str(line) for line in extra_lines]
    cited = [name for text in texts for name in cited_in(text, matcher)]
    excluded = own_names(own, outlets)
    return tuple(dict.fromkeys(name for name in cited if name.casefold() not in excluded))


def cited_in(text: str, matcher: OutletMatcher) -> list[str]:
    """Return the names cited in one text, in order of position."""
    found = [*credit_lines(text, matcher), *parenthetical_credits(text, matcher),
             *cued_outlets(text, matcher), *unknown_outlets(text, matcher)]
    return [name for _, name in sorted(found, key=lambda item: item[0]) if name]


def cued_outlets(text: str, matcher: OutletMatcher) -> Iterator[tuple[int, str]]:
    """Yield known outlets with a cue right before or after them ("Menurut laporan Reuters")."""
    for match in matcher.pattern.finditer(text):
        start, end = match.span()
        before = cues().before.search(text, max(0, start - CUE_WINDOW), start)
        if before or cues().after.match(text, end):
            yield start, matcher.lookup(match.group())


def parenthetical_credits(text: str, matcher: OutletMatcher) -> Iterator[tuple[int, str]]:
    """Yield outlets credited in parentheses: "WASHINGTON (Reuters) -", "(AFP/ita)"."""
    for credit in PARENTHETICAL.finditer(text):
        inner = credit.group(1)
        names = list(matcher.pattern.finditer(inner))
        if names and not CREDIT_FILLER.sub("", matcher.pattern.sub("", inner)):
            yield from ((credit.start(1) + m.start(), matcher.lookup(m.group())) for m in names)


def credit_lines(text: str, matcher: OutletMatcher) -> Iterator[tuple[int, str]]:
    """Yield the sources of credit lines such as "Sumber : Epochtimes.com"."""
    for line in cues().label.finditer(text):
        for part in PART_SEPARATOR.split(line.group("value")):
            part = part.strip().rstrip(".")
            known = matcher.pattern.fullmatch(part)
            if known:
                yield line.start("value"), matcher.lookup(part)
            elif looks_like_outlet(part):
                yield line.start("value"), part


def looks_like_outlet(text: str) -> bool:
    """Say whether a credited text is a short capitalised name or a domain."""
    short = 0 < len(text.split()) <= MAX_NAME_WORDS
    return short and (text[0].isupper() or bool(DOMAIN.fullmatch(text)))


def unknown_outlets(text: str, matcher: OutletMatcher) -> Iterator[tuple[int, str]]:
    """Yield capitalised names after media-only cues ("Dilansir Al Mayadeen") missing from outlets."""
    for cue in cues().media.finditer(text):
        span = read_outlet_name(text, cue.end())
        if span and not matcher.pattern.search(text, span[0], span[1]):
            yield span[0], text[span[0]:span[1]]


def read_outlet_name(text: str, pos: int) -> tuple[int, int] | None:
    """Return the span of the capitalised words (or domain) at ``pos``, after an optional country."""
    words = lexicon()
    qualifier = words.qualifiers.match(text, pos)
    if qualifier:  # "kantor berita Rusia TASS": the country is not the outlet
        pos = skip_space(text, qualifier.end())
    start = end = pos
    for word in NAME_WORD.finditer(text, pos):
        token, gap = word.group(), text[end:word.start()]
        if gap.strip() or (end == start and gap) or not (token[0].isupper() or DOMAIN.fullmatch(token)):
            break
        end = word.end()
    while end > start and text[end - 1] == "." and not DOMAIN.fullmatch(text[start:end]):
        end -= 1  # a full stop ends the sentence, not the name
    name = text[start:end]
    if len(name) < 2 or len(name.split()) > MAX_NAME_WORDS or name.split()[0] in words.stopwords:
        return None
    if words.roles.match(name) or words.qualifiers.fullmatch(name):
        return None
    return start, end


def own_names(own: str | None, outlets: Sequence[Outlet]) -> set[str]:
    """Return the case-folded names of the article's own outlet, to leave it out of the sources."""
    if not own:
        return set()
    key = flatten(own).casefold()
    return {key, *outlet_keys(tuple(outlets)).get(key, ())}


@reuse_last
@lru_cache(maxsize=8)
def outlet_keys(outlets: tuple[Outlet, ...]) -> dict[str, frozenset[str]]:
    """Map each case-folded id, name and alias to the case-folded names of the outlets it names."""
    keys: dict[str, set[str]] = defaultdict(set)
    for outlet in outlets:
        for key in {outlet.id.casefold(), outlet.name.casefold(), *(a.casefold() for a in outlet.aliases)}:
            keys[key].add(outlet.name.casefold())
    return {key: frozenset(names) for key, names in keys.items()}


@reuse_last
@lru_cache(maxsize=8)
def outlet_matcher(outlets: tuple[Outlet, ...]) -> OutletMatcher:
    """Compile every outlet name and alias once: names as written or in capitals, domains in any case."""
    names: dict[str, str] = {}
    for outlet in outlets:
        for alias in (outlet.name, *outlet.aliases):
            alias = flatten(alias)
            forms = (alias.casefold(),) if DOMAIN.fullmatch(alias) else surface_forms(alias)
            for form in forms:
                names.setdefault(form, outlet.name)
    # A form without a letter or digit would match everywhere: leave it out.
    ordered = sorted((form for form in names if WORD.search(form)), key=lambda form: (-len(form), form))
    if not ordered:
        return OutletMatcher(NEVER, names)
    domains = [phrase_atoms(form, any_case=True) for form in ordered if DOMAIN.fullmatch(form)]
    others = [phrase_atoms(form) for form in ordered if not DOMAIN.fullmatch(form)]
    # A domain may come with any subdomain (www.reuters.com); possessive, so a word is read once.
    # The lookahead, which every domain passes, spares the domain tree at the other words.
    parts = ([trie_pattern(others)] if others else []) + (
        [r"(?=[\w-]++\.)(?:[\w-]++\.)*" + trie_pattern(domains)] if domains else [])
    return OutletMatcher(re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w|\.\w)"), names)


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Load and compile the cue phrases once."""
    data = load_data("sources.yml")
    fillers = alternation(data["fillers"])
    qualifiers = lexicon().qualifiers.pattern  # "Dilansir kantor berita Rusia TASS"
    return Cues(
        before=re.compile(rf"(?i:(?<!\w)(?:{alternation(data['before'])}))"
                          rf"(?:[\s,]+(?:(?i:{fillers})|{qualifiers})(?!\w)){{0,3}}[\s:,]*$"),
        after=re.compile(rf"[\s,]*(?i:{alternation(data['after'])})(?!\w)"),
        label=re.compile(rf"^[ \t]*(?i:{alternation(data['labels'])})[ \t]*:[ \t]*(?P<value>\S.*?)[ \t]*$",
                         re.MULTILINE),
        media=re.compile(rf"(?i:(?<!\w)(?:{alternation(data['media_cues'])})(?:\s+(?:{fillers})(?!\w))*)\s+"),
    )


def alternation(phrases: Sequence[str]) -> str:
    """Return a regex alternation of phrases, longest first, any white space between words."""
    ordered = sorted({str(p) for p in phrases}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in ordered)
