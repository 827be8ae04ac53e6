"""Automatic entities: the people, organisations and places the articles introduce (link stage).

Without ``entities.yml`` a digest still gets entity pages. Each article gives its sightings: names
after a role or a speech verb (the annotate stage's candidates), the speakers of its quotes, bodies
and places defined with an acronym ("Partai Keadilan Sejahtera (PKS)"), and short forms it defines
("Joko Widodo (Jokowi)"). Across the digest the sightings are cleaned of titles, ranks and words
that are no names, merged by variant (full name, a surname or given name, a defined short form) and
typed. A name the knowledge base knows is left to it: ``entities.yml`` always wins. One compiled
matcher then finds the mentions of the automatic entities, and quote speakers link to them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Container, Iterable, Mapping, Sequence

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from ..annotate.entities import TOKEN, EntityMatcher, flatten, is_acronym, lexicon, names_of
from ..core.knowledge import load_data
from ..core.memo import Memo
from ..core.models import Article, Entity, Knowledge, Mention, Outlet, Quote
from .slugs import slugify

MAX_NAME_WORDS = 4
MIN_STEM = 4  # a word is derived from a root of at least this length ("pertanian" <- "tani")
CONNECTORS = frozenset({"dan", "untuk", "of", "and", "the", "&", "de", "du", "des", "la"})
NAME_WORD = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_][\w'’\-]*")
LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]{2,}(?![\w-])")
# A run of one to five capitalised words or acronyms, and the words just before and after it.
CAPITAL_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,4}(?![\w'’-]|[ \t]+[A-Z])")
LAST_WORD = re.compile(r"([\w'’-]+)[ \t]*$")
WORD_WINDOW = 40  # characters searched for the word before a run: no search runs back to the start
FIRST_WORD = re.compile(r"[ \t]+([\w'’-]+)")
DEFINITION = re.compile(r"\(\s*([^\W\d_][\w\-]{1,14})\s*\)")
ORG_ACRONYM = re.compile(r"[A-Z][A-Za-z\-]*[A-Z][A-Za-z\-]*|[A-Z][a-z]{2,}")
USUAL_ARTICLES = 2  # articles writing a word in lower case only that make it a usual word
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
    place_roles: re.Pattern  # at the end of the text before a name


@lru_cache(maxsize=1)
def words() -> Words:
    """Load the automatic-entity word lists once."""
    data = load_data("names.yml")
    folded = {key: frozenset(str(w).casefold() for w in data[key])
              for key in ("titles", "organisation_heads", "organisation_tails", "place_heads", "place_markers", "furniture",
                          "alias_connectors")}
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
    run: list[str] = []
    for match in reversed(tokens):
        token = match.group()
        if token[:1].isupper() and NAME_WORD.fullmatch(token):
            run.insert(0, token)
        elif run and token.casefold() in CONNECTORS:
            run.insert(0, token)
        else:
            break
    while run and run[0].casefold() in CONNECTORS:
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
        if "".join(w[0] for w in body if w.casefold() not in CONNECTORS).casefold() == letters:
            headed = body[0].casefold() in heads or body[-1].casefold() in lists.organisation_tails
            return body if headed and not lexicon().qualifiers.fullmatch(" ".join(body)) else []
    for start, token in enumerate(tokens):
        if token.casefold() in heads:
            before = " ".join(tokens[:start])
            return tokens[start:] if not before or lexicon().roles.fullmatch(before) else []
    return []


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
    """Say whether a token is an initial such as "J." or "P"."""
    return (len(token) == 2 and token[1] == "." and token[0].isupper()) or (len(token) == 1 and token.isupper())


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


# ---------------------------------------------------------------- across the digest


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


@dataclass(frozen=True)
class Automatic:
    """The automatic entities of a digest and, per article, the names that lead to an entity."""

    entities: tuple[Entity, ...]
    names: Mapping[str, Mapping[str, str]]  # file -> folded name -> entity id (automatic or known)
    short_forms: Mapping[str, tuple[str, ...]]  # entity id -> single-word forms seen with it


def build_automatic(parts: Sequence[ArticleNames], knowledge: Knowledge, memo: Memo | None = None) -> Automatic:
    """Clean, merge and type the sightings of every article into automatic entities.

    ``memo``, kept between the builds of a preview, counts again only the lower-case words of the
    articles that changed, and keeps an article's cleaned sightings while it and the cleaner are the same.
    """
    memo = memo if memo is not None else Memo()
    previous = memo.last("automatic lower words")
    lower = memo.get("automatic lower words", tuple(parts), lambda: count_lower(previous, parts))
    cleaner = memo.same("automatic cleaner", make_cleaner(parts, lower))
    clean = lru_cache(maxsize=None)(cleaner.clean)  # names repeat across the articles of a story
    found = [item for part in parts for item in memo.get(("automatic found", part.file), (part, cleaner),
                                                          lambda: tuple(clean_sightings(part, cleaner, clean)))]  # noqa: B023
    groups = group_names(found)
    known = known_names(knowledge)
    places = frozenset().union(*(part.places for part in parts))
    entities, ids = [], {}
    taken = {entity.id for entity in knowledge.entities}
    refused = outlet_names(knowledge.outlets)
    for members in groups:
        target = next((known[n.name.casefold()] for n in members if n.name.casefold() in known), None)
        target = target or next((known[n.alias.casefold()] for n in members if n.alias.casefold() in known), None)
        if target is None:
            entity = make_entity(members, places, taken, refused)
            if entity is None:
                continue
            entities.append(entity)
            taken.add(entity.id)
            target = entity.id
        for member in members:
            ids[(member.file, member.name.casefold())] = target
            ids.setdefault((member.file, flatten(member.raw).casefold()), target)
            if member.alias:
                ids[(member.file, member.alias.casefold())] = target
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for (file, name), target in sorted(ids.items()):
        names[file][name] = target
    kept = {entity.id for entity in entities}
    short = defaultdict(set)
    for (file, name), target in ids.items():
        if target in kept and " " not in name:
            short[target].add(name)
    return Automatic(tuple(sorted(entities, key=lambda e: e.id)), {f: dict(m) for f, m in names.items()},
                     {key: tuple(sorted(value)) for key, value in short.items()})


def make_cleaner(parts: Sequence[ArticleNames], lower: LowerWords | None = None) -> Cleaner:
    """Return the cleaner of a digest: its lower-case words and the lexicons' words."""
    lex, lists = load_data("roles.yml"), words()
    known = {str(w).casefold() for key in ("roles", "subordinate_roles", "qualifiers", "stopwords", "connectors") for w in lex[key]
             for w in str(w).split()}
    known |= lists.titles | lists.furniture | lists.place_markers
    bodies = {s.alias.casefold() for part in parts for s in part.sightings if s.type != "person" and s.alias}
    bodies |= {place for part in parts for place in part.places if " " not in place}
    lower = lower if lower is not None else count_lower(None, parts)
    places = frozenset().union(*(part.places for part in parts))
    return Cleaner(lower.common, frozenset(known), frozenset(bodies), places, lower.usual)


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


