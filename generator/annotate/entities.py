"""Knowledge-base entities: parse entities.yml, find known names in text, propose unknown ones."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from ..core.knowledge import load_data
from ..core.models import ENTITY_TYPES, Block, Candidate, Diagnostic, Entity, Mention
from ..core.yamlfile import line_of, load_yaml, unknown_field_message

ENTITY_FIELDS = ("id", "name", "type", "aliases", "description", "wikidata", "wikipedia")
REQUIRED_FIELDS = ("id", "name", "type")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
# Only characters that stay inside one link: no double quotes, angle brackets, backticks, backslashes.
HTTPS_URL = re.compile(r"https://[^\s/\"<>`\\]+\.[^\s/\"<>`\\]+(?:/[^\s\"<>`\\]*)?")
# Ids whose page would replace a page the generator writes itself (entities/index.md).
RESERVED_IDS = frozenset({"index"})
NEVER = re.compile(r"(?!)")
MAX_NAME_WORDS = 4
LONG_RUN_KEEPS = 3
MAX_CONTEXT = 300
FIND_CACHE_SIZE = 4096  # texts whose known names a matcher remembers
# A word of a name ("Vladimir", "Jean-Noël", "O'Brien"), an initial or acronym ("J.", "U.S."),
# a parenthetical, or one punctuation mark.
TOKEN = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_][\w'’\-]*|\([^()\n]{0,120}\)|\S")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[^\W\d_])")
SPACE = re.compile(r"\s+")
WORD = re.compile(r"\w")


# ---------------------------------------------------------------- parsing entities.yml


def parse_entities(text: str, file: str) -> tuple[tuple[Entity, ...], tuple[Diagnostic, ...]]:
    """Parse and validate entities.yml; keep the valid entries and report every problem."""
    data, problems = load_yaml(text, file)
    if problems or data is None:
        return (), tuple(problems)
    if not isinstance(data, list):
        message = "expected a list of entities, each '- id: ..., name: ..., type: ...'"
        return (), (Diagnostic(file, message, line=line_of(data) or 1),)
    read = [read_entity(item, file) for item in data]
    problems = [problem for _, _, item_problems in read for problem in item_problems]
    entries = [(entity, line) for entity, line, _ in read if entity is not None]
    kept = drop_conflicts(entries, file, problems)
    return tuple(kept), tuple(problems)


def read_entity(item: object, file: str) -> tuple[Entity | None, int | None, list[Diagnostic]]:
    """Validate one entry; return the entity (or None), its line and its problems."""
    line = line_of(item)
    if not isinstance(item, dict):
        return None, line, [Diagnostic(file, "each entity must be a mapping with id, name and type",
                                       line=line)]
    problems = [Diagnostic(file, unknown_field_message(key, ENTITY_FIELDS), line=line_of(item, key))
                for key in item if key not in ENTITY_FIELDS]
    problems += [Diagnostic(file, f"missing required field '{key}'", line=line)
                 for key in REQUIRED_FIELDS if item.get(key) is None]
    values = {}
    for key in ENTITY_FIELDS:
        if not is_blank(item.get(key)) or (key in REQUIRED_FIELDS and item.get(key) is not None):
            value, error = check_field(key, item[key])
            if error:
                problems.append(Diagnostic(file, f"field '{key}': {error}", line=line_of(item, key)))
            values[key] = value
    if problems:
        return None, line, problems
    return Entity(**values), line, []


def check_field(key: str, value: object) -> tuple[object, str | None]:
    """Return the normalised value of one field and an error message (or None)."""
    if key == "aliases":
        if not isinstance(value, list) or not all(isinstance(a, str) and WORD.search(a) for a in value):
            return None, f"expected a list of names such as [Putin], got {describe(value)}"
        return tuple(dict.fromkeys(flatten(alias) for alias in value)), None
    if not isinstance(value, str) or not value.strip():
        return None, f"expected text, got {describe(value)}"
    value = flatten(value)
    if key == "name" and not WORD.search(value):
        return None, f"expected a name with letters or digits, got '{value}'"
    if key == "id" and not SLUG.fullmatch(value):
        return None, f"expected a slug of a-z, 0-9 and '-' such as 'vladimir-putin', got '{value}'"
    if key == "id" and value in RESERVED_IDS:
        return None, f"'{value}' is reserved for the entity index page; choose another id"
    if key == "type" and value not in ENTITY_TYPES:
        close = difflib.get_close_matches(value, ENTITY_TYPES, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return None, f"expected one of {', '.join(ENTITY_TYPES)}, got '{value}'{hint}"
    if key == "wikidata" and not WIKIDATA_ID.fullmatch(value):
        return None, f"expected a Wikidata id such as Q7747, got '{value}'"
    if key == "wikipedia" and not HTTPS_URL.fullmatch(value):
        return None, f"expected an https:// link, got '{value}'"
    return value, None


def is_blank(value: object) -> bool:
    """Say whether a field is absent or empty text (an optional field left blank)."""
    return value is None or (isinstance(value, str) and not value.strip())


def describe(value: object) -> str:
    """Name a YAML value's type as an editor would say it."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text" if value.strip() else "empty text"
    names = {list: "a list", dict: "a mapping"}
    return next((label for kind, label in names.items() if isinstance(value, kind)), "nothing")


