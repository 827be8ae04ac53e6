"""annotate/quotes.py, annotate/quote_marks.py and link/quote_clusters.py: quotation marks, speakers,
scare quotes, warnings and clusters across articles."""

from __future__ import annotations

import itertools
import random
import re
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from generator.core.models import Article, Block, Entity, Metadata, Quote, SeedFile
from rapidfuzz import fuzz

from generator.render.inline import MAX_OTHER_REPORTS
from generator.render.urls import relative_url
from generator.pipeline import Options, generate
from generator.annotate.quote_marks import quote_warnings
from generator.annotate.quotes import find_quotes
from generator.link.quote_clusters import cluster_quotes, partial_ratio_bound
from conftest import blocks_of, seed_blocks

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "quotes"

PEOPLE = {
    "Peskov": Entity("peskov", "Dmitry Peskov", "person", ("Peskov",)),
    "Trump": Entity("trump", "Donald Trump", "person", ("Trump",)),
    "Putin": Entity("putin", "Vladimir Putin", "person", ("Putin",)),
    "Leavitt": Entity("leavitt", "Karoline Leavitt", "person", ("Leavitt",)),
    "Jokowi": Entity("jokowi", "Joko Widodo", "person", ("Jokowi",)),
    "Prabowo": Entity("prabowo", "Prabowo Subianto", "person", ("Prabowo",)),
    "Zelensky": Entity("zelensky", "Volodymyr Zelensky", "person", ("Zelensky", "Zelenskiy")),
}
ORGANISATIONS = {"Kremlin": Entity("kremlin", "Kremlin", "organisation")}


def fake_resolve(phrase: str) -> Entity | None:
    """Resolve a speaker phrase by the last known surname in it, else a known organisation."""
    for names in (PEOPLE, ORGANISATIONS):
        found = [(m.start(), names[m.group()]) for m in re.finditer(r"\w+", phrase) if m.group() in names]
        if found:
            return found[-1][1]
    return None


@pytest.fixture(scope="module")
def samples() -> dict[str, tuple[tuple[Block, ...], tuple[Quote, ...]]]:
    """The five sample seeds by their three-digit prefix: (blocks, quotes)."""
    result = {}
    for path in sorted(SEEDS.glob("*.txt")):
        blocks = seed_blocks(path)
        result[path.name[:3]] = (blocks, find_quotes(blocks, fake_resolve))
    return result


def quote_starting(quotes, prefix: str) -> Quote:
    matches = [quote for quote in quotes if quote.text.startswith(prefix)]
    assert len(matches) == 1, f"{len(matches)} quotes start with {prefix!r}: {[q.text for q in quotes]}"
    return matches[0]


def quotes_in(text: str) -> tuple[Quote, ...]:
    return find_quotes(blocks_of(text), fake_resolve)


