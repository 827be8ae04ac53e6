"""Speakers by full name: one person, one name, across an article.

An article introduces a person once in full ("Menteri Lingkungan Hidup Hanif Faisol Nurofiq
mengatakan …") and quotes them later by a short form ("kata Hanif", "ujar Nurofiq"), a
nickname given in passing ("Presiden Joko Widodo (Jokowi)", "Romahurmuziy alias Rommy") or a
role ("tanya Presiden"). ``name_speakers`` replaces each such speaker name with the full
name, when exactly one person of the article fits; otherwise the name stays as attributed.
Speakers the knowledge base identified keep their entity.

A name is read as a run of capitalised words without the titles, roles and places before it
(the word lists of ``data/attribution.yml``); a long run ("Lingkungan Hidup Hanif Faisol
Nurofiq") keeps its last three words, the usual length of a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from .knowledge import load_data
from .models import Block, Quote
from .quotes import patterns

NAME_WORDS = 3  # the longest name kept from a run of capitalised words (particles aside)
DESCRIPTOR_WORDS = 5  # "pelatih asal Belanda itu": longer descriptions are not looked up
DESCRIPTOR_REACH = 80  # characters after a descriptor in which its name must start
ATTRIBUTION_REACH = 200  # characters after a quote read again for its speaker
SUBJECT_BLOCKS = 2  # paragraphs before a quote searched for the subject a pronoun refers to
TOKEN = re.compile(r"[^\s(),;:\"“”]+|[(),;:\"“”]")
INITIAL = re.compile(r"^[A-Z]\.?$")
# "Joko Widodo (Jokowi)", "Romahurmuziy atau Rommy", "Raja Sapta Oktohari alias Okto"
NICKNAME_CUES = ("atau", "alias", "disapa", "dipanggil", "panggilan")
DEMONSTRATIVES = ("itu", "tersebut", "ini")


@dataclass(frozen=True)
class Person:
    """A full name as the article introduces it, where it first appears, and its roles."""

    name: tuple[str, ...]
    first: tuple[int, int]  # (block index, offset)
    role: str  # the role words written right before the name, lowercased ("presiden")


@dataclass(frozen=True)
class Cast:
    """The people an article names, and the nicknames it gives them."""

    people: tuple[Person, ...]
    nicknames: dict  # nickname -> full name (tuple of words)
    alone: frozenset  # words the article also writes on their own ("kata Honesti")


@lru_cache(maxsize=1)
def word_sets() -> dict[str, frozenset[str]]:
    """Return the word lists that tell a name from the words around it."""
    data = load_data("attribution.yml")

    def flat(key: str) -> frozenset[str]:
        value = data[key]
        items = value if isinstance(value, list) else [w for group in value.values() for w in group]
        return frozenset(str(item).lower() for item in items)

    not_names = set()
    for key in ("role_words", "name_prefixes", "function_words", "calendar_words", "pronouns",
                "determiners", "abbreviated_titles", "honorifics"):
        not_names |= flat(key)
    return {"not_names": frozenset(not_names), "particles": flat("name_particles"),
            "roles": flat("role_words") | flat("name_prefixes") | flat("honorifics"),
            "organisations": flat("organisation_heads"), "clause": flat("clause_words"),
            "determiners": flat("determiners"), "pronouns": flat("pronouns")}


def is_name_word(token: str) -> bool:
    """Tell whether a token can be a word of a person's name ("Hanif", "Oana-Silvia", "M.")."""
    core = token.rstrip(".")
    if INITIAL.match(token):
        return True
    return (bool(core) and core[0].isupper() and any(ch.islower() for ch in core)
            and core.lower() not in word_sets()["not_names"])


def name_runs(text: str) -> list[tuple[int, list[str], str, str]]:
    """Return (offset, name words, role words before, what follows) for each run of name words."""
    runs, words, start, roles, last_role = [], [], 0, [], []
    tokens = list(TOKEN.finditer(text))
    for position, match in enumerate(tokens):
        token = match.group()
        particle = words and token.lower() in word_sets()["particles"]
        if is_name_word(token) or particle:
            if not words:
                start, roles = match.start(), last_role
            words.append(token.rstrip(".") if not INITIAL.match(token) else token)
            if token.endswith(".") and not INITIAL.match(token):
                runs.append(close_run(start, words, roles, ""))
                words = []
            continue
        if words:
            runs.append(close_run(start, words, roles, following(tokens, position)))
            words = []
        last_role = (last_role + [token.lower()]) if token.lower() in word_sets()["roles"] else []
    if words:
        runs.append(close_run(start, words, roles, ""))
    return [run for run in runs if run[1]]


