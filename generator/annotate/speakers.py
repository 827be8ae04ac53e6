"""Speakers by full name: one person, one name, across an article.

An article introduces a person once in full ("Menteri Lingkungan Hidup Hanif Faisol Nurofiq
mengatakan …") and quotes them later by a short form ("kata Hanif", "ujar Nurofiq"), a nickname
given in passing ("Presiden Joko Widodo (Jokowi)", "Romahurmuziy alias Rommy"), a role or
description ("tanya Presiden", "kata pelatih asal Skotlandia itu") or a pronoun ("ujarnya", "kata
dia"). ``name_speakers`` reads each quote's attribution again (``attribution``) and gives the quote
the full name, when exactly one person of the article's cast (``cast``) fits; otherwise the name
stays as attributed, and a quote whose attribution names nobody keeps no speaker. Organisations
speak by their full name; speakers the knowledge base identified keep their entity. A pronoun, or a
description new to the article that points back ("kata kiper utama klub tersebut", "sambung pesepak
bola asal Blitar"), names the person the text is about: the last one named as the subject of a
speaking verb or of a sentence ("Musk berselisih …"), not a name inside a quote, and not the
subject of someone else's view ("Menurut X, Y …" gives X); else the only person the article has
introduced. Someone brought in unnamed ("Seorang warga mengatakan …", "kata warga lain") stays
unnamed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from ..core.models import Block, Quote
from .attribution import SUBJECT_WORDS, Attribution, is_organisation, read_attribution
from .cast import (ACRONYM, DESCRIPTOR_WORDS, LOOK_BACK, RUNS_CACHE_SIZE, Cast, Person, contains, is_description,
                   is_name_word, name_part, name_runs, patterns_of, read_cast, run_end, speaks, without_place,
                   word_sets)

NICKNAME_MIN = 3  # a shorter word is not read as the start of a longer name ("Okto")
UNNAMED = ""  # a pronoun's referent is someone the article does not name
DESCRIPTOR_REACH = 80  # characters after a descriptor in which its name must start
SUBJECT_BLOCKS = 4  # paragraphs before a quote searched for the subject a pronoun refers to
CONNECTOR_WORDS = 3  # "Seperti diketahui," before a sentence's subject
DOMINANT = 2  # a name written this many times as often as the others wins a tie
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Said:
    """Where a quote stands and who the quotes before it were given to, for pronouns."""

    at: tuple[int, int]  # (block index, offset of the quote)
    previous: tuple[tuple[int, int], str] | None  # the last named statement before it
    before: tuple[Quote, str | None] | None = None  # the quote just before it, as found, and its speaker
    before_at: tuple[int, int] = (0, 0)  # where that quote stands


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