# --- the samples ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed, prefix, speaker_id, speaker_name", [
    ("000", "Presiden Rusia mengundang", "peskov", "Dmitry Peskov"),
    ("000", "Trump mendukung gencatan senjata", "peskov", "Peskov"),
    ("000", "Putin dan Trump juga sepakat", "peskov", "Peskov"),
    ("000", "sepakat dengan pandangan Trump", "putin", "Putin"),
    # reported speech: "Peskov menambahkan bahwa Putin juga “…”" quotes Peskov's account
    ("000", "menekankan pentingnya", "peskov", "Peskov"),
    ("000", "pembicaraan telepon yang panjang dan produktif", "trump", "Trump"),
    ("001", "Dengan latar belakang", "peskov", "Peskov"),
    ("001", "Kami jauh lebih terkesan", "peskov", "Peskov"),
    ("001", "Jelas ada kebutuhan untuk mengadakan", "peskov", "Peskov"),
    ("002", "Jelas ada kebutuhan untuk menyelenggarakan", "peskov", "Dmitry Peskov"),
    ("002", "Tentu saja, semua masalah", "peskov", "Peskov"),
    ("003", "Saya baru saja melakukan pembicaraan", "trump", "Trump"),
    ("003", "Kami sepakat untuk bekerja sama", "trump", "Trump"),
    ("003", "Kami masih harus menyelesaikan rinciannya", "peskov", "Peskov"),
    ("004", "Kemungkinan besar akan ada pertemuan", "trump", "Trump"),
    ("004", "Rusia telah menyatakan keinginan", "leavitt", "Karoline Leavitt"),
    ("004", "Kemajuan besar telah dicapai!", "trump", "Trump"),
    ("004", "Semua orang sepakat", "trump", "Trump"),
], ids=[
    "000-peskov-menyatakan-colon", "000-kata-peskov", "000-continued-after-kata-peskov",
    "000-narrative-subject-putin", "000-reported-speech-peskov", "000-short-trump-menulis",
    "001-peskov-mencatat", "001-kata-peskov-in-list-item", "001-imbuhnya-pronoun",
    "002-kata-juru-bicara-kremlin", "002-kata-peskov", "003-kata-trump-dalam-unggahan",
    "003-tulis-trump", "003-kata-peskov-kepada-wartawan", "004-ujar-trump-kepada-wartawan",
    "004-sekretaris-pers-apposition", "004-tulis-trump-exclamation", "004-tegasnya-pronoun",
])
def test_sample_statement_speakers(samples, seed, prefix, speaker_id, speaker_name):
    quote = quote_starting(samples[seed][1], prefix)
    assert (quote.kind, quote.speaker_id, quote.speaker_name) == ("statement", speaker_id, speaker_name)


@pytest.mark.parametrize("seed, text, count", [
    ("001", "sangat penting", 1),
    ("002", "segera", 2),
    ("004", "sangat produktif", 1),
    ("004", "produktif", 1),
], ids=["001-sangat-penting", "002-segera-twice", "004-sangat-produktif", "004-produktif"])
def test_sample_scare_quotes(samples, seed, text, count):
    scare = [quote.text for quote in samples[seed][1] if quote.kind == "scare"]
    assert scare.count(text) == count


@pytest.mark.parametrize("seed, prefix, attribution", [
    ("000", "Presiden Rusia mengundang", "juru bicara Kremlin Dmitry Peskov menyatakan"),
    ("001", "Dengan latar belakang", "Peskov mencatat"),
    ("001", "Jelas ada kebutuhan", "imbuhnya"),
    ("002", "Jelas ada kebutuhan", "kata juru bicara Kremlin Dmitry Peskov"),
    ("003", "Saya baru saja", "kata Trump"),
    ("004", "Rusia telah menyatakan", "kata Sekretaris Pers Gedung Putih, Karoline Leavitt"),
    ("004", "Kemungkinan besar", "ujar Trump"),
], ids=["verb-after-role-phrase", "speaker-first", "pronoun-form", "verb-first-role-phrase",
        "stops-before-dalam", "apposition-with-comma", "stops-before-kepada"])
def test_sample_attribution_phrases(samples, seed, prefix, attribution):
    assert quote_starting(samples[seed][1], prefix).attribution == attribution


def test_samples_have_no_other_quotes(samples):
    counts = {seed: len(quotes) for seed, (_, quotes) in samples.items()}
    assert counts == {"000": 6, "001": 4, "002": 4, "003": 3, "004": 6}


def test_sample_offsets_include_the_marks(samples):
    for blocks, quotes in samples.values():
        for quote in quotes:
            written = next(b for b in blocks if b.anchor == quote.anchor).text[quote.start:quote.end]
            assert written[0] in "\"“" and written[-1] in "\"”", written
            assert quote.text in written


def test_samples_have_balanced_marks(samples):
    assert {seed: quote_warnings(blocks) for seed, (blocks, _) in samples.items()} == dict.fromkeys(samples, ())


