"""Score story grouping against an answer key: pairwise and B-cubed precision, recall and F1.

Pairwise counts the pairs of articles put in one story; B-cubed averages, per article, how much
of its predicted story is right (precision) and how much of its true story it found (recall).
Putting every article alone scores pairwise 0 but B-cubed well (most stories have one article),
so both are reported. Articles are compared by file name; an answer key may prefix them with a
folder ("seeds/000_x.txt").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Container, Iterable, Sequence


@dataclass(frozen=True)
class StoryScores:
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    articles: int  # articles of the answer key that were scored
    true_pairs: int
    predicted_pairs: int


def file_key(name: str) -> str:
    """Return the file name an answer key and a digest both use for an article."""
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def read_answer_key(path: Path) -> list[tuple[str, ...]]:
    """Read the stories of an answer key (``stories.json``: {"stories": [{"files": [...]}, ...]})."""
    return [tuple(map(file_key, files)) for files in read_key_paths(path)]


def read_key_paths(path: Path) -> list[tuple[str, ...]]:
    """Read the files of each story of an answer key as it names them ("dA02.txt", "seeds/000_x.txt")."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [tuple(name.replace("\\", "/") for name in story["files"]) for story in data["stories"]]


def within(truth: Iterable[Iterable[str]], read: Container[str]) -> list[tuple[str, ...]]:
    """Keep of each true story the articles that were ``read`` (by file name); drop emptied stories."""
    kept = (tuple(name for name in group if file_key(name) in read) for group in truth)
    return [group for group in kept if group]


def score_stories(predicted: Iterable[Iterable[str]], truth: Iterable[Iterable[str]]) -> StoryScores:
    """Score predicted stories against true ones, over the articles of the answer key.

    A predicted article the key lacks is left out; a key article no story holds counts as alone.
    """
    true_groups = [frozenset(map(file_key, group)) for group in truth]
    true_of = {item: group for group in true_groups for item in group}
    predicted_of = {}
    for group in predicted:
        members = frozenset(item for item in map(file_key, group) if item in true_of)
        predicted_of.update((item, members) for item in members)
    for item in true_of:
        predicted_of.setdefault(item, frozenset({item}))
    true_pairs = pairs_of(true_groups)
    predicted_pairs = pairs_of(set(predicted_of.values()))
    hits = len(true_pairs & predicted_pairs)
    precision = ratio(hits, len(predicted_pairs))
    recall = ratio(hits, len(true_pairs))
    items = sorted(true_of)
    b_precision = sum(len(predicted_of[i] & true_of[i]) / len(predicted_of[i]) for i in items) / max(1, len(items))
    b_recall = sum(len(predicted_of[i] & true_of[i]) / len(true_of[i]) for i in items) / max(1, len(items))
    return StoryScores(precision, recall, f1(precision, recall), b_precision, b_recall, f1(b_precision, b_recall),
                       len(items), len(true_pairs), len(predicted_pairs))


def pairs_of(groups: Iterable[frozenset[str]]) -> set[tuple[str, str]]:
    """Return every pair of items that share a group."""
    return {pair for group in groups for pair in combinations(sorted(group), 2)}


def ratio(part: int, whole: int) -> float:
    """Return part/whole, 1.0 when there is nothing to get right."""
    return part / whole if whole else 1.0


def f1(precision: float, recall: float) -> float:
    """Return the harmonic mean of precision and recall."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def format_scores(scores: StoryScores) -> Sequence[str]:
    """Return the scores as lines a person reads (for the evaluate command)."""
    return (
        f"stories: {scores.articles} articles, {scores.true_pairs} true pairs, {scores.predicted_pairs} predicted",
        f"  pairwise  precision {scores.pairwise_precision:.3f}  recall {scores.pairwise_recall:.3f}  "
        f"F1 {scores.pairwise_f1:.3f}",
        f"  B-cubed   precision {scores.bcubed_precision:.3f}  recall {scores.bcubed_recall:.3f}  "
        f"F1 {scores.bcubed_f1:.3f}",
    )
