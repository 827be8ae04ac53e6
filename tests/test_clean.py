"""Boilerplate and structure rules of generator.ingest.clean (with .lines and .datelines)."""

from __future__ import annotations

from textwrap import dedent

import pytest

from generator.ingest.clean import clean_text
from generator.ingest.datelines import match_dateline
from generator.ingest.lines import is_alias_line, line_reason
from generator.ingest.article import outlet_aliases
from generator.core.knowledge import load_outlets

ALIASES = outlet_aliases(load_outlets())
LEAD = "Presiden Rusia Vladimir Putin dan Presiden Amerika Serikat Donald Trump sepakat untuk segera bertemu."
BODY = "Juru bicara Kremlin Dmitry Peskov mengatakan kedua pemimpin memiliki banyak hal untuk dibicarakan."
MORE = "Trump sebelumnya menyebut Arab Saudi sebagai tempat yang mungkin untuk pertemuan pertama mereka."


def clean(text: str):
    return clean_text(dedent(text).strip("\n"), ALIASES)


def texts(cleaned) -> list[str]:
    return [block.text for block in cleaned.blocks]


def reasons(cleaned) -> list[tuple[str, str]]:
    return [(r.text, r.reason) for r in cleaned.removed]


# --- whole boilerplate lines ------------------------------------------------------------------

@pytest.mark.parametrize("line,reason", [
    ("ADVERTISEMENT", "advertisement"),
    ("SCROLL TO CONTINUE WITH CONTENT", "advertisement"),
    ("Hide Ads", "advertisement"),
    ("Advertisement · Scroll to continue", "advertisement"),
    ("Back to top button", "navigation"),
    ("Scroll to Top", "navigation"),
    ("Lihat Foto", "navigation"),
    ("Halaman 1 2 3", "navigation"),
    ("(Foto: AFP)", "photo caption"),
    ("Foto: istimewa", "photo caption"),
    ("Donald Trump dan Vladimir Putin (Foto: AFP)", "photo caption"),
    ("FOTO/ANTARA/Hafidz Mubarak A", "photo caption"),
    ("ANTARA FOTO/Hafidz Mubarak A/tom", "photo caption"),
    ("Ilustrasi. (Foto: Shutterstock)", "photo caption"),
    ("Presiden Rusia Vladimir Putin. (REUTERS/Maxim Shemetov)", "photo caption"),
    ("Sumber gambar, Getty Images", "photo caption"),
    ("![](https://koran-jakarta.com/img/site-logo-white.png)", "image"),
    ("Editor: Irawan Sapto Adhi", "byline"),
    ("Penulis: Bayu Galih Permana | Editor: Irawan Sapto Adhi", "byline"),
    ("Reporter: Nabila Azzahra Putri", "byline"),
    ("Reporting by Gleb Ivanov; Editing by Daniel Hart", "byline"),
    ("Copyright © 2025 Kompas.com", "copyright"),
    ("Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com di Google News", "promo"),
    ("Simak juga video 'Trump dan Putin Bicara 90 Menit'", "promo"),
    ("[Gambas:Video CNN]", "promo"),
    ("Bagikan", "share prompt"),
    ("Facebook Twitter WhatsApp Telegram", "share prompt"),
    ("Tulis komentar", "comment prompt"),
    ("Baca juga: Trump Sebut Ukraina Tak Mungkin Kembali ke Perbatasan 2014", "related links"),
    ("Sumber : Epochtimes.com", "source line"),
    ("Artikel ini telah tayang di Kompas.com dengan judul \"Putin Undang Trump\"", "source line"),
    ("(ita/ita)", "editor code"),
    ("(*)", "editor code"),
    ("Kamis, 13 Feb 2025 17:57 WIB", "date line"),
], ids=lambda v: v[:40])
def test_boilerplate_lines(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Oleh karena itu, Kremlin meminta agar pertemuan segera digelar.",
    "By the time the call ended, both leaders had agreed to meet.",
    "Terkait hal itu, Peskov menolak memberikan rincian lebih lanjut.",
    "Sumber itu mengatakan pertemuan bisa digelar bulan depan.",
    "Akses internet ke aplikasi Telegram di Rusia dibatasi sejak pekan lalu, kata pejabat setempat.",
    "Putin dan Trump bertemu di Helsinki pada 2018 (AFP/Reuters).",
    "Percakapan Publik Pertama Trump-Putin Sejak Trump Menjabat Kembali",
    "Peskov mengatakan pertemuan itu akan digelar pada 20 Februari 2025 di Riyadh.",
], ids=lambda v: v[:30])
def test_article_lines_are_not_boilerplate(line):
    assert line_reason(line) is None


