"""How similar articles are, and the automatic groups they form: the numbers behind ``stories``.

Each article's terms (``Profile``) are weighted by their rarity in the digest (TF-IDF); an
article keeps its heaviest terms, normalised (its vector). Only articles that share a term few
articles hold are compared (postings of at most ``MAX_POSTING`` articles: blocking, so the work
grows with the digest, not with its pairs); a shared day or quote adds a bonus, and dates and
years far apart lower the similarity. Average linkage then joins groups whose pairs are on
average similar enough.

Average linkage only ever joins two groups that hold a pair at or above the threshold, so the
groups of one component of such "strong" pairs depend on the pairs inside it alone. A preview
rebuild uses that (``regroup``): an edit changes the weights of the terms it adds or removes, the
vectors of the articles holding them, and the pairs of those articles; every other pair keeps its
similarity, and a component none of whose articles changed keeps its groups. A pair's similarity
is summed in one order (terms, then days and quotes, each sorted), so a rebuild computes every
number exactly as a fresh build does.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from bisect import bisect_left
from itertools import combinations
from operator import itemgetter
from typing import AbstractSet, Iterable, Mapping, Sequence

from ..core.sets import DisjointSets

BACKGROUND = 30  # documents none of the terms is in, added to the digest's count: a small digest
# (five reports of one story) still tells its shared words from rare ones
THRESHOLD = 0.28  # average similarity of two groups' pairs above which they are one story
TOP_TERMS = 100  # an article's heaviest terms: its vector and its keys in the inverted index
MAX_POSTING = 60  # a term more articles share says little and would make blocking quadratic
DAY_BONUS = 0.1  # two articles that name the same (rare) day
QUOTE_BONUS = 0.2  # two articles that quote the same statement
SAME_TIME_DAYS = 60  # dates this close say nothing against one story
FAR_DAYS = 730  # dates this far apart at least halve the similarity
FAR_FACTOR = 0.5
OTHER_YEARS_FACTOR = 0.5  # two articles that name years, none of them the same
# An article that states no date of its own gives no evidence that it reports the same time as
# another: only words tie it to the other's story, and shared words alone are a theme.
UNDATED_FACTOR = 0.85
MAX_CHANGED_SHARE = 0.25  # past this share of changed (or re-weighed) articles, a rebuild compares them all afresh

Pair = tuple[str, str]  # two files, the smaller first
Cutoff = tuple[float, int]  # an article's lightest kept term weight (before normalising), terms kept


@dataclass(frozen=True)
class Profile:
    """What one article brings to the grouping."""

    file: str
    slug: str
    terms: tuple[tuple[str, float], ...]  # raw weights before IDF
    years: frozenset[str]
    date: dt.date | None  # a date the text or the editor states
    keys: frozenset[str]  # exact shared things: days named, quote clusters

    def weight(self, term: str) -> float | None:
        """Return the raw weight of a term of the article (its terms are sorted), or None."""
        index = bisect_left(self.terms, term, key=itemgetter(0))
        return self.terms[index][1] if index < len(self.terms) and self.terms[index][0] == term else None


# ---------------------------------------------------------------- vectors and similarity


def weigh(profile: Profile, frequency: Mapping[str, int], total: int) -> tuple[dict[str, float], Cutoff]:
    """Weight an article's terms held by two articles or more by their rarity (IDF); keep the
    heaviest, normalised, heaviest first. Return the vector and its cutoff: the weight of the
    lightest term kept, and how many were kept."""
    weights = sorted((-(w * rarity(total, frequency[term])), term) for term, w in profile.terms
                     if frequency.get(term, 0) >= 2)[:TOP_TERMS]
    norm = math.sqrt(sum(w * w for w, _ in weights)) or 1.0
    return {term: -w / norm for w, term in weights}, (-weights[-1][0] if weights else 0.0, len(weights))


def rarity(total: int, count: int) -> float:
    """Return the inverse document frequency of a term ``count`` of ``total`` articles hold."""
    return math.log((total + BACKGROUND) / count)


def score_pairs(profiles: Mapping[str, Profile], vectors: Mapping[str, Mapping[str, float]],
                postings: Mapping[str, Sequence[tuple[str, float]]], holders: Mapping[str, Sequence[str]],
                touched: AbstractSet[str] | None = None) -> dict[Pair, float]:
    """Return the similarity of every pair that shares a rare term, a day or a quote; with
    ``touched``, of the pairs that hold one of those files only."""
    raw: dict[Pair, float] = defaultdict(float)
    terms = postings if touched is None else {term for file in touched for term in vectors[file]}
    for term in sorted(terms):
        members = postings[term]
        if len(members) <= MAX_POSTING:
            for (a, x), (b, y) in combinations(members, 2):
                if touched is None or a in touched or b in touched:
                    raw[(a, b)] += x * y
    total = max(2, len(profiles))
    keys = holders if touched is None else {key for file in touched for key in profiles[file].keys}
    for key in sorted(keys):
        files = holders[key]
        if 2 <= len(files) <= MAX_POSTING:
            weight = QUOTE_BONUS if key.startswith("quote:") else DAY_BONUS
            bonus = weight * math.log(total / len(files)) / math.log(total)
            for a, b in combinations(files, 2):
                if touched is None or a in touched or b in touched:
                    raw[(a, b)] += bonus
    return {pair: score * time_factor(profiles[pair[0]], profiles[pair[1]]) for pair, score in raw.items()}


def time_factor(a: Profile, b: Profile) -> float:
    """Lower the similarity of articles from other times (other years named, dates far apart) or
    of unknown time (no date stated)."""
    if a.years and b.years and not a.years & b.years:
        return OTHER_YEARS_FACTOR
    if a.date is None or b.date is None:
        return UNDATED_FACTOR
    gap = abs((a.date - b.date).days)
    if gap <= SAME_TIME_DAYS:
        return 1.0
    fall = (1 - FAR_FACTOR) * math.log(gap / SAME_TIME_DAYS) / math.log(FAR_DAYS / SAME_TIME_DAYS)
    return max(FAR_FACTOR, 1 - fall)


def similarities(profiles: Sequence[Profile]) -> dict[Pair, float]:
    """Return the similarity of every pair that shares a rare term, a day or a quote."""
    return dict(group_all(profiles).scores)


# ---------------------------------------------------------------- the grouping and its update


@dataclass(frozen=True)
class Grouping:
    """The automatic groups of a digest and what they were computed from, kept so that the next
    build after an edit computes again only what the edit changed. Never changed once made."""

    profiles: Mapping[str, Profile]  # by file
    frequency: Mapping[str, int]  # articles holding each term
    vectors: Mapping[str, Mapping[str, float]]  # by file
    cutoffs: Mapping[str, Cutoff]  # by file
    postings: Mapping[str, tuple[tuple[str, float], ...]]  # a term of some vector -> (file, weight), by file
    holders: Mapping[str, tuple[str, ...]]  # a day or quote key -> the files holding it, in order
    scores: Mapping[Pair, float]  # every pair compared
    neighbours: Mapping[str, frozenset[str]]  # the files each file is compared with
    strong: frozenset[Pair]  # the pairs at or above THRESHOLD
    clusters: Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]]  # component of strong pairs -> its groups
    groups: tuple[tuple[str, ...], ...] = field(default=())  # every group, in file order, sorted


def group_all(profiles: Sequence[Profile]) -> Grouping:
    """Group a digest's articles from scratch."""
    by_file = {profile.file: profile for profile in sorted(profiles, key=lambda p: p.file)}
    frequency = dict(Counter(term for profile in by_file.values() for term, _ in profile.terms))
    weighed = {file: weigh(profile, frequency, len(by_file)) for file, profile in by_file.items()}
    return group_vectors(by_file, frequency, {file: vector for file, (vector, _) in weighed.items()},
                         {file: cutoff for file, (_, cutoff) in weighed.items()})


