"""Speakers by full name: one person, one name, across an article.

An article introduces a person once in full ("Menteri Lingkungan Hidup Hanif Faisol Nurofiq
mengatakan …") and quotes them later by a short form ("kata Hanif", "ujar Nurofiq"), a
nickname given in passing ("Presiden Joko Widodo (Jokowi)", "Romahurmuziy alias Rommy"), a
role or description ("tanya Presiden", "kata pelatih asal Skotlandia itu") or a pronoun
("ujarnya", "kata dia"). ``name_speakers`` gives each such quote the full name, when exactly
one person of the article fits; otherwise the name stays as attributed, and a quote whose
attribution names nobody keeps no speaker. Organisations speak by their full name ("sebut
Kementerian Pertahanan Rumania"). Speakers the knowledge base identified keep their entity.

A pronoun, or a description new to the article that points back ("kata kiper utama klub
tersebut", "sambung pesepak bola asal Blitar"), names the person the text is about: the last one
named as the subject of a speaking verb or of a sentence ("Musk berselisih …"), not a name inside
a quote, and not the subject of someone else's view ("Menurut X, Y …" gives X); else the only
person the article has introduced. Someone brought in unnamed ("Seorang warga mengatakan …",
"kata warga lain") stays unnamed.

A name is read as a run of capitalised words without the titles, roles and places before it
(the word lists of ``data/attribution.yml``), unless such a word is a given name here ("Ketua
KOI, Raja Sapta Oktohari", "Menteri Pertahanan Israel Katz"). The name starts after an
organisation the article also writes on its own ("Ketua PP Pemuda Muhammadiyah Sunanto"), or
where the article also writes a word of the run alone ("kata Honesti": "Bio Farma Honesti
Basyir" -> "Honesti Basyir"); otherwise a long run keeps its last three words, the usual length
of a name (two before "bin", "ibni", "van" and the father's name after it).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Sequence

from ..core.knowledge import load_data
from ..core.models import Block, Quote
from .quotes import patterns

NAME_WORDS = 3  # the longest name kept from a run of capitalised words (particles aside)
LOOK_BACK = 240  # characters before a name read for its role or a "menurut" (eight words and more)
GIVEN_WORDS = 2  # the longest given name kept before "bin", "ibni", "van" …
NICKNAME_MIN = 3  # a shorter word is not read as the start of a longer name ("Okto")
UNNAMED = ""  # a pronoun's referent is someone the article does not name
DESCRIPTOR_WORDS = 5  # "pelatih asal Belanda itu": longer descriptions are not looked up
DESCRIPTOR_REACH = 80  # characters after a descriptor in which its name must start
ATTRIBUTION_REACH = 200  # characters after a quote read again for its speaker
SUBJECT_BLOCKS = 4  # paragraphs before a quote searched for the subject a pronoun refers to
SUBJECT_WORDS = 8  # words between a quote and the speaking verb of "…," X itu mengatakan
CONNECTOR_WORDS = 3  # "Seperti diketahui," before a sentence's subject
VERB_PREFIXES = ("me", "ber", "di", "ter")  # a word so begun acts: "menemui X" is no description of X
DOMINANT = 2  # a name written this many times as often as the others wins a tie
RUNS_CACHE_SIZE = 4096
TOKEN = re.compile(r"[^\s(),;:\"“”]+|[(),;:\"“”]")
INITIAL = re.compile(r"^[A-Z]\.?$")
WORD = re.compile(r"\w+")
APPOSITION = re.compile(r"\s*,\s*(\S+)")  # the word after a name's comma: "X, Ketua KNPI"
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# "Joko Widodo (Jokowi)", "Romahurmuziy atau Rommy", "Raja Sapta Oktohari alias Okto"
NICKNAME_CUES = ("atau", "alias", "disapa", "dipanggil", "panggilan")
DEMONSTRATIVES = ("itu", "tersebut", "ini")
PLACE_CUES = ("asal", "dari")  # "pesepak bola asal Blitar": a place, not a name
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


@dataclass(frozen=True)
class Said:
    """Where a quote stands and who the quotes before it were given to, for pronouns."""

    at: tuple[int, int]  # (block index, offset of the quote)
    previous: tuple[tuple[int, int], str] | None  # the last named statement before it
    before: tuple[Quote, str | None] | None = None  # the quote just before it, as found, and its speaker
    before_at: tuple[int, int] = (0, 0)  # where that quote stands


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


# --- from a short form to the full name -----------------------------------------------------


def full_name(speaker: str, cast: Cast, at: tuple[int, int], blocks: Sequence[Block] = ()) -> str | None:
    """Return the full name a speaker name stands for, or None when none or several fit."""
    if is_organisation(speaker):
        return None
    runs = [name_part(words, cast.alone, cast.groups) for _, words, _ in name_runs(speaker)]
    short = runs[-1] if runs else tuple(speaker.split()) if ACRONYM.match(speaker) else ()
    short = without_place(short, [person.name for person in cast.people])
    if not short:
        return by_descriptor(speaker, blocks, cast, at)
    if len(short) == 1 and short[0] in cast.nicknames:
        return " ".join(cast.nicknames[short[0]])
    fits = [person for person in cast.people if contains(person.name, short) and person.name != short]
    if not fits and len(short) == 1 and len(short[0]) >= NICKNAME_MIN:
        fits = [person for person in cast.people if len(person.name) > 1
                and any(starts_word(word, short[0]) for word in person.name)]  # "Okto": "… Oktohari"
    if not fits and len(short) > 1 and short[-1] in cast.alone:  # "… Papua Surabaya Dedi" + "kata Dedi"
        fits = [person for person in cast.people if len(person.name) > 1 and person.name[0] == short[-1]]
    if not fits:
        return " ".join(short)
    chosen = choose([person for person in fits if person.first <= at] or fits, short, cast)
    return " ".join(chosen) if chosen else None


def starts_word(word: str, prefix: str) -> bool:
    """Tell whether a nickname begins a longer word of a name ("Okto" in "Oktohari")."""
    return len(word) > len(prefix) and word.startswith(prefix) and word[len(prefix)].islower()


def choose(people: Sequence[Person], short: tuple[str, ...], cast: Cast) -> tuple[str, ...] | None:
    """Return the one name among the people that fit, or None when the choice is not clear."""
    names = longest_names(people)
    if len(names) > 1:  # "Kampanye Mamdani" beside "Zohran Mamdani": drop the sentence openers
        names = longest_names([p for p in people if not (p.opens_sentence and p.name[0] not in short)])
    if len(names) > 1:  # "Ganjar Pranowo" written often, "Ganjar Pranowo-Mahfud" once
        ranked = sorted(names, key=lambda name: -cast.counts[name])
        if cast.counts[ranked[0]] >= DOMINANT * cast.counts[ranked[1]]:
            names = ranked[:1]
    return names[0] if len(names) == 1 else None


def longest_names(people: Sequence[Person]) -> list[tuple[str, ...]]:
    """Return the distinct names that are not part of another one of them."""
    names = {person.name for person in people}
    return sorted(name for name in names if not any(name != other and contains(other, name) for other in names))


def contains(name: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Tell whether the words of ``short`` stand together in ``name``."""
    size = len(short)
    return any(name[i:i + size] == short for i in range(len(name) - size + 1))


