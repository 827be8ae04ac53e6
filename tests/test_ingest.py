"""Ingest: decoding, the five samples and fixture articles in other outlets' layouts."""

from __future__ import annotations

import codecs
import hashlib
from collections import Counter
from pathlib import Path

import pytest

from generator.core.errors import SourceError
from generator.ingest.article import decode, ingest, looks_binary
from generator.core.knowledge import load_outlets
from generator.core.models import INFERRED, TEXT, UNKNOWN, Field, SeedFile

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
INFER = object()  # expected title: inferred from the lead

FORBIDDEN = ("ADVERTISEMENT", "SCROLL TO CONTINUE", "Hide Ads", "Back to top", "Scroll to Top",
             "Berita Trending", "Foto:", "(ita/ita)", "(jhon)", "Hoegeng", "Podme.id adalah")
# Characters a structure may drop: list markers ("1.", "-", "•") and Markdown marks.
MARKER_CHARS = set("0123456789.)-•*·#")


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def ingest_path(path: Path):
    return ingest(SeedFile(path.name, path.read_bytes()), load_outlets())


# --- the five samples -------------------------------------------------------------------------

SAMPLES = [
    # file, title, outlet, original_source, author, published
    ("000", INFER, "ETIndonesia", "Epoch Times", "jhon", None),
    ("001", "Rusia Ungkap KTT Putin-Trump Segera, Persiapan Dua Negara Dimulai!", "Podme", None,
     "Guntur Wibowo", None),
    ("002", "Rusia: Pertemuan Putin-Trump Perlu Diadakan Segera", "detikNews", None, "Rita Uli Hutapea",
     "2025-02-13T17:57:00+07:00"),
    ("003", "Trump Sebut Amerika Serikat dan Russia Segera Negosiasi Akhiri Perang Ukraina", "Koran Jakarta",
     None, None, None),
    ("004", "Trump Isyaratkan Pertemuan Segera dengan Putin di Tengah Upaya Akhiri Konflik Ukraina", None,
     None, None, None),
]


@pytest.fixture(scope="module")
def samples():
    return {prefix: ingest_path(seed_path(prefix)) for prefix, *_ in SAMPLES}


@pytest.mark.parametrize("prefix,title,outlet,source,author,published", SAMPLES, ids=[s[0] for s in SAMPLES])
def test_sample_metadata(samples, prefix, title, outlet, source, author, published):
    meta = samples[prefix].meta
    if title is INFER:
        assert meta.title.provenance == INFERRED and meta.title.value
    else:
        assert meta.title == Field(title, TEXT)
    assert (meta.outlet.value, meta.original_source.value, meta.author.value, meta.published.value) == (
        outlet, source, author, published)


@pytest.mark.parametrize("prefix,field,value", [
    ("001", "section", "Dunia"),
    ("001", "dateline", "MOSKOW"),
    ("002", "dateline", "Jakarta"),
    ("003", "dateline", "Washington"),
    ("000", "dateline", "ETIndonesia"),
    ("000", "original_source", "Epoch Times"),
    ("002", "outlet", "detikNews"),
], ids=lambda v: str(v))
def test_sample_fields(samples, prefix, field, value):
    assert getattr(samples[prefix].meta, field).value == value


@pytest.mark.parametrize("prefix", [s[0] for s in SAMPLES])
def test_sample_language_is_indonesian(samples, prefix):
    assert samples[prefix].meta.language == Field("id", INFERRED)


@pytest.mark.parametrize("prefix", [s[0] for s in SAMPLES])
def test_sample_blocks_have_no_boilerplate(samples, prefix):
    found = [(block.anchor, bad) for block in samples[prefix].blocks for bad in FORBIDDEN if bad in block.text]
    assert found == []


@pytest.mark.parametrize("prefix", [s[0] for s in SAMPLES])
def test_sample_loses_nothing_silently(samples, prefix):
    assert lost_characters(samples[prefix], seed_path(prefix)) <= MARKER_CHARS


def lost_characters(article, path: Path) -> set[str]:
    """Return the characters of the seed found neither in a block nor in a removed entry."""
    text, _ = decode(path.read_bytes(), path.name)
    kept = "".join(b.text for b in article.blocks) + "".join(r.text for r in article.removed)
    seed = Counter(c for c in text if not c.isspace())
    return set(seed - Counter(c for c in kept if not c.isspace()))