def close_run(start: int, words: list[str], roles: list[str], after: str) -> tuple[int, list[str], str, str]:
    """Finish a run: drop trailing particles, keep the role words that preceded it."""
    while words and words[-1].lower() in word_sets()["particles"]:
        words = words[:-1]
    return start, list(words), " ".join(roles), after


def following(tokens: list[re.Match], position: int) -> str:
    """Return the token at ``position`` and the next two, for nickname cues."""
    return " ".join(t.group() for t in tokens[position:position + 3])


def name_part(words: Sequence[str], alone: frozenset = frozenset()) -> tuple[str, ...]:
    """Keep the name of a run: from a word the article also writes alone, when one is not the
    first or last ("Bio Farma Honesti Basyir" … "kata Honesti"), else the last NAME_WORDS
    words (particles between them do not count)."""
    particles = word_sets()["particles"]
    for index in range(1, len(words) - 1):
        if words[index] in alone and words[index].lower() not in particles:
            start = index - 1 if words[index - 1].lower() in particles else index
            words = words[start:]
            break
    kept, counted = [], 0
    for word in reversed(words):
        if word.lower() not in word_sets()["particles"]:
            counted += 1
            if counted > NAME_WORDS:
                break
        kept.insert(0, word)
    return tuple(kept)


def read_cast(blocks: Sequence[Block]) -> Cast:
    """Collect the people and nicknames an article names, in the order they first appear."""
    runs = [(index, run) for index, block in enumerate(blocks) for run in name_runs(block.text)]
    alone = frozenset(words[0] for _, (_, words, _, _) in runs if len(words) == 1)
    people: dict[tuple[str, ...], Person] = {}
    nicknames: dict[str, tuple[str, ...]] = {}
    for index, (offset, words, roles, after) in runs:
        name = name_part(words, alone)
        people.setdefault(name, Person(name, (index, offset), roles))
        nickname = read_nickname(after)
        if nickname and len(name) > 1 and nickname not in name:
            nicknames.setdefault(nickname, name)
    return Cast(tuple(people.values()), nicknames, alone)


def read_nickname(after: str) -> str | None:
    """Return the nickname given right after a name: "(Jokowi)", "atau Rommy", "alias Okto"."""
    parts = after.split()
    if len(parts) >= 3 and parts[0] == "(" and parts[2] == ")" and is_name_word(parts[1]):
        return parts[1]
    if len(parts) >= 2 and parts[0].lower() in NICKNAME_CUES and is_name_word(parts[1]):
        return parts[1].rstrip(".,")
    return None


def full_name(speaker: str, cast: Cast, at: tuple[int, int], blocks: Sequence[Block] = ()) -> str | None:
    """Return the full name a speaker name stands for, or None when none or several fit."""
    if is_organisation(speaker):
        return None
    runs = [name_part(words, cast.alone) for _, words, _, _ in name_runs(speaker)]
    short = runs[-1] if runs else ()
    if not short:
        return by_descriptor(speaker, blocks, cast, at)
    if len(short) == 1 and short[0] in cast.nicknames:
        return " ".join(cast.nicknames[short[0]])
    fits = [person for person in cast.people if contains(person.name, short)]
    earlier = [person for person in fits if person.first <= at] or fits
    names = {person.name for person in earlier}
    longest = [name for name in names if not any(name != other and contains(other, name) for other in names)]
    return " ".join(longest[0]) if len(longest) == 1 else None


def by_descriptor(descriptor: str, blocks: Sequence[Block], cast: Cast, at: tuple[int, int]) -> str | None:
    """Return the one person the article introduced with these words before the quote:
    "tanya Presiden" -> "Presiden Joko Widodo", "kata pelatih Timnas itu" -> "pelatih Timnas
    Simon McMenemy"."""
    words = descriptor.split()
    if not words or len(words) > DESCRIPTOR_WORDS:
        return None
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"[\s,]+", re.IGNORECASE)
    names = set()
    for index, block in enumerate(blocks[:at[0] + 1]):
        text = block.text[:at[1]] if index == at[0] else block.text
        for found in pattern.finditer(text):
            name = first_name_after(text[found.end():found.end() + DESCRIPTOR_REACH], cast)
            if name:
                names.add(name)
    return " ".join(names.pop()) if len(names) == 1 else None


def first_name_after(text: str, cast: Cast) -> tuple[str, ...] | None:
    """Return the name that follows a descriptor at once (after roles, acronyms or a comma)."""
    runs = name_runs(text)
    if not runs:
        return None
    offset, words, _, _ = runs[0]
    between = text[:offset].split()
    if any(word.lower() not in word_sets()["roles"] and not word.isupper() and word != "," for word in between):
        return None
    return name_part(words, cast.alone)


