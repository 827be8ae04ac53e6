"""The story grouping of a preview rebuild: updated after an edit, it equals a fresh grouping exactly."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from generator.link.grouping import MAX_POSTING, Grouping, group_all, regroup
from generator.link.stories import profile_of

SHARED = "bersama"  # a made-up term the base gives to exactly MAX_POSTING articles


@pytest.fixture(scope="module")
def profiles(corpus_digest):
    """The profiles of the corpus and the samples, one term held by exactly MAX_POSTING of them."""
    kinds = {entity.id: entity.type for entity in corpus_digest.knowledge.entities}
    found = [profile_of(article, kinds) for article in sorted(corpus_digest.articles, key=lambda a: a.file)]
    return [with_terms(p, {SHARED: 1.0}) if n < MAX_POSTING else p for n, p in enumerate(found)]


def with_terms(profile, extra: dict):
    return replace(profile, terms=tuple(sorted({**dict(profile.terms), **extra}.items())))


def state_of(grouping: Grouping) -> dict:
    return {name: getattr(grouping, name) if name in ("groups", "strong") else dict(getattr(grouping, name))
            for name in ("groups", "strong", "scores", "frequency", "vectors", "cutoffs", "postings", "holders",
                         "neighbours", "clusters")}


EDITS = {
    "a-sentence-of-new-words": lambda ps, rng: {0: with_terms(ps[0], {"kalimat": 1.0, "sunting": 1.0})},
    "words-of-another-article": lambda ps, rng: {3: with_terms(ps[3], dict(ps[40].terms[:25]))},
    "half-the-words-gone": lambda ps, rng: {5: replace(ps[5], terms=ps[5].terms[::2])},
    "a-shared-day-and-quote": lambda ps, rng: {7: replace(ps[7], keys=ps[7].keys | ps[8].keys | {"day:2025-02-12"})},
    "another-year": lambda ps, rng: {9: replace(ps[9], date=None, years=frozenset({"2031"}))},
    "every-weight-doubled": lambda ps, rng: {11: replace(ps[11], terms=tuple((t, 2 * w) for t, w in ps[11].terms))},
    "a-term-past-the-posting-limit": lambda ps, rng: {70: with_terms(ps[70], {SHARED: 2.0})},
    "a-term-back-under-the-limit": lambda ps, rng: {0: replace(ps[0], terms=tuple(t for t in ps[0].terms
                                                                                   if t[0] != SHARED))},
    "two-articles-at-once": lambda ps, rng: {2: with_terms(ps[2], {"kalimat": 1.0}), 60: ps[59]},
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_updated_grouping_equals_a_fresh_one(profiles, edit):
    previous = group_all(profiles)
    edited = list(profiles)
    for index, profile in edit(profiles, random.Random(1)).items():
        edited[index] = replace(profile, file=profiles[index].file, slug=profiles[index].slug)
    assert state_of(regroup(previous, edited)) == state_of(group_all(edited))


def test_edits_one_after_another_stay_equal_to_a_fresh_grouping(profiles):
    rng, current = random.Random(17), list(profiles)
    grouping = group_all(current)
    for _ in range(12):
        name = rng.choice(sorted(EDITS))
        for index, profile in EDITS[name](current, rng).items():
            current[index] = replace(profile, file=current[index].file, slug=current[index].slug)
        grouping = regroup(grouping, current)
        assert state_of(grouping) == state_of(group_all(current)), name


def test_a_component_the_edit_does_not_reach_keeps_its_groups(profiles):
    previous = group_all(profiles)
    edited = list(profiles)
    edited[0] = with_terms(profiles[0], {"kalimat": 1.0})
    updated = regroup(previous, edited)
    untouched = [c for c in previous.clusters if profiles[0].file not in c]
    assert untouched and all(updated.clusters[c] is previous.clusters[c] for c in untouched)


def test_an_article_added_or_removed_groups_afresh(profiles):
    previous = group_all(profiles)
    assert state_of(regroup(previous, profiles[1:])) == state_of(group_all(profiles[1:]))


def synthetic_profiles(count: int, seed: int = 3) -> list:
    """Articles of made-up words: a few hundred stories of three, a term at the posting limit."""
    import datetime as dt

    from generator.link.grouping import Profile

    rng = random.Random(seed)
    vocabulary = [f"kata{n}" for n in range(3000)]
    found = []
    for n in range(count):
        story = rng.sample(vocabulary, 12)
        rng_story = random.Random(n // 3)
        own = rng_story.sample(vocabulary, 20) + rng.sample(vocabulary, 10)
        terms = {term: 1.0 + rng.random() for term in own + story[:4]}
        if n < MAX_POSTING:
            terms[SHARED] = 0.5
        day = dt.date(2025, 1, 1) + dt.timedelta(days=n // 3)
        found.append(Profile(f"{n:04d}.txt", f"a{n}", tuple(sorted(terms.items())), frozenset({"2025"}), day,
                             frozenset({f"day:{day}"} if n % 4 else ())))
    return found


HIDDEN = 100  # an article that holds the shared term too, too lightly for its vector


def crossing_profiles() -> list:
    """Synthetic articles whose shared term is in MAX_POSTING vectors, and in one more article's
    terms, under its hundred heavier ones."""
    profiles = synthetic_profiles(400)
    heavy = {f"eigen{n}": 3.0 for n in range(110)}  # words it shares with article 101 only
    profiles[HIDDEN] = replace(profiles[HIDDEN], terms=tuple(sorted({**dict(profiles[HIDDEN].terms), **heavy,
                                                                     SHARED: 0.01}.items())))
    profiles[HIDDEN + 1] = replace(profiles[HIDDEN + 1], terms=tuple(sorted(
        {**dict(profiles[HIDDEN + 1].terms), **heavy}.items())))
    return profiles


def test_a_term_entering_a_vector_past_the_posting_limit_unpairs_its_other_articles(monkeypatch):
    import generator.link.grouping as grouping

    profiles = crossing_profiles()
    previous = group_all(profiles)
    assert len(previous.postings[SHARED]) == MAX_POSTING and SHARED not in previous.vectors[profiles[HIDDEN].file]
    edited = list(profiles)
    # The article loses most of its own words: the shared term enters its vector, its count unchanged.
    edited[HIDDEN] = replace(profiles[HIDDEN], terms=tuple(t for t in profiles[HIDDEN].terms
                                                          if not t[0].startswith("eigen") or t[0] < "eigen2"))
    fresh = []
    monkeypatch.setattr(grouping, "group_vectors", lambda *args: fresh.append(args) or group_all(edited))
    updated = regroup(previous, edited)
    monkeypatch.undo()
    assert fresh == []  # updated, not grouped afresh
    assert len(updated.postings[SHARED]) == MAX_POSTING + 1
    assert state_of(updated) == state_of(group_all(edited))