def test_inferred_title_is_a_trimmed_lead(samples):
    title = samples["000"].meta.title.value
    assert title.startswith("Kremlin pada Rabu")
    assert len(title) <= 110 and title[-1].isalnum() and "(" not in title


def test_sample_000_keeps_its_subheading(samples):
    headings = [b.text for b in samples["000"].blocks if b.kind == "heading"]
    assert headings == ["Percakapan Publik Pertama Trump-Putin Sejak Trump Menjabat Kembali"]


def test_sample_001_keeps_its_numbered_list(samples):
    items = [(b.number, b.ordered, b.text.split(":")[0]) for b in samples["001"].blocks if b.kind == "item"]
    assert items == [
        (1, True, "Panggilan Telepon sebagai Awal"),
        (2, True, "Instruksi untuk Tim"),
        (3, True, "Perbedaan Pendekatan Terkait Konflik"),
        (4, True, "Fokus pada Pertemuan Bilateral"),
        (5, True, "Hati-hati dalam Pertukaran Wilayah"),
    ]


@pytest.mark.parametrize("prefix,line_text,reason", [
    ("002", "Rusia: Pertemuan Putin-Trump Perlu Diadakan Segera", "title"),
    ("002", "Rita Uli Hutapea - detikNews", "byline"),
    ("002", "Kamis, 13 Feb 2025 17:57 WIB", "date line"),
    ("002", "Trump dan Putin", "photo caption"),
    ("002", "Donald Trump dan Vladimir Putin (Foto: AFP)", "photo caption"),
    ("002", "(ita/ita)", "editor code"),
    ("002", "Hoegeng Awards 2025", "promo"),
    ("002", "SCROLL TO CONTINUE WITH CONTENT", "advertisement"),
    ("001", "Dunia", "section"),
    ("001", "Berita Terkait", "related links"),
    ("001", "Back to top button", "navigation"),
    ("003", "Foto: istimewa", "photo caption"),
    ("003", "- 1 Masih Jadi Misteri Besar, Kementerian Kebudayaan Dorong Riset Situs Gunung Padang di Cianjur",
     "trending list"),
    ("003", "![](https://koran-jakarta.com/img/site-logo-white.png)", "image"),
    ("000", "(jhon)", "editor code"),
    ("000", "Sumber : Epochtimes.com", "source line"),
    ("000", "ETIndonesia.", "dateline"),
], ids=lambda v: str(v)[:30])
def test_sample_removed_lines_have_reasons(samples, prefix, line_text, reason):
    assert (line_text, reason) in [(r.text, r.reason) for r in samples[prefix].removed]


def test_duplicate_title_is_removed_once(samples):
    reasons = [r.reason for r in samples["002"].removed if r.text.startswith("Rusia: Pertemuan")]
    assert reasons == ["title", "duplicate title"]


def test_author_blurb_is_removed(samples):
    blurbs = [r.text for r in samples["001"].removed if r.reason == "author blurb"]
    assert len(blurbs) == 1 and blurbs[0].startswith("Guntur Wibowo adalah seorang penulis")


def test_caption_glued_to_dateline_keeps_the_lead(samples):
    lead = samples["003"].blocks[0]
    assert lead.text.startswith("Presiden Amerika Serikat (AS) Donald Trump menyatakan") and lead.line == 4


def test_article_shape(samples):
    article, path = samples["002"], seed_path("002")
    assert article.slug == "" and article.file == path.name
    assert article.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [b.anchor for b in article.blocks] == [f"p{n}" for n in range(1, len(article.blocks) + 1)]
    assert [r.line for r in article.removed] == sorted(r.line for r in article.removed)
    for name in ("story_date", "url", "tags", "summary"):
        assert getattr(article.meta, name) == UNKNOWN


# --- fixture articles in other outlets' layouts -----------------------------------------------