# --- dateline ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,place,brand", [
    ("MOSKOW – Panggilan telepon antara kedua presiden", "MOSKOW", None),
    ("Washington - Presiden Amerika Serikat", "Washington", None),
    ("JAKARTA, KOMPAS.com - Kremlin pada Kamis", "JAKARTA", "KOMPAS.com"),
    ("Jakarta, CNN Indonesia -- Istana Kremlin menyatakan", "Jakarta", "CNN Indonesia"),
    ("WASHINGTON (Reuters) - The Kremlin said", "WASHINGTON", "Reuters"),
    ("MOSCOW, Feb 13 (Reuters) - The Kremlin said", "MOSCOW", "Reuters"),
    ("Jakarta (ANTARA) - Presiden Amerika Serikat", "Jakarta", "ANTARA"),
    ("NEW YORK (AP) — President Donald Trump", "NEW YORK", "AP"),
    ("Liputan6.com, Jakarta - Pemerintah Rusia", "Jakarta", "Liputan6.com"),
    ("TEMPO.CO, Jakarta - Presiden Amerika Serikat", "Jakarta", "TEMPO.CO"),
    ("Bisnis.com, JAKARTA — Harga minyak", "JAKARTA", "Bisnis.com"),
    ("ETIndonesia. Kremlin pada Rabu mengumumkan", None, "ETIndonesia"),
    ("Jakarta -", "Jakarta", None),
    ("**BEIRUT, KOMPAS.com** - Israel mengisyaratkan", "BEIRUT", "KOMPAS.com"),
    ("**JAKARTA, KOMPAS.com -** Presiden partai itu", "JAKARTA", "KOMPAS.com"),
    ("Liputan6.com, Bandung Wali Kota Bandung meresmikan", "Bandung", "Liputan6.com"),
    ("Jakarta, CNN Indonesia -- Direktorat Siber", "Jakarta", "CNN Indonesia"),
], ids=lambda v: str(v)[:30])
def test_datelines(text, place, brand):
    found = match_dateline(text, ALIASES)
    assert found is not None and found[:2] == (place, brand)


@pytest.mark.parametrize("text", [
    "Putin-Trump bertemu di Riyadh pekan depan",
    "Presiden Joko Widodo - yang baru kembali dari Beijing - mengatakan",
    "Donald Trump - presiden AS - mengatakan",
    "U.S. President Donald Trump said on Wednesday",
    "Jakarta. Kota ini menjadi tuan rumah",
    "Kremlin pada Rabu mengumumkan bahwa Putin mengundang Trump",
    "Jakarta, Bandung dan Surabaya menjadi tuan rumah",
], ids=lambda v: v[:30])
def test_not_datelines(text):
    assert match_dateline(text, ALIASES) is None


def test_dateline_is_stripped_from_the_lead():
    cleaned = clean(f"""
        Judul Berita yang Cukup Panjang di Sini
        JAKARTA, KOMPAS.com - {LEAD}
        {BODY}
        """)
    assert texts(cleaned)[0] == LEAD
    assert cleaned.dateline.place == "JAKARTA" and cleaned.dateline.brand == "KOMPAS.com"
    assert ("JAKARTA, KOMPAS.com -", "dateline") in reasons(cleaned)


