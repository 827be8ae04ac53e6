"""Results remembered by their inputs from one build to the next, for the previews of ``mkdocs serve``.

A preview rebuild after one seed changed should redo only the work that seed touches. Each stage
names a slot (``("slug", "a.txt")``) with the inputs the result depends on; the next build reuses
the result when the inputs are equal. The comparison is cheap for the unchanged part of a digest:
``==`` on tuples checks identity first, and the memoised stages hand unchanged inputs on as the
very same objects. A slot keeps only its latest result, so the memo stays as large as the digest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


@dataclass
class Memo:
    results: dict = field(default_factory=dict)  # slot -> (inputs, result)

    def get(self, slot: Hashable, inputs: object, compute: Callable[[], T]) -> T:
        """Return the result remembered for ``slot`` if its inputs are equal, else ``compute()``."""
        hit = self.results.get(slot)
        if hit is not None and hit[0] == inputs:
            return hit[1]
        result = compute()
        self.results[slot] = (inputs, result)
        return result

    def last(self, slot: Hashable) -> object | None:
        """Return the result remembered for ``slot`` whatever its inputs (a step that updates its
        last result after an edit starts from it), or None."""
        hit = self.results.get(slot)
        return None if hit is None else hit[1]

    def same(self, slot: Hashable, value: T) -> T:
        """Return the last build's object for ``slot`` if it equals ``value``, else ``value``: later
        stages that take it as an input then recognise it by identity."""
        return self.get(slot, value, lambda: value)

    def clear(self) -> None:
        """Forget everything (what every result depends on changed)."""
        self.results.clear()