def group_vectors(by_file: Mapping[str, Profile], frequency: Mapping[str, int],
                  vectors: Mapping[str, Mapping[str, float]], cutoffs: Mapping[str, Cutoff]) -> Grouping:
    """Group a digest's articles from their vectors: compare every pair that shares a rare term."""
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for file, vector in vectors.items():
        for term, weight in vector.items():
            postings[term].append((file, weight))
    holders: dict[str, list[str]] = defaultdict(list)
    for file, profile in by_file.items():
        for key in profile.keys:
            holders[key].append(file)
    frozen_postings = {term: tuple(found) for term, found in postings.items()}
    frozen_holders = {key: tuple(found) for key, found in holders.items()}
    scores = score_pairs(by_file, vectors, frozen_postings, frozen_holders)
    found: dict[str, set[str]] = defaultdict(set)
    for a, b in scores:
        found[a].add(b)
        found[b].add(a)
    neighbours = {file: frozenset(others) for file, others in found.items()}
    return finish(by_file, frequency, vectors, cutoffs, frozen_postings, frozen_holders, scores, neighbours)


def regroup(previous: Grouping | None, profiles: Sequence[Profile]) -> Grouping:
    """Update the grouping of the last build after some articles changed; group from scratch when
    articles came or went (every rarity depends on their number) or many changed."""
    by_file = {profile.file: profile for profile in sorted(profiles, key=lambda p: p.file)}
    if previous is None or previous.profiles.keys() != by_file.keys():
        return group_all(profiles)
    changed = {file for file, profile in by_file.items() if profile is not previous.profiles[file]}
    if len(changed) > MAX_CHANGED_SHARE * len(by_file):
        return group_all(profiles)
    frequency, shifted = update_frequency(previous, by_file, changed)
    vectors, cutoffs, moved = update_vectors(previous, by_file, frequency, shifted, changed)
    if len(changed | moved) > MAX_CHANGED_SHARE * len(by_file):  # a common word's weight changed: most pairs did
        return group_vectors(by_file, frequency, vectors, cutoffs)
    postings, crossed = update_postings(previous, vectors, moved)
    holders, rekeyed = update_holders(previous, by_file, changed)
    touched = changed | moved | crossed | rekeyed
    fresh = score_pairs(by_file, vectors, postings, holders, touched)
    scores, neighbours = update_pairs(previous, fresh, touched)
    strong = {pair for pair in previous.strong if pair[0] not in touched and pair[1] not in touched}
    strong.update(pair for pair, score in fresh.items() if score >= THRESHOLD)
    return finish(by_file, frequency, vectors, cutoffs, postings, holders, scores, neighbours, frozenset(strong),
                  previous, touched)


