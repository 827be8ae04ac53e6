"""dates.py: date expressions in Indonesian and English, resolution, story date, display."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from generator.annotate.date_patterns import vocabulary
from generator.annotate.dates import find_dates, format_date, infer_story_date, match_block
from generator.link.years import resolve_digest_years
from generator.core.models import INFERRED, TEXT, Article, Block, Field, Metadata, SeedFile

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dates"


def blocks(*paragraphs: str) -> tuple[Block, ...]:
    """Blocks p1, p2, ... of the given paragraphs."""
    return tuple(Block("paragraph", text, n, f"p{n}") for n, text in enumerate(paragraphs, 1))


def fixture_blocks(name: str) -> tuple[Block, ...]:
    """The paragraphs (separated by blank lines) of a fixture article."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return blocks(*(p.strip() for p in text.split("\n\n") if p.strip()))


def found(text: str, reference: dt.date | None = None, language: str = "id",
          context: dt.date | None = None) -> list[tuple[str, str | None, str, bool]]:
    """(text, value, precision, relative) of every date in one paragraph."""
    return [(d.text, d.value, d.precision, d.relative)
            for d in find_dates(blocks(text), reference, language, context=context)]


FEB13 = dt.date(2025, 2, 13)


# ---------------------------------------------------------------- absolute expressions


@pytest.mark.parametrize("text, expected", [
    ("Kremlin pada Rabu (12 Februari 2025) mengumumkan", [("Rabu (12 Februari 2025)", "2025-02-12", "day", False)]),
    ("pada tanggal 12 Februari 2025 telah", [("12 Februari 2025", "2025-02-12", "day", False)]),
    ("Dilansir AFP, Kamis (13/2/2025), Trump", [("Kamis (13/2/2025)", "2025-02-13", "day", False)]),
    ("Kamis, 13 Feb 2025 17:57 WIB", [("Kamis, 13 Feb 2025", "2025-02-13", "day", False)]),
    ("sejak eskalasi konflik pada Februari 2022.", [("Februari 2022", "2022-02", "month", False)]),
    ("di Jenewa pada Juni 2021.", [("Juni 2021", "2021-06", "month", False)]),
    ("NATO kembali ke perbatasannya tahun 1997 --", [("tahun 1997", "1997", "year", False)]),
    ("Sebelum melancarkan serangan pada tahun 2022, Moskow", [("tahun 2022", "2022", "year", False)]),
    ("Ekonomi tumbuh sejak 2014 dan", [("2014", "2014", "year", False)]),
    ("Kompas: pada Senin (10/3/2025) malam", [("Senin (10/3/2025)", "2025-03-10", "day", False)]),
    ("tanggal ISO 2025-02-12 di data", [("2025-02-12", "2025-02-12", "day", False)]),
    ("pertemuan 12-13 Februari 2025", [("12-13 Februari 2025", "2025-02-12", "day", False)]),
], ids=["weekday-full", "tanggal", "weekday-numeric-year", "detik-dateline", "month-year", "juni",
        "tahun", "pada-tahun", "sejak-year", "kompas", "iso", "day-range"])
def test_absolute_indonesian(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("on February 12, 2025, the Kremlin", [("February 12, 2025", "2025-02-12", "day", False)]),
    ("Wednesday, February 12, 2025", [("Wednesday, February 12, 2025", "2025-02-12", "day", False)]),
    ("since February 2022, days before", [("February 2022", "2022-02", "month", False)]),
    ("the 12th of February 2025 summit", [("12th of February 2025", "2025-02-12", "day", False)]),
    ("a vote in 2022 showed", [("2022", "2022", "year", False)]),
], ids=["month-day-year", "weekday-month-day", "month-year", "ordinal", "in-year"])
def test_absolute_english(text, expected):
    assert found(text, language="en") == expected