def group_names(found: Sequence[Found]) -> list[list[Found]]:
    """Merge sightings of one entity: equal names, defined short forms, names sharing their last
    two words, and a single word that is the first or last word of one full name only."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    keys = sorted({item.name.casefold() for item in found})
    for item in found:
        if item.alias:
            union(item.name.casefold(), item.alias.casefold())
    tails: dict[str, str] = {}
    for key in keys:
        parts = key.split()
        if len(parts) >= 2:
            union(key, tails.setdefault(" ".join(parts[-2:]), key))
    holders: dict[str, Counter] = defaultdict(Counter)
    weight = Counter(item.name.casefold() for item in found)
    for key in keys:
        if " " in key:
            for word in key.split():
                holders[word][find(key)] += weight[key]
    for key in keys:
        owner = dominant(holders.get(key, Counter()))
        if " " not in key and owner:
            union(key, owner)
    groups: dict[str, list[Found]] = defaultdict(list)
    for item in found:
        groups[find(item.name.casefold())].append(item)
    return [groups[key] for key in sorted(groups)]


def dominant(owners: Counter) -> str | None:
    """Return the one group a word belongs to, or the group seen at least three times as often as
    any other ("Trump": "Donald Trump" rather than a stray "Pengakuan Trump"), else None."""
    ranked = owners.most_common()
    if len(ranked) == 1 or (ranked and ranked[0][1] >= 3 * ranked[1][1]):
        return ranked[0][0]
    return None


def known_names(knowledge: Knowledge) -> dict[str, str]:
    """Map every name and alias of the knowledge base (folded) to its entity id."""
    return {name.casefold(): entity.id for entity in knowledge.entities for name in names_of(entity)}


def outlet_names(outlets: Sequence[Outlet]) -> frozenset[str]:
    """Return the names of known outlets and agencies (folded): a medium is no automatic entity."""
    return frozenset(name.casefold() for outlet in outlets for name in (outlet.name, *outlet.aliases))


def make_entity(members: Sequence[Found], places: frozenset[str], taken: set[str],
                refused: frozenset[str]) -> Entity | None:
    """Make the automatic entity of one group of sightings, or None when it is too weak."""

    articles = Counter()
    for member in members:
        articles[member.name] += 1
    full = [name for name in articles if " " in name]
    name = max(full or articles, key=lambda n: (articles[n], -len(n.split()), n))
    if any(n.casefold() in refused for n in articles):
        return None
    kind = entity_type(members, name, places)
    if kind == "person" and not full and not mononym_allowed(members, name):
        return None
    aliases = sorted({n for n in articles if n != name} | {m.alias for m in members if m.alias} - {name})
    roles = Counter(member.role for member in members if member.role and kind == "person")
    role = max(roles, key=lambda r: (roles[r], -len(r), r)) if roles else ""
    base = slugify(name) or "entitas"
    slug, number = base, 2
    while slug in taken or slug == "index":
        slug, number = f"{base}-{number}", number + 1
    return Entity(slug, name, kind, tuple(aliases), description=role, automatic=True)


def entity_type(members: Sequence[Found], name: str, places: frozenset[str]) -> str:
    """Type a group: what its definitions say, else a place when written after "di" or "ke" and
    never quoted, else a person."""
    kinds = Counter(member.type for member in members)
    if kinds["organisation"] or kinds["place"]:
        return "organisation" if kinds["organisation"] >= kinds["place"] else "place"
    first = name.split()[0].casefold()
    if first in words().organisation_heads or name.split()[-1].casefold() in words().organisation_tails:
        return "organisation"
    if name.casefold() in places and not any(member.speaker for member in members):
        return "place"
    return "person"


def mononym_allowed(members: Sequence[Found], name: str) -> bool:
    """Say whether a one-word name stands as a person: quoted or given a role, and a real word."""
    return len(name) >= 4 and any(member.speaker or member.role for member in members)


# ---------------------------------------------------------------- mentions and speakers


@dataclass(frozen=True)
class AutomaticMatcher:
    """One compiled matcher for the automatic entities; short forms count only where they were seen."""

    matcher: EntityMatcher
    short: frozenset[str]  # pseudo ids of short forms ("<id>~")


def build_automatic_matcher(automatic: Automatic, knowledge: Knowledge) -> AutomaticMatcher:
    """Compile the names of the automatic entities, and their unambiguous short forms, into one matcher."""
    taken = set(known_names(knowledge))
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in automatic.entities:
        for form in automatic.short_forms.get(entity.id, ()):
            owners[form].add(entity.id)
    pseudo = []
    for entity in automatic.entities:
        full = tuple(alias for alias in entity.aliases if " " in alias or is_acronym(alias) or alias[:1].isupper())
        pseudo.append(Entity(entity.id, entity.name, entity.type, full))
        forms = [form for form in automatic.short_forms.get(entity.id, ())
                 if len(owners[form]) == 1 and form not in taken]
        shown = [alias for alias in entity.aliases if alias.casefold() in forms]
        if shown:
            pseudo.append(Entity(entity.id + "~", shown[0], entity.type, tuple(shown[1:])))
    matcher = EntityMatcher(pseudo)
    return AutomaticMatcher(matcher, frozenset(e.id for e in pseudo if e.id.endswith("~")))


def with_automatic(article: Article, matcher: AutomaticMatcher, names: Mapping[str, str]) -> Article:
    """Return the article with the mentions of automatic entities and its quotes' speakers linked."""
    seen = set(names.values())
    taken = defaultdict(list)
    for mention in article.mentions:
        taken[mention.anchor].append((mention.start, mention.end))
    added = []
    for block in article.blocks:
        for start, end, entity_id in matcher.matcher.find(block.text):
            base = entity_id[:-1] if entity_id in matcher.short else entity_id
            if entity_id in matcher.short and base not in seen:
                continue
            if any(start < e and s < end for s, e in taken[block.anchor]):
                continue
            added.append(Mention(base, block.anchor, start, end, block.text[start:end]))
    quotes = tuple(link_speaker(quote, names) for quote in article.quotes)
    if not added and quotes == article.quotes:
        return article
    order = {block.anchor: number for number, block in enumerate(article.blocks)}
    mentions = tuple(sorted((*article.mentions, *added), key=lambda m: (order[m.anchor], m.start)))
    return replace(article, mentions=mentions, quotes=quotes)