def update_pairs(previous: Grouping, fresh: Mapping[Pair, float],
                 touched: AbstractSet[str]) -> tuple[dict[Pair, float], dict[str, frozenset[str]]]:
    """Replace the pairs of the touched articles by ``fresh``; return the pairs and neighbours."""
    scores = dict(previous.scores)
    for file in touched:
        for other in previous.neighbours.get(file, ()):
            scores.pop((file, other) if file < other else (other, file), None)
    scores.update(fresh)
    added: dict[str, set[str]] = defaultdict(set)
    for a, b in fresh:
        added[a].add(b)
        added[b].add(a)
    neighbours = dict(previous.neighbours)
    for file in set(touched).union(*(previous.neighbours.get(f, ()) for f in touched), added):
        kept = frozenset() if file in touched else previous.neighbours.get(file, frozenset()) - touched
        found = kept | added.get(file, frozenset())
        if found:
            neighbours[file] = frozenset(found)
        else:
            neighbours.pop(file, None)
    return scores, neighbours


def update_frequency(previous: Grouping, profiles: Mapping[str, Profile],
                     changed: AbstractSet[str]) -> tuple[dict[str, int], set[str]]:
    """Count the terms again for the changed articles; return the counts and the terms whose count changed."""
    frequency = dict(previous.frequency)
    counted: set[str] = set()
    for file in sorted(changed):
        for term, _ in previous.profiles[file].terms:
            frequency[term] -= 1
            counted.add(term)
        for term, _ in profiles[file].terms:
            frequency[term] = frequency.get(term, 0) + 1
            counted.add(term)
    shifted = {term for term in counted if frequency[term] != previous.frequency.get(term, 0)}
    for term in counted:
        if not frequency[term]:
            del frequency[term]
    return frequency, shifted


