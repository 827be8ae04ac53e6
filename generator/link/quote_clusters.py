"""Quote clusters: the same statement reported by several articles, found across the digest.

Quotes are compared only within blocks of the same speaker (or with an unknown one) and only when
they share rare words; similar pairs are joined (union-find), never mixing two known speakers.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from ..annotate.quotes import words
from ..core.memo import Memo
from ..core.models import Article
from ..core.sets import DisjointSets

# Clustering: the mean of token_set_ratio (same words, any order, one side may add words)
# and partial_ratio (one wording contained in the other). On the samples the same statement
# in two outlets' translations scores 76-90, while unrelated quotes of the same speakers and
# topic score at most 56; 66 sits in the middle of that gap.
CLUSTER_THRESHOLD = 66
MIN_SHARED_WORDS = 3  # content words two quotes must share; keeps short quotes from matching
MIN_SHARED_RARE = 2  # indexed (rare) words two quotes must share to be compared at all
# A word in more quotes than this (or than 1% of them) is too common to propose candidates.
MAX_POSTINGS = 100


@dataclass(frozen=True)
class Item:
    """A statement quote prepared for comparison."""

    slug: str
    index: int
    text: str
    normal: str
    content: frozenset[str]
    speaker_id: str | None
    speaker_name: str | None


def normalise(text: str) -> str:
    """Lower-case a quote, drop editorial insertions in parentheses and punctuation."""
    text = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", text.lower())
    return " ".join(re.findall(r"\w+", text))


def prepare(articles: Sequence[Article], memo: Memo | None = None) -> list[Item]:
    """Return the statement quotes of all articles, normalised, in a stable order."""
    memo = memo if memo is not None else Memo()
    return [item for article in sorted(articles, key=lambda a: a.slug)
            for item in memo.get(("quote items", article.file), (article,), lambda: article_items(article))]  # noqa: B023


def article_items(article: Article) -> tuple[Item, ...]:
    """Return the statement quotes of one article, normalised."""
    items = []
    for index, quote in enumerate(article.quotes):
        if quote.kind != "statement":
            continue
        normal = normalise(quote.text)
        content = frozenset(normal.split()) - words("stopwords")
        items.append(Item(article.slug, index, quote.text, normal, content,
                          quote.speaker_id, quote.speaker_name))
    return tuple(items)


def candidate_pairs(items: list[Item]) -> set[tuple[int, int]]:
    """Return pairs worth comparing: same speaker block (or an unknown speaker), shared rare words."""
    frequency = Counter(word for item in items for word in item.content)
    limit = max(MAX_POSTINGS, len(items) // 100)
    rare = [frozenset(w for w in item.content if frequency[w] <= limit) for item in items]
    blocks: dict[str, list[int]] = defaultdict(list)
    unknown = []
    for position, item in enumerate(items):
        keys = speaker_keys(item)
        for key in keys:
            blocks[key].append(position)
        if not keys:
            unknown.append(position)
    pairs = set()
    for members in blocks.values():
        pairs |= indexed_pairs(items, rare, members, members)
    if unknown:
        pairs |= indexed_pairs(items, rare, unknown, range(len(items)))
    return pairs


def speaker_keys(item: Item) -> tuple[str, ...]:
    """Return the blocking keys of a quote: its speaker id and its speaker's last name."""
    keys = []
    if item.speaker_id:
        keys.append("id:" + item.speaker_id)
    if item.speaker_name:
        keys.append("name:" + item.speaker_name.split()[-1].lower())
    return tuple(keys)


def indexed_pairs(items: list[Item], rare: list[frozenset[str]], queries, pool) -> set[tuple[int, int]]:
    """Pair each query with the pool items of other articles sharing enough rare words."""
    postings: dict[str, list[int]] = defaultdict(list)
    for position in pool:
        for word in rare[position]:
            postings[word].append(position)
    pairs = set()
    for position in queries:
        slug = items[position].slug
        # Counted in C over whole postings lists; the quotes of the same article are dropped after.
        shared = Counter(chain.from_iterable(postings[word] for word in rare[position]))
        pairs.update((min(position, other), max(position, other)) for other, count in shared.items()
                     if count >= MIN_SHARED_RARE and items[other].slug != slug)
    return pairs