# --- paragraphs in other outlets' styles ---------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ('"Kami akan terus melanjutkan pembangunan," kata Jokowi di Istana, Senin (10/3/2025).',
     [("Kami akan terus melanjutkan pembangunan", "Jokowi", "statement")]),
    ('Presiden Prabowo Subianto menegaskan pemerintah tidak akan mundur. '
     '"Kita harus berdiri di atas kaki sendiri," ujar Prabowo dalam pidatonya.',
     [("Kita harus berdiri di atas kaki sendiri", "Prabowo", "statement")]),
    ('"We are ready," Peskov told reporters. "But the ball is in Washington\'s court."',
     [("We are ready", "Peskov", "statement"), ("But the ball is in Washington's court.", "Peskov", "statement")]),
    ('"We want peace," said Kremlin spokesman Dmitry Peskov.',
     [("We want peace", "Dmitry Peskov", "statement")]),
    ('"Kami siap," kata Peskov.', [("Kami siap", "Peskov", "statement")]),
    ('“Saya bilang ke dia, ‘Jangan pergi dulu,’ tapi dia tetap pergi,” kata Budi Santoso, warga setempat.',
     [("Saya bilang ke dia, ‘Jangan pergi dulu,’ tapi dia tetap pergi", "Budi Santoso", "statement")]),
    ("Acara digelar pada Jum'at malam. He said he don't know, katanya.", []),
    ("The students' books were '90s classics.", []),
    ("'Kami siap bertemu kapan saja,' kata Trump.", [("Kami siap bertemu kapan saja", "Trump", "statement")]),
    ("‘Kami siap bertemu kapan saja,’ kata Trump.", [("Kami siap bertemu kapan saja", "Trump", "statement")]),
    ('Menurut Zelensky, "Ukraina tidak akan menyerahkan wilayahnya kepada Rusia."',
     [("Ukraina tidak akan menyerahkan wilayahnya kepada Rusia.", "Zelensky", "statement")]),
    ('According to Ukrainian President Volodymyr Zelenskiy, "Ukraine will not give up its land."',
     [("Ukraine will not give up its land.", "Volodymyr Zelenskiy", "statement")]),
    ('Kata Jokowi, "Ekonomi kita tumbuh di atas lima persen."',
     [("Ekonomi kita tumbuh di atas lima persen.", "Jokowi", "statement")]),
    ('Juru bicara Kementerian Luar Negeri Rusia Maria Zakharova mengatakan: "Barat harus berhenti."',
     [("Barat harus berhenti.", "Maria Zakharova", "statement")]),
    ('Jubir Kemenlu, Roy Soemirat, menyatakan bahwa "pemerintah terus memantau situasi di lapangan".',
     [("pemerintah terus memantau situasi di lapangan", "Roy Soemirat", "statement")]),
    ('"Kami tidak pernah menerima laporan itu," ujar Kepala Bidang Humas Polda Metro Jaya '
     'Kombes Ade Ary Syam Indradi saat dikonfirmasi, Jumat (14/2/2025).',
     [("Kami tidak pernah menerima laporan itu", "Ade Ary Syam Indradi", "statement")]),
    ('"Itu tidak benar," kata seorang pejabat senior AS.', [("Itu tidak benar", None, "statement")]),
    ('"Itu hoaks," kata Gedung Putih.', [("Itu hoaks", "Gedung Putih", "statement")]),
    ('Prabowo bertemu Jokowi di Solo. "Kami membahas banyak hal penting," ujarnya.',
     [("Kami membahas banyak hal penting", "Prabowo", "statement")]),
    ('“Ekonomi tumbuh,” kata Sri Mulyani. “Inflasi terkendali dan daya beli tetap terjaga.”',
     [("Ekonomi tumbuh", "Sri Mulyani", "statement"),
      ("Inflasi terkendali dan daya beli tetap terjaga.", "Sri Mulyani", "statement")]),
    ('“Kalimat pertama yang cukup panjang,” kata Peskov. Trump lalu pergi ke Florida. '
     '“Kalimat lain yang tidak berpemilik,” tulis sebuah media.',
     [("Kalimat pertama yang cukup panjang", "Peskov", "statement"),
      ("Kalimat lain yang tidak berpemilik", None, "statement")]),
    ('"It was a very good call," Trump said on Wednesday, adding: "We\'ll meet soon."',
     [("It was a very good call", "Trump", "statement"), ("We'll meet soon.", "Trump", "statement")]),
    ('The Kremlin said on Thursday that a meeting with U.S. President Donald Trump should happen "soon".',
     [("soon", "Kremlin", "scare")]),
    ('„Kami siap berunding“, kata Peskov.', [("Kami siap berunding", "Peskov", "statement")]),
    ('«Kami siap berunding», kata Peskov.', [("Kami siap berunding", "Peskov", "statement")]),
    ('Wakil Presiden Gibran menyebut program itu "sangat strategis" bagi bangsa.',
     [("sangat strategis", "Gibran", "scare")]),
    ('Peskov told reporters: "No comment."', [("No comment.", "Peskov", "statement")]),
    ('“Kami siap,” kata Peskov, “untuk berunding kapan saja.”',
     [("Kami siap", "Peskov", "statement"), ("untuk berunding kapan saja.", "Peskov", "statement")]),
    ('"This is the end," Mr. Peskov said.', [("This is the end", "Peskov", "statement")]),
    ('"Kami bekerja untuk rakyat," kata Ir. H. Joko Widodo di Solo.',
     [("Kami bekerja untuk rakyat", "Joko Widodo", "statement")]),
    ('"We will win," said Donald J. Trump.', [("We will win", "Donald J. Trump", "statement")]),
    ('"Kami tidak bersalah," says the report.', [("Kami tidak bersalah", None, "scare")]),
], ids=[
    "kompas-kata-dateline", "cnn-ujar-prabowo", "wire-told-reporters-then-continued", "wire-said-spokesman",
    "short-but-attributed-is-statement", "nested-single-inside-double", "apostrophes-jumat-dont",
    "apostrophes-plural-and-decade", "straight-single-marks", "curly-single-marks", "menurut-before",
    "according-to-before", "kata-before-with-comma", "role-chain-colon", "apposition-bahwa",
    "police-rank-and-unit", "unnamed-source", "institution-speaker", "pronoun-sentence-subject",
    "continued-after-kata", "no-continuation-across-narrative", "wire-adding-colon",
    "abbreviation-us-is-not-sentence-end", "low-high-marks", "guillemets", "scare-with-subject",
    "colon-after-told-reporters", "attribution-inside-sentence", "honorific-mr", "titles-ir-h",
    "middle-initial", "determiner-names-nobody",
])
def test_paragraph_styles(text, expected):
    found = [(q.text, q.speaker_name, q.kind) for q in quotes_in(text)]
    assert found == expected