def update_vectors(previous: Grouping, profiles: Mapping[str, Profile], frequency: Mapping[str, int],
                   shifted: AbstractSet[str], changed: AbstractSet[str]) -> tuple[dict, dict, set[str]]:
    """Weigh again the articles that changed or whose vector a term whose count changed may change;
    return the vectors, their cutoffs and the articles whose vector is not the same."""
    vectors, cutoffs = dict(previous.vectors), dict(previous.cutoffs)
    moved = set()
    shifted = sorted(shifted)
    for file, profile in profiles.items():
        held = [(term, weight) for term in shifted if (weight := profile.weight(term)) is not None]
        if file not in changed and (not held or stays_out(previous, file, held, frequency, len(profiles))):
            continue
        vector, cutoffs[file] = weigh(profile, frequency, len(profiles))
        if vector != previous.vectors[file]:
            vectors[file] = vector
            moved.add(file)
    return vectors, cutoffs, moved


def stays_out(previous: Grouping, file: str, held: Sequence[tuple[str, float]], frequency: Mapping[str, int],
              total: int) -> bool:
    """Tell whether terms whose count changed stay out of a full vector: none was in it and each
    now weighs less than its lightest term, so it is exactly the same vector."""
    lightest, kept = previous.cutoffs[file]
    vector = previous.vectors[file]
    return kept == TOP_TERMS and all(term not in vector and (frequency.get(term, 0) < 2 or
                                                             weight * rarity(total, frequency[term]) < lightest)
                                     for term, weight in held)


def update_postings(previous: Grouping, vectors: Mapping[str, Mapping[str, float]],
                    moved: AbstractSet[str]) -> tuple[dict[str, tuple[tuple[str, float], ...]], set[str]]:
    """Index the moved vectors again; return the postings and the articles of every posting that
    crossed MAX_POSTING (their pairs gain or lose that term)."""
    postings = dict(previous.postings)
    terms = {term for file in moved for vector in (previous.vectors[file], vectors[file]) for term in vector}
    crossed: set[str] = set()
    for term in terms:
        old = previous.postings.get(term, ())
        new = tuple(sorted([entry for entry in old if entry[0] not in moved]
                           + [(file, vectors[file][term]) for file in moved if term in vectors[file]]))
        if (len(old) <= MAX_POSTING) != (len(new) <= MAX_POSTING):
            crossed.update(file for file, _ in old + new)
        if new:
            postings[term] = new
        else:
            postings.pop(term, None)
    return postings, crossed


def update_holders(previous: Grouping, profiles: Mapping[str, Profile],
                   changed: AbstractSet[str]) -> tuple[dict[str, tuple[str, ...]], set[str]]:
    """Index the days and quotes of the changed articles again; return the index and every holder of
    a key whose holders changed (its bonus changed)."""
    holders = dict(previous.holders)
    keys = {key for file in changed for key in previous.profiles[file].keys ^ profiles[file].keys}
    rekeyed: set[str] = set()
    for key in keys:
        old = previous.holders.get(key, ())
        new = tuple(sorted({file for file in old if file not in changed}
                           | {file for file in changed if key in profiles[file].keys}))
        rekeyed.update(old + new)
        if new:
            holders[key] = new
        else:
            holders.pop(key, None)
    return holders, rekeyed


