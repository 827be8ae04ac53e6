"""The attribution after a quote, read again for the words that name its speaker.

The quote finder keeps the words after a quote as its attribution; ``read_attribution`` reads them
again and tells what kind of words name the speaker: a name ("kata Hanif"), an organisation, which
speaks by its full name ("sebut Kementerian Pertahanan Rumania", "militer China"), a description
("kata pelatih asal Skotlandia itu", "kata seorang warga"), with whether it points back to someone
("itu", "tersebut", "ini") or brings in someone else ("warga lain"), or a pronoun ("ujarnya",
"kata dia"). A speaker phrase ends at the sentence's end, a clause word or a place ("asal
Blitar"); ``speakers`` turns what it finds into a full name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.models import Quote
from .cast import ACRONYM, INITIAL, LOOK_BACK, is_name_word, name_runs, word_sets
from .quotes import patterns

ATTRIBUTION_REACH = 200  # characters after a quote read again for its speaker
SUBJECT_WORDS = 8  # words between a quote and the speaking verb of "…," X itu mengatakan
DEMONSTRATIVES = ("itu", "tersebut", "ini")
PLACE_CUES = ("asal", "dari")  # "pesepak bola asal Blitar": a place, not a name


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