def drop_conflicts(entries: list[tuple[Entity, int | None]], file: str,
                   problems: list[Diagnostic]) -> list[Entity]:
    """Skip (and report) entities whose id, name or alias another entity already uses."""
    ids: dict[str, int | None] = {}
    owners: dict[str, tuple[str, int | None]] = {}
    kept = []
    for entity, line in entries:
        if entity.id in ids:
            problems.append(Diagnostic(file, f"duplicate id '{entity.id}': already defined at line "
                                       f"{ids[entity.id]}", line=line))
            continue
        clashes = [(name, owners[name.casefold()]) for name in names_of(entity)
                   if name.casefold() in owners]
        for name, (owner, owner_line) in clashes:
            problems.append(Diagnostic(file, f"'{name}' is a name or alias of both '{owner}' (line "
                                       f"{owner_line}) and '{entity.id}'", line=line))
        if clashes:
            continue
        ids[entity.id] = line
        owners.update((name.casefold(), (entity.id, line)) for name in names_of(entity))
        kept.append(entity)
    return kept


def names_of(entity: Entity) -> tuple[str, ...]:
    """Return the entity's name and aliases, without repeats."""
    return tuple(dict.fromkeys((entity.name, *entity.aliases)))


def flatten(text: str) -> str:
    """Collapse runs of white space to one space."""
    return SPACE.sub(" ", text).strip()


# ---------------------------------------------------------------- the compiled matcher


def is_acronym(text: str) -> bool:
    """Say whether a name is written in capitals only (AS, NATO, U.S.): it matches only as written."""
    return any(ch.isalpha() for ch in text) and not any(ch.islower() for ch in text)


def surface_forms(name: str) -> tuple[str, ...]:
    """Return how a name may appear: as written, and in capitals (headlines) unless an acronym."""
    return (name,) if is_acronym(name) else (name, name.upper())


def compile_names(names: Iterable[str], any_case: Iterable[str] = ()) -> re.Pattern:
    """Compile one alternation of whole-word names, longest first (as Python-Markdown's abbr).

    Names are case-sensitive, except those in ``any_case``.
    """
    # A name without a letter or digit would match everywhere (or nowhere useful): leave it out.
    ordered = sorted({name for name in names if WORD.search(name)}, key=lambda name: (-len(name), name))
    if not ordered:
        return NEVER
    folded = set(any_case)
    return re.compile(r"(?<!\w)" + trie_pattern(phrase_atoms(name, name in folded) for name in ordered)
                      + r"(?!\w)")


def phrase_atoms(phrase: str, any_case: bool = False) -> tuple[str, ...]:
    """Split a phrase into the regex atoms of ``trie_pattern``: characters, and runs of white space."""
    atoms: list[str] = []
    for number, word in enumerate(phrase.split()):
        if number:
            atoms.append(r"\s+")
        atoms.extend(case_atom(ch) if any_case else re.escape(ch) for ch in word)
    return tuple(atoms)