@pytest.mark.parametrize("text", [
    "Putin memerintahkan pasukan memasuki Ukraina.",
    "Kamis, 13 Feb 2025 pukul 17:57 WIB"[19:],
    "About 2/3 of the votes were counted.",
    "Sebanyak 1997 orang hadir.",
    "pada 2000 orang peserta",
    "Hoegeng Awards 2025 menampilkan 30 kandidat",
    "di RT 12 Desa Sukamaju",
    "The figures may be revised and a march was held.",
    "harga Rp 1.250.000 pada pukul 10.30",
    "nomor 13/2 bukan tanggal",
    "pada tahun 1990-an",
    "dalam beberapa minggu ke depan",
], ids=["ukraina", "time", "fraction", "count", "count-after-cue", "award-name", "desa", "may-march",
        "money-time", "bare-day-month-number", "decade", "minggu-as-week"])
def test_not_a_date(text):
    assert found(text) == []


def test_false_positive_fixture_has_no_dates():
    assert find_dates(fixture_blocks("false_positives.txt"), FEB13) == ()


# ---------------------------------------------------------------- years left out


@pytest.mark.parametrize("paragraphs, reference, expected", [
    (("Putin dilantik pada 20 Januari.",), FEB13, "2025-01-20"),
    (("Parade Kemenangan pada 9 Mei mendatang.",), FEB13, "2025-05-09"),
    (("Rapat digelar pada 5 Maret lalu.",), dt.date(2025, 3, 6), "2025-03-05"),
    (("Rapat digelar pada 5 Maret lalu.",), dt.date(2025, 3, 1), "2024-03-05"),
    (("Kunjungan pada 20 Desember mendatang.",), dt.date(2025, 1, 10), "2025-12-20"),
    (("Sejak 20 Desember.",), dt.date(2025, 1, 10), "2024-12-20"),
    (("Trump berbicara pada Rabu (12/2).", "Kremlin, Kamis (13/2/2025), menyatakan"), None, "2025-02-12"),
    (("Trump dilantik pada 20 Januari.", "Kremlin pada Rabu (12 Februari 2025)."), None, "2025-01-20"),
], ids=["from-reference", "mendatang", "lalu", "lalu-last-year", "mendatang-next-year", "nearest-year",
        "from-later-stated-date", "from-earlier-stated-date"])
def test_year_from_context(paragraphs, reference, expected):
    dates = find_dates(blocks(*paragraphs), reference)
    assert dates[0].value == expected


def test_year_unknown_without_any_context_stays_none():
    (date,) = find_dates(blocks("kata Trump pada Rabu (12/2)."), None)
    assert (date.value, date.precision) == (None, "day")


@pytest.mark.parametrize("context, expected", [
    (dt.date(2025, 3, 1), "2025-02-12"),
    (dt.date(2023, 9, 1), "2025-02-12"),
    (dt.date(2021, 6, 1), "2020-02-12"),
], ids=["same-year", "weekday-picks-nearest-later", "weekday-picks-nearest-earlier"])
def test_weekday_picks_year_nearest_the_context(context, expected):
    # 12 February is a Wednesday in 2014, 2020 and 2025.
    (date,) = find_dates(blocks("kata Trump pada Rabu (12/2)."), None, context=context)
    assert date.value == expected


@pytest.mark.parametrize("ceiling, expected", [
    (dt.date(2025, 2, 11), "2020-02-12"),
    (dt.date(2025, 2, 12), "2025-02-12"),
    (None, "2025-02-12"),
], ids=["never-after-the-latest-stated-day", "the-latest-day-itself", "no-ceiling"])
def test_a_year_from_the_context_never_puts_a_date_after_the_digest_latest_day(ceiling, expected):
    # Against a 2026 context, Wednesday 12 February fits 2025 (nearest) and 2020: a digest whose
    # latest stated day is 11 February 2025 reports no day after it.
    (date,) = find_dates(blocks("kata Trump pada Rabu (12/2)."), None, context=dt.date(2026, 1, 1), ceiling=ceiling)
    assert date.value == expected


def test_a_month_with_its_year_anchors_the_year_of_a_day_without_one():
    # The article names "Mei 2020" and no full date: "Rabu (1/7)" is 1 July 2020, not the
    # 2026 a digest of recent articles would suggest (1 July is a Wednesday in both).
    dates = find_dates(blocks("Kunjungan turis pada Mei 2020 turun.", "kata dia, Rabu (1/7)."), None,
                       context=dt.date(2026, 5, 1))
    assert [d.value for d in dates] == ["2020-05", "2020-07-01"]


