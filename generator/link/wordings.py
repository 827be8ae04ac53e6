"""The wordings of one quote across outlets, diffed word by word against the most complete one."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..core.memo import Memo
from ..core.models import Quote
from .digest import Digest

MIN_CUT_WORDS = 3  # reference words missing at an edge of a wording that make it a partial quote
TOKEN = re.compile(r"\S+")
EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class Piece:
    """A run of words of a wording compared with the reference wording."""

    kind: str  # "equal" | "insert" (added) | "delete" (dropped) | "cut" (left out of a partial quote)
    text: str


@dataclass(frozen=True)
class Use:
    """Where one article quotes a wording."""

    slug: str
    index: int  # of the quote in the article
    column: str


@dataclass(frozen=True)
class Wording:
    """One wording of a quote (shared by every article that uses it word for word), as pieces
    against the reference wording of its cluster."""

    text: str
    pieces: tuple[Piece, ...]
    similarity: float  # 0..1, word level
    uses: tuple[Use, ...]


@dataclass(frozen=True)
class Comparison:
    """The wordings of one quote cluster reported by two or more outlets."""

    cluster: str
    speaker_id: str | None
    speaker_name: str | None
    reference: Wording
    others: tuple[Wording, ...]


def compare_quotes(digest: Digest, column_of: Mapping[str, str], memo: Memo | None = None) -> tuple[Comparison, ...]:
    """Compare the wordings of every quote cluster that two or more outlets report (a cluster whose
    quotes, articles and their columns are those of the last build keeps its comparison)."""
    memo = memo if memo is not None else Memo()
    found = []
    for cluster, refs in digest.clusters.items():
        quoting = tuple(column_of[slug] for slug, _ in refs)
        if len(set(quoting)) >= 2:
            inputs = (refs, tuple(digest.by_slug[slug] for slug, _ in refs), quoting)
            found.append(memo.get(("coverage quotes", cluster), inputs,
                                  lambda: compare_cluster(digest, cluster, refs, column_of)))  # noqa: B023
    return tuple(sorted(found, key=lambda c: (-len(c.others), c.cluster)))


def compare_cluster(digest: Digest, cluster: str, refs: Sequence[tuple[str, int]],
                    column_of: Mapping[str, str]) -> Comparison:
    """Diff every distinct wording of a cluster against its longest one (the most complete quote)."""
    uses: dict[tuple[str, ...], list[Use]] = {}
    texts: dict[tuple[str, ...], str] = {}
    for slug, index in refs:
        text = digest.by_slug[slug].quotes[index].text
        key = tuple(word_key(token) for token in TOKEN.findall(text))
        uses.setdefault(key, []).append(Use(slug, index, column_of[slug]))
        texts.setdefault(key, text)
    longest = max(uses, key=len)
    base = TOKEN.findall(texts[longest])
    reference = Wording(texts[longest], (Piece("equal", " ".join(base)),), 1.0, tuple(uses[longest]))
    others = tuple(Wording(texts[key], *diff_words(base, TOKEN.findall(texts[key])), tuple(uses[key]))
                   for key in uses if key != longest)
    speaker_id, speaker_name = cluster_speaker([digest.by_slug[slug].quotes[index] for slug, index in refs])
    return Comparison(cluster, speaker_id, speaker_name, reference, others)


def cluster_speaker(quotes: Sequence[Quote]) -> tuple[str | None, str | None]:
    """Return the speaker most of the wordings name (id and name)."""
    ids = Counter(quote.speaker_id for quote in quotes if quote.speaker_id)
    if ids:
        speaker = ids.most_common(1)[0][0]
        return speaker, next(q.speaker_name for q in quotes if q.speaker_id == speaker)
    return None, next((q.speaker_name for q in quotes if q.speaker_name), None)


def word_key(token: str) -> str:
    """Compare words without case and edge punctuation ("Segera," = "segera")."""
    return EDGE_PUNCTUATION.sub("", token.casefold()) or token


def diff_words(base: Sequence[str], tokens: Sequence[str]) -> tuple[tuple[Piece, ...], float]:
    """Diff a wording against the reference word by word; return its pieces and similarity."""
    matcher = difflib.SequenceMatcher(None, [word_key(t) for t in base], [word_key(t) for t in tokens],
                                      autojunk=False)
    pieces = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            pieces.append(Piece("delete", " ".join(base[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("insert", " ".join(tokens[b1:b2])))
        if op == "equal":
            pieces.append(Piece("equal", " ".join(tokens[b1:b2])))
    return mark_cuts(pieces), round(matcher.ratio(), 2)


def mark_cuts(pieces: Sequence[Piece]) -> tuple[Piece, ...]:
    """A partial quote leaves out the start or end of the reference: that is "not quoted", not "dropped".

    A word or two missing at an edge is more likely a rewording ("Jelas ada" / "Ada ... yang jelas").
    """
    pieces = list(pieces)
    if len(pieces) > 1 and is_cut(pieces[0]) and pieces[1].kind != "insert":
        pieces[0] = Piece("cut", pieces[0].text)
    if len(pieces) > 1 and is_cut(pieces[-1]):
        pieces[-1] = Piece("cut", pieces[-1].text)
    return tuple(pieces)


def is_cut(piece: Piece) -> bool:
    """Tell whether dropped words at an edge are long enough to be a partial quote."""
    return piece.kind == "delete" and len(piece.text.split()) >= MIN_CUT_WORDS
