"""Cleaning names: the junk filter between a sighting and an automatic entity (link stage).

A sighting is cut down to the name it holds, with what the whole digest tells about its words
(``make_cleaner``): titles, ranks, roles and words the digest writes in lower case are cleaned off
("Komjen Pol", "Habibie Pernah Hampir Diracun" -> "Habibie"), and so are Indonesian words derived
from a root with affixes ("pertanian", "diracun"), told from names with the Sastrawi stemmer and its
root dictionary (``is_derived``); what is left must look like a name (a person's: no body's head
word, no acronym, no word glued by a scraper, at most four words), or the sighting is dropped.
Per article, ``clean_sightings`` also drops a place opening a long name ("Wali Kota Solo Gibran
Rakabuming Raka"), expands a single word to the full name the article writes, and reads the role
written before the name ("Kapolda Papua"). The lower-case words are counted again after an edit
only for the articles that changed (``count_lower``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from ..annotate.entities import TOKEN, flatten, is_acronym, lexicon
from ..annotate.entities import is_initial as is_dotted_initial  # "J."
from ..core.knowledge import load_data
from .sightings import (NAME_WORD, ORG_ACRONYM, ROLE_SPAN, ArticleNames, Sighting, capital_runs,
                        words)

MAX_NAME_WORDS = 4
MIN_STEM = 4  # a word is derived from a root of at least this length ("pertanian" <- "tani")
USUAL_ARTICLES = 2  # articles writing a word in lower case only that make it a usual word


# ---------------------------------------------------------------- cleaning names


@dataclass(frozen=True)
class Cleaner:
    """Clean names with what the digest tells about its words."""

    common: frozenset[str]  # words the digest writes in lower case more often than capitalised
    known_words: frozenset[str]  # role, qualifier, title and furniture words (folded)
    bodies: frozenset[str]  # places and the short forms of bodies (folded): "gresik", "kemenag"
    places: frozenset[str] = frozenset()  # names written after "di" or "ke" (folded): "new york"
    usual: frozenset[str] = frozenset()  # words written in lower case far more often: "menurut"

    def is_common(self, word: str) -> bool:
        """Say whether a capitalised word is a common word rather than part of a name."""
        folded = word.casefold()
        return folded in self.common or folded in self.known_words or is_derived(folded)

    def clean(self, name: str, kind: str) -> str | None:
        """Return the name without titles, ranks and common words around it, or None when no name
        is left ("Komjen Pol", "Kelautan", "Habibie Pernah Hampir Diracun" -> "Habibie")."""
        tokens = [t for t in TOKEN.findall(flatten(name)) if not t.startswith("(")]
        tokens = [t.strip(".,;:'’\"“”") if len(t) > 2 else t for t in tokens]
        tokens = [t for t in tokens if t]
        if kind != "person":
            return self.clean_body(tokens)
        # What comes before a body's short form or an acronym names the body ("Kemenhub Risal Wasal").
        heads = words().organisation_heads | words().place_heads
        if any(t.casefold() in heads for t in tokens):
            return None  # a person's name never holds "Partai" or "Kabupaten": a body's name was read
        place = next((n for n in range(len(tokens), 0, -1) if " ".join(tokens[:n]).casefold() in self.places), 0)
        tokens = tokens[place:]  # "New York City" is no person, "Solo Gibran Rakabuming Raka" is Gibran
        cut = max((n + 1 for n, t in enumerate(tokens[:-1])
                   if (is_acronym(t) and len(t) > 1) or t.casefold() in self.bodies), default=0)
        tokens = tokens[cut:]
        while len(tokens) > 1 and (self.is_common(tokens[0]) or not is_word(tokens[0])):
            if not self.strippable(tokens[0]):
                return None  # "New York": a capitalised common word starts a place's name, not a title
            tokens.pop(0)
        while tokens and (self.is_common(tokens[-1]) or not is_word(tokens[-1])):
            tokens.pop()
        if not tokens or len(tokens) > MAX_NAME_WORDS or len(set(tokens)) < len(tokens):
            return None
        if any(not self.is_name_token(token) for token in tokens) or max(map(len, tokens)) < 3:
            return None
        if len(tokens) > 1 and len(tokens[-1]) < 3 and not is_initial(tokens[-1]):
            return None  # a word cut in two by a scraper: "Iwan Ku rniawan"
        if len(tokens) == 1 and (tokens[0].casefold() in self.bodies or paired(tokens[0])):
            return None
        return " ".join(tokens)

    def strippable(self, word: str) -> bool:
        """Say whether a common word before a name is dropped (a title, a derived word, a word
        mostly written in lower case) rather than a sign that no person is named."""
        folded = word.casefold()
        return not is_word(word) or folded in self.known_words or folded in self.usual or is_derived(folded)

    def clean_body(self, tokens: list[str]) -> str | None:
        """Return an organisation's or place's name as written, or None if it has a junk word."""
        if not tokens or any(t.casefold() in words().furniture or not is_word(t) for t in tokens):
            return None
        return " ".join(tokens) if len(tokens) <= 2 * MAX_NAME_WORDS else None

    def is_name_token(self, token: str) -> bool:
        """Say whether a token may be a word of a person's name."""
        folded = token.casefold()
        if folded in lexicon().particles or is_initial(token):
            return True
        heads = words().organisation_heads | words().place_heads
        if not token[:1].isupper() or is_acronym(token) or self.is_common(token) or folded in heads:
            return False
        return len(token) >= 2 and not glued(token)