FIXTURES = {
    "kompas_with_photo_caption.txt": dict(
        title="Kremlin: Pertemuan Putin dan Trump Harus Segera Digelar", outlet="Kompas", original_source="AFP",
        author="Bayu Galih Permana", published="2025-02-13T17:57:00+07:00", section="Internasional",
        dateline="MOSKWA", language="id"),
    "cnn_indonesia_baca_juga.txt": dict(
        title="Kremlin Sebut Pertemuan Putin-Trump Perlu Digelar Secepatnya", outlet="CNN Indonesia",
        original_source=None, author="blq", published="2025-02-13T18:30:00+07:00", section="Internasional",
        dateline="Jakarta", language="id"),
    "tempo_editor_code.txt": dict(
        title="Trump dan Putin Sepakat Mulai Perundingan Damai Ukraina", outlet="Tempo", original_source="Reuters",
        author="Nabila Azzahra Putri", published="2025-02-13T08:15:00+07:00", section="Internasional",
        dateline="Jakarta", language="id"),
    "antara_dateline.txt": dict(
        title="Trump isyaratkan segera bertemu Putin", outlet="Antara", original_source="Anadolu Agency",
        author="Dewi Lestari Kusuma", published="2025-02-12T23:05:00+07:00", section=None,
        dateline="Washington", language="id"),
    "liputan6_trending.txt": dict(
        title="Kremlin: Putin dan Trump Perlu Bertemu Secepatnya", outlet="Liputan6", original_source=None,
        author="Tanti Wulandari", published="2025-02-13T18:45:00+07:00", section="News",
        dateline="Jakarta", language="id"),
    "reuters_english_wire.txt": dict(
        title="Kremlin says Putin-Trump meeting should happen soon, no date yet", outlet="Reuters",
        original_source=None, author="Gleb Ivanov and Anna Morozova", published="2025-02-13T11:02:00+00:00",
        section="World", dateline="MOSCOW", language="en"),
    "ap_english_byline.txt": dict(
        title="Trump says he expects to meet Putin soon after 'highly productive' call", outlet="Associated Press",
        original_source=None, author="Jane Dolan and Marcus Reilly", published="2025-02-13T17:57:00+07:00",
        section=None, dateline="WASHINGTON", language="en"),
    "tribunnews_republished.txt": dict(
        title="Putin Undang Trump ke Moskow, Kremlin: Pertemuan Harus Segera", outlet="Tribunnews",
        original_source="Kompas", author="Wahyu Santoso", published="2025-02-13T18:10:00+07:00",
        section="Internasional", dateline="TRIBUNNEWS.COM", language="id"),
    "okezone_bullets_and_subheadings.txt": dict(
        title="Deretan Fakta Percakapan Telepon Trump dan Putin", outlet="Okezone", original_source=None,
        author="han", published="2025-02-14T06:05:00+07:00", section=None, dateline="JAKARTA", language="id"),
    "hard_wrapped_wire.txt": dict(
        title="Kremlin says Putin-Trump summit needs careful preparation", outlet="AFP", original_source=None,
        author="Peter Lindgren", published="2025-02-14", section=None, dateline="MOSCOW", language="en"),
    "latin1_encoded.txt": dict(
        title="Macron Dukung Pertemuan Trump dan Putin, Asal Ukraina Dilibatkan", outlet=None,
        original_source=None, author="Andreas Kurniawan", published="2025-02-14T10:20:00+07:00",
        section="Politik", dateline="PARIS", language="id"),
    "cp1252_curly_quotes.txt": dict(
        title="Kremlin Says Trump and Putin Should Meet “As Soon As Possible”", outlet=None, original_source=None,
        author="Hélène Dupré", published="2025-02-13", section=None, dateline="MOSCOW", language="en"),
    # "(AFP/POOL)" under a caption near the top looks like an editor code; the body must survive it.
    "kompas_caption_credit_near_top.txt": dict(
        title="Kremlin Sebut Persiapan KTT Putin-Trump Sudah Dimulai", outlet="Kompas", author=None,
        published="2025-02-14T09:15:00+07:00", section="Internasional", dateline="MOSKWA", language="id"),
    # Real-article families (../shared/corpus): each written for this test, modelled on a layout.
    "kompas_markdown_field_table.txt": dict(
        title="Banjir Rob Rendam Pesisir Utara, Warga Diminta Waspada", outlet="Kompas", original_source=None,
        author="Ratna Dewi Lestari", published=None, dateline="SEMARANG", language="id"),
    "liputan6_dateline_without_dash.txt": dict(
        title="Wali Kota Resmikan Pasar Rakyat Baru, Pedagang Tak Ditarik Retribusi", outlet="Liputan6",
        author=None, published=None, dateline="Bandung", language="id"),
    "detik_tokenised_flattened.txt": dict(
        title="Polisi Selidiki Penyebab Kebakaran Gudang Logistik di", outlet=None, published=None,
        dateline="Jakarta", language="id"),
    "merdeka_flattened_csv.txt": dict(
        title="Harga Cabai Rawit Naik Dua Kali Lipat Jelang Ramadan", outlet=None, author="Lestari Anggraeni",
        published=None, dateline=None, language="id"),
    "tribunnews_reporter_line_flattened.txt": dict(
        title="Jembatan Gantung Putus, Pelajar di Desa Terpencil Harus Memutar 10 Kilometer", outlet="Tribunnews",
        author="Yohanes Pardede", published=None, dateline="MEDAN", language="id"),
    "tempo_tokenised_signoff.txt": dict(
        title="Petani Garam Keluhkan Harga Anjlok Saat Panen Raya", outlet="Tempo", author="Nur Aini Saputri",
        published=None, dateline="Jakarta", language="id"),
}
# Boilerplate of each layout that must not reach a block.
FIXTURE_FORBIDDEN = {
    "kompas_with_photo_caption.txt": ("Baca juga", "Lihat Foto", "AFP/BRENDAN", "Penulis", "Editor",
                                      "Dapatkan update", "WhatsApp Channel", "Tag:", "Komentar", "KOMPAS.com"),
    "cnn_indonesia_baca_juga.txt": ("Bagikan", "url telah", "REUTERS/Maxim", "Baca juga", "Perbatasan 2014",
                                    "ADVERTISEMENT", "(blq/bac)", "Gambas", "CNN Indonesia --"),
    "tempo_editor_code.txt": ("Reporter:", "Editor:", "Pilihan Editor", "REUTERS | AL JAZEERA", "TEMPO.CO"),
    "antara_dateline.txt": ("ANTARA/Anadolu", "Pewarta", "Editor", "Copyright", "Dilarang keras", "(ANTARA)",
                            "Sumber:"),
    "liputan6_trending.txt": ("Diterbitkan", "Diperbarui", "Copy Link", "Batalkan", "Advertisement",
                              "Berita Trending", "Harga Emas", "Terpopuler", "Prabowo", "Liputan6.com"),
    "reuters_english_wire.txt": ("Purchase Licensing", "(Reuters)", "Advertisement", "Sign up", "Reporting by",
                                 "Our Standards", "Updated"),
    "ap_english_byline.txt": ("By JANE", "Updated", "Share", "(AP)", "contributed to this report"),
    "tribunnews_republished.txt": ("zoom-in", "Baca juga", "(Tribunnews.com/Wahyu)", "Artikel ini telah tayang",
                                   "Google News", "Penulis", "TRIBUNNEWS.COM"),
    "okezone_bullets_and_subheadings.txt": ("Okezone.com", "Ilustrasi", "(han)", "Google News", "Tags:",
                                            "Tulis Komentar"),
    "hard_wrapped_wire.txt": ("By Peter", "Copyright", "(AFP)"),
    "latin1_encoded.txt": ("Oleh:", "WIB", "PARIS -"),
    "cp1252_curly_quotes.txt": ("By Hélène", "Thursday, February"),
    "kompas_caption_credit_near_top.txt": ("AFP/POOL", "saat berbicara di Kremlin", "Penulis", "Editor",
                                           "Baca juga", "KOMPAS.com"),
    "kompas_markdown_field_table.txt": ("| author", "|---", "kmp.im", "[img", "[video", "null", "---", "\\",
                                        "KOMPAS.com", "**", "dan warga diminta bersiap"),
    "liputan6_dateline_without_dash.txt": ("Liputan6.com",),
    "detik_tokenised_flattened.txt": ("Gudang Ekspedisi Terbakar", "Simak Video", "Gambas", "(abc/xyz)",
                                      "kebakaran gudang cakung", " ,", " .", "ujar nya"),
    "merdeka_flattened_csv.txt": (".,", "Reporter", "Sumber"),
    "tribunnews_reporter_line_flattened.txt": ("Laporan Wartawan", "Yohanes", "TRIBUNNEWS"),
    "tempo_tokenised_signoff.txt": ("Simak", "Menteri Kelautan Janji", "NUR AINI", "TEMPO", " ,"),
}