def test_standalone_dateline_belongs_to_the_next_paragraph():
    cleaned = clean(f"""
        Judul Berita yang Cukup Panjang di Sini

        Jakarta -

        {LEAD}
        """)
    assert texts(cleaned) == [LEAD] and cleaned.dateline.place == "Jakarta"


def test_caption_glued_to_dateline_is_split():
    cleaned = clean(f"""
        Judul Berita yang Cukup Panjang di Sini
        Foto: ANTARA/Hafidz MubarakWashington - {LEAD}
        """)
    assert texts(cleaned) == [LEAD]
    assert ("Foto: ANTARA/Hafidz Mubarak", "photo caption") in reasons(cleaned)
    assert cleaned.dateline.place == "Washington"


# --- editor codes and the article's end -------------------------------------------------------

@pytest.mark.parametrize("code", ["(ita/ita)", "(jhon)", "(nvc/nvc)", "(ant)", "(*)", "(RN/ZM)"])
def test_editor_code_at_paragraph_end_is_cut(code):
    cleaned = clean(f"""
        {LEAD}
        {BODY} {code}
        """)
    assert texts(cleaned) == [LEAD, BODY] and (code, "editor code") in reasons(cleaned)


@pytest.mark.parametrize("ending", ["(AS)", "(NATO)", "(CIA)"])
def test_acronym_at_paragraph_end_is_kept(ending):
    cleaned = clean(f"""
        {LEAD}
        Peskov mengatakan pertemuan itu penting bagi Amerika Serikat. {ending}
        """)
    assert texts(cleaned)[-1].endswith(ending)


def test_everything_after_the_editor_code_is_removed():
    cleaned = clean(f"""
        {LEAD}

        {BODY}

        (ita/ita)
        Hoegeng Awards 2025
        Baca kisah inspiratif kandidat polisi teladan di sini
        Ajang penghargaan persembahan detikcom bersama Polri kepada sosok polisi teladan. Baca kisah di sini.
        """)
    assert texts(cleaned) == [LEAD, BODY]
    assert [reason for _, reason in reasons(cleaned)] == ["editor code", "promo", "promo", "promo"]


def test_trailing_author_blurb_and_widgets_are_removed():
    cleaned = clean(f"""
        {LEAD}

        {BODY}

        Guntur Wibowo adalah seorang penulis di situs Media Massa Podme. Podme.id adalah portal berita.

        Berita Terkait

        Back to top button
        """)
    assert texts(cleaned) == [LEAD, BODY]
    assert [reason for _, reason in reasons(cleaned)] == ["author blurb", "related links", "navigation"]


def test_blurb_like_sentence_inside_the_article_is_kept():
    sentence = "Jamal Khashoggi adalah seorang jurnalis Arab Saudi yang dibunuh di Istanbul pada 2018."
    cleaned = clean(f"""
        {LEAD}
        {sentence}
        {BODY}
        """)
    assert sentence in texts(cleaned)


# --- link lists -------------------------------------------------------------------------------

def test_related_header_removes_the_link_titles_after_it():
    cleaned = clean(f"""
        {LEAD}

        Baca juga:
        Trump Sebut Ukraina Tak Mungkin Kembali ke Perbatasan 2014

        {BODY}
        """)
    assert texts(cleaned) == [LEAD, BODY]
    assert reasons(cleaned) == [("Baca juga:", "related links"),
                                ("Trump Sebut Ukraina Tak Mungkin Kembali ke Perbatasan 2014", "related links")]


