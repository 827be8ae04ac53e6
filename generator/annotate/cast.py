"""The cast of an article: the names its text writes, and the people they name.

A name is read as a run of capitalised words without the titles, roles and places before it (the
word lists of ``data/attribution.yml``), unless such a word is a given name here ("Ketua KOI, Raja
Sapta Oktohari", "Menteri Pertahanan Israel Katz"). The name starts after an organisation the
article also writes on its own ("Ketua PP Pemuda Muhammadiyah Sunanto"), or where the article also
writes a word of the run alone ("kata Honesti": "Bio Farma Honesti Basyir" -> "Honesti Basyir");
otherwise a long run keeps its last three words, the usual length of a name (two before "bin",
"ibni", "van" and the father's name after it). ``read_cast`` collects an article's people in the
order they first appear, how often each name is written, the nicknames it gives in passing
("Presiden Joko Widodo (Jokowi)", "Romahurmuziy alias Rommy") and which names it writes as a
person's (after a role, in apposition to one, or saying something); ``speakers`` resolves each
quote's speaker against it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Sequence

from ..core.knowledge import load_data
from ..core.models import Block
from .quotes import patterns

NAME_WORDS = 3  # the longest name kept from a run of capitalised words (particles aside)
LOOK_BACK = 240  # characters before a name read for its role or a "menurut" (eight words and more)
GIVEN_WORDS = 2  # the longest given name kept before "bin", "ibni", "van" …
DESCRIPTOR_WORDS = 5  # "pelatih asal Belanda itu": longer descriptions are not looked up
VERB_PREFIXES = ("me", "ber", "di", "ter")  # a word so begun acts: "menemui X" is no description of X
RUNS_CACHE_SIZE = 4096
TOKEN = re.compile(r"[^\s(),;:\"“”]+|[(),;:\"“”]")
INITIAL = re.compile(r"^[A-Z]\.?$")
APPOSITION = re.compile(r"\s*,\s*(\S+)")  # the word after a name's comma: "X, Ketua KNPI"
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# "Joko Widodo (Jokowi)", "Romahurmuziy atau Rommy", "Raja Sapta Oktohari alias Okto"
NICKNAME_CUES = ("atau", "alias", "disapa", "dipanggil", "panggilan")
# "Menurut Ketua LPS, Anggito Abimanyu, …": a name right after "menurut" and its titles
AFTER_MENURUT = re.compile(r"\b[Mm]enurut\s+(?:[A-Z(][\w.()/-]*,?\s+){0,8}$")


@dataclass(frozen=True)
class Person:
    """A full name as the article introduces it and where it first appears."""

    name: tuple[str, ...]
    first: tuple[int, int]  # (block index, offset)
    opens_sentence: bool = False  # its first word may be a capitalised common word ("Kampanye Mamdani")


@dataclass(frozen=True)
class Cast:
    """The people an article names, how often, and the nicknames it gives them."""

    people: tuple[Person, ...]
    nicknames: dict  # nickname -> full name (tuple of words)
    alone: frozenset  # words the article also writes on their own ("kata Honesti")
    counts: Counter  # name -> times written
    sightings: tuple = ()  # (text, offset, run words, name) of every run, for ``persons``
    quoted: tuple = ()  # (block index, start, end) of each quote: names inside are speech, not subjects
    groups: frozenset = frozenset()  # runs of two or more words the article writes on their own

    @cached_property  # only pronouns without a subject at hand need it
    def persons(self) -> frozenset:
        """Return the names written as a person's somewhere: with a role, or saying something."""
        return frozenset(name for text, offset, words, name in self.sightings if is_person(text, offset, words))