def contains(name: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Tell whether the words of ``short`` stand together in ``name``."""
    size = len(short)
    return any(name[i:i + size] == short for i in range(len(name) - size + 1))


def name_speakers(quotes: Sequence[Quote], blocks: Sequence[Block]) -> tuple[Quote, ...]:
    """Give each quote whose speaker the knowledge base does not know the speaker's full name."""
    if not any(not quote.speaker_id and quote.attribution for quote in quotes):
        return tuple(quotes)
    cast = read_cast(blocks)
    anchors = {block.anchor: index for index, block in enumerate(blocks)}
    named = []
    for quote in quotes:
        if not quote.speaker_id and quote.attribution:
            at = (anchors.get(quote.anchor, 0), quote.start)
            speaker = speaker_of(quote, blocks[at[0]].text, blocks, cast, at)
            quote = replace(quote, speaker_name=speaker) if speaker != quote.speaker_name else quote
        named.append(quote)
    return tuple(named)


def speaker_of(quote: Quote, text: str, blocks: Sequence[Block], cast: Cast, at: tuple[int, int]) -> str | None:
    """Return the full name of one quote's speaker (the attributed name when none fits better)."""
    speaker = quote.speaker_name
    kind, phrase = read_attribution(text, quote)
    if kind == "organisation" and (not speaker or set(speaker.split()) <= set(phrase.split())):
        return phrase
    if kind == "name" and (not speaker or set(speaker.split()) <= set(phrase.split())):
        speaker = phrase
    elif kind == "descriptor" and not speaker:
        speaker = by_descriptor(phrase, blocks, cast, at)
    elif kind == "pronoun" and not speaker:
        speaker = last_subject(blocks, cast, at)
    if not speaker:
        return None
    return full_name(speaker, cast, at, blocks) or speaker


def read_attribution(text: str, quote: Quote) -> tuple[str | None, str]:
    """Read the attribution after a quote again: ("name" | "organisation" | "descriptor" |
    "pronoun" | None, the words)."""
    after = text[quote.end:quote.end + ATTRIBUTION_REACH]
    if patterns()["after_pronoun"].match(after):
        return "pronoun", ""
    verb = patterns()["after_verb"].match(after)
    if not verb:
        return None, ""
    tokens = speaker_tokens(after[verb.end():])
    if tokens and tokens[-1].lower() in DEMONSTRATIVES:
        return "descriptor", " ".join(tokens[:-1])
    phrase = " ".join(t for t in tokens if t.lower() not in word_sets()["clause"])
    if not phrase:
        return None, ""
    if tokens[0].lower() in word_sets()["pronouns"]:
        return "pronoun", ""
    if is_organisation(phrase):
        return "organisation", phrase.rstrip(",")
    runs = name_runs(phrase)
    return ("name", " ".join(name_part(runs[-1][1]))) if runs else ("descriptor", phrase)


def speaker_tokens(text: str) -> list[str]:
    """Return the words of a speaker phrase: up to the sentence's end or a clause word."""
    end = patterns()["sentence_end"].search(text)
    tokens = []
    for token in (text[:end.start() + 1] if end else text).split():
        word = token.rstrip(".,;:")
        if tokens and (word.lower() in word_sets()["clause"] or not word):
            if word.lower() in DEMONSTRATIVES:
                tokens.append(word)
            break
        tokens.append(token.rstrip(".;:") if token.endswith((".", ";", ":")) and not INITIAL.match(token) else token)
        if token.endswith((".", ";", ":")) and not INITIAL.match(token):
            break
    while tokens and tokens[0].lower() in word_sets()["determiners"]:
        tokens = tokens[1:]
    return tokens


def is_organisation(phrase: str) -> bool:
    """Tell whether a speaker phrase names an organisation ("Kementerian Pertahanan Rumania")."""
    first = phrase.split()[0] if phrase.split() else ""
    return first[:1].isupper() and first.lower() in word_sets()["organisations"]


def last_subject(blocks: Sequence[Block], cast: Cast, at: tuple[int, int]) -> str | None:
    """Return the person a pronoun attribution refers to: the last one named before the quote as
    the subject of a speaking verb ("Henry Najoan mengatakan …")."""
    verb = patterns()["verb_here"]
    for index in range(at[0], max(-1, at[0] - SUBJECT_BLOCKS - 1), -1):
        text = blocks[index].text[:at[1]] if index == at[0] else blocks[index].text
        for offset, words, _, _ in reversed(name_runs(text)):
            end = text.find(words[-1], offset) + len(words[-1])
            if verb.match(text, len(text[:end]) + len(text[end:]) - len(text[end:].lstrip(" ,"))):
                return " ".join(name_part(words, cast.alone))
    return None