def test_multi_paragraph_quote_without_closing_mark():
    text = ("Prabowo menyatakan, “Kita punya cadangan beras yang cukup untuk enam bulan.\n"
            "“Tidak ada alasan bagi siapa pun untuk menimbun beras,” lanjutnya.\n"
            "“Bulog harus hadir di setiap pasar tradisional.”")
    blocks = blocks_of(text)
    quotes = find_quotes(blocks, fake_resolve)
    assert [(q.anchor, q.speaker_id) for q in quotes] == [("p1", "prabowo"), ("p2", "prabowo"), ("p3", "prabowo")]
    assert quotes[0].end == len(blocks[0].text)
    assert quote_warnings(blocks) == ()


def test_open_paragraph_takes_the_speaker_named_after_it():
    text = "“Kami menyambut baik langkah ini dan berharap perundingan berlanjut.\n" \
           "“Kami juga meminta semua pihak menahan diri,” kata Menteri Luar Negeri Sugiono."
    assert [q.speaker_name for q in quotes_in(text)] == ["Sugiono", "Sugiono"]


def test_pronoun_takes_the_subject_of_the_previous_paragraph():
    text = "Sugiono mengatakan pemerintah mendukung perdamaian.\n" \
           "“Indonesia konsisten mendukung kemerdekaan Palestina,” ujarnya kepada wartawan."
    assert [(q.speaker_name, q.attribution) for q in quotes_in(text)] == [("Sugiono", "ujarnya")]


