"""Disjoint sets (union-find), for the steps that merge things into groups: similar quotes,
variants of one name, articles of one story."""

from __future__ import annotations

from collections import defaultdict
from typing import Generic, Hashable, TypeVar

Key = TypeVar("Key", bound=Hashable)


class DisjointSets(Generic[Key]):
    """Keys merged into groups. The smallest key of a group is its root, so the groups, and their
    roots, are the same whatever order the merges come in."""

    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}

    def find(self, key: Key) -> Key:
        """Return the root of ``key``'s group (a key seen for the first time is a group of its own)."""
        while self.parent.setdefault(key, key) != key:
            self.parent[key] = self.parent[self.parent[key]]  # path halving
            key = self.parent[key]
        return key

    def union(self, first: Key, second: Key) -> None:
        """Merge the groups of ``first`` and ``second``."""
        one, other = self.find(first), self.find(second)
        if one != other:
            self.parent[max(one, other)] = min(one, other)

    def groups(self) -> dict[Key, list[Key]]:
        """Return every group by its root, members in sorted order, roots in order of their first member."""
        members: dict[Key, list[Key]] = defaultdict(list)
        for key in sorted(self.parent):
            members[self.find(key)].append(key)
        return dict(members)