# --- word lists -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def word_sets() -> dict[str, frozenset[str]]:
    """Return the word lists that tell a name from the words around it."""
    data = load_data("attribution.yml")

    def flat(key: str) -> frozenset[str]:
        value = data[key]
        items = value if isinstance(value, list) else [w for group in value.values() for w in group]
        return frozenset(str(item).lower() for item in items)

    not_names = frozenset().union(*(flat(key) for key in (
        "role_words", "name_prefixes", "function_words", "calendar_words", "pronouns", "determiners",
        "abbreviated_titles", "honorifics")))
    return {"not_names": not_names, "particles": flat("name_particles"),
            "roles": flat("role_words") | flat("name_prefixes") | flat("honorifics"),
            "organisations": flat("organisation_heads"), "clause": flat("clause_words"),
            "determiners": flat("determiners"), "pronouns": flat("pronouns"),
            "verbs": flat("verb_first"), "continuing": flat("continuing_verbs"),
            "titles": flat("role_words") | flat("honorifics") | flat("abbreviated_titles"),
            "title_names": flat("titles_also_names"), "place_names": flat("places_also_names"),
            "given_names": flat("titles_also_names") | flat("places_also_names"),
            "modifiers": flat("descriptor_modifiers"), "others": flat("other_people"), "adverbs": flat("adverbs"), "indefinites": flat("indefinites"), "opinion": flat("opinion_words"), "role_words": flat("role_words"), "not_predicates": flat("function_words") | flat("clause_words")
            | flat("pronouns") | flat("determiners") | flat("name_particles")}


