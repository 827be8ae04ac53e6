"""Disjoint sets: the groups, and their roots, do not depend on the order of the merges."""

from __future__ import annotations

import itertools

from generator.core.sets import DisjointSets


def test_merges_in_any_order_give_the_same_groups_rooted_at_their_smallest_key():
    pairs = [("d", "b"), ("c", "a"), ("b", "c"), ("x", "y")]
    results = set()
    for order in itertools.permutations(pairs):
        sets = DisjointSets()
        for first, second in order:
            sets.union(first, second)
        sets.find("lonely")
        results.add(tuple((root, tuple(members)) for root, members in sets.groups().items()))
    assert results == {(("a", ("a", "b", "c", "d")), ("lonely", ("lonely",)), ("x", ("x", "y")))}
