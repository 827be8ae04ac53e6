"""Flattened pages, tokenised spacing and Markdown escapes (generator.flattened)."""

from __future__ import annotations

import pytest

from generator.ingest.flattened import (is_tokenised, read_flattened, respace, split_flattened, split_headline,
                                 unescape_markdown)

SENTENCE = "Petugas masih memeriksa lokasi kejadian bersama warga sekitar sejak pagi hari ini ."


@pytest.mark.parametrize("raw,printed", [
    ('" Kami siap , " kata dia .', '"Kami siap," kata dia.'),
    ("Selasa ( 4 / 3 / 2025 ) malam", "Selasa (4/3/2025) malam"),
    ("tegas nya , lalu UU - nya", "tegasnya, lalu UU-nya"),
    ("TEMPO . CO , Jakarta -", "TEMPO.CO, Jakarta -"),
    ("Editor ' s picks", "Editor's picks"),
], ids=["quotes-and-commas", "date", "clitic", "spaced-domain", "apostrophe"])
def test_respace_writes_tokenised_text_as_printed(raw, printed):
    assert respace(raw) == printed


def test_only_text_that_spaces_most_of_its_marks_is_tokenised():
    assert is_tokenised("Ia datang , lalu pergi . Kami menunggu , lalu pulang . Hujan turun , deras .")
    assert not is_tokenised("Ia datang, lalu pergi. Kami menunggu, lalu pulang. Presiden Donald Trump .")


def test_markdown_escapes_are_undone_and_counted():
    assert unescape_markdown('kata dia,\\" lalu \\[img.2\\]') == ('kata dia," lalu [img.2]', "\\\\\\")


@pytest.mark.parametrize("text,headline", [
    ("Banjir Bandang Terjang Tiga Desa , Ribuan Warga Terpaksa Mengungsi Petugas masih mencari korban .",
     "Banjir Bandang Terjang Tiga Desa , Ribuan Warga Terpaksa Mengungsi"),
    ("Gubernur Resmikan Jalan Tol Baru di Pesisir Selatan Saat ditanya soal biaya , ia diam .",
     "Gubernur Resmikan Jalan Tol Baru di Pesisir Selatan"),
    ("Harga Beras Melonjak , Pedagang Keluhkan Sepi Pembeli Kapolda Jateng Irjen Budi Santosa mengatakan hal itu .",
     "Harga Beras Melonjak , Pedagang Keluhkan Sepi Pembeli"),
], ids=["before-a-name", "before-an-opener", "before-a-role"])
def test_a_headline_between_sentences_is_split_off(text, headline):
    assert split_headline(text)[0] == headline


@pytest.mark.parametrize("text", [
    "Camat Sukamaju , Rudi Hartono Sinaga mengatakan jembatan itu putus .",
    "Ketua Asosiasi Petani Garam Rakyat Abdul Karim Mansyur mengatakan harga anjlok .",
    "Direktur Yayasan Lembaga Bantuan Hukum ( YLBHI ) Asfinawati mengatakan hal itu .",
    "12 Tahun 2011 dan Peraturan Tata Tertib DPR .",
], ids=["apposition", "title-and-name", "parentheses", "ends-with-full-stop"])
def test_a_sentence_opening_with_capitals_is_no_headline(text):
    # A headline ending in three capitalised words after a comma ("…, Ribuan Warga Mengungsi
    # Petugas masih …") reads the same as a title and a name; the sentence is kept then.
    assert split_headline(text) is None


def test_lost_line_breaks_start_new_pieces():
    line = f"{SENTENCE}Berita Sebelumnya Terkait Banjir Besar{SENTENCE[:-2]}.,Reporter: Ani Lestari,Sumber: ,"
    pieces = split_flattened(line)
    assert [piece.hard for piece in pieces] == [True, True, True, True, True]
    assert pieces[-2].text == "Reporter: Ani Lestari,"


def test_a_flattened_line_is_read_into_kept_and_removed_parts():
    line = " ".join([SENTENCE] * 12 + ["Lihat juga : Gempa Guncang Pesisir , Warga Panik Petugas segera datang .",
                                       SENTENCE, "( abc / xyz )"])
    parts, joiners = read_flattened(line, tokenised=True)
    removed = [(part.text, part.reason) for part in parts if part.reason]
    assert removed == [("Lihat juga: Gempa Guncang Pesisir, Warga Panik", "related links")]
    assert parts[-1].text == "(abc/xyz)" and parts[-1].reason is None  # an editor code: clean decides
    assert joiners == ""