def test_pronoun_without_anyone_named_has_no_speaker():
    assert [(q.speaker_name, q.attribution) for q in quotes_in('"Kami sudah siap," kata dia.')] == \
        [(None, "kata dia")]


# --- articles in other outlets' layouts ----------------------------------------------------


@pytest.mark.parametrize("fixture, prefix, speaker_name, kind", [
    ("kompas_jokowi_istana", "Kami akan terus melanjutkan", "Jokowi", "statement"),
    ("kompas_jokowi_istana", "Investor asing sudah", "Jokowi", "statement"),
    ("kompas_jokowi_istana", "Semua sudah dihitung", "Jokowi", "statement"),
    ("kompas_jokowi_istana", "Defisit anggaran", "Sri Mulyani Indrawati", "statement"),
    ("kompas_jokowi_istana", "cukup aman", "Sri Mulyani Indrawati", "scare"),
    ("cnnindonesia_prabowo", "Saya tidak mau dengar", "Prabowo", "statement"),
    ("cnnindonesia_prabowo", "Kita punya cadangan", "Prabowo", "statement"),
    ("cnnindonesia_prabowo", "Tidak ada alasan", "Prabowo", "statement"),
    ("cnnindonesia_prabowo", "Bulog harus hadir", "Prabowo", "statement"),
    ("cnnindonesia_prabowo", "sangat tepat", "Arief Prasetyo Adi", "scare"),
    ("reuters_peskov_wire", "soon", "Kremlin", "scare"),
    ("reuters_peskov_wire", "We are ready", "Dmitry Peskov", "statement"),
    ("reuters_peskov_wire", "But there are no concrete dates", "Dmitry Peskov", "statement"),
    ("reuters_peskov_wire", "Obviously there is a need", "Peskov", "statement"),
    ("reuters_peskov_wire", "open to talks", "Putin", "scare"),
    ("reuters_peskov_wire", "It was a long and highly productive", "Trump", "statement"),
    ("reuters_peskov_wire", "We agreed to work together", "Trump", "statement"),
    ("reuters_peskov_wire", "We will see what happens", "Trump", "statement"),
    ("reuters_peskov_wire", "Ukraine will not accept", "Volodymyr Zelenskiy", "statement"),
    ("tempo_unbalanced_mark", "Evakuasi akan dilakukan", "Roy", "statement"),
])  # ids: fixture-prefix-speaker-kind
def test_fixture_articles(fixture, prefix, speaker_name, kind):
    quotes = find_quotes(blocks_of((FIXTURES / f"{fixture}.txt").read_text(encoding="utf-8")), fake_resolve)
    quote = quote_starting(quotes, prefix)
    assert (quote.speaker_name, quote.kind) == (speaker_name, kind)


# --- unbalanced marks ----------------------------------------------------------------------


def test_unbalanced_opening_is_reported_and_does_not_swallow_the_article():
    blocks = blocks_of((FIXTURES / "tempo_unbalanced_mark.txt").read_text(encoding="utf-8"))
    warnings = quote_warnings(blocks)
    assert [line for line, _ in warnings] == [3, 9]
    assert warnings[0][1].startswith('unbalanced quotation mark: opening " without a closing one')
    assert warnings[1][1].startswith('unbalanced quotation mark: closing " without an opening one')
    assert [q.text for q in find_quotes(blocks, fake_resolve)] == ["Evakuasi akan dilakukan bila situasi memburuk"]


@pytest.mark.parametrize("text, message", [
    ("Peskov berkata, “Kami siap berunding.", "opening “ without a closing one"),
    ("Kami siap berunding,” kata Peskov.", "closing ” without an opening one"),
    ("“Kami siap, kata Peskov. “Kami datang,” ujarnya.", "opening “ without a closing one"),
], ids=["opening-at-end", "closing-alone", "opening-restarted"])
def test_unbalanced_marks(text, message):
    (line, warning), = quote_warnings(blocks_of(text))
    assert line == 1 and message in warning


