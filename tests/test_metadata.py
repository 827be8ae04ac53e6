"""Metadata recognisers (ingest.timestamps, .credits, .outlets) and extraction with provenance (.metadata)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from generator.core.knowledge import load_data, load_outlets
from generator.ingest.credits import CREDIT_PARTS, is_credit_line, match_blurb, match_credit, match_source, parse_byline
from generator.ingest.metadata import Dateline, detect_language, extract_metadata, infer_title
from generator.ingest.outlets import index_outlets, name_from_host, outlet_from_url
from generator.ingest.timestamps import DATE, DATE_NOISE, ZONE, is_date_line, parse_published
from generator.core.models import INFERRED, TEXT, UNKNOWN, Block, Field, Removed

OUTLETS = load_outlets()
INDEX = index_outlets(OUTLETS)
LEAD = Block("paragraph", "Presiden Rusia Vladimir Putin dan Presiden AS Donald Trump sepakat untuk bertemu.", 9, "p1")


# --- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Kamis, 13 Feb 2025 17:57 WIB", "2025-02-13T17:57:00+07:00"),
    ("13/02/2025, 17:57 WIB", "2025-02-13T17:57:00+07:00"),
    ("Kamis, 13 Februari 2025 | 17:57 WIB", "2025-02-13T17:57:00+07:00"),
    ("Kamis, 13 Februari 2025 | 08.15 WITA", "2025-02-13T08:15:00+08:00"),
    ("Jumat, 14 Feb 2025 09:00 WIT", "2025-02-14T09:00:00+09:00"),
    ("Diterbitkan 13 Feb 2025", "2025-02-13"),
    ("February 13, 2025 5:57 PM UTC", "2025-02-13T17:57:00+00:00"),
    ("Updated 5:57 PM GMT+7, February 13, 2025", "2025-02-13T17:57:00+07:00"),
    ("Thu 13 Feb 2025 10.47 GMT", "2025-02-13T10:47:00+00:00"),
    ("2025-02-13T17:57:00+07:00", "2025-02-13T17:57:00+07:00"),
    ("Feb. 13, 2025 12:05 a.m. EST", "2025-02-13T00:05:00-05:00"),
    ("13 Februari 2025 17:57", "2025-02-13"),  # no zone: the date alone
    ("31 Februari 2025", None),
    ("Kamis sore", None),
], ids=lambda v: str(v))
def test_parse_published(text, expected):
    assert parse_published(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Kamis, 13 Feb 2025 17:57 WIB", True),
    ("Kompas.com - 13/02/2025, 17:57 WIB", True),
    ("Diperbarui 13 Feb 2025, 19:20 WIB", True),
    ("February 13, 2025 11:02 AM UTC Updated 2 hours ago", True),
    ("Putin dan Trump Bicara pada 12 Februari 2025", False),
    ("Rita Uli Hutapea - detikNews | Kamis, 13 Feb 2025 17:57 WIB", False),
    ("Kremlin menyatakan bahwa pertemuan itu digelar 13/02/2025 di Riyadh.", False),
], ids=lambda v: str(v)[:30])
def test_is_date_line(text, expected):
    assert is_date_line(text) is expected


# Pieces of date lines, their near misses and odd letters the patterns fold ("ſ" is an "s").
DATE_PIECES = st.sampled_from([
    "Kamis", "Jum'at", "13", "Feb", "Feb.", "Februari", "2025", "13/02/2025", "2025-02-13", "17:57", "10.30",
    "WIB", "GMT+7", "+07:00", "Z", "a.m.", "PM", "Diperbarui", "pukul", "12th", "at5", "|", "-", ",",
    "Kompas.com", "Presiden", "Jakarta", "ſenin", "KST", "ÉTÉ", "x", "dari", "lalu", "2", "hours", "ago",
])


def date_line_by_patterns(text: str) -> bool:
    """is_date_line without its shortcut: the three substitutions, then the residue count."""
    if not DATE.search(text):
        return False
    return len(DATE_NOISE.sub(" ", ZONE.sub(" ", DATE.sub(" ", text))).split()) <= 2


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(DATE_PIECES, st.sampled_from(["", " ", ", ", "/"])), min_size=1, max_size=7))
def test_is_date_line_shortcut_agrees_with_the_patterns(pieces):
    text = "".join(piece + glue for piece, glue in pieces)
    for line in (text, text.upper()):
        assert is_date_line(line) is date_line_by_patterns(line)


CREDIT_PIECES = st.sampled_from([
    "Penulis:", "Editor:", "Reporting by", "Editing by", "oleh", "By", "Andi Rahman", "X", "Tim Redaksi",
    "|", ";", " ", "  ", ",", "di Jakarta", "Laporan wartawan kompas.com", "Kompas.com", "Foto:",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(CREDIT_PIECES, min_size=1, max_size=7))
def test_is_credit_line_shortcut_agrees_with_splitting_every_part(pieces):
    text = " ".join(pieces)
    parts = [part for part in CREDIT_PARTS.split(text.strip()) if part]
    assert is_credit_line(text) is (bool(parts) and all(match_credit(part) for part in parts))


# --- bylines, blurbs, sources -----------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Rita Uli Hutapea - detikNews", ("Rita Uli Hutapea", "detikNews")),
    ("Rita Uli Hutapea - detikNews | Kamis, 13 Feb 2025 17:57 WIB", ("Rita Uli Hutapea", "detikNews")),
    ("Penulis: Bayu Galih Permana | Editor: Irawan Sapto Adhi", ("Bayu Galih Permana", None)),
    ("Oleh: Andreas Kurniawan", ("Andreas Kurniawan", None)),
    ("Oleh Tanti Wulandari", ("Tanti Wulandari", None)),
    ("By Gleb Ivanov and Anna Morozova", ("Gleb Ivanov and Anna Morozova", None)),
    ("By ZEKE MILLER", ("Zeke Miller", None)),
    ("Reporter: Nabila Azzahra Putri", ("Nabila Azzahra Putri", None)),
    ("Pewarta: Dewi Lestari Kusuma", ("Dewi Lestari Kusuma", None)),
    ("Laporan Wartawan Tribunnews.com, Wahyu Santoso", ("Wahyu Santoso", None)),
    ("Reporting by Gleb Ivanov in Moscow; Editing by Daniel Hart", ("Gleb Ivanov", None)),
    ("Editor: Sita Rahmawati", (None, None)),
    ("Penulis: Tim Redaksi", (None, None)),
    ("Trump dan Putin", None),
    ("Kremlin: Pertemuan Putin dan Trump Harus Segera Digelar", None),
], ids=lambda v: str(v)[:30])
def test_parse_byline(text, expected):
    assert parse_byline(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Guntur Wibowo adalah seorang penulis di situs Media Massa Podme. Podme.id adalah portal berita "
     "informasi dan aplikasi podcast gaya hidup dan hiburan terdepan di Indonesia.", ("Guntur Wibowo", "Podme")),
    ("Podme.id adalah portal berita informasi dan aplikasi podcast.", (None, "Podme.id")),
    ("Jane Doe is a staff writer for Politico covering Europe.", ("Jane Doe", "Politico")),
    ("Peskov adalah juru bicara Kremlin sejak 2008.", None),
], ids=["podme", "site", "english", "not-a-blurb"])
def test_match_blurb(text, expected):
    assert match_blurb(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Sumber : Epochtimes.com", "Epochtimes.com"),
    ("Sumber: Antara, Reuters", "Antara, Reuters"),
    ("Artikel ini telah tayang di Kompas.com dengan judul \"Putin Undang Trump\"", "Kompas.com"),
    ("This article was originally published by The Conversation.", "The Conversation"),
    ("Sumber foto: Reuters", None),
    ("Sumber itu mengatakan pertemuan bisa digelar bulan depan.", None),
], ids=lambda v: str(v)[:25])
def test_match_source(text, expected):
    assert match_source(text) == expected


# --- outlets ----------------------------------------------------------------------------------

@pytest.mark.parametrize("host,expected", [
    ("koran-jakarta.com", "Koran Jakarta"),
    ("cdn.beritabaru.co.id", "Beritabaru"),
    ("www.harianjogja.com", "Harianjogja"),
    ("i0.wp.com", None),
    ("lh3.googleusercontent.com", None),
])
def test_name_from_host(host, expected):
    assert name_from_host(host) == expected


@pytest.mark.parametrize("url,expected", [
    ("https://koran-jakarta.com/img/site-logo-white.png", Field("Koran Jakarta", INFERRED)),
    ("https://news.detik.com/berita/d-123/rusia", Field("detikNews", INFERRED)),
    ("https://sport.detik.com/x", Field("detikSport", INFERRED)),  # a channel known by its host
    ("https://20.detik.com/x", Field("detikNews", INFERRED)),  # else the parent domain's outlet
    ("https://img.beritasatu.com/logo.png", Field("Beritasatu", INFERRED)),
    ("https://cdn.unknownnews.id/logo.png", Field("Unknownnews", INFERRED)),
    ("https://i0.wp.com/logo.png", UNKNOWN),
], ids=lambda v: str(v)[8:30])
def test_outlet_from_url(url, expected):
    assert outlet_from_url(url, INDEX) == expected


def test_short_aliases_match_in_their_own_case_only():
    removed = (Removed(2, "Kremlin says meeting needed", "title"), Removed(3, "Reporting in the ap region", "byline"))
    meta = extract_metadata(removed, (LEAD,), None, OUTLETS)
    assert meta.outlet == UNKNOWN


# --- extraction -------------------------------------------------------------------------------

def header(*lines: tuple[str, str]) -> tuple[Removed, ...]:
    return tuple(Removed(number, text, reason) for number, (text, reason) in enumerate(lines, 1))


def test_extract_from_a_detik_header():
    removed = header(("Rusia: Pertemuan Putin-Trump Perlu Diadakan Segera", "title"),
                     ("Rita Uli Hutapea - detikNews", "byline"),
                     ("Kamis, 13 Feb 2025 17:57 WIB", "date line"),
                     ("(ita/ita)", "editor code"))
    meta = extract_metadata(removed, (LEAD,), Dateline("Jakarta", "Jakarta", None, 9), OUTLETS)
    assert meta.title == Field("Rusia: Pertemuan Putin-Trump Perlu Diadakan Segera", TEXT)
    assert meta.outlet == Field("detikNews", TEXT)
    assert meta.author == Field("Rita Uli Hutapea", TEXT)  # the byline beats the editor code
    assert meta.published == Field("2025-02-13T17:57:00+07:00", TEXT)
    assert meta.dateline == Field("Jakarta", TEXT)


def test_editor_code_is_the_author_only_without_a_byline():
    meta = extract_metadata(header(("(jhon)", "editor code")), (LEAD,), None, OUTLETS)
    assert meta.author == Field("jhon", TEXT)


def test_published_prefers_the_publication_over_the_update():
    removed = header(("Judul Berita", "title"), ("Diperbarui 13 Feb 2025, 19:20 WIB", "date line"),
                     ("Diterbitkan 13 Feb 2025, 18:45 WIB", "date line"))
    assert extract_metadata(removed, (LEAD,), None, OUTLETS).published.value == "2025-02-13T18:45:00+07:00"


def test_dates_after_the_header_are_not_the_publication():
    late = Removed(40, "Kamis, 20 Feb 2025 10:00 WIB", "date line")
    assert extract_metadata((late,), (LEAD,), None, OUTLETS).published == UNKNOWN


def test_dateline_brand_gives_the_outlet_and_source_line_the_original():
    removed = (Removed(20, "Sumber : Epochtimes.com", "source line"),)
    meta = extract_metadata(removed, (LEAD,), Dateline("ETIndonesia", None, "ETIndonesia", 1), OUTLETS)
    assert meta.outlet == Field("ETIndonesia", TEXT)
    assert meta.original_source == Field("Epoch Times", TEXT)


def test_agency_dateline_under_another_outlet_is_the_original_source():
    removed = header(("Judul Berita Republika", "title"), ("Republika.co.id", "byline"))
    meta = extract_metadata(removed, (LEAD,), Dateline("Jakarta (ANTARA)", "Jakarta", "ANTARA", 9), OUTLETS)
    assert (meta.outlet, meta.original_source) == (Field("Republika", TEXT), Field("Antara", TEXT))


def test_source_equal_to_the_outlet_is_not_an_original_source():
    meta = extract_metadata((Removed(30, "Sumber: ANTARA", "source line"),), (LEAD,),
                            Dateline("Jakarta (ANTARA)", "Jakarta", "ANTARA", 9), OUTLETS)
    assert (meta.outlet.value, meta.original_source) == ("Antara", UNKNOWN)


def test_unknown_byline_brand_is_kept_as_written():
    removed = header(("Judul Berita Daerah", "title"), ("Ahmad Fauzi - RadarBogor", "byline"))
    assert extract_metadata(removed, (LEAD,), None, OUTLETS).outlet == Field("RadarBogor", TEXT)


def test_section_is_the_last_breadcrumb():
    removed = header(("Home > News > Internasional", "section"), ("Judul Berita", "title"))
    assert extract_metadata(removed, (LEAD,), None, OUTLETS).section == Field("Internasional", TEXT)


def test_title_is_inferred_without_a_title_line():
    assert extract_metadata((), (LEAD,), None, OUTLETS).title == Field(
        "Presiden Rusia Vladimir Putin dan Presiden AS Donald Trump sepakat untuk bertemu", INFERRED)


@pytest.mark.parametrize("lead,expected", [
    ("Kremlin pada Rabu (12 Februari 2025) mengumumkan bahwa Presiden Rusia Vladimir Putin telah mengundang "
     "Presiden AS Donald Trump untuk berkunjung ke Moskow. Pada hari yang sama, keduanya berbicara.",
     "Kremlin pada Rabu mengumumkan bahwa Presiden Rusia Vladimir Putin telah mengundang Presiden AS Donald Trump"),
    ("Trump bertemu Putin. Keduanya berbicara.", "Trump bertemu Putin"),
    ("The Kremlin said on Thursday that a meeting between Putin and Trump should be organised soon, but that no "
     "date or venue had yet been agreed by either side.",
     "The Kremlin said on Thursday that a meeting between Putin and Trump should be organised soon"),
], ids=["000-lead", "short", "english-comma"])
def test_infer_title(lead, expected):
    assert infer_title(lead) == expected


@pytest.mark.parametrize("text,expected", [
    ("Presiden Rusia mengatakan bahwa pertemuan itu akan digelar di Moskow dengan para pejabat yang hadir.",
     Field("id", INFERRED)),
    ("The Kremlin said that the meeting would be held in Moscow with the officials who have been invited.",
     Field("en", INFERRED)),
    ("Putin Trump Moskow", UNKNOWN),
], ids=["id", "en", "too-short"])
def test_detect_language(text, expected):
    assert detect_language(text) == expected


# --- the outlets data -------------------------------------------------------------------------

def test_outlet_ids_and_aliases_are_unique():
    owners = {}
    for outlet in OUTLETS:
        for key in {k.casefold() for k in (outlet.name, *outlet.aliases)}:
            owners.setdefault(key, []).append(outlet.id)
    assert len({o.id for o in OUTLETS}) == len(OUTLETS)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


@pytest.mark.parametrize("name", [
    "detikNews", "Kompas", "CNN Indonesia", "Tempo", "Antara", "Liputan6", "Kumparan", "Tribunnews", "Okezone",
    "Sindonews", "Republika", "Suara.com", "IDN Times", "CNBC Indonesia", "Bisnis Indonesia", "Katadata", "Tirto",
    "Merdeka.com", "VIVA", "Jawa Pos", "Media Indonesia", "Koran Jakarta", "Podme", "ETIndonesia",
    "BBC News Indonesia", "VOA Indonesia", "Kontan", "The Jakarta Post", "Jakarta Globe", "Epoch Times", "CNN",
    "BBC", "Al Jazeera", "NHK", "The New York Times", "The Washington Post", "The Guardian",
])
def test_outlet_is_known(name):
    outlet = next((o for o in OUTLETS if o.name == name), None)
    assert outlet is not None and outlet.url and outlet.aliases


@pytest.mark.parametrize("name", [
    "Reuters", "Associated Press", "AFP", "TASS", "RIA Novosti", "Interfax", "Xinhua", "Antara", "Bloomberg",
    "Sputnik", "Yonhap", "Kyodo News",
])
def test_agency_is_flagged(name):
    assert next(o for o in OUTLETS if o.name == name).agency


def test_boilerplate_data_has_every_table():
    assert set(load_data("boilerplate.yml")) >= {
        "lines", "link_headers", "inline_link_prefixes", "editor_code", "credits", "source_lines", "blurbs",
        "section_labels"}


# --- real-article families --------------------------------------------------------------------

@pytest.mark.parametrize("title,expected,outlet", [
    ("Jokowi Ungkap Alasan Pindah Ibu Kota ...", "Jokowi Ungkap Alasan Pindah Ibu Kota", None),
    ("3 Alasan Ibu Kota Harus Pindah Halaman all - Kompas ...", "3 Alasan Ibu Kota Harus Pindah", "Kompas"),
    ("Menolak Pelemahan KPK - Kolom Tempo.co", "Menolak Pelemahan KPK", "Tempo"),
    ("Putin-Trump: Pertemuan Segera - Jawaban Kremlin", "Putin-Trump: Pertemuan Segera - Jawaban Kremlin", None),
], ids=["ellipsis", "all-pages", "site-suffix-names-the-outlet", "a-dash-in-the-title-stays"])
def test_title_decorations_are_dropped(title, expected, outlet):
    meta = extract_metadata(header((title, "title")), (LEAD,), None, OUTLETS)
    assert (meta.title, meta.outlet.value) == (Field(expected, TEXT), outlet)


@pytest.mark.parametrize("removed,author", [
    ((("| author      | Ratna Dewi Lestari |", "metadata table"),), "Ratna Dewi Lestari"),
    ((("| editor      | Bambang Sutejo |", "metadata table"),), None),
    ((("MAYA AYU PUSPITA", "byline"),), "Maya Ayu Puspita"),
    ((("Laporan Wartawan Tribunnews.com, Yohanes Pardede", "byline"),), "Yohanes Pardede"),
    ((("Diadaptasi oleh Rina Lestari dan Tomi Aditya", "byline"),), "Rina Lestari dan Tomi Aditya"),
], ids=["field-table", "table-editor-is-no-author", "capitalised-sign-off", "reporter-line", "adapted-by"])
def test_author_from_real_layouts(removed, author):
    assert extract_metadata(header(*removed), (LEAD,), None, OUTLETS).author.value == author


@pytest.mark.parametrize("text,outlet", [
    ("Dari pantauan detikSport, para pendukung tuan rumah pulang lebih awal.", "detikSport"),
    ("Dilansir detikNews dari AFP, jumlah massa terus bertambah.", None),
], ids=["own-reporting", "a-sister-brand-quoted-is-a-source"])
def test_outlet_named_as_the_one_who_watched(text, outlet):
    meta = extract_metadata(header(("Judul Berita Olahraga Hari Ini", "title")),
                            (Block("paragraph", text, 3, "p1"),), None, OUTLETS)
    assert meta.outlet.value == outlet


def test_an_editor_code_with_a_domain_names_the_outlet():
    removed = header(("Judul Berita Politik Hari Ini", "title"), ("(tirto.id - Politik)", "editor code"))
    assert extract_metadata(removed, (LEAD,), None, OUTLETS).outlet == Field("Tirto", TEXT)


def test_a_source_line_in_another_language_names_no_publisher():
    assert match_source("Artikel ini pertama kali terbit dalam bahasa Inggris") is None