def by_descriptor(descriptor: str, blocks: Sequence[Block], cast: Cast, at: tuple[int, int]) -> str | None:
    """Return the one person the article introduced with these words before the quote:
    "tanya Presiden" -> "Presiden Joko Widodo", "kata pelatih Timnas itu" -> "pelatih Timnas
    Simon McMenemy"."""
    words = descriptor.split()
    if not words or len(words) > DESCRIPTOR_WORDS:
        return None
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"[\s,]+", re.IGNORECASE)
    return one_name_after(pattern, blocks, cast, at, loose=False)


def by_head_noun(descriptor: str, blocks: Sequence[Block], cast: Cast, at: tuple[int, int]) -> str | None:
    """Return the one person written right after the descriptor's first word ("pelatih asal
    Skotlandia itu" -> "Pelatih Simon McMenemy")."""
    head = descriptor.split()[0].lower() if descriptor.split() else ""
    if len(head) < NICKNAME_MIN or head in word_sets()["not_names"] - word_sets()["roles"]:
        return None
    return one_name_after(re.compile(rf"(?<!\w){re.escape(head)}(?!\w)", re.IGNORECASE), blocks, cast, at, loose=True)


def one_name_after(pattern: re.Pattern, blocks: Sequence[Block], cast: Cast, at: tuple[int, int],
                   loose: bool) -> str | None:
    """Return the one full name that follows a match of ``pattern`` before the quote."""
    names = set()
    for index, block in enumerate(blocks[:at[0] + 1]):
        text = block.text[:at[1]] if index == at[0] else block.text
        for found in pattern.finditer(text):
            name = first_name_after(text[found.end():found.end() + DESCRIPTOR_REACH], cast, loose)
            if name and (len(name) > 1 or not loose):
                names.add(name)
    return " ".join(names.pop()) if len(names) == 1 else None