def finish(profiles: Mapping[str, Profile], frequency: Mapping[str, int], vectors: Mapping[str, Mapping[str, float]],
           cutoffs: Mapping[str, Cutoff], postings: Mapping[str, tuple[tuple[str, float], ...]],
           holders: Mapping[str, tuple[str, ...]],
           scores: Mapping[Pair, float], neighbours: Mapping[str, frozenset[str]],
           strong: frozenset[Pair] | None = None, previous: Grouping | None = None,
           touched: AbstractSet[str] = frozenset()) -> Grouping:
    """Cluster each component of strong pairs (``strong``: those of ``scores`` at or above the
    threshold); one that neither changed nor holds a ``touched`` article keeps the groups of the
    ``previous`` build."""
    if strong is None:
        strong = frozenset(pair for pair, score in scores.items() if score >= THRESHOLD)
    components = connected(strong)
    kept = {} if previous is None else {component: previous.clusters[component] for component in components
                                        if component in previous.clusters and touched.isdisjoint(component)}
    inside = pairs_within([component for component in components if component not in kept], scores, neighbours)
    clusters = {component: kept[component] if component in kept else tuple(cluster(component, inside[component]))
                for component in components}
    grouped = {file for component in components for file in component}
    groups = sorted([group for found in clusters.values() for group in found]
                    + [(file,) for file in profiles if file not in grouped])
    return Grouping(profiles, frequency, vectors, cutoffs, postings, holders, scores, neighbours, strong, clusters,
                    tuple(groups))


def connected(pairs: Iterable[Pair]) -> list[tuple[str, ...]]:
    """Return the components of the graph of ``pairs`` (two files or more each), members sorted."""
    sets: DisjointSets[str] = DisjointSets()
    for a, b in sorted(pairs):
        sets.union(a, b)
    return [tuple(found) for found in sets.groups().values()]


def pairs_within(components: Sequence[tuple[str, ...]], scores: Mapping[Pair, float],
                 neighbours: Mapping[str, frozenset[str]]) -> dict[tuple[str, ...], dict[Pair, float]]:
    """Return the pairs inside each of ``components``."""
    found = {}
    for component in components:
        members = frozenset(component)
        found[component] = {(a, b): scores[(a, b)] for a in component for b in neighbours.get(a, ())
                            if a < b and b in members}
    return found


# ---------------------------------------------------------------- average linkage


def cluster(files: Sequence[str], scores: Mapping[Pair, float], threshold: float = THRESHOLD) -> list[tuple[str, ...]]:
    """Join groups of articles while the average similarity of their pairs passes ``threshold``
    (a pair never compared counts 0); return the groups, each in file order."""
    links: dict[str, dict[str, float]] = defaultdict(dict)
    for (a, b), score in scores.items():
        links[a][b] = links[b][a] = score
    size = {file: 1 for file in files}
    members = {file: [file] for file in files}
    heap = [(-score, a, b) for (a, b), score in scores.items() if score >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in size or b not in size or -negative != links[a].get(b, 0.0) / (size[a] * size[b]):
            continue  # a group merged since, or a stale average
        keep, gone = min(a, b), max(a, b)
        merge_links(links, keep, gone)
        size[keep] += size.pop(gone)
        members[keep] += members.pop(gone)
        for other, total in links[keep].items():
            average = total / (size[keep] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, min(keep, other), max(keep, other)))
    return sorted(tuple(sorted(group)) for group in members.values())


def merge_links(links: dict[str, dict[str, float]], keep: str, gone: str) -> None:
    """Fold the summed similarities of group ``gone`` into group ``keep``."""
    for other, total in links.pop(gone).items():
        del links[other][gone]
        if other != keep:
            links[keep][other] = links[other][keep] = links[keep].get(other, 0.0) + total
    links[keep].pop(gone, None)
