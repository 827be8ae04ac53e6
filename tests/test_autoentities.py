"""Automatic entities: people, bodies and places the articles introduce, found without entities.yml."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from conftest import SEEDS
from generator.link.name_cleaner import Cleaner, count_lower, is_derived
from generator.link.sightings import read_article_names
from generator.pipeline import build_digest
from generator.ingest.seeds import read_seed_folder

INTRODUCTIONS = """Polisi Periksa Saksi Kerusuhan Jayapura

JAYAPURA - Kapolda Papua Irjen Paulus Waterpauw mengatakan polisi sudah memeriksa tujuh saksi.
Presiden Partai Keadilan Sejahtera (PKS) Al Muzzammil Yusuf meminta semua pihak menahan diri.
"Kami meminta aparat bekerja profesional," kata Muzzammil di Jakarta.
Presiden Joko Widodo (Jokowi) meminta warga tenang. Sementara itu Federasi Sepakbola Inggris (FA) menunda laga.
"Situasi sudah terkendali," ujar Waterpauw kepada wartawan.
"""
LATER = """Jokowi Kunjungi Jayapura

Jokowi tiba di Jayapura pada Senin pagi.
"Saya ingin melihat sendiri keadaan warga," kata Jokowi.
"""


def digest_of(tmp_path, texts: dict[str, str], entities_yml: bool = False):
    """Build the digest of a folder holding the given articles (and the samples' entities.yml)."""
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    if entities_yml:
        shutil.copyfile(SEEDS / "entities.yml", tmp_path / "entities.yml")
    return build_digest(read_seed_folder(tmp_path))


def automatic(digest) -> dict:
    return {e.id: e for e in digest.knowledge.entities if e.automatic}


def test_names_the_text_introduces_become_typed_entities_with_their_role(tmp_path):
    found = automatic(digest_of(tmp_path, {"a.txt": INTRODUCTIONS, "b.txt": LATER}))
    summary = {(e.name, e.type, e.description) for e in found.values()}
    assert ("Paulus Waterpauw", "person", "Kapolda Papua") in summary
    assert ("Al Muzzammil Yusuf", "person", "Presiden PKS") in summary
    assert ("Partai Keadilan Sejahtera", "organisation", "") in summary
    assert ("Federasi Sepakbola Inggris", "organisation", "") in summary
    assert found["partai-keadilan-sejahtera"].aliases == ("PKS",)


def test_a_short_form_the_text_defines_merges_across_articles(tmp_path):
    digest = digest_of(tmp_path, {"a.txt": INTRODUCTIONS, "b.txt": LATER})
    jokowi = automatic(digest)["joko-widodo"]
    assert jokowi.aliases == ("Jokowi",)
    later = next(a for a in digest.articles if a.file == "b.txt")
    assert {m.entity_id for m in later.mentions} == {"joko-widodo"}
    assert [q.speaker_id for q in later.quotes] == ["joko-widodo"]


def test_quote_speakers_link_to_automatic_entities(tmp_path):
    digest = digest_of(tmp_path, {"a.txt": INTRODUCTIONS})
    article = digest.articles[0]
    assert [q.speaker_id for q in article.quotes] == ["al-muzzammil-yusuf", "paulus-waterpauw"]


def test_entities_yml_always_wins(tmp_path):
    text = ('Presiden Rusia Vladimir Putin bertemu Presiden AS Donald J. Trump.\n'
            '"Pertemuan ini penting," kata juru bicara Kremlin Dmitry Peskov.\n')
    digest = digest_of(tmp_path, {"a.txt": "Putin dan Trump\n\n" + text}, entities_yml=True)
    assert automatic(digest) == {}
    assert {m.entity_id for m in digest.articles[0].mentions} >= {"putin", "trump", "peskov"}


@pytest.mark.parametrize("name, cleaned", [
    ("Komjen Pol", None),
    ("Kelautan", None),
    ("Habibie Pernah Hampir Diracun", "Habibie"),
    ("Pertanian Syahrul Yasin Limpo", "Syahrul Yasin Limpo"),
    ("Pak Purbaya", "Purbaya"),
    ("Irjen Paulus Waterpauw", "Paulus Waterpauw"),
    ("Kemenhub Risal Wasal", "Risal Wasal"),
    ("Keadilan Sejahtera", None),
    ("Saifuddin Disebut Terima UangKPK", None),
    ("Ganjar-Mahfud", None),
    ("Winsome Earle-Sears", "Winsome Earle-Sears"),
    ("Simon McMenemy", "Simon McMenemy"),
    ("Laode M Syarif", "Laode M Syarif"),
    ("Tim Pemenangan Nasional", None),
], ids=lambda value: str(value))
def test_titles_ranks_and_common_words_are_cleaned_from_names(name, cleaned):
    cleaner = Cleaner(common=frozenset({"pernah", "hampir", "sejahtera", "terima"}),
                      known_words=frozenset({"pak", "komjen", "pol", "irjen", "kelautan"}),
                      bodies=frozenset({"kemenhub"}))
    assert cleaner.clean(name, "person") == cleaned


@pytest.mark.parametrize("word, derived", [
    ("pertanian", True), ("pemberantasan", True), ("diracun", True), ("selesaikan", True),
    ("setiawan", False), ("permana", False), ("dimas", False), ("kurniawan", False), ("perkasa", False),
], ids=lambda value: str(value))
def test_derived_words_are_told_from_names(word, derived):
    assert is_derived(word) is derived


# ---------------------------------------------------------------- on the real-article corpus


JUNK = ("Kelautan", "Komjen Pol", "Habibie Pernah Hampir Diracun", "Keadilan Sejahtera", "Kabag Pemberitaan",
        "Pemberantasan Korupsi", "Persatuan Pembangunan", "Lingkungan Hidup", "New York Digelar", "Nomor", "Gelar")


def test_the_corpus_gets_entity_pages_for_its_people_and_no_junk(corpus_digest):
    found = automatic(corpus_digest)
    names = {e.name for e in found.values()}
    assert len(found) >= 120
    assert not names & set(JUNK)
    assert {"Joko Widodo", "Simon McMenemy", "Firli Bahuri", "Romahurmuziy", "Komisi Pemberantasan Korupsi"} <= names \
        or {"Joko Widodo", "Simon McMenemy", "Firli Bahuri", "Komisi Pemberantasan Korupsi"} <= names
    assert found["joko-widodo"].aliases == ("Jokowi",)


def test_most_quoted_speakers_of_the_corpus_are_entities(corpus_digest):
    named = [q for a in corpus_digest.articles for q in a.quotes if q.kind == "statement" and q.speaker_name]
    linked = [q for q in named if q.speaker_id in corpus_digest.entities]
    assert len(linked) / len(named) >= 0.85  # 178 of 199: the rest are no names ("Presiden", "Simak Video")


def test_an_automatic_mention_never_overlaps_another(corpus_digest):
    for article in corpus_digest.articles:
        spans = sorted((m.anchor, m.start, m.end) for m in article.mentions)
        for (anchor, _, end), (other, start, _) in zip(spans, spans[1:]):
            assert anchor != other or start >= end


def test_the_samples_get_no_automatic_entity(sample_digest):
    assert automatic(sample_digest) == {}


# ---------------------------------------------------------------- counting after an edit


def lower_parts(corpus_digest):
    return [read_article_names(article) for article in sorted(corpus_digest.articles, key=lambda a: a.file)]


@pytest.mark.parametrize("words, same_sets", [(("yang", "dan"), True), (("kalimatbaru",), False)],
                         ids=["words-other-articles-write", "a-word-no-article-wrote"])
def test_lower_case_words_counted_after_an_edit_equal_a_fresh_count(corpus_digest, words, same_sets):
    parts = lower_parts(corpus_digest)
    previous = count_lower(None, parts)
    edited = list(parts)
    edited[4] = replace(parts[4], lower=parts[4].lower | frozenset(words))
    updated, fresh = count_lower(previous, edited), count_lower(None, edited)
    assert (updated.counts, updated.common, updated.usual) == (fresh.counts, fresh.common, fresh.usual)
    assert (updated.common is previous.common) is same_sets  # unchanged sets keep every cleaning