def first_name_after(text: str, cast: Cast, loose: bool = False) -> tuple[str, ...] | None:
    """Return the name that follows a descriptor at once (after roles, acronyms or a comma; after
    a few other words too when ``loose``)."""
    runs = name_runs(text)
    if not runs:
        return None
    offset, words, _ = runs[0]
    between = text[:offset].split()
    if len(between) > DESCRIPTOR_WORDS or (not loose and any(
            word.lower() not in word_sets()["roles"] and not word.isupper() and word != "," for word in between)):
        return None
    return name_part(words, cast.alone, cast.groups)


# --- reading an attribution again -----------------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    """An attribution after a quote, read again: what kind of words name the speaker."""

    kind: str | None  # "name" | "organisation" | "descriptor" | "pronoun" | None
    words: str = ""
    verb: str = ""  # the verb before the speaker words ("sambung"), lower-cased
    pointing: bool = False  # the words end in "itu", "tersebut" or "ini"
    someone_else: bool = False  # "tambah warga lain", "kata seorang pedagang", "ujar para pemain"


def read_attribution(text: str, quote: Quote) -> Attribution:
    """Read the attribution after a quote again."""
    after = text[quote.end:quote.end + ATTRIBUTION_REACH]
    if patterns()["after_pronoun"].match(after):
        return Attribution("pronoun")
    verb = patterns()["after_verb"].match(after)
    tokens = speaker_tokens(after[verb.end():]) if verb else subject_tokens(after)
    said = verb.group("verb").lower() if verb else ""
    if not tokens:
        return Attribution(None)
    raw = after[verb.end():verb.end() + LOOK_BACK].split()[:len(tokens) + 2] if verb else tokens
    other = any(word.strip(".,").lower() in word_sets()["others"] for word in raw)
    if tokens[-1].lower() in DEMONSTRATIVES:
        return Attribution("descriptor", " ".join(tokens[:-1]), said, pointing=True, someone_else=other)
    phrase = " ".join(tokens)
    if tokens[0].lower() in word_sets()["pronouns"]:
        return Attribution("pronoun")
    if is_organisation(phrase):
        return Attribution("organisation", phrase.rstrip(","))
    runs = name_runs(phrase)
    if runs:
        return Attribution("name", " ".join(runs[-1][1]))
    if ACRONYM.match(tokens[-1]):
        return Attribution("name", tokens[-1])
    return Attribution("descriptor", phrase, said, someone_else=other)


def speaker_tokens(text: str) -> list[str]:
    """Return the words of a speaker phrase: up to the sentence's end, a clause word or a place."""
    end = patterns()["sentence_end"].search(text)
    words = (text[:end.start() + 1] if end else text).split()
    tokens = []
    for position, token in enumerate(words):
        word = token.rstrip(".,;:").lower()
        following = words[position + 1] if position + 1 < len(words) else ""
        if tokens and (word in DEMONSTRATIVES):
            tokens.append(word)
            break
        if tokens and (word in PLACE_CUES or (word in word_sets()["clause"]
                                              and not (word == "untuk" and following[:1].isupper()))):
            break
        if tokens and token[:1].islower() and word not in word_sets()["particles"] and is_name_word(tokens[-1]):
            break  # "ujar Megawati menirukan pesan Bung Karno": the name is Megawati
        ends = token.endswith((".", ";", ":")) and not INITIAL.match(token)
        tokens.append(token.rstrip(".;:") if ends else token)
        if ends:
            break
    while tokens and tokens[0].lower() in word_sets()["determiners"]:
        tokens = tokens[1:]
    return tokens


def subject_tokens(text: str) -> list[str]:
    """Return the words before a speaking verb right after a quote ("…," bos Tesla itu
    memposting di X; "…!" ia memposting)."""
    words = text.split()[:SUBJECT_WORDS + 1]
    for position, token in enumerate(words):
        if position and patterns()["verb_here"].fullmatch(token.rstrip(".,")):
            return [word.rstrip(",") for word in words[:position]]
        if token.endswith((".", ";", ":")):
            break
    return []