def test_trending_list_is_removed_but_article_list_is_kept():
    cleaned = clean(f"""
        {LEAD}
        Berikut poin-poin penting dari pernyataan Peskov:
          1. Panggilan Telepon sebagai Awal: Panggilan ini dianggap sebagai titik awal.
          2. Instruksi untuk Tim: Para presiden telah menginstruksikan tim mereka.
        {BODY}
        Berita Trending
        - 1 Masih Jadi Misteri Besar, Kementerian Kebudayaan Dorong Riset
        - 2 Cap Go Meh representasi nilai kebudayaan yang beragam di Bengkayang
        """)
    items = [(b.kind, b.ordered, b.number) for b in cleaned.blocks if b.kind == "item"]
    assert items == [("item", True, 1), ("item", True, 2)]
    assert [reason for _, reason in reasons(cleaned)] == ["trending list"] * 3


# --- structure --------------------------------------------------------------------------------

def test_short_line_between_paragraphs_is_a_heading():
    cleaned = clean(f"""
        {LEAD}
        Percakapan Publik Pertama Sejak Trump Menjabat
        {BODY}
        """)
    assert [b.kind for b in cleaned.blocks] == ["paragraph", "heading", "paragraph"]


@pytest.mark.parametrize("line,kind", [
    ("Berikut poin-poin pentingnya:", "paragraph"),
    ("## Latar Belakang", "heading"),
    ("**Reaksi Ukraina**", "heading"),
    ("• Perang di Ukraina.", "item"),
    ("- Situasi di Timur Tengah", "item"),
    ("3) Pertukaran tahanan", "item"),
])
def test_block_kinds(line, kind):
    cleaned = clean(f"""
        {LEAD}
        {line}
        {BODY}
        """)
    assert cleaned.blocks[1].kind == kind


def test_bullets_are_unordered_and_numbers_ordered():
    cleaned = clean(f"""
        {LEAD}
        • Perang di Ukraina.
        12. Situasi di Timur Tengah.
        """)
    assert [(b.ordered, b.number, b.text) for b in cleaned.blocks[1:]] == [
        (False, None, "Perang di Ukraina."), (True, 12, "Situasi di Timur Tengah.")]


def test_anchors_follow_body_order_over_all_blocks():
    cleaned = clean(f"""
        {LEAD}
        Subjudul di Tengah Artikel
        {BODY}
        - butir pertama
        {MORE}
        """)
    assert [b.anchor for b in cleaned.blocks] == ["p1", "p2", "p3", "p4", "p5"]


def test_block_lines_point_into_the_seed():
    cleaned = clean(f"""
        Judul Berita yang Cukup Panjang di Sini

        {LEAD}

        {BODY}
        """)
    assert [b.line for b in cleaned.blocks] == [3, 5]


def test_wrapped_continuation_lines_are_joined():
    cleaned = clean(f"""
        {LEAD}
        Peskov mengatakan kedua pemimpin
        memiliki banyak hal untuk dibicarakan dalam pertemuan mendatang.
        """)
    assert texts(cleaned)[1] == ("Peskov mengatakan kedua pemimpin memiliki banyak hal untuk dibicarakan "
                                 "dalam pertemuan mendatang.")


# --- header -----------------------------------------------------------------------------------

def test_header_lines_get_their_reasons():
    cleaned = clean(f"""
        Internasional
        Kremlin: Pertemuan Putin dan Trump Harus Segera Digelar
        Kremlin: Pertemuan Putin dan Trump Harus Segera Digelar
        Rita Uli Hutapea - detikNews
        Kamis, 13 Feb 2025 17:57 WIB
        Trump dan Putin
        {LEAD}
        """)
    assert reasons(cleaned) == [
        ("Internasional", "section"),
        ("Kremlin: Pertemuan Putin dan Trump Harus Segera Digelar", "title"),
        ("Kremlin: Pertemuan Putin dan Trump Harus Segera Digelar", "duplicate title"),
        ("Rita Uli Hutapea - detikNews", "byline"),
        ("Kamis, 13 Feb 2025 17:57 WIB", "date line"),
        ("Trump dan Putin", "photo caption"),
    ]