def test_restarted_quote_keeps_the_balanced_part():
    quotes = quotes_in("“Kami siap, kata Peskov. “Kami datang sekarang,” ujarnya.")
    assert [(q.text, q.speaker_name) for q in quotes] == [("Kami datang sekarang", None)]


def test_warning_line_counts_lines_inside_a_block():
    block = Block("paragraph", "Baris pertama.\nPeskov berkata, “Kami siap.", 10, "p1")
    assert quote_warnings([block])[0][0] == 11


# --- clusters ------------------------------------------------------------------------------


def article_of(slug: str, *quotes: tuple[str, str | None]) -> Article:
    """An article holding statement quotes given as (text, speaker id)."""
    made = tuple(Quote(text, "p1", 0, len(text) + 2, speaker_id=speaker, speaker_name=speaker)
                 for text, speaker in quotes)
    return Article(f"{slug}.txt", slug, "0", Metadata(), (Block("paragraph", "x", 1, "p1"),), quotes=made)


@pytest.fixture(scope="module")
def sample_articles(samples):
    return [Article(f"{seed}.txt", seed, "0", Metadata(), blocks, quotes=quotes)
            for seed, (blocks, quotes) in samples.items()]


def members(clusters: dict, articles) -> list[list[str]]:
    """Group cluster members as sorted lists of 'slug:quote text prefix'."""
    by_id: dict[str, list[str]] = {}
    quotes = {a.slug: a.quotes for a in articles}
    for (slug, index), cluster in sorted(clusters.items()):
        by_id.setdefault(cluster, []).append(f"{slug}:{quotes[slug][index].text[:25]}")
    return sorted(by_id.values())


def test_sample_clusters(sample_articles):
    assert members(cluster_quotes(sample_articles), sample_articles) == [
        ["000:pembicaraan telepon yang ", "003:Saya baru saja melakukan "],
        ["001:Jelas ada kebutuhan untuk", "002:Jelas ada kebutuhan untuk"],
    ]


def test_cluster_ids_are_stable_and_order_independent(sample_articles):
    forward = cluster_quotes(sample_articles)
    assert cluster_quotes(sample_articles[::-1]) == forward
    assert all(re.fullmatch(r"q-[0-9a-f]{10}", cluster) for cluster in forward.values())


@pytest.mark.parametrize("first, second", [
    (("Kami masih harus menyelesaikan rinciannya", "peskov"),
     ("Kami jauh lebih terkesan dengan posisi pemerintahan saat ini", "peskov")),
    (("Trump mendukung gencatan senjata segera dan penyelesaian masalah melalui jalur damai", "peskov"),
     ("Putin dan Trump juga sepakat untuk tetap menjaga komunikasi pribadi", "peskov")),
    (("Jelas ada kebutuhan untuk mengadakan pertemuan seperti itu secepatnya", "peskov"),
     ("Jelas ada kebutuhan untuk mengadakan pertemuan seperti itu secepatnya", "trump")),
    (("Kami siap", "peskov"), ("Kami siap berunding kapan saja dengan siapa saja", "peskov")),
    (("I had a great call with President Putin about Ukraine and we will meet in Saudi Arabia soon", "trump"),
     ("President Putin wants peace in Ukraine and President Zelensky must be realistic about the land", "trump")),
    (("Presiden Putin dan Presiden Zelensky harus segera bertemu untuk mengakhiri perang di Ukraina", "trump"),
     ("Perang di Ukraina tidak akan terjadi jika saya presiden, kata saya kepada Presiden Putin", "trump")),
], ids=["same-speaker-unrelated", "same-speaker-same-topic", "different-speakers", "too-short",
        "english-shared-names", "indonesian-shared-names"])
def test_no_false_clusters(first, second):
    assert cluster_quotes([article_of("a", first), article_of("b", second)]) == {}