@lru_cache(maxsize=None)
def patterns_of(key: str) -> re.Pattern:
    """Compile one word list of ``attribution.yml`` into a whole-word, any-case pattern."""
    alternation = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(word_sets()[key], key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


# --- names in text --------------------------------------------------------------------------


def is_name_word(token: str) -> bool:
    """Tell whether a token can be a word of a person's name ("Hanif", "Oana-Silvia", "M.")."""
    if not token[:1].isupper():
        return False
    if INITIAL.match(token):
        return True
    core = token.rstrip(".")
    return (bool(core) and core[0].isupper() and any(ch.islower() for ch in core)
            and core.lower() not in word_sets()["not_names"])


@lru_cache(maxsize=RUNS_CACHE_SIZE)  # an article's paragraphs are read again for each pronoun
def name_runs(text: str) -> tuple[tuple[int, tuple[str, ...], str], ...]:
    """Return (offset, name words, the tokens after) for each run of name words."""
    runs, words, first = [], [], 0
    tokens = list(TOKEN.finditer(text))
    for position, match in enumerate(tokens):
        token = match.group()
        if is_name_word(token) or (words and token.lower() in word_sets()["particles"]):
            first = first if words else position
            words.append(token if INITIAL.match(token) else token.rstrip("."))
            if token.endswith(".") and not INITIAL.match(token):
                runs.append(close_run(tokens, first, words, ""))
                words = []
        elif words:
            runs.append(close_run(tokens, first, words, " ".join(t.group() for t in tokens[position:position + 12])))
            words = []
    if words:
        runs.append(close_run(tokens, first, words, ""))
    return tuple((offset, tuple(run), after) for offset, run, after in runs if run)


def close_run(tokens: Sequence[re.Match], first: int, words: list[str], after: str) -> tuple[int, list[str], str]:
    """Return a finished run, with a title or place before it that is a given name here."""
    words = trim_particles(words)
    if given_name_before(tokens, first, len(words)):
        return tokens[first - 1].start(), [tokens[first - 1].group(), *words], after
    return tokens[first].start(), words, after


def given_name_before(tokens: Sequence[re.Match], first: int, size: int) -> bool:
    """Tell whether the title or place before a run is the first word of the name: after another
    role, a title ("Ketua KOI, Raja Sapta Oktohari"), or a place when one name word follows
    ("Menteri Pertahanan Israel Katz"); a person has one title and at least two names."""
    if first < 2 or not size:
        return False
    word = tokens[first - 1].group().lower()
    if word not in word_sets()["title_names"] and not (size == 1 and word in word_sets()["place_names"]):
        return False
    position = first - 2
    if tokens[position].group() == "," and word in word_sets()["title_names"]:
        position -= 1  # "Ketua Dewan Kesenian, Raja Bima Prasetya"
    for match in reversed(tokens[max(0, position - DESCRIPTOR_WORDS + 1):position + 1]):
        before = match.group()
        if before.lower() in word_sets()["roles"] or (len(before) > 1 and before.isupper()):
            return True
        if not before[:1].isupper():
            break
    return False


def trim_particles(words: list[str]) -> list[str]:
    """Drop particles that end a run ("… bin")."""
    while words and words[-1].lower() in word_sets()["particles"]:
        words = words[:-1]
    return list(words)


def name_part(words: Sequence[str], alone: frozenset = frozenset(), groups: frozenset = frozenset()) -> tuple[str, ...]:
    """Keep the name of a run: after the words of an organisation the article also writes on
    their own ("PP Pemuda Muhammadiyah, yang …" … "Ketua PP Pemuda Muhammadiyah Sunanto"); from
    the last word the article also writes alone, when that is not the first or last word ("Bio
    Farma Honesti Basyir" … "kata Honesti"); else the last NAME_WORDS words (particles between
    them do not count; before a particle, GIVEN_WORDS)."""
    if len(words) <= 2:  # most runs: nothing to cut ("Katz", "Honesti Basyir")
        return tuple(words)
    particles = word_sets()["particles"]
    words = after_group(words, groups)
    given = word_sets()["given_names"]  # "Raja Sapta Oktohari" … "kata Sapta"
    for index in range(len(words) - 2, 0, -1):
        if words[index] in alone and words[index].lower() not in particles and not (
                index == 1 and words[0].lower() in given):
            words = words[index - 1 if words[index - 1].lower() in particles else index:]
            break
    joined = next((index for index, word in enumerate(words) if index and word.lower() in particles), None)
    if joined is None:
        return last_words(words, NAME_WORDS)
    # "Tunku Ismail ibni Sultan Ibrahim": a name and a father's name, each counted on its own
    return last_words(words[:joined], GIVEN_WORDS) + last_words(words[joined:], NAME_WORDS)


def after_group(words: Sequence[str], groups: frozenset) -> Sequence[str]:
    """Return the words after the last organisation in a run that the article writes on its own."""
    if len(words) < 3 or not groups:
        return words
    ends = [start + size for start in range(len(words)) for size in range(2, len(words) - start)
            if tuple(words[start:start + size]) in groups]
    return words[max(ends):] if ends else words


def last_words(words: Sequence[str], size: int) -> tuple[str, ...]:
    """Return the last ``size`` words of a run, particles not counted."""
    particles = word_sets()["particles"]
    kept, counted = [], 0
    for word in reversed(words):
        counted += word.lower() not in particles
        if counted > size:
            break
        kept.insert(0, word)
    return tuple(kept)


def opens_sentence(text: str, offset: int) -> bool:
    """Tell whether offset starts a sentence (the paragraph, or after . ! ? and a space)."""
    before = text[:offset].rstrip()
    return not before or before[-1] in ".!?\"”"


# --- the cast of an article -----------------------------------------------------------------


def read_cast(blocks: Sequence[Block], quoted: tuple = ()) -> Cast:
    """Collect the people and nicknames an article names, in the order they first appear."""
    runs = [(index, run) for index, block in enumerate(blocks) for run in name_runs(block.text)]
    alone = frozenset(words[0] for _, (_, words, _) in runs if len(words) == 1)
    groups = frozenset(words for _, (_, words, _) in runs if len(words) > 1)
    people: dict[tuple[str, ...], Person] = {}
    nicknames: dict[str, tuple[str, ...]] = {}
    counts: Counter = Counter()
    names = [name_part(words, alone, groups) for _, (_, words, _) in runs]
    names = [without_place(name, names) for name in names]
    for (index, (offset, words, after)), name in zip(runs, names):
        counts[name] += 1
        opens = name[0] == words[0] and opens_sentence(blocks[index].text, offset)
        people.setdefault(name, Person(name, (index, offset), opens))
        nickname, target = read_nickname(after, name)
        if nickname and len(target) > 1 and nickname not in target:
            nicknames.setdefault(nickname, target)
    sightings = tuple((blocks[index].text, offset, words, name)
                      for (index, (offset, words, _)), name in zip(runs, names))
    return Cast(tuple(people.values()), nicknames, alone, counts, sightings, quoted, groups)


def without_place(name: tuple[str, ...], names: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """Drop a place read as a given name ("Israel Netanyahu") when the article names the person
    otherwise ("Benjamin Netanyahu")."""
    if len(name) != 2 or name[0].lower() not in word_sets()["place_names"]:
        return name
    rest = name[1:]
    return rest if any(len(other) > 1 and other != name and contains(other, rest) for other in names) else name


def contains(name: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Tell whether the words of ``short`` stand together in ``name``."""
    size = len(short)
    return any(name[i:i + size] == short for i in range(len(name) - size + 1))


def is_person(text: str, offset: int, words: Sequence[str]) -> bool:
    """Tell whether the text writes a name as a person's: after a role or a speaking verb
    ("Ketua KNPI X", "kata X"), before a role in apposition ("X, Ketua KNPI"), or saying something."""
    before = text[max(0, offset - LOOK_BACK):offset].split()[-DESCRIPTOR_WORDS:]
    if before and before[-1].lower() in word_sets()["verbs"]:
        return True
    if before and before[-1] == ",":
        before.pop()
    if before and before[-1].endswith(","):  # "Brand Manager Aice Group, X"
        before[-1] = before[-1][:-1]
    end = run_end(text, offset, words)
    for word in reversed(before):  # "Ketua KNPI X", "pengusaha tambang X"; not "Ketua KNPI, X"
        if word.lower() in word_sets()["titles"]:
            apposed = APPOSITION.match(text, end)  # "Ketua KNPI, Rahmat …": KNPI is no one
            return not (apposed and is_name_word(apposed.group(1)))
        if word[-1:] in ",.;:)\"”" or not is_description(word):
            break
    apposition = APPOSITION.match(text, end)  # "X, Ketua KNPI", "X, seorang pedagang"
    role = apposition.group(1).strip(",.;:").lower() if apposition else ""
    return role in word_sets()["role_words"] or role in word_sets()["indefinites"] or speaks(text, offset, words)


def run_end(text: str, offset: int, words: Sequence[str]) -> int:
    """Return where the run of name words at ``offset`` ends in the text."""
    return text.find(words[-1], offset) + len(words[-1])


def speaks(text: str, offset: int, words: Sequence[str]) -> bool:
    """Tell whether the name at ``offset`` is the subject of a speaking verb or of "menurut"
    ("Menurut Ketua LPS, Anggito Abimanyu, …"; in "Menurut Auziere, Brigitte …" only Auziere)."""
    end = run_end(text, offset, words)
    rest = text[end:]
    if patterns()["verb_here"].match(text, end + len(rest) - len(rest.lstrip(" ,"))):
        return True
    menurut = AFTER_MENURUT.search(text, max(0, offset - LOOK_BACK), offset)
    between = menurut.group().split()[1:] if menurut else []
    return bool(menurut) and (not between or not is_name_word(between[0]) or "," not in menurut.group())


def is_description(word: str) -> bool:
    """Tell whether a word before a name can describe it rather than act ("Pengusaha tambang",
    "Ketua KOI"; not "menemui", "dan")."""
    lower = word.lower()
    if lower in word_sets()["roles"]:
        return True
    return lower not in word_sets()["not_predicates"] and (word[:1].isupper() or not lower.startswith(VERB_PREFIXES))


def read_nickname(after: str, name: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """Return a nickname given right after a name and whom it names: "(Jokowi)", "atau Rommy",
    "alias Okto"; "Tunku Mahkota Johor (TMJ), Tunku Ismail" gives the name after the comma."""
    parts = after.split()
    if len(parts) >= 3 and parts[0] == "(" and parts[2] == ")":
        if is_name_word(parts[1]):
            return parts[1], name
        if ACRONYM.match(parts[1]):
            following = name_runs(" ".join(parts[4:])) if len(parts) > 4 and parts[3] == "," else []
            return parts[1], (tuple(following[0][1]) if following and following[0][0] == 0 else name)
    if len(parts) >= 2 and parts[0].lower() in NICKNAME_CUES and is_name_word(parts[1]):
        return parts[1].rstrip(".,"), name
    return None, name