def link_speaker(quote: Quote, names: Mapping[str, str]) -> Quote:
    """Give an unresolved speaker the id of the entity its name leads to in this article."""
    if not unresolved_speaker(quote):
        return quote
    target = names.get(quote.speaker_name.casefold()) or names.get(speaker_key(quote.speaker_name, names))
    return replace(quote, speaker_id=target) if target else quote


def speaker_key(phrase: str, names: Mapping[str, str]) -> str:
    """Return the longest name of the article (folded) at the end of a speaker phrase
    ("Kabiro Humas KPK Febri Diansyah" -> "febri diansyah")."""
    folded = phrase.casefold()
    endings = [name for name in names if folded.endswith(name) and (len(folded) == len(name)
                                                                  or not folded[-len(name) - 1].isalnum())]
    return max(endings, key=len, default="")


def add_automatic_entities(articles: Sequence[Article], knowledge: Knowledge,
                           memo: Memo | None = None) -> tuple[list[Article], tuple[Entity, ...]]:
    """Find the automatic entities of the digest; return the articles with their mentions and
    speakers linked, and the entities."""
    memo = memo if memo is not None else Memo()
    parts = tuple(memo.get(("names", a.file), (a,), lambda: read_article_names(a))  # noqa: B023
                  for a in articles)
    automatic = memo.get("automatic", (parts, knowledge.entities, knowledge.outlets),
                         lambda: build_automatic(parts, knowledge, memo))
    # An edit that changes no automatic entity keeps the very same one, so every other article's
    # matching below is remembered.
    automatic = memo.same("automatic entities", automatic)
    matcher = memo.get("automatic matcher", (automatic, knowledge.entities),
                       lambda: build_automatic_matcher(automatic, knowledge))
    result = []
    for article in articles:
        names = automatic.names.get(article.file, {})
        result.append(memo.get(("automatic", article.file), (article, matcher, names),
                               lambda: with_automatic(article, matcher, names)))  # noqa: B023
    return result, automatic.entities