@pytest.mark.parametrize("first, second", [
    ("There is clearly a need to hold such a meeting as soon as possible",
     "Obviously there is a need to organise such a meeting as soon as possible"),
    ("a lengthy and highly productive phone call",
     "I just had a long and highly productive phone call with President Vladimir Putin of Russia"),
    ("Kami masih harus menyelesaikan rincian pertemuan kedua presiden",
     "Rincian pertemuan kedua presiden masih harus kami selesaikan"),
], ids=["english-reworded", "english-contained", "indonesian-word-order"])
def test_reworded_statements_cluster(first, second):
    clusters = cluster_quotes([article_of("a", (first, "peskov")), article_of("b", (second, None))])
    assert set(clusters) == {("a", 0), ("b", 0)} and len(set(clusters.values())) == 1


def test_unknown_speaker_does_not_bridge_two_known_speakers():
    text = "Jelas ada kebutuhan untuk mengadakan pertemuan seperti itu secepatnya"
    clusters = cluster_quotes([article_of("a", (text, "peskov")), article_of("b", (text, None)),
                               article_of("c", (text, "trump"))])
    assert set(clusters) == {("a", 0), ("b", 0)}


def test_same_article_repeats_do_not_cluster():
    text = "Jelas ada kebutuhan untuk mengadakan pertemuan seperti itu secepatnya"
    assert cluster_quotes([article_of("a", (text, "peskov"), (text, "peskov"))]) == {}


def test_scare_quotes_do_not_cluster(sample_articles):
    clusters = cluster_quotes(sample_articles)
    kinds = {a.slug: a.quotes for a in sample_articles}
    assert all(kinds[slug][index].kind == "statement" for slug, index in clusters)


def test_clustering_thousands_of_articles_is_fast():
    rng = random.Random(7)
    vocabulary = ["".join(rng.choices("abdegiklmnoprstuy", k=rng.randint(3, 10))) for _ in range(5000)]
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))  # Zipf-like

    def random_quote():
        speaker = rng.choice([None] + [f"s{n}" for n in range(300)] * 9)
        return " ".join(rng.choices(vocabulary, cum_weights=weights, k=15)), speaker

    articles = [article_of(f"a{n:04d}", *(random_quote() for _ in range(8))) for n in range(3000)]
    pair = "Jelas ada kebutuhan untuk mengadakan pertemuan puncak seperti itu secepatnya"
    for position in (5, 9):
        extra = article_of("x", (pair, "peskov")).quotes
        articles[position] = replace(articles[position], quotes=articles[position].quotes + extra)
    started = time.perf_counter()
    clusters = cluster_quotes(articles)
    assert time.perf_counter() - started < 5
    assert set(clusters) == {("a0005", 8), ("a0009", 8)}


# --- with the real entity matcher ----------------------------------------------------------


@pytest.fixture(scope="module")
def matcher_quotes():
    """The sample quotes attributed with the real entity matcher and seeds/entities.yml."""
    entities = pytest.importorskip("generator.annotate.entities")
    entities_file = SEEDS / "entities.yml"
    if not entities_file.is_file():
        pytest.skip("seeds/entities.yml not written yet")
    known, _ = entities.parse_entities(entities_file.read_text(encoding="utf-8"), entities_file.name)
    matcher = entities.EntityMatcher(known)
    return {path.name[:3]: find_quotes(seed_blocks(path), matcher.resolve) for path in sorted(SEEDS.glob("*.txt"))}


@pytest.mark.parametrize("seed, prefix, speaker_id", [
    ("000", "Presiden Rusia mengundang", "peskov"),
    ("000", "Putin dan Trump juga sepakat", "peskov"),
    ("000", "sepakat dengan pandangan Trump", "putin"),
    ("000", "pembicaraan telepon yang panjang", "trump"),
    ("001", "Jelas ada kebutuhan", "peskov"),
    ("002", "Jelas ada kebutuhan", "peskov"),
    ("003", "Kami sepakat untuk bekerja sama", "trump"),
    ("003", "Kami masih harus", "peskov"),
    ("004", "Rusia telah menyatakan keinginan", "leavitt"),
    ("004", "Semua orang sepakat", "trump"),
], ids=["000-role-phrase", "000-continued", "000-narrative", "000-short-statement", "001-pronoun",
        "002-role-phrase", "003-tulis", "003-kepada-wartawan", "004-apposition", "004-pronoun"])
