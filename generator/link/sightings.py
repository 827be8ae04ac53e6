"""Sightings: what one article tells about the names it introduces (link stage).

Each article gives its sightings of people, organisations and places: names after a role or a
speech verb (the annotate stage's candidates), the speakers of its quotes the knowledge base did not
know, bodies and places defined with an acronym ("Partai Keadilan Sejahtera (PKS)", typed by their
head word) and short forms it defines ("Joko Widodo (Jokowi)", "Romahurmuziy atau Rommy"). Beside
them ``read_article_names`` keeps the word facts the cleaning needs: the words the article writes
in lower case only, the names it writes after a place marker ("di Gresik", "ke New York") and its
blocks' text, where a name's role is read. The word lists are data in ``data/names.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Container, Iterable

from ..annotate.entities import TOKEN, is_acronym, lexicon
from ..core.knowledge import load_data
from ..core.models import Article, Quote

NAME_WORD = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_][\w'’\-]*")
LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]{2,}(?![\w-])")
# A run of one to five capitalised words or acronyms, and the words just before and after it.
CAPITAL_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,4}(?![\w'’-]|[ \t]+[A-Z])")
LAST_WORD = re.compile(r"([\w'’-]+)[ \t]*$")
WORD_WINDOW = 40  # characters searched for the word before a run: no search runs back to the start
FIRST_WORD = re.compile(r"[ \t]+([\w'’-]+)")
DEFINITION = re.compile(r"\(\s*([^\W\d_][\w\-]{1,14})\s*\)")
ORG_ACRONYM = re.compile(r"[A-Z][A-Za-z\-]*[A-Z][A-Za-z\-]*|[A-Z][a-z]{2,}")
ROLE_SPAN = 100  # characters before a name searched for its role


@dataclass(frozen=True)
class Words:
    """The word lists of ``data/names.yml``, folded for lookups."""

    titles: frozenset[str]
    organisation_heads: frozenset[str]
    organisation_tails: frozenset[str]
    place_heads: frozenset[str]
    place_markers: frozenset[str]
    furniture: frozenset[str]
    inner_capital_prefixes: tuple[str, ...]
    alias_connectors: frozenset[str]
    name_connectors: frozenset[str]  # lowercase words inside an organisation's name
    place_roles: re.Pattern  # at the end of the text before a name


@lru_cache(maxsize=1)
def words() -> Words:
    """Load the automatic-entity word lists once."""
    data = load_data("names.yml")
    folded = {key: frozenset(str(w).casefold() for w in data[key])
              for key in ("titles", "organisation_heads", "organisation_tails", "place_heads", "place_markers", "furniture",
                          "alias_connectors", "name_connectors")}
    roles = "|".join(re.escape(role) for role in sorted(data["place_roles"], key=len, reverse=True))
    return Words(inner_capital_prefixes=tuple(data["inner_capital_prefixes"]),
                 place_roles=re.compile(rf"(?<!\w)(?:{roles})\s*$", re.IGNORECASE), **folded)


@dataclass(frozen=True, slots=True)
class Sighting:
    """A name one article introduces, before cleaning."""

    name: str
    type: str  # person | organisation | place, as the introduction says
    context: str  # the sentence or attribution phrase around it (its role is read from it)
    alias: str = ""  # a short form the text defines for it ("Jokowi", "PKS")
    speaker: bool = False  # the article quotes it


@dataclass(frozen=True, slots=True)
class ArticleNames:
    """What one article tells about names: its sightings and how it writes other words."""

    file: str
    sightings: tuple[Sighting, ...]
    lower: frozenset[str]  # words it writes in lower case only: common words, not names
    places: frozenset[str]  # names it writes after "di" or "ke" (folded)
    texts: tuple[str, ...] = ()  # its blocks' text: where a name's role is written


# ---------------------------------------------------------------- one article


def read_article_names(article: Article) -> ArticleNames:
    """Collect the sightings of one article and the word facts the cleaning needs."""
    sightings = [Sighting(c.name, "person", c.context) for c in article.candidates]
    sightings += [Sighting(q.speaker_name, "person", q.attribution or q.speaker_name, speaker=True)
                  for q in article.quotes if unresolved_speaker(q)]
    texts = [block.text for block in article.blocks]
    for text in texts:
        sightings += definitions_in(text)
    lower = {word for text in texts for word in LOWER_WORD.findall(text)}
    upper = {word for text in texts for word in capitalised_in_prose(text, lower)}
    # A word one article writes both ways says nothing: a name in a lower-case tag line ("fahri hamzah").
    return ArticleNames(article.file, tuple(sightings), frozenset(lower - upper), places_in(texts),
                        tuple(texts))


def unresolved_speaker(quote: Quote) -> bool:
    """Say whether a statement names a speaker the knowledge base did not know."""
    return quote.kind == "statement" and not quote.speaker_id and bool(quote.speaker_name)


def capital_runs(text: str) -> list[str]:
    """Return the runs of capitalised words (with name particles) in a text, split at punctuation
    and acronyms; what follows a body's head word ("Partai", "PT") is the body's name and is left out."""
    runs: list[str] = []
    current: list[str] = []
    in_body = False
    particles, heads = lexicon().particles, words().organisation_heads | words().place_heads
    for match in TOKEN.finditer(text):
        token = match.group()
        folded = token.casefold()
        capital = token[:1].isupper() and bool(NAME_WORD.fullmatch(token))
        if capital and folded in heads:
            in_body = True
        elif capital and not in_body and not (is_acronym(token) and len(token) > 1) or (current and folded in particles):
            current.append(token)
            continue
        elif not (capital and in_body):
            in_body = False
        if current:
            runs.append(" ".join(current))
        current = []
    if current:
        runs.append(" ".join(current))
    return runs


def capitalised_in_prose(text: str, wanted: Container[str]) -> set[str]:
    """Return the ``wanted`` words (folded) the text capitalises in short runs inside a sentence,
    next to a lower-case word ("kata Fahri Hamzah", "DPR Fahri Hamzah menyerang"), not in title-case
    headlines."""
    found: set[str] = set()
    for match in CAPITAL_RUN.finditer(text):
        if not any(word.casefold() in wanted for word in match.group().split()):
            continue
        before = LAST_WORD.search(text, max(0, match.start() - WORD_WINDOW), match.start())
        after = FIRST_WORD.match(text, match.end())
        if (before and before.group(1)[:1].islower()) or (after and after.group(1)[:1].islower()):
            found.update(word.casefold() for word in match.group().split() if word[1:].islower() and len(word) > 2)
    return found


def places_in(texts: Iterable[str]) -> frozenset[str]:
    """Return the capitalised phrases written after a place marker ("di Gresik", "ke New York": one
    to three words) or a place's head word followed by a lower-case word ("Kabupaten Gresik,"; in
    "Wali Kota Solo Gibran" a person follows)."""
    markers, heads = place_patterns()
    found = set()
    for text in texts:
        for match in markers.finditer(text):
            run = match.group(1).split()
            found.update(" ".join(run[:n]).casefold() for n in range(2, len(run) + 1))
            if len(run) == 1 and len(run[0]) > 2 and run[0].casefold() not in lexicon().particles:
                found.add(run[0].casefold())  # "di Gresik"; in "di New Jersey" "New" is no place
        found.update(match.group(1).casefold() for match in heads.finditer(text))
    return frozenset(found)


@lru_cache(maxsize=1)
def place_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Compile the place markers and the place heads, each followed by the capitalised words it places."""
    lists = words()
    markers = "|".join(map(re.escape, sorted(lists.place_markers)))
    heads = "|".join(map(re.escape, sorted(lists.place_heads)))
    word = r"[A-Z][\w'’-]*"
    return (re.compile(rf"(?<![\w-])(?i:{markers})\s+({word}(?:\s+{word}){{0,2}})(?![\w'’-])"),
            re.compile(rf"(?<![\w-])(?i:{heads})\s+({word})(?![\w'’-]|\s+[A-Z])"))