def is_organisation(phrase: str) -> bool:
    """Tell whether a speaker phrase names an organisation ("Kementerian Pertahanan Rumania",
    "militer China")."""
    words = phrase.split()
    if not words or words[0].lower() not in word_sets()["organisations"]:
        return False
    return words[0][:1].isupper() or any(word[:1].isupper() for word in words[1:])


# --- pronouns -------------------------------------------------------------------------------


def last_subject(blocks: Sequence[Block], cast: Cast, said: Said) -> str | None:
    """Return the person a pronoun attribution refers to: the last one named before the quote as
    the subject of a speaking verb ("Henry Najoan mengatakan …", "Menurut X, …") or of its
    sentence ("Musk berselisih …"), unless a statement given to someone stands between them.
    Names inside quotes are what someone said, not subjects. Returns UNNAMED when someone
    unnamed was brought in last ("Seorang warga mengatakan …"), None when nobody fits."""
    at = said.at
    for index in range(at[0], max(-1, at[0] - SUBJECT_BLOCKS - 1), -1):
        text = blocks[index].text[:at[1]] if index == at[0] else blocks[index].text
        unnamed = last_unnamed(text, cast, index)
        for offset, words, _ in reversed(name_runs(text)):
            if is_quoted(cast, index, offset):
                continue
            if unnamed > offset:
                break
            if said.previous and said.previous[0] > (index, offset):
                return said.previous[1]  # the quote continues the statement before it
            if speaks(text, offset, words) or is_subject(text, offset, words, cast):
                return " ".join(name_part(words, cast.alone, cast.groups))
        if unnamed >= 0:
            return said.previous[1] if said.previous and said.previous[0] > (index, unnamed) else UNNAMED
    return None


def last_unnamed(text: str, cast: Cast, index: int) -> int:
    """Return where a text last brings in someone unnamed as a sentence's or clause's subject
    ("Seorang warga mengatakan …", "…, seorang pejabat mengakui …"), or -1; not in an apposition
    ("Budi, seorang pedagang, …"), after another word ("apabila seorang presiden …") or in a quote."""
    for found in reversed(list(patterns_of("indefinites").finditer(text))):
        before = text[max(0, found.start() - LOOK_BACK):found.start()].rstrip()
        opens = not before or before[-1] in ".!?\"”" or (before[-1] == "," and not is_name_word(before[:-1].split()[-1]))
        if opens and not is_quoted(cast, index, found.start()):
            return found.start()
    return -1


def is_quoted(cast: Cast, index: int, offset: int) -> bool:
    """Tell whether an offset of a block lies inside one of the article's quotes."""
    return any(block == index and start < offset < end for block, start, end in cast.quoted)


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


def is_subject(text: str, offset: int, words: Sequence[str], cast: Cast) -> bool:
    """Tell whether a person's name is the subject of its sentence: it opens the sentence (or
    follows a connector such as "Sekarang,") and a predicate follows it, at once or after an
    apposition ("Musk berselisih …", "M. Ryano, Ketua Umum KNPI menyambut …")."""
    if not opens_clause(text, offset) or not predicate_follows(text, run_end(text, offset, words)):
        return False
    name = name_part(words, cast.alone, cast.groups)
    return any(contains(person, name) for person in cast.persons)


def predicate_follows(text: str, end: int) -> bool:
    """Tell whether what a subject does follows a name, past an apposition and adverbs."""
    rest = text[end:end + LOOK_BACK].split()[:SUBJECT_WORDS]
    if rest and rest[0].startswith(","):  # "X, seorang pedagang, mengatakan"; "X, Ketua KNPI menyambut"
        rest = [rest[0][1:], *rest[1:]] if rest[0] != "," else rest[1:]
        closing = next((place for place, word in enumerate(rest) if word.endswith(",")), None)
        apposed = [word.rstrip(",").lower() for word in rest[:closing + 1] if word != ","] if closing is not None else []
        if apposed and all(word in word_sets()["determiners"] or is_description(word) for word in apposed):
            rest = rest[closing + 1:]
        else:
            rest = list(itertools.dropwhile(lambda word: not word[:1].islower(), rest))
    rest = list(itertools.dropwhile(lambda word: word.lower() in word_sets()["adverbs"]
                                    and word.lower() not in word_sets()["not_predicates"], rest))
    return bool(rest) and is_predicate(rest[0])