def test_weekday_slip_next_to_stated_date_keeps_the_stated_year():
    # 12/2/2024 was a Monday: the writer's weekday is wrong, the year of the article wins.
    dates = find_dates(blocks("Pada Rabu (12/2) dan Selasa (13/2/2024)."), None)
    assert dates[0].value == "2024-02-12"


# ---------------------------------------------------------------- relative expressions


@pytest.mark.parametrize("paragraphs, reference, expected", [
    (("Kremlin pada Rabu (12 Februari 2025). Pada hari yang sama, Putin berbicara.",), None,
     ("hari yang sama", "2025-02-12", "day")),
    (("Kremlin pada Kamis (13/2) setelah panggilan telepon sehari sebelumnya.",), FEB13,
     ("sehari sebelumnya", "2025-02-12", "day")),
    (("Kremlin pada Rabu (12 Februari 2025).", "Pada Rabu siang waktu AS, Trump menyatakan"), None,
     ("Rabu siang", "2025-02-12", "day")),
    (("Trump mengatakan kemarin bahwa",), FEB13, ("kemarin", "2025-02-12", "day")),
    (("Hari ini Peskov berkata",), FEB13, ("Hari ini", "2025-02-13", "day")),
    (("bertemu minggu depan",), FEB13, ("minggu depan", "2025-02", "month")),
    (("bertemu pekan depan",), dt.date(2025, 2, 27), ("pekan depan", "2025-03", "month")),
    (("dibahas bulan lalu",), FEB13, ("bulan lalu", "2025-01", "month")),
    (("terjadi tiga hari lalu",), FEB13, ("tiga hari lalu", "2025-02-10", "day")),
    (("Sebelumnya, Trump mengatakan pada hari Rabu (12/2)",), FEB13, ("hari Rabu (12/2)", "2025-02-12", "day")),
], ids=["hari-yang-sama", "sehari-sebelumnya", "weekday-from-stated", "kemarin", "hari-ini",
        "minggu-depan", "week-across-months", "bulan-lalu", "n-hari-lalu", "hari-rabu"])
def test_relative_indonesian(paragraphs, reference, expected):
    dates = find_dates(blocks(*paragraphs), reference)
    match = next(d for d in dates if d.text == expected[0])
    assert (match.text, match.value, match.precision) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Kremlin said on Thursday that", ("Thursday", "2025-02-13")),
    ("Trump said Wednesday that", ("Wednesday", "2025-02-12")),
    ("They spoke last Thursday.", ("last Thursday", "2025-02-06")),
    ("They will meet next Monday.", ("next Monday", "2025-02-17")),
    ("AP: Putin spoke on Feb. 12 with Trump", ("Feb. 12", "2025-02-12")),
    ("MOSCOW, Feb 13 (Reuters) - The Kremlin", ("Feb 13", "2025-02-13")),
    ("Talks were held yesterday.", ("yesterday", "2025-02-12")),
    ("It happened three days ago.", ("three days ago", "2025-02-10")),
], ids=["on-weekday", "bare-weekday", "last-weekday", "next-weekday", "ap-abbreviation", "reuters-dateline",
        "yesterday", "days-ago"])
def test_english_wire(text, expected):
    dates = find_dates(blocks(text), FEB13, "en")
    assert [(d.text, d.value) for d in dates] == [expected]


def test_relative_is_marked_and_absolute_is_not():
    dates = find_dates(blocks("Pada Kamis (13/2) Kremlin berbicara, sehari sebelumnya Trump menelepon."), FEB13)
    assert [d.relative for d in dates] == [False, True]


@pytest.mark.parametrize("text", [
    "Putin dan Trump akan bertemu minggu depan.",
    "Kemarin Trump berbicara.",
    "Pada hari yang sama, Putin berbicara.",
], ids=["deictic-without-reference", "kemarin-without-reference", "anaphora-without-antecedent"])
def test_unresolvable_relative_keeps_none(text):
    (date,) = find_dates(blocks(text), None)
    assert date.value is None and date.relative