def case_atom(ch: str) -> str:
    """Return the regex atom of a character in either case ("[aA]")."""
    variants = sorted({form for form in (ch, ch.lower(), ch.upper()) if len(form) == 1})
    return re.escape(ch) if len(variants) == 1 else "[" + "".join(map(re.escape, variants)) + "]"


def trie_pattern(forms: Iterable[Sequence[str]]) -> str:
    """Return one regex group matching any of ``forms`` (sequences of atoms), as a prefix trie.

    Python's ``re`` tries the branches of an alternation one by one at every position; hundreds of
    names made matching the slowest step of the pipeline. Sharing prefixes lets it reject a position
    after one character, and a greedy optional end prefers the longer of two names.
    """
    trie: dict = {}
    for atoms in forms:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}
    return "(?:" + trie_branches(trie) + ")"


def trie_branches(node: dict) -> str:
    """Render one trie node: its branches, optional when a form may end here."""
    branches = [atom + trie_branches(child) for atom, child in node.items() if atom]
    if "" in node:
        return "(?:" + "|".join(branches) + ")?" if branches else ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def compile_phrases(phrases: Iterable[str]) -> re.Pattern:
    """Compile word-list phrases: lowercase ones match in any case, others as written, with a
    capital first letter, or in capitals.

    A title before a name is capitalised ("Menteri Luar Negeri Sugiono"), a generic use is not
    ("seluruh menteri"), so "Menteri" must not match "menteri"; "juru bicara" matches any case.
    """
    phrases = [str(phrase) for phrase in phrases]
    any_case = {phrase for phrase in phrases if phrase == phrase.lower()}
    exact = {form for phrase in phrases if phrase not in any_case
             for form in (*surface_forms(phrase), phrase[:1].upper() + phrase[1:])}
    return compile_names(any_case | exact, any_case)