@pytest.fixture(scope="module")
def fixtures():
    return {name: ingest_path(ARTICLES / name) for name in FIXTURES}


def test_a_caption_credit_near_the_top_does_not_end_the_article(fixtures):
    article = fixtures["kompas_caption_credit_near_top.txt"]
    assert article.word_count > 90
    assert any("terbuka untuk membahas berbagai isu" in block.text for block in article.blocks)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_metadata(fixtures, name):
    meta = fixtures[name].meta
    assert {field: getattr(meta, field).value for field in FIXTURES[name]} == FIXTURES[name]


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_blocks_have_no_boilerplate(fixtures, name):
    found = [(b.anchor, bad) for b in fixtures[name].blocks for bad in FIXTURE_FORBIDDEN[name] if bad in b.text]
    assert found == []


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_loses_nothing_silently(fixtures, name):
    assert lost_characters(fixtures[name], ARTICLES / name) <= MARKER_CHARS


def test_fixture_structure_keeps_headings_and_bullets(fixtures):
    shape = [(b.kind, b.ordered) for b in fixtures["okezone_bullets_and_subheadings.txt"].blocks]
    assert shape == [("paragraph", False), ("heading", False), ("paragraph", False), ("heading", False),
                     ("paragraph", False), ("item", False), ("item", False), ("item", False),
                     ("heading", False), ("paragraph", False)]