def same_speaker(a: Item, b: Item) -> bool:
    """Tell whether two quotes may share a speaker (unknown speakers never block a match)."""
    if a.speaker_id and b.speaker_id:
        return a.speaker_id == b.speaker_id
    if a.speaker_name and b.speaker_name:
        return a.speaker_name.split()[-1].lower() == b.speaker_name.split()[-1].lower()
    return True


def similar(a: Item, b: Item) -> bool:
    """Tell whether two quotes say the same thing (see CLUSTER_THRESHOLD)."""
    if len(a.content & b.content) < MIN_SHARED_WORDS or not same_speaker(a, b):
        return False
    return similar_wording(a.normal, b.normal)


@lru_cache(maxsize=1 << 17)
def similar_wording(first: str, second: str) -> bool:
    """Score two normalised wordings; cached, so a preview rebuild scores only the edited quotes."""
    token_set = fuzz.token_set_ratio(first, second)
    # partial_ratio costs ten times the rest; skip it when even its upper bound cannot reach the
    # score still needed (the margin keeps float rounding from deciding a pair).
    if partial_ratio_bound(first, second) < 2 * CLUSTER_THRESHOLD - token_set - 1e-6:
        return False
    return (token_set + fuzz.partial_ratio(first, second)) / 2 >= CLUSTER_THRESHOLD


def partial_ratio_bound(first: str, second: str) -> float:
    """Return an upper bound of ``fuzz.partial_ratio`` from one longest common subsequence.

    partial_ratio aligns the shorter text (length m) whole with a part of the other (length k)
    and scores 200 * common / (m + k); common is at most k and at most L, the longest common
    subsequence of the whole texts, so no alignment scores more than at k = L.
    """
    shorter = min(len(first), len(second))
    if not shorter:
        return 100.0
    common = LCSseq.similarity(first, second)
    return 200 * common / (shorter + common)


def group_similar(items: list[Item]) -> dict[int, list[int]]:
    """Union the similar candidate pairs; return root -> member positions.

    A quote with an unknown speaker may match two quotes of different known speakers; the
    union is refused then, so a cluster never mixes two known speakers.
    """
    sets: DisjointSets[int] = DisjointSets()
    speakers = {position: {item.speaker_id} - {None} for position, item in enumerate(items)}
    for a, b in sorted(candidate_pairs(items)):
        root_a, root_b = sets.find(a), sets.find(b)
        if root_a == root_b or len(speakers[root_a] | speakers[root_b]) > 1:
            continue
        if similar(items[a], items[b]):
            sets.union(a, b)
            speakers[min(root_a, root_b)] |= speakers[max(root_a, root_b)]
    return sets.groups()


def cluster_id(item: Item) -> str:
    """Return a stable id for a cluster from its earliest member."""
    digest = hashlib.sha1(f"{item.slug}\n{item.text}".encode("utf-8")).hexdigest()
    return "q-" + digest[:10]


def cluster_quotes(articles: Sequence[Article], memo: Memo | None = None) -> dict[tuple[str, int], str]:
    """Map (slug, quote index) -> cluster id for statements repeated across articles.

    ``memo``, kept across the rebuilds of a preview, clusters again only when a statement changed.
    """
    memo = memo if memo is not None else Memo()
    items = prepare(articles, memo)
    return memo.get("quote clusters", (tuple(items),), lambda: cluster_items(items))


def cluster_items(items: list[Item]) -> dict[tuple[str, int], str]:
    """Map (slug, quote index) -> cluster id for the prepared statements (see ``cluster_quotes``)."""
    clusters = {}
    for members in group_similar(items).values():
        chosen = sorted({items[m] for m in members}, key=lambda item: (item.slug, item.index))
        if len({item.slug for item in chosen}) < 2:
            continue
        name = cluster_id(chosen[0])
        clusters.update({(item.slug, item.index): name for item in chosen})
    return clusters