class EntityMatcher:
    """Find knowledge-base entities in text with one compiled regex, built once for all entities."""

    def __init__(self, entities: Sequence[Entity]):
        self.by_id: dict[str, Entity] = {}
        self.surfaces: dict[str, str] = {}
        for entity in entities:
            self.by_id.setdefault(entity.id, entity)
        # Names as written claim their surface first, so a capitalised variant never steals one.
        for variant in (0, 1):
            for entity in self.by_id.values():
                for name in names_of(entity):
                    forms = surface_forms(name)
                    if variant < len(forms):
                        self.surfaces.setdefault(flatten(forms[variant]), entity.id)
        self.pattern = compile_names(self.surfaces)
        # Mentions and candidates search every block, and speakers repeat across articles.
        self.find_cached = lru_cache(maxsize=FIND_CACHE_SIZE)(self.find_all)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Return (start, end, entity id) of every known name in ``text``, longest match first."""
        return list(self.find_cached(text))

    def find_all(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """Search ``text`` for known names (``find`` without the cache)."""
        surfaces = self.surfaces
        # A match is nearly always a surface as written; only a name broken over spaces needs flatten.
        return tuple((m.start(), m.end(), surfaces.get(m.group()) or surfaces[flatten(m.group())])
                     for m in self.pattern.finditer(text))

    def resolve(self, name: str) -> Entity | None:
        """Map a speaker phrase ("juru bicara Kremlin Dmitry Peskov") to its entity, if any."""
        spans = self.find(name)
        people = [span for span in spans if self.by_id[span[2]].type == "person"]
        if people:
            start, end, entity_id = pick_speaker(name, people)
            if names_principal(name, start, end):
                return None
            return self.by_id[entity_id]
        if not spans or lexicon().roles.search(name):
            return None  # a role without a name: "juru bicara Kremlin", "Presiden AS"
        return self.by_id[spans[0][2]]


@lru_cache(maxsize=8)
def build_matcher(entities: tuple[Entity, ...]) -> EntityMatcher:
    """Return the matcher for these entities, compiled once per distinct knowledge base."""
    return EntityMatcher(entities)


def pick_speaker(phrase: str, people: list[tuple[int, int, str]]) -> tuple[int, int, str]:
    """Choose the person a phrase names: the head of an apposition, else the last one named."""
    first = people[0]
    if not phrase[:first[0]].strip(" ,.:;\"'“”"):
        return first  # "Peskov, juru bicara Putin"
    return people[-1]  # "juru bicara Putin, Dmitry Peskov"


def names_principal(phrase: str, start: int, end: int) -> bool:
    """Say whether a bare surname follows a subordinate role ("juru bicara Trump")."""
    single_word = len(phrase[start:end].split()) == 1
    return single_word and bool(lexicon().subordinate.search(phrase[:start]))


# ---------------------------------------------------------------- mentions and candidates


def find_mentions(blocks: Sequence[Block], matcher: EntityMatcher) -> tuple[Mention, ...]:
    """Return every occurrence of a known entity in the blocks, in body order."""
    return tuple(Mention(entity_id, block.anchor, start, end, block.text[start:end])
                 for block in blocks for start, end, entity_id in matcher.find(block.text))


@dataclass(frozen=True)
class Lexicon:
    """The compiled word lists of ``data/roles.yml``."""

    roles: re.Pattern
    subordinate: re.Pattern  # a subordinate role at the end of the text before a name
    qualifiers: re.Pattern
    speech_cues: re.Pattern
    connectors: frozenset[str]
    particles: frozenset[str]
    stopwords: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and compile the role, qualifier and cue word lists once."""
    data = load_data("roles.yml")
    qualifiers = [form for name in data["qualifiers"] for form in surface_forms(name)]
    return Lexicon(
        roles=compile_phrases(data["roles"]),
        subordinate=re.compile("(?:" + compile_phrases(data["subordinate_roles"]).pattern + r")[\s,]*$"),
        qualifiers=compile_names(qualifiers),
        speech_cues=compile_phrases(data["speech_cues"]),
        connectors=frozenset(word.casefold() for word in data["connectors"]),
        particles=frozenset(word.casefold() for word in data["particles"]),
        stopwords=frozenset(data["stopwords"]),
    )


def find_candidates(blocks: Sequence[Block], matcher: EntityMatcher) -> tuple[Candidate, ...]:
    """Return names introduced by a role or a speech verb that the knowledge base lacks."""
    found: dict[str, Candidate] = {}
    for block in blocks:
        for start, end in names_in_block(block.text, matcher):
            name = flatten(block.text[start:end])
            found.setdefault(name, Candidate(name, sentence_at(block.text, start, end), block.anchor))
    return tuple(candidate for candidate in found.values() if not is_part_of_longer(candidate, found))


def names_in_block(text: str, matcher: EntityMatcher) -> list[tuple[int, int]]:
    """Return the spans of unknown names after roles and speech verbs in one block."""
    words = lexicon()
    spans = {start: (end, matcher.by_id[entity_id]) for start, end, entity_id in matcher.find(text)}
    after_roles = (read_name(text, m.end(), spans, qualified=True) for m in words.roles.finditer(text))
    after_cues = (read_name(text, m.end(), spans, qualified=False)
                  for m in words.speech_cues.finditer(text))
    return [span for span in (*after_roles, *after_cues) if span is not None]


def read_name(text: str, pos: int, spans: dict, qualified: bool) -> tuple[int, int] | None:
    """Read the unknown name after a role ("Rusia, Vladimir Putin") or a speech verb.

    After a role, qualifiers (known places and bodies, acronyms, parentheticals, connectors, one
    comma) may come before the name; capitalised words followed by a qualifier were a body's name
    ("Kemlu Rusia"), not a person's. After a speech verb the name must follow at once.
    """
    words, name, commas = lexicon(), [], 0
    while (pos := skip_space(text, pos)) < len(text):
        if pos in spans:
            end, entity = spans[pos]
            if entity.type == "person":
                return None  # the knowledge base already knows this person
            kind = "qualifier"
        else:
            kind, end = classify(text, pos, words)
        if kind == "name" or (kind == "particle" and name and next_is_name(text, end, words)):
            name.append((pos, end))
        elif not qualified or kind not in ("qualifier", "connector", "comma"):
            break
        elif name and (kind != "qualifier" or text[pos] == "("):
            break  # a comma, connector or parenthetical ends the name
        elif kind == "comma" and commas:
            break
        else:
            name = []
            commas += kind == "comma"
        pos = end
    return accept_name(text, name, minimum=1 if qualified else 2)