def paired(token: str) -> bool:
    """Say whether a one-word name is two names joined ("Ganjar-Mahfud", "Putin-Trump")."""
    parts = token.split("-")
    return len(parts) > 1 and all(part[:1].isupper() for part in parts)


def is_word(token: str) -> bool:
    """Say whether a token is a word (letters, inner apostrophes and hyphens), not punctuation."""
    return bool(NAME_WORD.fullmatch(token))


def is_initial(token: str) -> bool:
    """Say whether a token is an initial such as "J." or, without its full stop, "P"."""
    return is_dotted_initial(token) or (len(token) == 1 and token.isupper())


def glued(token: str) -> bool:
    """Say whether a token is two words glued by a scraper ("UangKPK", "PapuaSebelumnya")."""
    for number in range(1, len(token)):
        if token[number].isupper() and token[number - 1].isalpha() and token[number - 1] != "-":
            head = token[:number]
            if head not in words().inner_capital_prefixes:
                return True
    return False


@lru_cache(maxsize=1)
def stemmer():
    """Return the Indonesian stemmer (Sastrawi, with its dictionary of root words)."""
    dictionary = ArrayDictionary()
    dictionary.words = frozenset(StemmerFactory().get_words())  # its list made every lookup linear
    return Stemmer(dictionary)


@lru_cache(maxsize=1 << 14)
def is_derived(word: str) -> bool:
    """Say whether a folded word is an Indonesian root with affixes ("pertanian", "diracun",
    "selesaikan"): names are not. A prefix alone counts only for verbs (di-, me-, ber-, ter-)."""
    if len(word) < MIN_STEM + 2 or not word.isalpha():
        return False
    stem = stemmer().stem(word)
    if stem == word or len(stem) < MIN_STEM - 1:
        return False
    if not word.endswith(stem[-3:]):
        return True  # a suffix, maybe with a prefix: "pengakuan" <- "aku"
    return len(stem) >= MIN_STEM and word.startswith(("di", "me", "ber", "ter"))


# ---------------------------------------------------------------- the cleaner of a digest


def make_cleaner(parts: Sequence[ArticleNames], lower: LowerWords | None = None) -> Cleaner:
    """Return the cleaner of a digest: its lower-case words and the lexicons' words."""
    bodies = {s.alias.casefold() for part in parts for s in part.sightings if s.type != "person" and s.alias}
    bodies |= {place for part in parts for place in part.places if " " not in place}
    lower = lower if lower is not None else count_lower(None, parts)
    places = frozenset().union(*(part.places for part in parts))
    return Cleaner(lower.common, lexicon_words(), frozenset(bodies), places, lower.usual)