@pytest.mark.parametrize("name,anchor,opening", [
    ("merdeka_flattened_csv.txt", "p2", "Kepala Dinas Perdagangan Provinsi, Yusuf Hamdani"),
    ("detik_tokenised_flattened.txt", "p2", "Darmawan menyebut dugaan sementara"),
    ("tempo_tokenised_signoff.txt", "p2", "Ketua Asosiasi Petani Garam Rakyat Abdul Karim Mansyur mengatakan"),
], ids=["csv-joined", "after-a-related-headline", "after-a-glued-full-stop"])
def test_a_flattened_page_gets_its_paragraphs_back(fixtures, name, anchor, opening):
    assert fixtures[name].block(anchor).text.startswith(opening)


def test_tokenised_text_is_respaced_so_quotes_balance(fixtures):
    article = fixtures["detik_tokenised_flattened.txt"]
    assert '"Semua pekerja sudah keluar sebelum api membesar.' in article.blocks[0].text
    assert "(4/3/2025)" in article.blocks[0].text and article.warnings == ()


def test_hard_wrapped_paragraphs_are_joined(fixtures):
    blocks = fixtures["hard_wrapped_wire.txt"].blocks
    assert len(blocks) == 3
    assert blocks[0].text.startswith("The Kremlin on Friday said") and blocks[0].text.endswith("returned to office.")


@pytest.mark.parametrize("name,encoding", [
    ("latin1_encoded.txt", "cp1252"),
    ("cp1252_curly_quotes.txt", "cp1252"),
])
def test_legacy_encoding_is_a_warning_of_the_article(fixtures, name, encoding):
    (warning,) = fixtures[name].warnings
    assert encoding in warning


def test_utf8_articles_have_no_warnings(fixtures, samples):
    legacy = {"latin1_encoded.txt", "cp1252_curly_quotes.txt"}
    assert [a.file for a in [*fixtures.values(), *samples.values()] if a.warnings and a.file not in legacy] == []


# --- decoding ---------------------------------------------------------------------------------

TEXT_SAMPLE = "Presiden “Putin” bertemu di café\nbaris kedua"


def test_decode_utf8_with_bom_without_warning():
    assert decode(codecs.BOM_UTF8 + TEXT_SAMPLE.encode("utf-8"), "a.txt") == (TEXT_SAMPLE, ())