def definitions_in(text: str) -> list[Sighting]:
    """Return the names the text defines with a short form: "Partai Keadilan Sejahtera (PKS)",
    "Joko Widodo (Jokowi)", "Romahurmuziy atau Rommy"."""
    found = []
    for match in DEFINITION.finditer(text):
        run = run_before(text, match.start())
        if run:
            found.extend(define(run, match.group(1), text))
    connectors = "|".join(map(re.escape, sorted(words().alias_connectors)))
    for match in re.finditer(rf"\s(?:{connectors})\s+([A-Z][a-z]{{2,}})(?![\w-])", text):
        run = run_before(text, match.start())
        if run and not is_acronym(match.group(1)):
            found.extend(define(run, match.group(1), text, person_only=True))
    return found


def run_before(text: str, end: int) -> str:
    """Return the run of capitalised words (and connectors inside it) that ends at ``end``."""
    tokens = list(TOKEN.finditer(text, max(0, end - ROLE_SPAN * 2), end))[-12:]
    connectors = words().name_connectors
    run: list[str] = []
    for match in reversed(tokens):
        token = match.group()
        if token[:1].isupper() and NAME_WORD.fullmatch(token):
            run.insert(0, token)
        elif run and token.casefold() in connectors:
            run.insert(0, token)
        else:
            break
    while run and run[0].casefold() in connectors:
        run.pop(0)
    return " ".join(run)


def define(run: str, alias: str, text: str, person_only: bool = False) -> list[Sighting]:
    """Read one definition: an organisation or place from its head word, else a person's short form."""
    tokens = run.split()
    if not person_only and ORG_ACRONYM.fullmatch(alias) and alias.casefold() not in words().furniture:
        body = defined_body(tokens, alias)
        if body:
            kind = "place" if body[0].casefold() in words().place_heads else "organisation"
            return [Sighting(" ".join(body), kind, text, alias=alias)]
    initials = {word[:1].casefold() for word in tokens}
    if not is_acronym(alias) and alias[1:].islower() and alias[:1].casefold() in initials:
        return [Sighting(run, "person", text, alias=alias)]
    return []


def defined_body(tokens: list[str], alias: str) -> list[str]:
    """Return the words of the body an acronym stands for: the words whose initials spell it, or
    the run from a head word ("Federasi Sepakbola Inggris (FA)"), after a role at most."""
    lists = words()
    heads = lists.organisation_heads | lists.place_heads
    letters = alias.replace("-", "").casefold()
    for start in range(len(tokens)):
        body = tokens[start:]
        if "".join(w[0] for w in body if w.casefold() not in lists.name_connectors).casefold() == letters:
            headed = body[0].casefold() in heads or body[-1].casefold() in lists.organisation_tails
            return body if headed and not lexicon().qualifiers.fullmatch(" ".join(body)) else []
    for start, token in enumerate(tokens):
        if token.casefold() in heads:
            before = " ".join(tokens[:start])
            return tokens[start:] if not before or lexicon().roles.fullmatch(before) else []
    return []
