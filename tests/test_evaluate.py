"""Evaluation on the real-article corpus: the scoring rules, and floors the extraction may not fall below."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.evaluate import (Pair, Truth, evaluate, evaluate_corpus, key_folders, quote_key, same_outlet, same_person,
                                story_lines, text_key)
from generator.core.models import TEXT, Article, Block, Field, Metadata, Quote, Removed

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# The share of each field reached on ../shared/corpus (before this evaluation existed: title 58/72,
# outlet 15/35, author 0/18, dateline 20/35, boilerplate 35/72, quotes 210/243, speaker 132/233,
# full name 41/233); raise a floor when the extraction improves, never lower one to pass.
FLOORS = {
    "title": 72 / 72,
    "outlet": 35 / 35,
    "author": 18 / 18,
    "dateline": 34 / 35,
    "published": 72 / 72,
    "boilerplate": 72 / 72,
    "sentences": 144 / 144,
    "quotes": 242 / 243,
    "speaker": 229 / 233,
    "speaker_full": 227 / 233,
    "speaker_null": 10 / 10,
}

needs_corpus = pytest.mark.skipif(not (CORPUS / "truth.json").is_file(),
                                  reason=f"the real-article corpus is not at {CORPUS}")


# Story grouping against stories.json (the corpus and the five samples): pairwise F1 0.925 and
# B-cubed F1 0.977 reached; the targets are 0.85 and 0.95.
STORY_FLOORS = {"pairwise": 0.90, "bcubed": 0.97}


@pytest.fixture(scope="module")
def report():
    return evaluate_corpus(CORPUS, seeds=SEEDS)


@needs_corpus
@pytest.mark.parametrize("field", sorted(FLOORS), ids=sorted(FLOORS))
def test_corpus_field_stays_at_its_floor(report, field):
    score = report.score(field)
    assert score.share >= FLOORS[field] - 1e-9, "\n".join(score.misses)


@needs_corpus
def test_every_corpus_article_is_built(report):
    assert report.skipped == ()


@needs_corpus
@pytest.mark.parametrize("measure", sorted(STORY_FLOORS), ids=sorted(STORY_FLOORS))
def test_the_stories_of_the_answer_key_are_scored_over_the_corpus_and_the_samples(report, measure):
    assert (report.stories.scores.articles, report.stories.key_articles, report.stories.missing) == (77, 77, ())
    assert getattr(report.stories.scores, f"{measure}_f1") >= STORY_FLOORS[measure]
    assert report.stories.met(measure)


@needs_corpus
def test_story_scores_count_only_the_articles_read_and_name_the_others(tmp_path):
    corpus = tmp_path / "corpus"  # no seeds/ beside it: the key's five samples are not read
    shutil.copytree(CORPUS / "articles", corpus / "articles")
    for name in ("truth.json", "stories.json"):
        shutil.copyfile(CORPUS / name, corpus / name)
    stories = evaluate_corpus(corpus).stories
    assert (stories.scores.articles, stories.key_articles, stories.stories) == (72, 77, 56)
    assert sorted(stories.missing) == sorted(f"seeds/{path.name}" for path in SEEDS.glob("*.txt"))
    lines = story_lines(stories)
    assert lines[0].startswith("stories (stories.json): 72 of 77 articles of the answer key in 56 stories")
    assert "not read (5): seeds/000_1cec069715201191.txt" in lines[1] and "--with-seeds DIR" in lines[1]


def test_the_key_folder_of_the_samples_is_looked_for_beside_the_corpus(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "corpus").mkdir()
    key = [("a.txt", "seeds/b.txt"), ("../../etc/c.txt",), ("missing/d.txt",)]
    assert key_folders(tmp_path / "corpus", key, None) == [(tmp_path / "seeds").resolve()]
    assert key_folders(tmp_path / "corpus", key, SEEDS) == [SEEDS]


@needs_corpus
def test_evaluate_command_prints_the_table_and_json():
    command = [sys.executable, "-m", "generator", "evaluate", "--corpus", str(CORPUS), "--with-seeds", str(SEEDS)]
    table = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split() == ["field", "right", "share", "target"]
    assert "stories (stories.json): 77 of 77 articles of the answer key in 57 stories" in table.stdout
    assert "  pairwise  precision" in table.stdout and "  B-cubed   precision" in table.stdout
    record = json.loads(subprocess.run([*command, "--json"], capture_output=True, text=True, cwd=ROOT).stdout)
    assert [row["field"] for row in record["fields"]][:3] == ["title", "outlet", "author"]
    assert record["stories"]["articles"] == 77 and record["stories"]["pairwise"]["met"] is True
    assert set(record["stories"]["bcubed"]) == {"precision", "recall", "f1", "target", "met"}


# --- the scoring rules, on articles made here ------------------------------------------------

def label(**values) -> Truth:
    base = dict(file="a.txt", outlet="Kompas.com", outlet_in_text=True, title="Judul Berita", author=None,
                published=None, dateline="Jakarta", first_sentence="Kalimat pertama.",
                last_sentence="Kalimat terakhir.", boilerplate=(), quotes=())
    return Truth(**{**base, **values})


def article(blocks=("Kalimat pertama.", "Kalimat terakhir."), quotes=(), removed=(), **meta) -> Article:
    fields = {name: Field(value, TEXT) for name, value in meta.items()}
    return Article("a.txt", "a", "0", Metadata(**fields),
                   tuple(Block("paragraph", text, n, f"p{n}") for n, text in enumerate(blocks, 1)),
                   removed=tuple(removed), quotes=tuple(quotes))


@pytest.mark.parametrize("first,second", [
    ('" Kami siap , " kata dia .', '"Kami siap," kata dia.'),
    ("**JAKARTA, KOMPAS.com** - Hujan", "JAKARTA, KOMPAS.com - Hujan"),
], ids=["tokenised", "bold"])
def test_text_key_ignores_spacing_and_markup(first, second):
    assert text_key(first) == text_key(second)


def test_quote_key_ignores_trailing_punctuation():
    assert quote_key("Kami siap ,") == quote_key("Kami siap")


@pytest.mark.parametrize("found,expected,same", [
    ("Kompas", "Kompas.com", True), ("detikNews", "detikcom", True), ("Tempo", "Kompas.com", False),
    (None, "Kompas.com", False)], ids=["alias", "domain-alias", "other", "none"])
def test_outlets_compare_through_their_aliases(found, expected, same):
    assert same_outlet(found, expected) is same


@pytest.mark.parametrize("found,same", [("Prabowo Subianto", True), ("Prabowo", True), ("Subianto", True),
                                        ("Menteri Prabowo", False), (None, False)],
                         ids=["full", "given", "surname", "with-role", "none"])
def test_speaker_found_by_any_form_of_the_name(found, same):
    assert same_person(found, "Prabowo Subianto") is same


def test_a_page_with_boilerplate_and_a_lost_sentence_is_scored_down():
    truth = label(boilerplate=("Baca juga: Lain",), last_sentence="Kalimat hilang.")
    report = evaluate([Pair(truth, article(blocks=("Kalimat pertama.", "Baca juga : Lain")))])
    assert (report.score("boilerplate").right, report.score("sentences").right) == (0, 1)


def test_a_dateline_cut_off_the_lead_still_counts_as_the_first_sentence():
    truth = label(first_sentence="JAKARTA, KOMPAS.com - Hujan turun.")
    built = article(blocks=("Hujan turun.", "Kalimat terakhir."),
                    removed=(Removed(1, "JAKARTA, KOMPAS.com -", "dateline"),))
    assert evaluate([Pair(truth, built)]).score("sentences").right == 2


def test_quotes_are_aligned_by_text_and_speakers_by_name():
    quotes = ({"text": "Kami siap,", "speaker": "Budi Santoso", "kind": "direct", "attribution": "kata Budi"},
              {"text": "Tidak ada,", "speaker": "Budi Santoso", "kind": "direct", "attribution": "ujarnya"},
              {"text": "istilah", "speaker": None, "kind": "scare_quote", "attribution": ""})
    found = (Quote("Kami siap", "p1", 0, 10, speaker_name="Budi"),)
    report = evaluate([Pair(label(quotes=quotes), article(quotes=found))])
    assert [(report.score(f).right, report.score(f).total) for f in ("quotes", "speaker", "speaker_full")] == [
        (1, 2), (1, 2), (0, 2)]


def test_a_publication_date_read_from_the_body_is_false():
    report = evaluate([Pair(label(), article(published="2024-01-02"))])
    assert report.score("published").right == 0


def test_an_article_that_was_not_built_misses_every_field():
    report = evaluate([Pair(label(), None)])
    assert report.skipped == ("a.txt",) and report.score("title").right == 0