def test_bare_name_beside_the_date_is_a_byline():
    cleaned = clean(f"""
        Kremlin says Trump-Putin summit needs to happen soon
        Pjotr Sauer
        Thu 13 Feb 2025 10.47 GMT
        {LEAD}
        """)
    assert ("Pjotr Sauer", "byline") in reasons(cleaned)


def test_first_line_that_is_body_has_no_title():
    cleaned = clean(f"""
        ETIndonesia. {LEAD}
        {BODY}
        """)
    assert texts(cleaned) == [LEAD, BODY] and "title" not in [r for _, r in reasons(cleaned)]


def test_article_without_body_like_lines_starts_after_the_title():
    cleaned = clean("""
        Kremlin Sebut Pertemuan Perlu Segera
        Putin dan Trump akan bertemu.
        """)
    assert texts(cleaned) == ["Putin dan Trump akan bertemu."]


@pytest.mark.parametrize("line, expected", [
    ("CNN Indonesia", True),
    ("ANTARA | REUTERS", True),
    ("(Reuters/AFP).", True),
    ("| ANTARA", True),
    ("Reuters dan AFP", True),
    ("Jakarta | ANTARA", False),
    ("ANTARA | Jakarta", False),
    ("", False),
    ("( . )", False),
    (LEAD, False),
], ids=lambda v: str(v)[:20])
def test_is_alias_line(line, expected):
    assert is_alias_line(line, ALIASES) is expected


# --- real-article families --------------------------------------------------------------------

@pytest.mark.parametrize("line,reason", [
    ("ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT", "advertisement"),
    ("| author      | Ratna Dewi Lestari |", "metadata table"),
    ("|-------------|---------------|", "metadata table"),
    ("[img.2]", "image"),
    ("null", "navigation"),
    ("Sumber: ,", "byline"),
    ("Simak obrolan selengkapnya dalam podcast Gaspol, tayang perdana malam ini.", "promo"),
    ("Aksi damai itu dihadiri ratusan pemuda. Foto: dok. Panitia", "photo caption"),
    ("Diadaptasi oleh Rina Lestari dan Tomi Aditya", "byline"),
], ids=lambda v: str(v)[:30])
def test_real_layout_lines(line, reason):
    assert line_reason(line) == reason


def test_a_field_table_moves_the_body_after_it_and_the_teaser_is_not_the_lead():
    cleaned = clean(f"""
        # Judul Berita yang Cukup Panjang di Sini

        Ringkasan berita ini ditulis dalam satu kalimat yang cukup panjang untuk dibaca.

        | Field | Value |
        |-------|-------|
        | author | Ratna Dewi |

        **JAKARTA, KOMPAS.com** - {LEAD}

        {BODY}
        """)
    assert texts(cleaned) == [LEAD, BODY]
    assert ("Ringkasan berita ini ditulis dalam satu kalimat yang cukup panjang untuk dibaca.", "teaser") in reasons(cleaned)


def test_a_capitalised_sign_off_after_the_last_paragraph_is_a_byline():
    cleaned = clean(f"""
        Judul Berita yang Cukup Panjang di Sini
        {LEAD}
        {BODY}
        RATNA DEWI LESTARI
        """)
    assert ("RATNA DEWI LESTARI", "byline") in reasons(cleaned)


def test_a_reporter_line_glued_to_the_lead_is_cut_off():
    cleaned = clean(f"""
        Judul Berita yang Cukup Panjang di Sini
        Laporan Wartawan Tribunnews.com, Yohanes Pardede TRIBUNNEWS.COM, MEDAN - {LEAD} {BODY}
        """)
    assert texts(cleaned) == [f"{LEAD} {BODY}"]
    assert ("Laporan Wartawan Tribunnews.com, Yohanes Pardede", "byline") in reasons(cleaned)
    assert cleaned.dateline.place == "MEDAN"