@lru_cache(maxsize=1)
def lexicon_words() -> frozenset[str]:
    """Return the words of roles, qualifiers, titles and page furniture (folded), read once: they
    are the same for every digest."""
    lex, lists = load_data("roles.yml"), words()
    known = {word.casefold() for key in ("roles", "subordinate_roles", "qualifiers", "stopwords", "connectors")
             for entry in lex[key] for word in str(entry).split()}
    return frozenset(known | lists.titles | lists.furniture | lists.place_markers)


@dataclass(frozen=True)
class LowerWords:
    """How many articles write each word in lower case only: some (common) or several (usual)."""

    parts: Mapping[str, frozenset[str]]  # file -> the words it writes in lower case only
    counts: Mapping[str, int]
    common: frozenset[str]
    usual: frozenset[str]


def count_lower(previous: LowerWords | None, parts: Sequence[ArticleNames]) -> LowerWords:
    """Count the lower-case words of the digest; after an edit, those of the changed articles only,
    keeping the same sets while no word crosses into or out of them."""
    current = {part.file: part.lower for part in parts}
    changed = [] if previous is None or previous.parts.keys() != current.keys() else \
        [file for file, words in current.items() if words is not previous.parts[file]]
    if previous is None or previous.parts.keys() != current.keys() or len(changed) * 4 > len(current):
        counts = Counter(word for part in parts for word in part.lower)
        usual = frozenset(word for word, count in counts.items() if count >= USUAL_ARTICLES)
        return LowerWords(current, dict(counts), frozenset(counts), usual)
    counts, crossed = dict(previous.counts), False
    for file in changed:
        old, new = previous.parts[file], current[file]
        for word, step in [*((w, -1) for w in old - new), *((w, 1) for w in new - old)]:
            before = counts.get(word, 0)
            after = counts[word] = before + step
            crossed = crossed or not (before and after) or (before >= USUAL_ARTICLES) != (after >= USUAL_ARTICLES)
            if not after:
                del counts[word]
    if not crossed:
        return LowerWords(current, counts, previous.common, previous.usual)
    return LowerWords(current, counts, frozenset(counts), frozenset(w for w, n in counts.items() if n >= USUAL_ARTICLES))


# ---------------------------------------------------------------- an article's cleaned sightings


@dataclass(frozen=True)
class Found:
    """A cleaned sighting: the name, where and how it was seen."""

    file: str
    name: str
    type: str
    role: str
    alias: str
    speaker: bool
    raw: str = ""  # the name as the sighting wrote it ("Muzzammil", "Kabiro Humas KPK Febri Diansyah")


def clean_sightings(part: ArticleNames, cleaner: Cleaner, clean=None) -> list[Found]:
    """Clean an article's sightings and expand a single word to the full name the article gives."""
    runs: dict[str, Counter] = {}
    clean = clean or cleaner.clean
    result = []
    for sighting in part.sightings:
        name = clean(without_place(sighting), sighting.type) if not in_body_or_teaser(sighting) else None
        if name is None:
            continue
        if sighting.type == "person" and " " not in name:
            found = runs.get(name)
            if found is None:
                found = runs[name] = full_forms(name, part.texts, clean)
            name = expand(name, found) or name
        alias = sighting.alias if sighting.alias and sighting.alias.casefold() != name.casefold() else ""
        if alias and sighting.type == "person" and alias[0].casefold() not in {w[0].casefold() for w in name.split()}:
            continue  # the short form does not fit the name left after cleaning
        role = (role_of(sighting.context, name) or role_in_texts(part.texts, name)) if sighting.type == "person" else ""
        result.append(Found(part.file, name, sighting.type, role, alias, sighting.speaker, sighting.name))
    return result