def test_samples_with_the_entity_matcher(matcher_quotes, seed, prefix, speaker_id):
    assert quote_starting(matcher_quotes[seed], prefix).speaker_id == speaker_id


# --- robustness ----------------------------------------------------------------------------

PIECES = st.sampled_from(['"', "“", "”", "‘", "’", "'", "„", "«", "»", " ", ", ", ". ", "\n", "kata",
                          "Peskov", "imbuhnya", "he said", "Menurut", "juru bicara", "Jum'at", "(13/2)"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40))
def test_any_text_gives_valid_offsets(pieces):
    blocks = blocks_of("".join(pieces))
    for quote in find_quotes(blocks, fake_resolve):
        text = next(b for b in blocks if b.anchor == quote.anchor).text
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.kind in ("statement", "scare")
    assert all(isinstance(line, int) for line, _ in quote_warnings(blocks))


# ---------------------------------------------------------------- clustering shortcut


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abc de", max_size=90), st.text(alphabet="abc de", max_size=90))
def test_partial_ratio_bound_is_never_below_partial_ratio(first, second):
    # clustering skips partial_ratio when this bound is too low: a rapidfuzz whose partial_ratio
    # aligned otherwise would make it unsafe, and this test would say so
    assert partial_ratio_bound(first, second) >= fuzz.partial_ratio(first, second) - 1e-9


def test_partial_ratio_bound_on_quotes_of_one_statement():
    first = "kami sepakat untuk segera bertemu dan membahas perdamaian di ukraina"
    second = "kedua pemimpin sepakat untuk segera bertemu membahas perdamaian"
    assert partial_ratio_bound(first, second) >= fuzz.partial_ratio(first, second)
    assert partial_ratio_bound("", "apa") == 100.0


# ---------------------------------------------------------------- a statement reprinted widely


@pytest.mark.parametrize("page_rows", [150, 2], ids=["one-page", "split"])
def test_a_widely_reprinted_statement_links_a_few_reports_and_counts_the_rest(tmp_path, page_rows):
    """Every page of a cluster listed all its other reports: quadratic in the cluster's size."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    source = seeds / "001_9a7b23e9b3520c9b.txt"
    text = source.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    reprints = MAX_OTHER_REPORTS + 3
    for n in range(reprints):
        (seeds / f"001_reprint_{n:02}.txt").write_text(text.replace(first, f"{first} ({n})", 1), encoding="utf-8")
    digest, pages = generate(Options(seeds, page_rows=page_rows))
    pages = dict(pages)
    widely = [refs for refs in digest.clusters.values() if len(refs) > MAX_OTHER_REPORTS + 1]
    assert widely
    for members in widely:
        slug, index = members[0]
        anchor = digest.by_slug[slug].quotes[index].anchor
        body = pages[f"articles/{slug}.md"].split(f'id="{anchor}"', 1)[1]
        also = next(line for line in body.splitlines() if 'class="dg-also"' in line)
        links = re.findall(r'href="([^"]*)"', also)
        assert len(links) <= MAX_OTHER_REPORTS * 2 + 2  # a paragraph may hold two reprinted quotes
        assert f"{len(members) - 1 - MAX_OTHER_REPORTS} lainnya" in also
        more = [link for link in links if "quotes" in link][0]
        cluster = more.split("#")[1]
        quotes_page = digest.cluster_page(members)
        assert more == relative_url(f"articles/{slug}.md", f"{quotes_page}#{cluster}")
        assert f'id="{cluster}"' in pages[quotes_page]