def is_predicate(word: str) -> bool:
    """Tell whether a word can say what a subject does ("berselisih", "menyambut"); not a passive
    ("Jokowi dianggap …": what others think of him)."""
    core = word.rstrip(".,;:")
    return (core.isalpha() and core.islower() and core not in word_sets()["not_predicates"]
            and not core.startswith("di"))


def opens_clause(text: str, offset: int) -> bool:
    """Tell whether a name opens its sentence, after a short connector ("Sekarang,", "Di
    pengadilan,") or a description ("Pengusaha tambang X"); not after "Menurut X," or "Baginya,"."""
    before = text[max(0, offset - LOOK_BACK):offset]  # a name further on opens no sentence
    lead = before[max(before.rfind(mark) for mark in ".!?\"”") + 1:]
    connector, _, description = lead.rpartition(",")
    if connector and not is_connector(connector.split()):
        return False
    words = description.split()
    return len(words) <= DESCRIPTOR_WORDS and all(is_description(word) for word in words)


def is_connector(words: Sequence[str]) -> bool:
    """Tell whether words before a comma only link the sentence to the one before ("Seperti diketahui")."""
    if not words or len(words) > CONNECTOR_WORDS or any(word[:1].isupper() for word in words[1:]):
        return False
    first = words[0].lower().removesuffix("nya")
    return first not in word_sets()["verbs"] and first not in word_sets()["opinion"]


def is_description(word: str) -> bool:
    """Tell whether a word before a name can describe it rather than act ("Pengusaha tambang",
    "Ketua KOI"; not "menemui", "dan")."""
    lower = word.lower()
    if lower in word_sets()["roles"]:
        return True
    return lower not in word_sets()["not_predicates"] and (word[:1].isupper() or not lower.startswith(VERB_PREFIXES))


# --- the pass over an article's quotes ------------------------------------------------------


def name_speakers(quotes: Sequence[Quote], blocks: Sequence[Block]) -> tuple[Quote, ...]:
    """Give each quote whose speaker the knowledge base does not know the speaker's full name."""
    if not any(not quote.speaker_id for quote in quotes):
        return tuple(quotes)
    anchors = {block.anchor: index for index, block in enumerate(blocks)}
    cast = read_cast(blocks, tuple((anchors.get(quote.anchor, 0), quote.start, quote.end) for quote in quotes))
    named: list[Quote] = []
    previous = before = None
    before_at = (0, 0)
    for quote in quotes:
        at = (anchors.get(quote.anchor, 0), quote.start)
        found = quote
        if not quote.speaker_id and (quote.attribution or (quote.kind == "statement" and not quote.speaker_name)):
            speaker = speaker_of(quote, blocks, cast, Said(at, previous, before, before_at))
            quote = replace(quote, speaker_name=speaker) if speaker != quote.speaker_name else quote
        if quote.kind == "statement" and quote.speaker_name:
            previous = (at, quote.speaker_name)
        before, before_at = (found, quote.speaker_name), at
        named.append(quote)
    return backfill_juxtaposed(named, blocks, anchors)


def speaker_of(quote: Quote, blocks: Sequence[Block], cast: Cast, said: Said) -> str | None:
    """Return the full name of one quote's speaker (the attributed name when none fits better)."""
    speaker, at = quote.speaker_name, said.at
    found = read_attribution(blocks[at[0]].text, quote)
    kind, phrase = found.kind, found.words
    if kind == "organisation" and (not speaker or set(speaker.split()) <= set(phrase.split())):
        return phrase
    if kind == "name":  # the words right after the quote name the speaker
        short = " ".join(name_part(phrase.split(), cast.alone, cast.groups))
        return full_name(phrase, cast, at, blocks) or short
    elif kind == "descriptor" and found.someone_else:  # "kata seorang warga", "tambah warga lain"
        return None
    elif kind == "descriptor":  # "kata pelatih Timnas itu"; "kata pedagang tersebut" names nobody
        speaker = (by_descriptor(phrase, blocks, cast, at) or by_head_noun(phrase, blocks, cast, at)
                   or same_role_as_before(phrase, said) or described_before(found, blocks, cast, said))
    elif kind == "pronoun" and follows_unnamed(said):  # "…," kata seorang warga. "…," tambahnya.
        return None
    elif kind == "pronoun":
        subject = last_subject(blocks, cast, said)
        speaker = subject if subject is not None else speaker or only_person(cast, at)
    elif continues(quote, said):  # "…," ujarnya, dikutip dari AFP. "…"
        return said.before[1]
    if not speaker:
        return None
    return full_name(speaker, cast, at, blocks) or speaker


