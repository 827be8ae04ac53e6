"""Stories: automatic grouping, scored against the corpus answer key, and the editor's stories.yml."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, SEEDS
from generator.pipeline import build_digest
from generator.ingest.seeds import read_seed_folder
from generator.link.grouping import MAX_POSTING, Profile, cluster, similarities
from generator.link.stories import parse_story_edits
from generator.story_score import read_answer_key, score_stories

SAMPLES = tuple(sorted(path.name for path in SEEDS.glob("*.txt")))
# A made-up report of another story, so that a digest has two stories to merge.
FLOOD = """Banjir Rendam Puluhan Rumah di Kampung Cibeber

Hujan deras sejak sore membuat Sungai Cibeber meluap dan merendam puluhan rumah warga.
Ketinggian air mencapai satu meter di beberapa gang, kata Kepala Desa Cibeber, Asep Sunandar.
"Kami sudah mengungsikan warga lansia ke balai desa," ujar Asep Sunandar.
"""


def digest_of(folder: Path):
    """Build the digest of a seeds folder."""
    return build_digest(read_seed_folder(folder))


def samples_folder(tmp_path: Path, stories_yml: str | None = None, flood: bool = False) -> Path:
    """Copy the samples (and their entities.yml) into a temporary seeds folder, with a stories.yml."""
    for name in (*SAMPLES, "entities.yml"):
        shutil.copyfile(SEEDS / name, tmp_path / name)
    if flood:
        (tmp_path / "banjir.txt").write_text(FLOOD, encoding="utf-8")
    if stories_yml is not None:
        (tmp_path / "stories.yml").write_text(stories_yml, encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------- the automatic grouping


def test_the_corpus_and_the_samples_match_the_answer_key(corpus_digest):
    truth = read_answer_key(CORPUS / "stories.json")
    scores = score_stories((story.files for story in corpus_digest.stories), truth)
    assert scores.articles == 77
    # Reached: pairwise F1 0.925 (P 0.939, R 0.912), B-cubed F1 0.977. Targets 0.85 and 0.95.
    assert scores.pairwise_f1 >= 0.90
    assert scores.bcubed_f1 >= 0.97


def test_the_samples_are_one_story(sample_digest):
    assert [set(story.files) for story in sample_digest.stories] == [set(SAMPLES)]
    assert sample_digest.story_of[sample_digest.articles[0].slug] is sample_digest.stories[0]


def test_stories_are_ordered_by_their_newest_article(corpus_digest):
    lasts = [story.last for story in corpus_digest.stories if story.last]
    assert lasts == sorted(lasts, reverse=True)
    assert all(story.last for story in corpus_digest.stories[:len(lasts)])


def test_story_ids_are_unique_readable_slugs(corpus_digest):
    ids = [story.id for story in corpus_digest.stories]
    assert len(ids) == len(set(ids))
    assert all(0 < len(story_id.split("-")) <= 6 for story_id in ids)


def test_grouping_does_not_depend_on_the_order_of_the_articles(corpus_digest):
    profiles = [Profile(a.file, a.slug, tuple((w, 1.0) for w in a.slug.split("-")), frozenset(), None, frozenset())
                for a in corpus_digest.articles]
    shuffled = list(profiles)
    random.Random(7).shuffle(shuffled)
    files = [p.file for p in profiles]
    assert cluster(files, similarities(profiles)) == cluster(sorted(files, reverse=True), similarities(shuffled))


def test_a_term_many_articles_share_is_not_used_to_pair_them():
    # Blocking: a word in more than MAX_POSTING articles pairs none of them (no all-pairs work).
    common = [Profile(f"a{n}.txt", f"a{n}", (("common", 1.0), (f"own{n}", 1.0), (f"own{n + 1}", 1.0)),
                      frozenset(), None, frozenset()) for n in range(MAX_POSTING + 40)]
    pairs = similarities(common)
    assert pairs and all(abs(int(b[1:-4]) - int(a[1:-4])) == 1 for a, b in pairs)  # neighbours share a rare word


# ---------------------------------------------------------------- scoring


def test_a_perfect_grouping_scores_one():
    truth = [("a.txt", "b.txt"), ("c.txt",)]
    scores = score_stories([("seeds/b.txt", "a.txt"), ("c.txt",)], truth)
    assert (scores.pairwise_f1, scores.bcubed_f1) == (1.0, 1.0)


def test_every_article_alone_scores_pairwise_zero():
    truth = [("a", "b", "c"), ("d",)]
    scores = score_stories([("a",), ("b",), ("c",), ("d",)], truth)
    assert scores.pairwise_recall == 0.0 and scores.pairwise_f1 == 0.0
    assert scores.bcubed_precision == 1.0
    assert scores.bcubed_recall == pytest.approx((1 / 3 * 3 + 1) / 4)


def test_one_wrong_merge_costs_pairwise_precision():
    truth = [("a", "b"), ("c",), ("d",)]
    scores = score_stories([("a", "b", "c"), ("d",), ("x", "y")], truth)  # x, y: not in the key
    assert scores.pairwise_precision == pytest.approx(1 / 3)
    assert scores.pairwise_recall == 1.0
    assert scores.bcubed_precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert scores.articles == 4


# ---------------------------------------------------------------- stories.yml


def test_the_editor_names_a_story(tmp_path, sample_digest):
    automatic = sample_digest.stories[0].id
    digest = digest_of(samples_folder(tmp_path, f"- id: {automatic}\n  title: Kontak Putin–Trump\n"))
    assert [(s.id, s.title, s.edited, set(s.files)) for s in digest.stories] == [
        (automatic, "Kontak Putin–Trump", True, set(SAMPLES))]


def test_the_editor_moves_an_article_into_a_story_of_its_own(tmp_path):
    digest = digest_of(samples_folder(tmp_path, f"- id: isyarat-trump\n  articles: [{SAMPLES[4]}]\n"))
    assert sorted(len(story.files) for story in digest.stories) == [1, 4]
    moved = next(article.slug for article in digest.articles if article.file == SAMPLES[4])
    assert digest.story_of[moved].id == "isyarat-trump"


def test_the_editor_merges_two_automatic_stories(tmp_path):
    automatic = digest_of(samples_folder(tmp_path, flood=True)).stories
    assert len(automatic) == 2
    ids = [story.id for story in automatic]
    digest = digest_of(samples_folder(tmp_path, f"- id: semua\n  title: Semua\n  stories: [{ids[0]}, {ids[1]}]\n",
                                      flood=True))
    assert [(s.id, len(s.files)) for s in digest.stories] == [("semua", 6)]
    assert not [d for d in digest.diagnostics if d.file == "stories.yml"]


@pytest.mark.parametrize("text, message", [
    ("- id: a\n  titel: X\n", "stories.yml:2: unknown field 'titel'; did you mean 'title'?"),
    ("- id: A B\n", "stories.yml:1: field 'id': expected a slug of a-z, 0-9 and '-' such as 'putin-trump-summit', "
                    "got 'A B'"),
    ("- id: a\n  articles: dA01.txt\n", "stories.yml:2: field 'articles': expected a list of names such as [dA02.txt]"),
    ("- id: a\n- id: a\n", "stories.yml:2: duplicate id 'a': already defined at line 1"),
    ("id: a\n", "stories.yml:1: expected a list of stories"),
    ("- id: [a\n", "stories.yml:2: invalid YAML"),
    ("- id: index\n", "stories.yml:1: field 'id': 'index' is reserved (stories/index/ lists the stories); choose another"),
], ids=["unknown-field", "bad-id", "articles-not-list", "duplicate-id", "not-a-list", "invalid-yaml", "reserved-id"])
def test_a_bad_stories_file_gets_one_clear_message(text, message):
    _, problems = parse_story_edits(text, "stories.yml")
    assert len(problems) == 1
    assert str(problems[0]).startswith(message)


def test_a_bad_stories_file_is_reported_and_the_digest_still_builds(tmp_path):
    digest = digest_of(samples_folder(tmp_path, "- id: a\n  articles: [nope.txt, 000_1cec069715201191.txt]\n"
                                                "- id: b\n  articles: [000_1cec069715201191.txt]\n"))
    messages = [str(d) for d in digest.diagnostics if d.file == "stories.yml"]
    assert messages == ["stories.yml:1: story 'a': no article 'nope.txt' in the seeds folder",
                        "stories.yml:3: article '000_1cec069715201191.txt' is in story 'a' and in 'b'; it stays in 'a'"]
    assert len(digest.articles) == 5 and sum(len(s.files) for s in digest.stories) == 5