@pytest.mark.parametrize("data, codec", [
    (TEXT_SAMPLE.encode("utf-16"), "UTF-16"),
    (TEXT_SAMPLE.encode("utf-16-le"), "UTF-16-LE"),
    (TEXT_SAMPLE.encode("utf-16-be"), "UTF-16-BE"),
    (TEXT_SAMPLE.encode("utf-32"), "UTF-32"),
], ids=["utf-16-bom", "utf-16-le-no-bom", "utf-16-be-no-bom", "utf-32-bom"])
def test_decode_wide_unicode_with_a_warning(data, codec):
    text, (warning,) = decode(data, "a.txt")
    assert text == TEXT_SAMPLE
    assert str(warning) == f"a.txt: not UTF-8: decoded as {codec}; save it as UTF-8 for other tools"


@pytest.mark.parametrize("data,expected,encoding", [
    ("café naïve".encode("latin-1"), "café naïve", "cp1252"),
    ("“kutipan”".encode("cp1252"), "“kutipan”", "cp1252"),
    (b"Caf\xe9 \x81", "Café ", "latin-1"),  # 0x81 is undefined in cp1252
], ids=["latin-1", "cp1252-quotes", "latin-1-fallback"])
def test_decode_legacy_encoding_warns(data, expected, encoding):
    text, (warning,) = decode(data, "old.txt")
    assert text == expected
    assert warning.severity == "warning" and warning.file == "old.txt" and encoding in warning.message


def test_decode_repairs_mostly_utf8_text():
    text, (warning,) = decode("Menurut “Kremlin” café".encode() + b" \xff", "x.txt")
    assert text == "Menurut “Kremlin” café \ufffd" and "invalid UTF-8" in warning.message


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"teks\x00biner\x00",
    bytes(range(1, 9)) * 40 + b"sedikit teks",
], ids=["png", "pdf", "nul-bytes", "control-chars"])
def test_decode_binary_is_a_source_error(data):
    with pytest.raises(SourceError, match="binary file, not text") as error:
        decode(data, "gambar.txt")
    assert error.value.diagnostics[0].file == "gambar.txt"


@pytest.mark.parametrize("raw,expected", [
    ("satu\r\ndua\rtiga", "satu\ndua\ntiga"),
    ("Kremlin\u00a0pada\u202fRabu\u2009ini", "Kremlin pada Rabu ini"),
    ("Kre\u200bmlin\u00ad\u200d\ufeff", "Kremlin"),
    ("Pe\u0301skov", "Péskov"),
], ids=["line-ends", "odd-spaces", "invisible", "nfc"])
def test_decode_normalises(raw, expected):
    assert decode(raw.encode("utf-8"), "n.txt")[0] == expected


# --- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\u00a0\u200b\n".encode()], ids=["empty", "blank", "nbsp"])
def test_empty_file_is_a_source_error(data):
    with pytest.raises(SourceError, match="empty file") as error:
        ingest(SeedFile("kosong.txt", data), load_outlets())
    assert str(error.value).startswith("kosong.txt")


def test_only_boilerplate_is_a_source_error():
    with pytest.raises(SourceError, match="no article text left after removing boilerplate") as error:
        ingest_path(ARTICLES / "only_boilerplate.txt")
    assert error.value.diagnostics[0].file == "only_boilerplate.txt"


def test_ingest_works_without_known_outlets():
    article = ingest(SeedFile("x.txt", seed_path("002").read_bytes()), ())
    assert article.meta.outlet == Field("detikNews", TEXT) and article.meta.author.value == "Rita Uli Hutapea"


@pytest.mark.parametrize("data, expected", [
    (b"teks biasa\tdengan tab\r\n", False),
    (b"a" * 98 + b"\x01\x02", False),  # 2% control bytes: still text
    (b"a" * 97 + b"\x01\x02\x1b", True),
    (b"a\x00b", True),
    (b"%PDF-1.7 ...", True),
    (b"", False),
], ids=["text", "two-percent", "three-percent", "nul", "pdf", "empty"])
def test_looks_binary(data, expected):
    assert looks_binary(data) is expected