def classify(text: str, pos: int, words: Lexicon) -> tuple[str, int]:
    """Say what the token at ``pos`` is (name, particle, qualifier, connector, comma, other) and
    where it ends."""
    known = words.qualifiers.match(text, pos) or words.roles.match(text, pos)
    if known:
        return "qualifier", known.end()
    match = TOKEN.match(text, pos)
    token = match.group()
    if token.startswith("(") or (is_acronym(token) and not is_initial(token)):
        return "qualifier", match.end()
    if token == ",":
        return "comma", match.end()
    folded = token.casefold()
    if folded in words.connectors or folded in words.particles:
        return ("connector" if folded in words.connectors else "particle"), match.end()
    if is_name_word(token, words) and token not in words.stopwords:
        return "name", match.end()
    return "other", match.end()


def is_initial(token: str) -> bool:
    """Say whether a token is one initial such as 'J.'."""
    return len(token) == 2 and token[1] == "." and token[0].isupper()


def is_name_word(token: str, words: Lexicon) -> bool:
    """Say whether a token looks like a word of a person's name ("Putin", "J.", "al-Sharaa")."""
    if is_initial(token):
        return True
    head, _, rest = token.partition("-")
    if head.casefold() in words.particles and rest[:1].isupper():
        return True
    return token[0].isupper() and any(ch.islower() for ch in token)


def next_is_name(text: str, pos: int, words: Lexicon) -> bool:
    """Say whether a name word follows ``pos``, after any particles ("von der Leyen")."""
    while token := TOKEN.match(text, skip_space(text, pos)):
        if token.group().casefold() not in words.particles:
            return is_name_word(token.group(), words)
        pos = token.end()
    return False


def accept_name(text: str, name: list[tuple[int, int]], minimum: int) -> tuple[int, int] | None:
    """Return the name's span if it has a plausible number of words.

    A longer run of capitalised words is a body's name before a person's ("Kepala Badan Pangan
    Nasional Arief Prasetyo Adi"): keep its last words.
    """
    if len(name) > MAX_NAME_WORDS:
        name = name[-LONG_RUN_KEEPS:]
    if len(name) < minimum:
        return None
    start, end = name[0][0], name[-1][1]
    if len(name) == 1 and len(text[start:end]) < 3:
        return None
    return start, end


def skip_space(text: str, pos: int) -> int:
    """Return the first position at or after ``pos`` that is not white space."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def is_part_of_longer(candidate: Candidate, found: dict[str, Candidate]) -> bool:
    """Say whether a one-word name is a word of a longer candidate ("Leavitt", "Karoline Leavitt")."""
    if " " in candidate.name:
        return False
    return any(candidate.name in other.split() for other in found if other != candidate.name)


def sentence_at(text: str, start: int, end: int) -> str:
    """Return the sentence around text[start:end], trimmed to a readable length."""
    begin = max((m.end() for m in SENTENCE_END.finditer(text, 0, end) if m.end() <= start), default=0)
    stop = next((m.start() for m in SENTENCE_END.finditer(text, end)), len(text))
    sentence = flatten(text[begin:stop])
    if len(sentence) <= MAX_CONTEXT:
        return sentence
    middle = (start + end) // 2 - begin
    left = max(0, min(middle - MAX_CONTEXT // 2, len(sentence) - MAX_CONTEXT))
    return ("…" if left else "") + sentence[left:left + MAX_CONTEXT].strip() + "…"