def described_before(found: Attribution, blocks: Sequence[Block], cast: Cast, said: Said) -> str | None:
    """Return the person a new description points back to ("kata kiper utama klub tersebut",
    "sambung pesepak bola asal Blitar"): the one the text is about, as for a pronoun. It must point
    (a demonstrative, or a verb that continues a statement) and be new to the article: a
    description used before ("seorang pedagang … kata pedagang tersebut") means that mention."""
    if not (found.pointing or found.verb in word_sets()["continuing"]) or found.someone_else:
        return None
    head = next((word for word in found.words.split() if word.lower() not in word_sets()["modifiers"]), "")
    if not head or mentioned_before(head, blocks, said.at) or introduces_someone(blocks, cast, said.at):
        return None
    subject = last_subject(blocks, cast, said)
    return subject if subject is not None else only_person(cast, said.at)


def only_person(cast: Cast, at: tuple[int, int]) -> str | None:
    """Return the one person the article has introduced before a position, if only one."""
    people = [person for person in cast.people if person.name in cast.persons and person.first <= at]
    names = longest_names(people)
    return " ".join(names[0]) if len(names) == 1 else None


def introduces_someone(blocks: Sequence[Block], cast: Cast, at: tuple[int, int]) -> bool:
    """Tell whether the paragraph before a quote (or its own text) brings in someone unnamed
    ("seorang pejabat senior … mengakui"), whom a description after the quote then means."""
    if last_unnamed(blocks[at[0]].text[:at[1]], cast, at[0]) >= 0:
        return True
    return bool(at[0]) and last_unnamed(blocks[at[0] - 1].text, cast, at[0] - 1) >= 0


def mentioned_before(word: str, blocks: Sequence[Block], at: tuple[int, int]) -> bool:
    """Tell whether the article writes a word before a position (any case, whole word)."""
    texts = [block.text for block in blocks[:at[0]]] + [blocks[at[0]].text[:at[1]]]
    return any(word.lower() in lower_words(text) for text in texts)


@lru_cache(maxsize=RUNS_CACHE_SIZE)
def lower_words(text: str) -> frozenset[str]:
    """Return the words of a text, lower-cased."""
    return frozenset(WORD.findall(text.lower()))


def follows_unnamed(said: Said) -> bool:
    """Tell whether the statement just before, in the same or the previous paragraph, was given
    to someone unnamed ("…," kata seorang warga): a pronoun after it goes on with that person."""
    if said.before is None:
        return False
    quote, name = said.before
    return (quote.kind == "statement" and bool(quote.attribution) and name is None
            and said.at[0] - said.before_at[0] <= 1)


def continues(quote: Quote, said: Said) -> bool:
    """Tell whether a quote with no words after it took the attribution of the quote before it."""
    if said.before is None or not quote.attribution:
        return False
    previous = said.before[0]
    return (previous.attribution == quote.attribution and previous.speaker_name == quote.speaker_name
            and previous.kind == "statement")


def same_role_as_before(descriptor: str, said: Said) -> str | None:
    """Return the previous statement's speaker for a role that names nobody new ("ujar mantan
    Panglima TNI ini" after his own quote); a description without a role ("kata pedagang
    tersebut") names nobody."""
    if not said.previous or said.at[0] - said.previous[0][0] > 1:
        return None
    has_role = any(word.lower() in word_sets()["roles"] for word in descriptor.split())
    return said.previous[1] if has_role else None


def backfill_juxtaposed(quotes: list[Quote], blocks: Sequence[Block], anchors: dict) -> tuple[Quote, ...]:
    """Give an unattributed quote the speaker of the quote that follows it at once
    ("…," "…," pungkas Presiden)."""
    result = list(quotes)
    for position in range(len(result) - 2, -1, -1):
        quote, following = result[position], result[position + 1]
        if quote.speaker_name or quote.attribution or following.anchor != quote.anchor:
            continue
        between = blocks[anchors[quote.anchor]].text[quote.end:following.start]
        if not between.strip(" ,") and following.speaker_name:
            result[position] = replace(quote, speaker_name=following.speaker_name,
                                       speaker_id=following.speaker_id)
    return tuple(result)