def test_anaphora_after_a_month_precision_date_is_not_guessed():
    dates = find_dates(blocks("Pada Februari 2022 ia menelepon. Sehari sebelumnya, Biden berbicara."), None)
    assert [d.value for d in dates] == ["2022-02", None]


# ---------------------------------------------------------------- other outlets


@pytest.mark.parametrize("name, reference, language, expected", [
    ("kompas_weekday_full_date.txt", None, "id",
     [("Senin (10/3/2025)", "2025-03-10"), ("Sehari sebelumnya", "2025-03-09"), ("pekan depan", None),
      ("Oktober 2024", "2024-10"), ("20 Oktober 2024", "2024-10-20")]),
    ("reuters_wire_weekdays.txt", FEB13, "en",
     [("Feb 13", "2025-02-13"), ("Thursday", "2025-02-13"), ("Wednesday", "2025-02-12"),
      ("February 2022", "2022-02"), ("Jan. 20", "2025-01-20"), ("next week", "2025-02")]),
    ("tempo_lalu.txt", dt.date(2025, 3, 6), "id",
     [("Kamis, 6 Maret 2025", "2025-03-06"), ("5 Maret lalu", "2025-03-05"), ("20 Maret mendatang", "2025-03-20"),
      ("tahun ini", "2025"), ("tahun lalu", "2024")]),
    ("antara_weekday_no_year.txt", dt.date(2025, 2, 19), "id",
     [("Rabu (19/2)", "2025-02-19"), ("Rabu", "2025-02-19"), ("Sehari sebelumnya", "2025-02-18"),
      ("Januari 2025", "2025-01"), ("Selasa (18/3)", "2025-03-18"), ("Rabu (19/3)", "2025-03-19")]),
], ids=["kompas", "reuters", "tempo", "antara"])
def test_outlet_fixtures(name, reference, language, expected):
    dates = find_dates(fixture_blocks(name), reference, language)
    assert [(d.text, d.value) for d in dates] == expected


def test_offsets_point_into_block_text():
    text_blocks = fixture_blocks("kompas_weekday_full_date.txt")
    by_anchor = {block.anchor: block.text for block in text_blocks}
    for date in find_dates(text_blocks, None):
        assert by_anchor[date.anchor][date.start:date.end] == date.text


# ---------------------------------------------------------------- story date


def sample_articles() -> dict[str, tuple[tuple[Block, ...], str | None]]:
    """Blocks and publication date of each sample seed, from the real ingest when it exists."""
    try:
        from generator.ingest.article import ingest
        from generator.core.knowledge import load_outlets
    except ImportError:  # before the ingest stage existed: one block per long line
        return {path.name[:3]: (blocks(*(line for line in path.read_text().splitlines()
                                         if len(line.split()) >= 8)), None)
                for path in sorted(SEEDS.glob("*.txt"))}
    result = {}
    for path in sorted(SEEDS.glob("*.txt")):
        article = ingest(SeedFile(path.name, path.read_bytes()), load_outlets())
        result[path.name[:3]] = (article.blocks, article.meta.published.value)
    return result


@pytest.fixture(scope="module")
def samples():
    return sample_articles()


@pytest.mark.parametrize("sample, expected", [
    ("000", {"2025-02-12"}),
    ("001", {"2025-02-12"}),
    ("002", {"2025-02-13", "2025-02-12"}),
    ("004", {None}),
], ids=["000-rabu-full-date", "001-tanggal", "002-kamis", "004-background-only"])
def test_story_date_of_samples(samples, sample, expected):
    article_blocks, published = samples[sample]
    story = infer_story_date(article_blocks, find_dates(article_blocks, None), published)
    assert story.value in expected


def test_story_date_of_sample_003_comes_from_the_digest_context(samples):
    article_blocks, published = samples["003"]
    dates = find_dates(article_blocks, None, context=dt.date(2025, 2, 12))
    assert infer_story_date(article_blocks, dates, published).value in {"2025-02-12", "2025-02-13"}