def in_body_or_teaser(sighting: Sighting) -> bool:
    """Say whether a person's sighting is the end of a body's name ("Partai Keadilan Sejahtera" gave
    "Keadilan Sejahtera") or comes from a teaser line ("Simak Video ...")."""
    if sighting.type != "person":
        return False
    lists = words()
    if any(word.casefold() in lists.furniture for word in sighting.context.split()[:2]):
        return True
    before = words_before(sighting)
    return bool(before) and before[-1].casefold() in lists.organisation_heads


def words_before(sighting: Sighting) -> list[str]:
    """Return the tokens of the context before a sighting's name."""
    at = sighting.context.find(sighting.name)
    return TOKEN.findall(sighting.context[:at]) if at > 0 else []


def without_place(sighting: Sighting) -> str:
    """Drop the place a long name starts with after a role held over a place ("Wali Kota Solo Gibran
    Rakabuming Raka"); a shorter name keeps its words ("Gubernur Khofifah Indar Parawansa")."""
    tokens = sighting.name.split()
    at = sighting.context.find(sighting.name)
    if len(tokens) > MAX_NAME_WORDS - 1 and at > 0 and words().place_roles.search(sighting.context[:at]):
        return " ".join(tokens[1:])
    return sighting.name


def full_forms(word: str, texts: Sequence[str], clean) -> Counter:
    """Count the cleaned runs of two or more capitalised words holding ``word`` in an article."""
    runs = (run for text in texts if word in text for run in capital_runs(text) if " " in run and word in run)
    return Counter(name for name in map(lambda run: clean(run, "person"), runs) if name and " " in name)


def expand(word: str, runs: Counter) -> str | None:
    """Return the article's most frequent full name that has ``word`` as one of its words (the
    shorter of two as frequent)."""
    fitting = [(count, -len(name.split()), name) for name, count in runs.items() if word in name.split()]
    return max(fitting)[2] if fitting else None  # the shorter of two as frequent: a headline runs on


def role_of(context: str, name: str) -> str:
    """Return the role written right before a name in its sentence ("Kapolda Papua"), or ""."""
    at = context.find(name.split()[0])
    if at <= 0:
        return ""
    start = max(0, at - ROLE_SPAN)
    while 0 < start < at and context[start - 1].isalnum():
        start += 1  # the window starts at a whole word
    before = context[start:at]
    roles = [m for m in lexicon().roles.finditer(before) if before.count("(", 0, m.start()) <= before.count(")", 0, m.start())]
    if not roles:
        return ""
    tokens = [t for t in TOKEN.findall(before[roles[-1].start():]) if t != ","]
    while tokens and (tokens[-1].strip("()").casefold() in words().titles or not shorten_definition(tokens[-1])):
        tokens.pop()
    role = " ".join(shorten_definition(t) if t.startswith("(") else t for t in tokens)
    role = re.sub(r"((?:[A-Z][\w\-]*\s+){1,6})\[([A-Z][\w\-]+)\]", short_body, role).replace("[", "").replace("]", "")
    if not role or not tokens or any(ch in role for ch in "\"“”()") or len(role.split()) > 8:
        return ""
    return role[:1].upper() + role[1:]


def role_in_texts(texts: Sequence[str], name: str) -> str:
    """Return the role written before the first occurrence of a full name in an article, or ""."""
    for text in texts:
        at = text.find(name)
        if at > 0:
            return role_of(text[max(0, at - ROLE_SPAN):at + len(name)], name)
    return ""


def shorten_definition(parenthetical: str) -> str:
    """Mark an acronym in parentheses for ``short_body``; drop one that abbreviates a role ("(PM)").
    A word outside parentheses stays as it is."""
    if not parenthetical.startswith("("):
        return parenthetical
    inner = parenthetical.strip("() ")
    if lexicon().roles.fullmatch(inner) or not ORG_ACRONYM.fullmatch(inner):
        return ""
    return f"[{inner}]"


def short_body(match: re.Match) -> str:
    """Write a body defined with its acronym as the acronym, keeping role words before it
    ("Presiden Partai Keadilan Sejahtera [PKS]" -> "Presiden PKS")."""
    role = lexicon().roles.match(match.group(1))
    return f"{role.group()} {match.group(2)}" if role else match.group(2)