@pytest.mark.parametrize("paragraphs, published, expected", [
    (("Kremlin pada Rabu (12 Februari 2025) mengumumkan.",), None, Field("2025-02-12", TEXT)),
    (("Trump mengatakan kemarin bahwa ia menelepon Putin.",), "2025-02-13T10:00:00+07:00",
     Field("2025-02-12", INFERRED)),
    (("Trump dilantik pada 20 Januari 2025.", "Pada Rabu (12/2) ia menelepon Putin."),
     "2025-02-13T10:00:00+07:00", Field("2025-02-12", TEXT)),
    (("Sejak 20 Januari 2025 Trump menjabat.",), None, Field()),
    (("Putin akan berkunjung pada 9 Mei 2025.",), None, Field()),
    (("Tanpa tanggal.", "Juga tanpa.", "Masih tanpa.", "Pada 12 Februari 2025 terjadi."), None, Field()),
    (("Kremlin menyatakan pertemuan perlu digelar secepatnya.",), "2025-02-13T18:30:00+07:00",
     Field("2025-02-13", INFERRED)),
], ids=["stated", "relative-is-inferred", "recent-over-older", "background-cue", "announced-cue",
        "not-in-lead", "publication-day-when-the-lead-names-none"])
def test_story_date_rules(paragraphs, published, expected):
    article_blocks = blocks(*paragraphs)
    reference = dt.date.fromisoformat(published[:10]) if published else None
    assert infer_story_date(article_blocks, find_dates(article_blocks, reference), published) == expected


def test_digest_years_resolve_an_article_without_any_year():
    dated = article("a", ("Kremlin pada Rabu (12 Februari 2025) mengumumkan.",))
    yearless = article("b", ("Trump berbicara pada Rabu (12/2).",))
    resolved = {a.file: a for a in resolve_digest_years([dated, yearless])}
    assert resolved["b"].dates[0].value == "2025-02-12"
    assert resolved["b"].meta.story_date == Field("2025-02-12", INFERRED)
    assert resolved["a"] is dated


def article(name: str, paragraphs: tuple[str, ...]) -> Article:
    """An annotated article with its dates and story date, as the annotate stage leaves it."""
    article_blocks = blocks(*paragraphs)
    dates = find_dates(article_blocks, None)
    meta = Metadata(story_date=infer_story_date(article_blocks, dates, None))
    return Article(name, name, "0", meta, article_blocks, dates=dates)


# ---------------------------------------------------------------- display


@pytest.mark.parametrize("value, precision, language, expected", [
    ("2025-02-12", "day", "id", "12 Februari 2025"),
    ("2022-02", "month", "id", "Februari 2022"),
    ("2021", "year", "id", "2021"),
    ("2025-02-12", "day", "en", "12 February 2025"),
    ("2025-05-09", "month", "id", "Mei 2025"),
    ("2025-02", "day", "id", "Februari 2025"),
    ("2025-02-12", "day", "fr", "12 Februari 2025"),
    ("soon", "day", "id", "soon"),
], ids=["day", "month", "year", "english", "coarser-precision", "value-coarser-than-precision",
        "unknown-language", "not-a-date"])
def test_format_date(value, precision, language, expected):
    assert format_date(value, precision, language) == expected


# ---------------------------------------------------------------- speed


def test_one_compiled_pattern_is_cached():
    assert vocabulary() is vocabulary()
    assert vocabulary().pattern.groups < 100


def test_thousands_of_articles_per_second():
    paragraphs = [p for path in sorted(SEEDS.glob("*.txt")) for p in path.read_text().splitlines() if p.strip()]
    article_blocks = blocks(*paragraphs[:40])  # about 8,000 characters, a long article
    find_dates(article_blocks, None)
    start = time.perf_counter()
    for _ in range(200):
        find_dates(article_blocks, None)
    assert time.perf_counter() - start < 2.0  # loose bound for a loaded CI runner; ~0.3 s when idle


def test_matching_a_block_again_gives_the_same_expressions_in_a_new_list():
    block = blocks("Putin dan Trump bertemu pada Rabu (12/2) dan 20 Januari 2025.")[0]
    first = match_block(block, "id")
    first.clear()  # a caller's change must not reach the remembered expressions
    again = match_block(block, "id")
    assert [raw.text for raw in again] == ["Rabu (12/2)", "20 Januari 2025"]
    assert find_dates((block,), None) == find_dates((block,), None)
